/* The audit report's list, filters and drill-down, over the data embedded in the page. */
"use strict";
(() => {
  const PAGE = 50;
  const SEVERITIES = ["error", "warning", "info"];
  const data = JSON.parse(document.getElementById("cd-index").textContent);
  const {rules, authors, sections, articles} = data;
  // Article fields, by position in each compact row.
  const ID = 0, HEADLINE = 1, DATE = 2, AUTHOR = 3, SECTION = 4, COUNT = 5, CODES = 8, ERROR = 9, SCORE = 10;
  let details = null;  // parsed on the first drill-down
  const NONE = "(none)", UNDATED = "(undated)";  // the charts' groups without the metadata

  const $ = (id) => document.getElementById(id);
  const el = CopydeskHighlight.el;

  // Worst first, by the audit's score (errors weigh most), as summary.json's list.
  const worstFirst = articles.map((_, i) => i).sort((a, b) => articles[b][SCORE] - articles[a][SCORE] || a - b);

  const form = $("filters");
  // Articles without a section or author share the empty value: "(none)", as in the charts.
  const fill = (select, values) => values
    .map((value, i) => [value || NONE, i])
    .sort((a, b) => (b[0] === NONE) - (a[0] === NONE) || a[0].localeCompare(b[0]))
    .forEach(([value, i]) => { const o = el("option", "", value); o.value = i; select.appendChild(o); });
  fill(form.rule, rules.map((r) => r.name));
  fill(form.section, sections);
  fill(form.author, authors);

  let shown = worstFirst, page = 0;

  function applyFilters() {
    const rule = form.rule.value === "" ? -1 : +form.rule.value;
    const severity = form.severity.value === "" ? -1 : +form.severity.value;
    const section = form.section.value === "" ? -1 : +form.section.value;
    const author = form.author.value === "" ? -1 : +form.author.value;
    const from = form.from.value, to = form.to.value, undated = form.undated.checked;
    const q = form.q.value.trim().toLowerCase();
    const wanted = (codes) => {
      if (rule < 0 && severity < 0) return true;
      if (rule >= 0 && severity >= 0) return codes.includes(rule * 3 + severity);
      if (rule >= 0) return codes.some((c) => Math.floor(c / 3) === rule);
      return codes.some((c) => c % 3 === severity);
    };
    shown = worstFirst.filter((i) => {
      const a = articles[i];
      return (section < 0 || a[SECTION] === section) && (author < 0 || a[AUTHOR] === author) &&
        (!from || (a[DATE] && a[DATE] >= from)) && (!to || (a[DATE] && a[DATE] <= to)) &&
        (!undated || !a[DATE]) &&
        wanted(a[CODES]) &&
        (!q || a[HEADLINE].toLowerCase().includes(q) || a[ID].toLowerCase().includes(q));
    });
    page = 0;
    draw();
  }

  function count(n, severity) {
    return el("td", "n " + (n ? "n-" + severity : "zero"), n.toLocaleString());
  }

  function draw() {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    $("count").textContent = shown.length === articles.length
      ? `${articles.length.toLocaleString()} articles`
      : `${shown.length.toLocaleString()} of ${articles.length.toLocaleString()} articles match`;
    const body = $("rows");
    body.textContent = "";
    shown.slice(page * PAGE, page * PAGE + PAGE).forEach((i, k) => {
      const a = articles[i];
      const tr = el("tr");
      tr.tabIndex = 0;
      tr.dataset.article = i;
      tr.appendChild(el("td", "n muted", page * PAGE + k + 1));
      const title = el("td");
      title.appendChild(el("div", "headline", a[HEADLINE] || "(no headline)"));
      title.appendChild(el("div", "id", a[ID]));
      if (a[ERROR]) title.appendChild(el("div", "failure", "Could not be checked: " + a[ERROR]));
      tr.append(title, el("td", "date", a[DATE]), el("td", "", sections[a[SECTION]]), el("td", "", authors[a[AUTHOR]]));
      SEVERITIES.forEach((s, j) => tr.appendChild(count(a[COUNT + j], s)));
      const chips = el("td");
      for (const r of new Set(a[CODES].map((c) => Math.floor(c / 3)))) chips.appendChild(el("span", "chip", rules[r].name));
      tr.appendChild(chips);
      body.appendChild(tr);
    });
    $("page").textContent = `page ${page + 1} of ${pages}`;
    $("prev").disabled = page === 0;
    $("next").disabled = page >= pages - 1;
  }

  form.addEventListener("input", applyFilters);
  form.addEventListener("reset", () => setTimeout(applyFilters));
  form.addEventListener("submit", (e) => e.preventDefault());
  $("prev").addEventListener("click", () => { page--; draw(); });
  $("next").addEventListener("click", () => { page++; draw(); });
  $("rows").addEventListener("click", (e) => {
    const tr = e.target.closest("tr");
    if (tr) open(+tr.dataset.article);
  });
  $("rows").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.dataset.article) open(+e.target.dataset.article);
  });

  // A chart's bar filters the list by its rule, section, author or month.
  for (const g of document.querySelectorAll("g[data-filter]")) {
    g.addEventListener("click", () => {
      const {filter, value} = g.dataset;
      form.reset();
      if (filter === "month") {
        const month = /^(\d{4})-(\d{2})$/.exec(value);
        if (month) {
          // Day 0 of the next month is the month's last day.
          const days = new Date(Date.UTC(+month[1], +month[2], 0)).getUTCDate();
          form.from.value = value + "-01";
          form.to.value = `${value}-${days}`;
        } else if (value === UNDATED) {
          form.undated.checked = true;
        }
      } else {
        const select = form[filter];
        const option = [...select.options].find((o) => o.textContent === value);
        if (option) select.value = option.value;
      }
      applyFilters();
      $("articles").scrollIntoView({behavior: "instant"});
    });
  }

  // The drill-down: the article's text with its findings highlighted in place.
  const dialog = $("drill");
  let current = null;

  function open(i) {
    if (!details) details = JSON.parse(document.getElementById("cd-details").textContent);
    const a = articles[i];
    const [fields, findings, texts] = details[i];
    $("d-headline").textContent = a[HEADLINE] || a[ID];
    $("d-meta").textContent = [a[ID], a[DATE], sections[a[SECTION]], authors[a[AUTHOR]]].filter(Boolean).join(" · ");
    const textBox = $("d-text"), side = $("d-findings");
    textBox.textContent = "";
    side.textContent = "";
    const marks = new Map();
    const keep = (m) => m.forEach((v, k) => marks.set(k, v));
    const inContext = (f, k) => {
      const [text, offset, length] = f[8];
      const toUtf16 = CopydeskHighlight.codePointOffsets(text);
      const box = el("div", "article context");
      keep(CopydeskHighlight.render(box, text, [{start: toUtf16(offset), end: toUtf16(offset + length), severity: SEVERITIES[f[1]], key: k}]));
      textBox.appendChild(box);
    };
    if (texts) {
      texts.forEach((text, source) => {
        if (fields.length > 1 || fields[source]) textBox.appendChild(el("div", "source-field", fields[source] || "text"));
        const toUtf16 = CopydeskHighlight.codePointOffsets(text);
        const spans = [];
        findings.forEach((f, k) => {
          if (f[3] === source) spans.push({start: toUtf16(f[4]), end: toUtf16(f[4] + f[5]), severity: SEVERITIES[f[1]], key: k});
        });
        const box = el("div", "article");
        keep(CopydeskHighlight.render(box, text, spans));
        textBox.appendChild(box);
      });
      // Findings on what the text does not show (source -1): in their context, if any.
      findings.forEach((f, k) => { if (f[3] < 0 && f[8]) inContext(f, k); });
    } else if (findings.length) {
      textBox.appendChild(el("p", "note muted",
        "This report keeps the full text of its worst articles only; here each finding is shown in its context."));
      findings.forEach((f, k) => { if (f[8]) inContext(f, k); });
    } else {
      textBox.appendChild(el("p", "muted", a[ERROR] ? `copydesk could not check this article: ${a[ERROR]}` : "No findings."));
    }
    const cards = findings.map((f, k) => {
      const rule = rules[f[0]];
      const card = el("div", "finding");
      card.dataset.key = k;
      const head = el("div");
      head.append(el("span", "sev sev-" + SEVERITIES[f[1]], SEVERITIES[f[1]]), " ", el("span", "rule", rule.name));
      card.append(head, CopydeskHighlight.prose(f[2], "p"));
      if (f[6].length) card.appendChild(el("p", "muted", "Suggested: " + f[6].join(" / ") + (f[7] ? " (safe fix)" : "")));
      const more = el("details");
      more.appendChild(el("summary", "", rule.summary || "About this rule"));
      more.appendChild(CopydeskHighlight.explain(rule.docs));
      card.appendChild(more);
      card.addEventListener("click", (e) => { if (!e.target.closest("details")) choose(k); });
      side.appendChild(card);
      return card;
    });
    textBox.onclick = (e) => {
      const mark = e.target.closest("mark");
      if (mark) choose(+mark.dataset.keys.split(" ")[0]);
    };
    const choose = (k) => {
      current = k;
      CopydeskHighlight.select(textBox, marks, k);
      cards.forEach((c, j) => c.classList.toggle("current", j === k));
      cards[k].scrollIntoView({block: "nearest"});
    };
    dialog.onkeydown = (e) => {
      if (!cards.length || (e.key !== "j" && e.key !== "k")) return;
      choose(current === null ? 0 : (current + (e.key === "j" ? 1 : cards.length - 1)) % cards.length);
    };
    current = null;
    if (!dialog.open) dialog.showModal();
    textBox.scrollTop = 0;
    if (cards.length) choose(0);
  }
  $("d-close").addEventListener("click", () => dialog.close());

  applyFilters();
})();
