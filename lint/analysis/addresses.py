"""Text that is not prose: markup tags, web and e-mail addresses, handles, hashtags.

`www.bbc.co.uk`, `news@example.com`, `@DailyPost` and `<tweet author="...">` hold
full stops, colons, at-signs and quote marks with no prose meaning; rules that
judge punctuation skip these spans, and the quote and abbreviation analyses read
a copy of the text with them (and the reader's not-prose spans, such as inline
code) blanked out (docs/domain.md §1, masking).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import regex

from lint import prose
from lint.lazy import LazyRePattern

_TLD_NAMES = ("com", "org", "net", "gov", "edu", "int", "info", "biz", "co", "ac", "uk", "tv",
              "fm", "io")
_TLDS = rf"(?:{'|'.join(_TLD_NAMES)})"
# A markup tag (or embed) after its opening `<`.
_TAG_AFTER_OPENING = r"[A-Za-z/!][^<>]*>"
# An e-mail address is tried only where its run of name characters starts: tried
# from inside a long run without an @, the pattern would read on to its end each time.
# A bare domain is tried from the first of a run of dotted words only (from a later
# one it could only find the same end), and is bounded as DNS bounds it (labels of at
# most 63 characters, 127 of them): tried from each word of a long run, an unbounded
# pattern would read on to the run's end and back each time.
_ADDRESS = prose.compile(
    rf"""
    <{_TAG_AFTER_OPENING}                                    # markup and embeds
    | \b(?:https?|ftp)://\S+                                 # a URL with its scheme
    | \bwww\.\S+                                             # a bare www. address
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+               # an e-mail address
    | (?<![\w@#])[@#]\w{{1,30}}                               # a handle or a hashtag
    | (?<![\w-]\.)\b[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{0,126}}\.{_TLDS}\b(?:/\S*)?
                                                             # a bare domain
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# A bare domain holds a stop and a top-level domain in any case, a bare address the
# stop of `www.`: one pass finds either, `re` matching every character here that
# `regex` does and finding the stops by a fast scan. Most stops end a sentence, before
# a space: the class of the domains' first letters turns them down in one step, where
# the alternation would try each domain in turn.
_TLD_FIRST_LETTERS = "".join(sorted({name[0] for name in _TLD_NAMES}))
_MAYBE_DOMAIN_OR_WWW = re.compile(rf"\.(?:(?=[{_TLD_FIRST_LETTERS}]){_TLDS}|(?<=www\.))",
                                  re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]\"'”’"
# What every address but markup holds in its run of non-space characters.
_CUE = LazyRePattern(rf"[@#]|://|www\.|\.{_TLDS}", re.IGNORECASE)
# Markup starts at `<` and a letter, `/` or `!` (_TAG_AFTER_OPENING, case-blind) and
# may reach the next `>`, if no `<` comes first: each `<` opens a stretch to that `>`,
# or of itself alone. A stray `<` (`a < b`) opens none, or a page would be searched
# at every character from it to the next tag. Stretches that touch are one match,
# which starts with the literal `<` that `re` skips to (led by a group, the pattern
# would be tried at every character).
_MARKUP_STRETCHES = LazyRePattern(rf"<(?:{_TAG_AFTER_OPENING})?(?:<(?:{_TAG_AFTER_OPENING})?)*",
                                   re.IGNORECASE)
_SPACE = LazyRePattern(r"\s")
_SPACE_BEFORE = prose.compile(r"\s", regex.REVERSE)


def _may_hold_address(text: str) -> bool:
    """A cheap test that every address passes. Most copy holds none, and then the
    costly pattern above is never run; substring tests here are several times
    faster than one case-blind pattern of all the cues."""
    return ("<" in text or "@" in text or "#" in text or "://" in text
            or _MAYBE_DOMAIN_OR_WWW.search(text) is not None)


def _address_spans(text: str) -> list[tuple[int, int]]:
    if not _may_hold_address(text):
        return []
    spans = []
    for match in (m for start, end in _windows(text) for m in _ADDRESS.finditer(text, start, end)):
        end = match.end()
        while end > match.start() and text[end - 1] in _TRAILING_PUNCTUATION:
            address = text[match.start():end - 1]
            if text[end - 1] == ")" and address.count("(") > address.count(")"):
                break  # closes a bracket of the address: /wiki/Halewood_(plant)
            if text[end - 1] == ">" or match.group().startswith("<"):
                break
            end -= 1  # a sentence's own stop after the address is prose
        spans.append((match.start(), end))
    return spans


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text, in order, holding every match of the address pattern:
    a markup tag from its `<` to the next `>`, and each run of non-space characters
    that holds a cue. Elsewhere the pattern would be tried at every character and
    fail, which costs more than all else that reads the text; and a stretch ends
    where every match in it ends, so searching it alone finds the same matches."""
    stretches = [m.span() for m in _MARKUP_STRETCHES.finditer(text)]
    run_end = 0  # of the last run of non-space characters taken
    for cue in _CUE.finditer(text):
        at = cue.start()
        if at >= run_end:
            space_before = _SPACE_BEFORE.search(text, run_end, at)
            space_after = _SPACE.search(text, at)
            run_end = space_after.start() if space_after else len(text)
            stretches.append((space_before.end() if space_before else 0, run_end))
    stretches.sort()
    windows: list[tuple[int, int]] = []
    for start, end in stretches:
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


class Addresses:
    """The not-prose spans of a text, sorted, answering "is this index inside one?"."""

    def __init__(self, text: str):
        self._spans = _address_spans(text)
        self._starts = [s for s, _ in self._spans]

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The (start, end) of every address, in text order."""
        return tuple(self._spans)

    def __contains__(self, index: int) -> bool:
        i = bisect.bisect_right(self._starts, index) - 1
        return i >= 0 and index < self._spans[i][1]


def blank_out(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each span replaced by as many spaces: every offset is kept."""
    parts, cursor = [], 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        parts += [text[cursor:start], " " * (end - start)]
        cursor = end
    if not parts:
        return text
    parts.append(text[cursor:])
    return "".join(parts)
