"""Applying fix edits to a source text: only the flagged spans change.

The engine keeps a rule's fix only when every edit lies in the span it flagged
(lint.engine); here a finding's fix is applied whole or not at all, and never when
it overlaps a fix already chosen in the same round.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from lint.finding import Finding, SourceEdit


def safe_fixes(findings: Iterable[Finding], source: int = 0, *,
               unsafe: bool = False) -> list[Finding]:
    """The findings whose safe fixes (with `unsafe`, any fixes) can all be applied
    together to one source, in order: a fix that overlaps one before it waits for
    the next round."""
    candidates = sorted((f for f in findings if f.fix and (f.fix.safe or unsafe) and f.fix.edits
                         and all(e.source == source for e in f.fix.edits)),
                        key=lambda f: min((e.offset, e.length) for e in f.fix.edits))
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []  # (start, end) of the chosen edits, sorted
    for finding in candidates:
        spans = sorted((e.offset, e.offset + e.length) for e in finding.fix.edits)
        if any(_overlap(a, b) for a, b in zip(spans, spans[1:], strict=False)) or any(
                _collides(taken, span) for span in spans):
            continue
        chosen.append(finding)
        for span in spans:
            bisect.insort(taken, span)
    return chosen


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans, a starting first, share characters or a starting point
    (two insertions at one place have no order)."""
    return b[0] < a[1] or b[0] == a[0]


def _collides(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    at = bisect.bisect_left(taken, span)
    return (at > 0 and _overlap(taken[at - 1], span)) or (
        at < len(taken) and _overlap(span, taken[at]))


def safe_edits(findings: Iterable[Finding], source: int = 0, *,
               unsafe: bool = False) -> list[SourceEdit]:
    """The edits of safe_fixes, sorted, ready for apply_edits."""
    return edits_of(safe_fixes(findings, source, unsafe=unsafe))


def edits_of(findings: Iterable[Finding]) -> list[SourceEdit]:
    """The findings' fix edits in source order."""
    return sorted((e for f in findings for e in f.fix.edits), key=lambda e: (e.offset, e.length))


def apply_edits(text: str, edits: list[SourceEdit]) -> str:
    """The text with non-overlapping, sorted edits applied."""
    parts, cursor = [], 0
    for edit in edits:
        if edit.offset < cursor or edit.offset + edit.length > len(text):
            raise ValueError(f"edit at {edit.offset} overlaps another or is out of range")
        parts.append(text[cursor:edit.offset])
        parts.append(edit.text)
        cursor = edit.offset + edit.length
    parts.append(text[cursor:])
    return "".join(parts)
