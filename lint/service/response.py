"""The body of a check response (docs/ecosystem.md §7.2), built from the runner's FileResult.

The engine counts code points; a client that asks for `utf-16` (browsers, LSP) gets
every offset, length and column converted here, at the edge.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from lint import __version__
from lint.finding import Finding, Location
from lint.results import FileResult, severity_counts

SCHEMA_VERSION = 1
ENCODINGS = ("utf-16", "codepoint")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

Converter = Callable[[int], int]


def _same(offset: int) -> int:
    return offset


def utf16_converter(text: str) -> Converter:
    """Code-point offset in `text` -> UTF-16 code-unit offset (astral characters count 2)."""
    if text.isascii():
        return _same
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return _same
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def _location(data: dict[str, Any], location: Location, units: Converter) -> dict[str, Any]:
    start, end = location.offset, location.offset + location.length
    line_start = start - (location.column - 1)
    end_line_start = end - (location.end_column - 1)
    return {**data,
            "offset": units(start), "length": units(end) - units(start),
            "column": units(start) - units(line_start) + 1,
            "end_column": units(end) - units(end_line_start) + 1}


class Encoder:
    """Finding JSON in one offset encoding, with each source's converter built once."""

    def __init__(self, result: FileResult, encoding: str):
        self.result = result
        self.utf16 = encoding == "utf-16"
        self._converters: dict[int, Converter] = {}

    def _units(self, source: int) -> Converter:
        if source not in self._converters:
            self._converters[source] = utf16_converter(self.result.sources[source].text)
        return self._converters[source]

    def finding(self, finding: Finding, url: str) -> dict[str, Any]:
        data = finding.to_json()
        data["url"] = url
        if not self.utf16:
            return data
        loc = finding.location
        data["location"] = _location(data["location"], loc, self._units(loc.source))
        for related, item in zip(finding.related, data["related"], strict=True):
            item["location"] = _location(item["location"], related.location,
                                         self._units(related.location.source))
        if finding.fix:
            for edit, item in zip(finding.fix.edits, data["fix"]["edits"], strict=True):
                units = self._units(edit.source)
                item["offset"] = units(edit.offset)
                item["length"] = units(edit.offset + edit.length) - item["offset"]
        if finding.context:
            units = utf16_converter(finding.context.text)
            start = finding.context.offset
            data["context"]["offset"] = units(start)
            data["context"]["length"] = units(start + finding.context.length) - units(start)
        return data


def check_response(result: FileResult, *, encoding: str, tool: dict[str, Any],
                   document: dict[str, Any], rule_url: Callable[[str], str]) -> dict[str, Any]:
    encoder = Encoder(result, encoding)
    reasons = []
    if result.skipped:
        reasons.append(f"the time budget ran out before {len(result.skipped)} rule(s) ran: "
                       + ", ".join(result.skipped))
    if result.error:
        reasons.append(result.error.message)
    return {
        "schema_version": SCHEMA_VERSION,
        "offset_encoding": encoding,
        "incomplete": bool(reasons),
        "incomplete_reason": "; ".join(reasons) or None,
        "tool": {"name": "copydesk", "version": __version__, **tool},
        "document": {**document, "format": result.format},
        "summary": severity_counts([result]),
        "findings": [encoder.finding(f, rule_url(f.rule)) for f in result.findings],
    }
