"""The invariants of docs/findings.md, checked the same way for every input: locations
are exact, and fixes keep to the flagged spans and settle."""

from __future__ import annotations

import regex

from lint.document import Document
from lint.engine import Linter, source_location
from lint.finding import Finding, Location
from lint.readers import RENDERERS, read, rendered_slice, renderer
from lint.runner import fix_text

# Private-use characters, which no reader treats specially, to mark a span's ends.
_START, _END = "\ue000", "\ue001"
_IN_CONTEXT_FORMATS = ("html", "wordpress", "ans", "markdown")
_MARKUP_FORMATS = ("html", "wordpress", "ans")


def _rendered_in_context(document: Document, location: Location) -> str | None:
    """What the whole of a markup or Markdown source shows between the span's ends.
    Markup opened before a span can change what its slice shows alone: a `<q>` inside
    another shows single marks, a second `<li>` closes the hidden `<span>` the first
    one holds, and a code span opened before it shows `&amp;` as written. None for
    the other formats, and where an end falls in text that does not show."""
    source = document.sources[location.source]
    if not (source.inline or document.format in _IN_CONTEXT_FORMATS):
        return None
    start, end = location.offset, location.offset + location.length
    text = source.text
    marked = text[:start] + _START + text[start:end] + _END + text[end:]
    shown = renderer(document, location.source)(marked)
    first, last = shown.find(_START), shown.find(_END)
    return shown[first + 1:last] if -1 < first < last else None


def _shown_after_prefix(document: Document, location: Location) -> set[str]:
    """What markup shows from the span's start to its end, told as what the source up
    to its end shows past what the source up to its start shows: an end that falls in
    text that does not show (inside a hidden element, or an unclosed `<code>`) still
    has a place there. Markup renders as it goes, so the shorter prefix shows the
    start of the longer one, but for white space at its end: a space the span's text
    continues belongs before the span, and a block break may belong to either side.
    Empty for Markdown and plain text, where later text can change earlier text."""
    source = document.sources[location.source]
    if not (source.inline or document.format in _MARKUP_FORMATS):
        return set()
    render = renderer(document, location.source)
    before = render(source.text[:location.offset])
    through = render(source.text[:location.offset + location.length])
    kept = before.rstrip()
    if not through.startswith(kept):
        return set()
    shown = through[len(kept):]
    trailing = before[len(kept):]
    if trailing and shown.startswith(trailing):
        return {shown[len(trailing):]}
    return {shown, shown.removeprefix("\n\n")}


def assert_exact(document: Document, location: Location, flagged: str) -> None:
    source = document.sources[location.source]
    piece = source.text[location.offset:location.offset + location.length]
    end = location.offset + location.length
    assert (rendered_slice(document, location.source, location.offset, end) == flagged
            or _rendered_in_context(document, location) == flagged
            or flagged in _shown_after_prefix(document, location)), (piece, flagged)
    assert source.position(location.offset) == (location.line, location.column)
    assert source.position(location.offset + location.length) == (
        location.end_line, location.end_column)


def assert_locations_exact(document: Document, findings: list[Finding]) -> None:
    """render(source[offset:offset + length]) is the flagged text, for every finding."""
    for finding in findings:
        assert_exact(document, finding.location, finding.flagged)
        assert finding.text == document.sources[finding.location.source].text[
            finding.location.offset:finding.location.offset + finding.location.length]


def assert_blocks_exact(document: Document) -> None:
    """Every block's text is what its own source span renders to."""
    for block in document.blocks:
        location = source_location(document, block.start, block.end)
        assert 0 <= location.offset <= location.offset + location.length <= len(
            document.sources[location.source].text)
        assert_exact(document, location, document.block_text(block))


_LIST_MARKERS = regex.compile(r"(?m)^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?=\s|$)")


def changed_outside_span(document: Document, finding: Finding) -> str:
    """What a finding's fix removes or replaces outside the flagged span, rendered,
    block markers left out: only white space when the fix keeps to its span."""
    source = document.sources[finding.location.source].text
    start = finding.location.offset
    end = start + finding.location.length
    removed = []
    for edit in finding.fix.edits:
        removed.append(source[edit.offset:min(start, edit.offset + edit.length)])
        removed.append(source[max(end, edit.offset):edit.offset + edit.length])
    render = RENDERERS[document.format]
    rendered = _LIST_MARKERS.sub("", "".join(render(piece) for piece in removed))
    return "".join(rendered.split()).strip(">")  # white space as str.isspace() knows it


def assert_fixes_keep_to_flagged_spans(document: Document, findings: list[Finding]) -> None:
    for finding in findings:
        if finding.fix:
            assert changed_outside_span(document, finding) == "", (finding.rule, finding.location)


def unfixed_after_fixing(text: str, fmt: str, linter: Linter) -> list[Finding]:
    """The findings with a safe fix still left once `--fix` has done its rounds."""
    fixed = fix_text("story", text, linter, fmt).text
    return [f for f in linter.lint(read("story", fixed, fmt)) if f.fix and f.fix.safe]
