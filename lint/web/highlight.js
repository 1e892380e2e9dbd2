/* copydesk's in-place highlighter, shared by the review page and the audit report.
 *
 * The article text is untrusted: it only ever becomes DOM text nodes, never markup.
 * Offsets are UTF-16 code units, as JavaScript strings count; `codePointOffsets`
 * converts findings located in code points (Python's count) once, before rendering.
 */
"use strict";
const CopydeskHighlight = (() => {
  const RANK = {error: 3, warning: 2, info: 1};

  /* A function from code-point offsets in `text` to UTF-16 offsets: each astral
   * character (a surrogate pair) before the offset adds one code unit. */
  function codePointOffsets(text) {
    const astral = [];  // code-point index of each astral character, ascending
    let cp = 0;
    for (let i = 0; i < text.length; i++, cp++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { astral.push(cp); i++; }
      }
    }
    if (!astral.length) return (offset) => offset;
    return (offset) => {
      let lo = 0, hi = astral.length;  // count the astral characters before `offset`
      while (lo < hi) { const mid = (lo + hi) >> 1; if (astral[mid] < offset) lo = mid + 1; else hi = mid; }
      return offset + lo;
    };
  }

  /* Fill `container` with `text`, wrapping each span {start, end, severity, key}
   * (UTF-16 offsets) in <mark> elements. Where spans overlap, the piece gets the
   * most severe span's class and the class `overlap`; an empty span becomes an
   * empty mark at its place. Returns a Map from each span's key to its marks. */
  function render(container, text, spans) {
    container.textContent = "";
    const marks = new Map();
    const events = [];
    spans.forEach((span, i) => {
      const start = Math.max(0, Math.min(text.length, span.start));
      const end = Math.max(start, Math.min(text.length, span.end));
      // At one position: ends, then starts, then the ends of empty spans.
      events.push([start, 1, i], [end, end > start ? 0 : 2, i]);
      marks.set(span.key, []);
    });
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const open = new Set();
    const fragment = document.createDocumentFragment();
    let cursor = 0;
    const mark = (piece, members) => {
      let top = members[0];
      for (const i of members) if ((RANK[spans[i].severity] || 0) > (RANK[spans[top].severity] || 0)) top = i;
      const el = document.createElement("mark");
      el.className = "cd-mark cd-" + (spans[top].severity || "info") +
        (members.length > 1 ? " cd-overlap" : "") + (piece ? "" : " cd-empty");
      el.dataset.keys = members.map((i) => spans[i].key).join(" ");
      if (piece) el.appendChild(document.createTextNode(piece));
      for (const i of members) marks.get(spans[i].key).push(el);
      fragment.appendChild(el);
    };
    for (const [pos, kind, i] of events) {
      if (pos > cursor) {
        const piece = text.slice(cursor, pos);
        if (open.size) mark(piece, [...open]);
        else fragment.appendChild(document.createTextNode(piece));
        cursor = pos;
      }
      if (kind === 1) open.add(i);
      else if (open.delete(i) && !marks.get(spans[i].key).length) mark("", [i]);
    }
    if (cursor < text.length) fragment.appendChild(document.createTextNode(text.slice(cursor)));
    container.appendChild(fragment);
    return marks;
  }

  /* Make the marks of one key current (and no others), and scroll to the first. */
  function select(container, marks, key) {
    for (const el of container.querySelectorAll("mark.cd-current")) el.classList.remove("cd-current");
    const chosen = marks.get(key) || [];
    for (const el of chosen) el.classList.add("cd-current");
    if (chosen.length) chosen[0].scrollIntoView({block: "center", behavior: "instant"});
  }

  /* A new element, with a class and text if given. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* A line of prose as DOM: `code` spans become <code>, line breaks spaces. */
  function prose(text, tag = "span") {
    const box = document.createElement(tag);
    String(text).split("`").forEach((bit, j) => {
      if (j % 2) { const code = document.createElement("code"); code.textContent = bit; box.appendChild(code); }
      else box.appendChild(document.createTextNode(bit.replace(/\s*\n\s*/g, " ")));
    });
    return box;
  }

  /* A rule's documentation (Markdown-ish sections) as DOM: ``` fences become <pre>,
   * the rest prose. */
  function explain(docs) {
    const box = document.createElement("div");
    box.className = "cd-docs";
    for (const [title, body] of Object.entries(docs || {})) {
      const h = document.createElement("h4");
      h.textContent = title;
      box.appendChild(h);
      String(body).split(/```[a-z]*\n?/).forEach((part, i) => {
        if (!part.trim()) return;
        if (i % 2) {
          const pre = document.createElement("pre");
          pre.textContent = part.replace(/\n$/, "");
          box.appendChild(pre);
          return;
        }
        box.appendChild(prose(part.trim(), "p"));
      });
    }
    return box;
  }

  return {codePointOffsets, render, select, el, prose, explain, RANK};
})();
