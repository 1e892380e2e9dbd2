"""Auditing one article (in a worker process): read it, lint it, and make its line
of findings.jsonl and the `Entry` the summary and articles.csv are built from."""

import json
import os
import signal
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from lint.archive import PassageRow, passage_rows
from lint.audit import metadata
from lint.audit.archive import Item
from lint.document import Document
from lint.engine import Linter
from lint.finding import Finding
from lint.readers import JSON_SHAPES, InputError, json_format
from lint.results import FileResult
from lint.rule import SEVERITIES
from lint.runner import check_document, decode_bytes, error_result, read_text, unknown_kind

# SEVERITIES runs from least to most severe; counts are kept most severe first.
SEVERITY_ORDER = tuple(reversed(SEVERITIES))
_SLOT = {severity: i for i, severity in enumerate(SEVERITY_ORDER)}


class Entry(NamedTuple):
    """What the summary and articles.csv need of one audited article."""

    id: str
    origin: str
    metadata: dict[str, str | None]
    error: str | None  # the error code, when the article could not be (fully) audited
    counts: dict[str, list[int]]  # rule -> [error, warning, info] findings


class Audited(NamedTuple):
    line: str  # the article's line of findings.jsonl
    entry: Entry
    # What the archive rules collected from it; None when they did not see it.
    passages: list[PassageRow] | None


def entry_of(record: dict[str, Any]) -> Entry:
    """The Entry of a findings.jsonl record (a fresh one, or one read back to resume)."""
    counts: dict[str, list[int]] = {}
    for finding in record["findings"]:
        counts.setdefault(finding["rule"], [0, 0, 0])[_SLOT[finding["severity"]]] += 1
    error = record["error"]["code"] if record["error"] else None
    return Entry(record["id"], record["origin"], record["metadata"], error, counts)


def audit(item: Item, linter: Linter, format: str | None) -> Audited:
    facts: dict = {}
    try:
        record = _record(item, linter, format, facts)
    except Exception as exc:  # one article never stops the audit, whatever it holds
        record = _failed(item.origin, "audit-failed", f"{type(exc).__name__}: {exc}")
    return Audited(json.dumps(record, ensure_ascii=False) + "\n", entry_of(record),
                   passage_rows(facts) if facts else None)


def _failed(origin: str, code: str, message: str) -> dict[str, Any]:
    return {"id": origin, "origin": origin, "format": None, "metadata": metadata.empty(),
            "sources": [], "findings": [], "error": {"code": code, "message": message}}


def _record(item: Item, linter: Linter, format: str | None,
            facts: dict) -> dict[str, Any]:
    """The article's findings.jsonl record; the archive rules' facts go into `facts`."""
    if item.broken:
        return _failed(item.origin, *item.broken)
    unknown = None if item.payload is not None else unknown_kind(item.path, format)
    if unknown:
        return _as_record(item.origin, item.origin, metadata.empty(), unknown)
    try:
        data = Path(item.path).read_bytes() if item.payload is None else item.payload
    except OSError as exc:
        return _as_record(item.origin, item.origin, metadata.empty(),
                          error_result(item.origin, exc))
    text = decode_bytes(item.origin, data, linter)
    if isinstance(text, FileResult):
        return _as_record(item.origin, item.origin, metadata.empty(), text)
    article_id, found = None, metadata.empty()
    fmt = format
    if item.payload is not None or format in JSON_SHAPES or (
            format is None and os.path.splitext(item.path)[1].lower() == ".json"):
        fmt, payload = _payload(text, format)
        if fmt is None:
            return _failed(item.origin, payload.code, payload.message)
        if fmt in _PAYLOAD_METADATA and isinstance(payload, dict):
            article_id, found = _PAYLOAD_METADATA[fmt](payload)
    document = read_text(item.origin, text, linter, fmt)
    if not isinstance(document, Document):
        return _as_record(article_id or item.origin, item.origin, found, document)
    if document.format in _FILE_METADATA:
        found = _FILE_METADATA[document.format](text)
    result = check_document(document, linter, collect=True)
    facts.update(result.facts)
    return _as_record(article_id or item.origin, item.origin, _with_lead_in(found, document),
                      result, document)


_PAYLOAD_METADATA = {"wordpress": metadata.wordpress, "ans": metadata.ans}
_FILE_METADATA = {"markdown": metadata.front_matter, "html": metadata.html_page}


def _payload(text: str, format: str | None) -> tuple[str | None, Any]:
    """(format, parsed JSON) of a CMS payload, or (None, InputError) saying what is wrong."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    fmt = format or next((name for name, (matches, _) in JSON_SHAPES.items()
                          if matches(data)), None)
    if fmt is None:
        try:
            json_format(text)  # raises the error that names what was expected
        except InputError as exc:
            return None, exc
    return fmt, data


def _with_lead_in(found: dict[str, str | None], document: Document) -> dict[str, str | None]:
    """The headline as the reader found it (entities decoded, markup dropped), and
    the byline's name when the source names no author."""
    lead_in = {}
    for block in document.blocks:
        if block.kind in ("headline", "byline") and block.kind not in lead_in:
            lead_in[block.kind] = document.block_text(block)
        elif block.is_body:
            break
    return {**found, "headline": " ".join(lead_in.get("headline", "").split()) or found["headline"],
            "author": found["author"] or metadata.byline_author(lead_in.get("byline"))}


# Formats whose source is what the drill-down shows (Markdown's marks as its writer
# wrote them): their records need no rendered text.
SOURCE_READS = frozenset({"text", "markdown"})


def _as_record(article_id: str, origin: str, found: dict[str, str | None],
               result: FileResult, document: Document | None = None) -> dict[str, Any]:
    rendered = document is not None and document.format not in SOURCE_READS
    record = {
        "id": article_id,
        "origin": origin,
        "format": result.format,
        "metadata": found,
        "sources": [{"field": source.field, "text": source.text} for source in result.sources],
        "findings": [located(finding, rendered) for finding in result.findings],
        "error": ({"code": result.error.code, "message": result.error.message}
                  if result.error else None),
    }
    if rendered:
        record["text"] = document.text
    return record


def located(finding: Finding, rendered: bool = False) -> dict[str, Any]:
    """The finding as `check` gives it, with `location.source`: the index in `sources`
    of the text its offsets count in; and for a record with a rendered `text`,
    `rendered`: where the finding's `flagged` text is in it (None when it is not)."""
    data = finding.to_json()
    data["location"]["source"] = finding.location.source
    if rendered:
        data["rendered"] = (None if finding.start is None else
                            {"offset": finding.start, "length": len(finding.flagged)})
    return data


# The worker process's state, set once when the pool starts it.
_linter: Linter | None = None
_format: str | None = None


def start(linter: Linter, format: str | None) -> None:
    """Worker start-up. Ctrl-C is the main process's to handle (it stops the pool),
    and a worker whose main process was killed outright ends itself."""
    global _linter, _format
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _linter, _format = linter, format
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def audit_chunk(items: list[Item]) -> list[Audited]:
    return audit_items(items, _linter, _format)


def audit_items(items: Iterable[Item], linter: Linter, format: str | None) -> list[Audited]:
    return [audit(item, linter, format) for item in items]
