"""The location invariant of docs/findings.md, checked the same way for every input."""

from __future__ import annotations

from lint.document import Document
from lint.finding import Finding, Location
from lint.readers import RENDERERS


def assert_exact(document: Document, location: Location, flagged: str) -> None:
    source = document.sources[location.source]
    piece = source.text[location.offset:location.offset + location.length]
    assert RENDERERS[document.format](piece) == flagged, (piece, flagged)
    assert source.position(location.offset) == (location.line, location.column)
    assert source.position(location.offset + location.length) == (
        location.end_line, location.end_column)


def assert_locations_exact(document: Document, findings: list[Finding]) -> None:
    """render(source[offset:offset + length]) is the flagged text, for every finding."""
    for finding in findings:
        assert_exact(document, finding.location, finding.flagged)
        assert finding.text == document.sources[finding.location.source].text[
            finding.location.offset:finding.location.offset + finding.location.length]
