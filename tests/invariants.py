"""The invariants of docs/findings.md, checked the same way for every input: locations
are exact, and fixes keep to the flagged spans and settle."""

from __future__ import annotations

import regex

from lint.document import Document
from lint.engine import Linter
from lint.finding import Finding, Location
from lint.readers import RENDERERS, read
from lint.runner import fix_text


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


# A block's own tags, which a fix removing the block may take with it; comments
# (directives among them) are not.
_OWN_TAGS = regex.compile(r"<(?!!--)[^<>]*+>")


def fix_overreach(document: Document, finding: Finding) -> str | None:
    """What a safe fix edits beyond its finding's span other than white space (and,
    in markup, the tags of the blocks around it): None when it keeps to the span."""
    loc = finding.location
    for edit in finding.fix.edits:
        if edit.source != loc.source:
            return f"an edit in source {edit.source}, the finding in {loc.source}"
        text = document.sources[edit.source].text
        start, end = edit.offset, edit.offset + edit.length
        beyond = (text[start:max(start, min(end, loc.offset))]
                  + text[max(start, loc.offset + loc.length):end])
        if document.format != "text":
            beyond = _OWN_TAGS.sub("", beyond)
        if beyond.strip():
            return beyond
    return None


def assert_fixes_keep_to_flagged_spans(document: Document, findings: list[Finding]) -> None:
    for finding in findings:
        if finding.fix and finding.fix.safe:
            assert fix_overreach(document, finding) is None, (finding.rule, finding.location)


def unfixed_after_fixing(text: str, fmt: str, linter: Linter) -> list[Finding]:
    """The findings with a safe fix still left once `--fix` has done its rounds."""
    fixed = fix_text("story", text, linter, fmt).text
    return [f for f in linter.lint(read("story", fixed, fmt)) if f.fix and f.fix.safe]
