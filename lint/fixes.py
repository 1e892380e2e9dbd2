"""Applying fix edits to a source text: only the flagged spans change."""

from __future__ import annotations

from collections.abc import Iterable

from lint.finding import Finding, SourceEdit


def safe_edits(findings: Iterable[Finding], source: int = 0, *,
               unsafe: bool = False) -> list[SourceEdit]:
    """The safe edits (with `unsafe`, every edit) for one source, in order, leaving
    out any that overlap."""
    edits = sorted((e for f in findings if f.fix and (f.fix.safe or unsafe) for e in f.fix.edits
                    if e.source == source), key=lambda e: (e.offset, e.length))
    chosen: list[SourceEdit] = []
    for edit in edits:
        if chosen and edit.offset < chosen[-1].offset + chosen[-1].length:
            continue
        if chosen and edit.offset == chosen[-1].offset and not chosen[-1].length:
            continue
        chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: list[SourceEdit]) -> str:
    """The text with non-overlapping, sorted edits applied."""
    parts, cursor = [], 0
    for edit in edits:
        parts.append(text[cursor:edit.offset])
        parts.append(edit.text)
        cursor = edit.offset + edit.length
    parts.append(text[cursor:])
    return "".join(parts)
