"""Sentence splitting that knows newsroom abbreviations.

A boundary is terminal punctuation (and any closing quotes or brackets) followed by
white space and a capital, a digit or an opening quote. It is vetoed after titles
(`Mr.`, `Dr.`), initials (`A.J. Smith`, `J. Smith`), `No.` before a number and
`e.g.`; after a dotted abbreviation (`U.S.`) it stands only when the next word is
one that starts sentences (`in the U.S. The deal`), since `U.S. President` is not a
boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_GAP = regex.compile(r"[.!?…][\"'”’»)\]]*(\s+)(?=[\"'“‘«(\[]?[\p{Lu}\p{N}])")
_CLOSERS = "\"'”’»)]"
_LONGEST_TOKEN = 40
_NEXT_WORD = regex.compile(r"[\"'“‘«(\[]?(\w+)")

TITLES = frozenset(
    "mr mrs ms dr prof st mt gen col lt capt sgt sen rep gov rev hon pres supt det insp "
    "cllr fr messrs mme mlle sr jr vs v cf approx".split()
)
_DOTTED = regex.compile(r"^(?:\p{L}\.){2,}$")
_INITIAL = regex.compile(r"^\p{Lu}\.$")
_ALWAYS_INSIDE = frozenset({"e.g.", "i.e.", "viz.", "c."})
_NUMBER_TITLES = frozenset({"no", "nos", "vol", "pp", "p", "art", "fig"})

SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i you his her its their our my this that these those there "
    "but and or so yet if when while as after before however meanwhile in on at for with "
    "mr mrs ms dr sir many some most all one two both no not what why how who where".split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


def _last_token(text: str, end: int) -> str:
    """The white-space delimited token ending at `end`, without closing quotes."""
    lo = max(0, end - _LONGEST_TOKEN)
    start = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end), text.rfind("\t", lo, end))
    return text[max(start + 1, lo):end].rstrip(_CLOSERS)


def _is_boundary(text: str, gap_start: int, gap_end: int) -> bool:
    token = _last_token(text, gap_start)
    bare = token.rstrip(".!?…").lower()
    next_word = _NEXT_WORD.match(text, gap_end)
    following = next_word.group(1) if next_word else ""
    if not token.endswith("."):
        return True
    if token.lower() in _ALWAYS_INSIDE or bare in TITLES:
        return False
    if bare in _NUMBER_TITLES:
        return not following[:1].isdigit()
    if _INITIAL.match(token):
        return False
    if _DOTTED.match(token):
        return following.lower() in SENTENCE_STARTERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], as spans of `text` with outer white space trimmed."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    cursor = start
    for match in _GAP.finditer(text, start, end):
        gap_start, gap_end = match.span(1)
        if _is_boundary(text, gap_start, gap_end):
            sentences.append(Sentence(cursor, gap_start))
            cursor = gap_end
    sentences.append(Sentence(cursor, end))
    return [_trim(text, s) for s in sentences if text[s.start:s.end].strip()]


def _trim(text: str, sentence: Sentence) -> Sentence:
    chunk = text[sentence.start:sentence.end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    return Sentence(sentence.start + left, sentence.start + right)
