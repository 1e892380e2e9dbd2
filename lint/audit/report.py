"""report.html: the audit as a desk editor reads it, one self-contained page.

The page carries its data as JSON in two `<script type="application/json">` blocks:
an index of every article (metadata, counts, the rule and severity of each
finding), parsed on opening to filter and page through the list; and the details
(findings, and some article texts), parsed on the first drill-down. An article's
text is what copydesk read: the rendered `text` of a markup article (HTML, CMS
payloads; findings at their `rendered` spans), the sources of a text or Markdown one
(findings at their locations). Full texts are kept for the worst articles until
TEXT_BUDGET characters are spent; the others'
findings keep their context lines, which the drill-down highlights instead. The
charts are SVG drawn here, so they cost the page no script.
"""

from __future__ import annotations

import heapq
import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

from lint.audit.tally import SCORE
from lint.registry import default_registry
from lint.web import inline

TEMPLATES = Path(__file__).parent / "templates"

SEVERITIES = ("error", "warning", "info")
TEXT_BUDGET = 4_000_000      # characters of full article text the page carries
CHART_ROWS = 12              # bars in the by-section and by-author charts
BOILERPLATE_ROWS = 10        # house boilerplate shown, the most widespread first


def write_report(out_dir: Path, collection: Collection | None = None) -> Path:
    """Read summary.json and findings.jsonl in `out_dir` (or take the `collection` of
    findings.jsonl already made); write and return out_dir/report.html."""
    out_dir = Path(out_dir)
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    index_json, details_json = (collection or collect(out_dir / "findings.jsonl")).scripts()
    page = _template().render(
        summary=summary,
        charts=_charts(summary),
        index_json=index_json,
        details_json=details_json,
        boilerplate_rows=BOILERPLATE_ROWS,
    )
    path = out_dir / "report.html"
    path.write_text(inline(page, TEMPLATES), encoding="utf-8")
    return path


@cache
def _template() -> Any:
    import jinja2  # heavy: only an audit that writes a report pays for it

    from lint.reporters.text import plural

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = plural
    return env.get_template("report.html")


def _script_json(data: Any) -> Any:
    """JSON safe inside a <script> element: no `<`, `>` or `&` left to end it."""
    from markupsafe import Markup  # comes with jinja2

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class _Table:
    """Interned strings: each distinct value is stored once, articles refer by index."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str) -> int:
        if value not in self._index:
            self._index[value] = len(self.values)
            self.values.append(value)
        return self._index[value]


def _source_of(finding: dict, sources: list[dict]) -> int:
    """Which of the article's source texts a finding's location indexes into."""
    location = finding["location"]
    if isinstance(location.get("source"), int):
        return location["source"]
    field = location.get("field")
    return next((i for i, s in enumerate(sources) if s.get("field") == field), 0)


class Collection:
    """The page's data, gathered one findings.jsonl record at a time: the compact
    index and details, keeping the full texts of the highest-ranked articles that fit
    TEXT_BUDGET (a bounded heap)."""

    def __init__(self) -> None:
        self.rules, self.authors, self.sections = _Table(), _Table(), _Table()
        self.articles: list[list] = []
        self.details: list[list] = []
        self._kept: list[tuple[tuple[int, int], int, int]] = []  # (rank, size, article): a min-heap
        self._kept_size = 0
        self._texts: dict[int, list[str]] = {}  # the kept articles' source texts
        self._scripts: tuple[Any, Any] | None = None

    def add(self, number: int, record: dict) -> None:
        """Take in the record of line `number` (from 0) of findings.jsonl."""
        meta = record.get("metadata") or {}
        rendered = record.get("text")  # markup: the text as it reads (schema 2)
        sources = record.get("sources") or []
        counts = dict.fromkeys(SEVERITIES, 0)
        codes, compact = set(), []
        for f in record.get("findings") or []:
            severity = SEVERITIES.index(f["severity"]) if f["severity"] in SEVERITIES else 2
            counts[SEVERITIES[severity]] += 1
            rule = self.rules(f["rule"])
            codes.add(rule * 3 + severity)
            context = f.get("context")
            if rendered is None:
                location = f["location"]
                where = [_source_of(f, sources), location["offset"], location["length"]]
            else:  # one text, the rendered one; -1: the finding is not in it
                span = f.get("rendered")
                where = [0, span["offset"], span["length"]] if span else [-1, 0, 0]
            fix = f.get("fix")
            compact.append([rule, severity, f["message"], *where,
                            f.get("replacements") or [],
                            bool(fix and fix.get("safe")),
                            [context["text"], context["offset"], context["length"]]
                            if context else None])
        error = record.get("error")
        score = sum(SCORE[severity] * n for severity, n in counts.items())
        articles = self.articles
        articles.append([
            record.get("id") or record.get("origin") or f"line {number + 1}",
            meta.get("headline") or "",
            (meta.get("date") or "")[:10],
            self.authors(meta.get("author") or ""),
            self.sections(meta.get("section") or ""),
            counts["error"], counts["warning"], counts["info"],
            sorted(codes),
            error["message"] if error else None,
            score,
        ])
        self.details.append([[s.get("field") for s in sources] if rendered is None else [None],
                             compact])
        if compact:
            texts = self._texts[len(articles) - 1] = (
                [s.get("text") or "" for s in sources] if rendered is None else [rendered])
            size = sum(map(len, texts))
            heapq.heappush(self._kept, ((score, -len(articles)), size, len(articles) - 1))
            self._kept_size += size
            while self._kept_size > TEXT_BUDGET:
                _, dropped, article = heapq.heappop(self._kept)
                self._kept_size -= dropped
                del self._texts[article]

    def scripts(self) -> tuple[Any, Any]:
        """The index and the details as the page carries them (JSON for its scripts),
        made once: no record is taken in after."""
        if self._scripts is None:
            index, details = self._data()
            self._scripts = _script_json(index), _script_json(details)
        return self._scripts

    def _data(self) -> tuple[dict, list]:
        for article, article_texts in self._texts.items():
            self.details[article].append(article_texts)
            for finding in self.details[article][1]:
                if finding[3] >= 0:
                    finding[8] = None  # the text itself shows the context
        self._texts = {}
        return {"rules": _rule_docs(self.rules.values), "authors": self.authors.values,
                "sections": self.sections.values, "articles": self.articles}, self.details


def collect(findings_path: Path, stop: threading.Event | None = None) -> Collection | None:
    """One pass over findings.jsonl; None when `stop` is set before its end."""
    collection = Collection()
    with findings_path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if stop is not None and stop.is_set():
                return None
            if line.strip():
                collection.add(number, json.loads(line))
    return collection


class Reading:
    """findings.jsonl collected in a thread, while the audit's archive pass runs (in
    SQLite, mostly, which leaves the interpreter free for this thread)."""

    def __init__(self, findings_path: Path):
        self._stop = threading.Event()
        self._result: list[Collection | None] = []
        self._thread = threading.Thread(target=self._read, args=(findings_path,), daemon=True)
        self._thread.start()

    def _read(self, findings_path: Path) -> None:
        try:
            collection = collect(findings_path, self._stop)
            if collection is not None:  # what the page needs of it, made here too
                collection.scripts()
                _template()
            self._result.append(collection)
        except Exception:  # read again, and any error told, when the report is written
            self._result.append(None)

    def result(self) -> Collection | None:
        """The collection, once read; None if it was cancelled or failed."""
        self._thread.join()
        return self._result[0] if self._result else None

    def cancel(self) -> None:
        self._stop.set()
        self._thread.join()


def _rule_docs(names: list[str]) -> list[dict]:
    registry = default_registry()
    docs = []
    for name in names:
        rule = registry.rules.get(name)
        docs.append({"name": name, "category": rule.category if rule else "",
                     "summary": rule.summary if rule else "",
                     "docs": dict(rule.docs) if rule else {}})
    return docs


def _charts(summary: dict) -> dict:
    by_rule = sorted(((rule, counts) for rule, counts in summary.get("by_rule", {}).items()
                      if any(counts.get(s) for s in SEVERITIES)),
                     key=lambda kv: -sum(kv[1].get(s, 0) for s in SEVERITIES))
    months = sorted(summary.get("by_month", {}).items(),
                    key=lambda kv: (not kv[0][:1].isdigit(), kv[0]))  # "(undated)" last
    return {"rule": _bars(by_rule),
            "section": _bars(_top(summary.get("by_section", {}))),
            "author": _bars(_top(summary.get("by_author", {}))),
            "month": _columns(months)}


def _top(groups: dict) -> list[tuple[str, dict]]:
    """The CHART_ROWS groups with most findings; the rest summed as one row."""
    ranked = sorted(groups.items(), key=lambda kv: -kv[1].get("findings", 0))
    top, rest = ranked[:CHART_ROWS], ranked[CHART_ROWS:]
    if rest:
        total = {key: sum(g.get(key, 0) for _, g in rest)
                 for key in ("articles", "findings", *SEVERITIES)}
        top.append((f"{len(rest)} others", total))
    return top


def _segments(counts: dict, scale: float, origin: float) -> list[dict]:
    segments, at = [], origin
    for severity in SEVERITIES:
        size = counts.get(severity, 0) * scale
        if size:
            segments.append({"severity": severity, "count": counts[severity],
                             "at": round(at, 1), "size": round(size, 1)})
            at += size
    return segments


def _bars(rows: list[tuple[str, dict]], width: int = 360) -> dict:
    """Horizontal bars stacked by severity, one row a group; geometry in px."""
    peak = max((sum(c.get(s, 0) for s in SEVERITIES) for _, c in rows), default=0) or 1
    return {"height": 22 * len(rows) + 4, "width": width, "rows": [
        {"label": label, "y": 22 * i + 2, "articles": counts.get("articles"),
         "total": sum(counts.get(s, 0) for s in SEVERITIES),
         "segments": _segments(counts, width / peak, 0)}
        for i, (label, counts) in enumerate(rows)]}


def _columns(rows: list[tuple[str, dict]], height: int = 140) -> dict:
    """Vertical columns stacked by severity, one a month; geometry in px."""
    peak = max((sum(c.get(s, 0) for s in SEVERITIES) for _, c in rows), default=0) or 1
    step = max(3, min(64, 1000 // max(1, len(rows))))
    columns = []
    for i, (label, counts) in enumerate(rows):
        segments = _segments(counts, height / peak, 0)
        for segment in segments:  # stack upwards from the baseline
            segment["at"] = round(height - segment["at"] - segment["size"], 1)
        columns.append({"label": label, "x": i * step, "articles": counts.get("articles"),
                        "total": sum(counts.get(s, 0) for s in SEVERITIES), "segments": segments})
    labels = columns[::-(-64 // step)]  # a label every 64 px or more
    return {"height": height, "width": step * len(rows), "step": step, "columns": columns,
            "labels": labels}
