/* The review page: an article checked through POST /v1/check, its findings highlighted
 * in place, explained, and the safe fixes applied in the page. */
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const el = CopydeskHighlight.el;
  const source = $("source"), view = $("view"), side = $("side"), status = $("status");
  const keysHelp = side.querySelector(".keys");
  const EXTENSIONS = {md: "markdown", markdown: "markdown", html: "html", htm: "html", txt: "text"};
  const state = {text: "", payload: null, findings: [], marks: new Map(), order: [], cards: new Map(), current: -1};
  let rules = {};

  fetch("/v1/rules").then((r) => (r.ok ? r.json() : [])).then((data) => {
    for (const rule of Array.isArray(data) ? data : data.rules || []) rules[rule.name] = rule;
  }).catch(() => {});

  function say(message, isError = false) {
    status.textContent = message;
    status.classList.toggle("error", isError);
  }

  /* The pasted text as a CMS payload (a JSON object), or null for an article text. */
  function payloadOf(text, format) {
    if (format && !["wordpress", "ans", "contentful", "sanity"].includes(format)) return null;
    if (!format && !text.trimStart().startsWith("{")) return null;
    try {
      const value = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (e) {
      return null;
    }
  }

  /* A payload field named as in a finding's location ("content.rendered",
   * "content_elements[3].content"): its parent object and key. */
  function fieldRef(payload, path) {
    const keys = String(path).match(/[^.[\]]+/g) || [];
    let parent = null, key = null, node = payload;
    for (const k of keys) {
      if (node === null || typeof node !== "object") return null;
      parent = node; key = Array.isArray(node) ? +k : k; node = node[key];
    }
    return typeof node === "string" ? {parent, key} : null;
  }

  async function check() {
    if (view.hidden) state.text = source.value;
    if (!state.text.trim()) { say("Paste or drop an article first.", true); return; }
    const format = $("format").value;
    state.payload = payloadOf(state.text, format);
    const body = {content: state.payload || state.text, offset_encoding: "utf-16"};
    if (format) body.format = format;
    say("Checking…");
    const started = performance.now();
    let response, data;
    try {
      response = await fetch("/v1/check", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
      data = await response.json();
    } catch (e) {
      say("The service did not answer: " + e.message, true);
      return;
    }
    if (!response.ok) {
      say((data && data.error && data.error.message) || `The service answered ${response.status}.`, true);
      return;
    }
    state.findings = data.findings || [];
    show(data);
    const n = state.findings.length;
    say(`${n} finding${n === 1 ? "" : "s"} · ${Math.round(performance.now() - started)} ms`);
  }

  function show(data) {
    source.hidden = true;
    view.hidden = false;
    $("edit").hidden = false;
    $("copy").disabled = false;
    state.marks = new Map();
    view.textContent = "";
    const spansBy = new Map();  // field (null for the article text) -> spans
    state.findings.forEach((f, i) => {
      const field = state.payload ? f.location.field : null;
      if (!spansBy.has(field)) spansBy.set(field, []);
      spansBy.get(field).push({start: f.location.offset, end: f.location.offset + f.location.length, severity: f.severity, key: i});
    });
    if (!state.payload) {
      drawText(view, state.text, spansBy.get(null) || []);
    } else {
      if (!spansBy.size) view.appendChild(el("p", "muted", "No findings in this payload's fields."));
      for (const [field, spans] of spansBy) {
        const ref = fieldRef(state.payload, field);
        view.appendChild(el("div", "field", field));
        const box = el("div");
        drawText(box, ref ? ref.parent[ref.key] : "", ref ? spans : []);
        view.appendChild(box);
      }
    }
    drawSide(data);
    view.focus({preventScroll: true});  // the keys move through the findings from here
  }

  function drawText(box, text, spans) {
    CopydeskHighlight.render(box, text, spans).forEach((marks, key) => state.marks.set(key, marks));
  }

  function drawSide(data) {
    side.textContent = "";
    state.cards = new Map();
    const summary = el("div", "summary");
    for (const s of ["error", "warning", "info"]) summary.appendChild(el("span", "sev sev-" + s, `${(data.summary || {})[s] || 0} ${s}`));
    side.appendChild(summary);
    if (data.incomplete) side.appendChild(el("p", "banner", "These findings may be incomplete: " + (data.incomplete_reason || "the check ran out of time.")));
    if (!state.findings.length) side.appendChild(el("p", "empty-state", "No findings: this copy is clean."));
    const groups = new Map();
    state.findings.forEach((f, i) => {
      const key = f.rule + "\u0000" + f.severity;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    });
    const rank = (g) => CopydeskHighlight.RANK[state.findings[g[0]].severity] || 0;
    state.order = [];
    for (const members of [...groups.values()].sort((a, b) => rank(b) - rank(a) || a[0] - b[0])) {
      const first = state.findings[members[0]];
      const group = el("section", "group");
      const h = el("h3");
      h.append(el("span", "sev sev-" + first.severity, first.severity), el("span", "", first.rule), el("span", "count", `× ${members.length}`));
      group.appendChild(h);
      const rule = rules[first.rule];
      if (rule) {
        const more = el("details");
        more.appendChild(el("summary", "", rule.summary || "About this rule"));
        more.appendChild(CopydeskHighlight.explain(rule.docs));
        group.appendChild(more);
      }
      for (const i of members) {
        group.appendChild(card(state.findings[i], i));
        state.order.push(i);
      }
      side.appendChild(group);
    }
    side.appendChild(keysHelp);
    state.current = -1;
    $("fix-all").disabled = !state.findings.some(safe);
  }

  const safe = (f) => Boolean(f.fix && f.fix.safe && f.fix.edits && f.fix.edits.length);

  function card(f, i) {
    const box = el("div", "finding");
    box.appendChild(CopydeskHighlight.prose(f.message, "p"));
    const where = [f.location.field, `line ${f.location.line}, column ${f.location.column}`];
    for (const r of f.related || []) where.push(`${r.message}: line ${r.location.line}`);
    box.appendChild(el("div", "where", where.filter(Boolean).join(" · ")));
    const row = el("div", "fixrow");
    if (f.replacements && f.replacements.length) {
      row.appendChild(el("span", "", "Replace with"));
      for (const r of f.replacements) {
        const use = el("button", "use", r === "" ? "(nothing)" : r);
        use.type = "button";
        use.title = "Replace the highlighted text with this";
        use.addEventListener("click", (e) => {
          e.stopPropagation();
          applyChanges([f], () => [{offset: f.location.offset, length: f.location.length, text: r}]);
        });
        row.appendChild(use);
      }
    }
    if (safe(f)) {
      const button = el("button", "apply primary", "Apply fix");
      button.type = "button";
      button.addEventListener("click", (e) => { e.stopPropagation(); applyFixes([i]); });
      row.appendChild(button);
    }
    if (row.childNodes.length) box.appendChild(row);
    box.addEventListener("click", () => choose(state.order.indexOf(i)));
    state.cards.set(i, box);
    return box;
  }

  function choose(position) {
    if (!state.order.length) return;
    state.current = (position + state.order.length) % state.order.length;
    const i = state.order[state.current];
    CopydeskHighlight.select(view, state.marks, i);
    state.cards.forEach((c, j) => c.classList.toggle("current", j === i));
    state.cards.get(i).scrollIntoView({block: "nearest"});
  }

  /* `text` with non-overlapping edits (UTF-16 offsets) applied, from the end backwards. */
  function applyEdits(text, edits) {
    let out = text, floor = Infinity;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length)) {
      if (e.offset + e.length > floor) continue;  // overlaps an edit already applied
      out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
      floor = e.offset;
    }
    return out;
  }

  function applyFixes(indices) {
    applyChanges(indices.map((i) => state.findings[i]).filter(safe), (f) => f.fix.edits);
  }

  /* Apply the edits `editsOf` gives for each finding (in its own field of a payload),
   * then check the new text. */
  function applyChanges(findings, editsOf) {
    if (!findings.length) return;
    if (!state.payload) {
      state.text = applyEdits(state.text, findings.flatMap(editsOf));
    } else {
      const byField = new Map();
      for (const f of findings) byField.set(f.location.field, (byField.get(f.location.field) || []).concat(editsOf(f)));
      for (const [field, edits] of byField) {
        const ref = fieldRef(state.payload, field);
        if (ref) ref.parent[ref.key] = applyEdits(ref.parent[ref.key], edits);
      }
      state.text = JSON.stringify(state.payload, null, 2);
    }
    source.value = state.text;
    const position = state.current;
    check().then(() => { if (position >= 0) choose(Math.min(position, state.order.length - 1)); });
  }

  function startEditing() {
    source.value = state.text;
    view.hidden = true;
    source.hidden = false;
    $("edit").hidden = true;
    source.focus();
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(state.text);
    } catch (e) {  // no clipboard permission: copy through a selection instead
      const hidden = source.hidden;
      source.value = state.text;
      source.hidden = false;
      source.select();
      document.execCommand("copy");
      source.hidden = hidden;
    }
    say("Corrected text copied.");
  }

  $("check").addEventListener("click", check);
  $("edit").addEventListener("click", startEditing);
  $("fix-all").addEventListener("click", () => applyFixes(state.findings.map((_, i) => i)));
  $("copy").addEventListener("click", copy);
  source.addEventListener("paste", () => setTimeout(check));
  view.addEventListener("click", (e) => {
    const mark = e.target.closest("mark");
    if (mark) choose(state.order.indexOf(+mark.dataset.keys.split(" ")[0]));
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); return; }
    if (e.target === source || e.target.matches("select, input") || view.hidden) return;
    if (e.key === "Enter" && e.target.matches("button, summary")) return;
    if (e.key === "j" || e.key === "ArrowDown") { e.preventDefault(); choose(state.current + 1); }
    else if (e.key === "k" || e.key === "ArrowUp") { e.preventDefault(); choose(state.current - 1); }
    else if (e.key === "Enter" && state.current >= 0) { e.preventDefault(); applyFixes([state.order[state.current]]); }
    else if (e.key === "e") { e.preventDefault(); startEditing(); }
  });
  document.addEventListener("dragover", (e) => { e.preventDefault(); document.body.classList.add("dragging"); });
  document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
  document.addEventListener("drop", async (e) => {
    e.preventDefault();
    document.body.classList.remove("dragging");
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const extension = file.name.split(".").pop().toLowerCase();
    $("format").value = EXTENSIONS[extension] || "";
    source.value = await file.text();
    view.hidden = true;
    check();
  });
})();
