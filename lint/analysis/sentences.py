"""Sentence splitting that knows newsroom abbreviations.

A boundary is terminal punctuation (and any closing quotes or brackets) followed by
white space and a capital, a digit or an opening quote. It is vetoed after titles
(`Mr.`, `Dr.`), initials (`A.J. Smith`, `J. Smith`), `No.` before a number and
`e.g.`; after a dotted abbreviation (`U.S.`) it stands only when the next word is
one that starts sentences (`in the U.S. The deal`), since `U.S. President` is not a
boundary.
"""

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import regex

from lint import prose
from lint.lazy import LazyPattern, LazyRePattern

_GAP = prose.compile(rf"{prose.SENTENCE_END}(\s+)(?=[\"'“‘«(\[]?[\p{{Lu}}\p{{N}}])")
# _GAP for a block whose only terminal mark is the stop (most blocks), led by the
# literal stop, which `re` skips to far faster than `regex` tries the class of four
# marks at every character (`re`'s \s is lint.prose's white space). After the gap an
# ASCII capital or digit settles the look-ahead; a non-ASCII character (which may be
# a capital, or an opening quote before one) is decided by _SENTENCE_OPENING. The
# last class is written as what it is not (the rest of ASCII): `re` builds a class
# that reaches U+10FFFF slowly.
_STOP_GAP = LazyRePattern(
    rf"\.{prose.CLOSER}*(\s+)(?=[\"'“‘«(\[]?[^\x00-/:-@\[-\x7f])")
_SENTENCE_OPENING = LazyPattern(r"[\"'“‘«(\[]?[\p{Lu}\p{N}]")
_LONGEST_TOKEN = 40
_NEXT_WORD = LazyPattern(r"[\"'“‘«(\[]?(\w+)")

TITLES = frozenset(
    "mr mrs ms dr prof st mt gen col lt capt sgt sen rep gov rev hon pres supt det insp "
    "cllr fr messrs mme mlle sr jr vs v cf approx".split()
)
_DOTTED = LazyPattern(r"^(?:\p{L}\.){2,}$")
_INITIAL = LazyPattern(r"^\p{Lu}\.$")
_ALWAYS_INSIDE = frozenset({"e.g.", "i.e.", "viz.", "c."})
_NUMBER_TITLES = frozenset({"no", "nos", "vol", "pp", "p", "art", "fig"})
# Letters in a row before a stop that no veto below allows: every title, number
# title and `viz.` is shorter, and initials and dotted forms (`e.g.`, `U.S.`) have a
# stop between letters.
_LONGEST_VETOED = 1 + max(map(len, TITLES | _NUMBER_TITLES))

# The words after a dotted form (`in the U.S. The`) that make it a sentence's end:
# those that open sentences, and quantifiers, which seldom go on a name after one.
SENTENCE_STARTERS = prose.SENTENCE_OPENING_WORDS | frozenset(
    "many some most all one two both no not".split())


class Sentence(NamedTuple):
    """A sentence's span (a NamedTuple: some twenty are built per article, and a
    frozen dataclass is three times slower to build)."""

    start: int
    end: int


def _last_token(text: str, end: int) -> str:
    """The white-space delimited token ending at `end`, without closing quotes."""
    lo = end - _LONGEST_TOKEN if end > _LONGEST_TOKEN else 0  # (once per stop: no max())
    space = text.rfind(" ", lo, end)
    token = text[space + 1 if space != -1 else lo:end]
    if "\n" in token or "\t" in token:  # rare: look for the other separators too
        start = max(text.rfind("\n", lo, end), text.rfind("\t", lo, end))
        token = text[start + 1:end]
    return token.rstrip(prose.CLOSERS)


# What the token before a stop says of it: the stop ends the sentence, never does
# (a title, `e.g.`, an initial), does unless a number follows (`No. 5`), or does if
# a sentence's first word follows (a dotted form: `in the U.S. The`).
_ENDS, _INSIDE, _BEFORE_A_NUMBER, _DOTTED_FORM = "ends", "inside", "number", "dotted"


# An article repeats its few short tokens before stops (`U.S.`, `Mr.`, `said.`): each
# is read once. Bounded, as a process may read any number of articles.
@functools.lru_cache(maxsize=4096)
def _stop_kind(token: str) -> str:
    if not token.endswith("."):
        return _ENDS
    lowered = token.lower()
    bare = lowered.rstrip(".!?…")
    if lowered in _ALWAYS_INSIDE or bare in TITLES:
        return _INSIDE
    if bare in _NUMBER_TITLES:
        return _BEFORE_A_NUMBER
    # Cheap shape tests first: most tokens are a word and one stop, and the
    # patterns below are only run on the few that could match.
    if len(token) == 2 and _INITIAL.match(token):
        return _INSIDE
    if token.count(".") >= 2 and _DOTTED.match(token):
        return _DOTTED_FORM
    return _ENDS


def _is_boundary(text: str, mark: int, gap_start: int, gap_end: int) -> bool:
    """Whether the gap after the terminal mark at `mark` ends a sentence."""
    if text[mark] != ".":
        return True  # `!`, `?` and `…` always end one
    if mark >= _LONGEST_VETOED and text[mark - _LONGEST_VETOED:mark].isalpha():
        return True  # a long word ends the sentence (two stops in five): told cheaply
    kind = _stop_kind(_last_token(text, gap_start))
    if kind == _ENDS:
        return True
    if kind == _INSIDE:
        return False
    if kind == _BEFORE_A_NUMBER:
        return not _next_word(text, gap_end)[:1].isdigit()
    return _opens_sentence(text[gap_end:gap_end + _STARTER_SPAN])


# An opening mark, the longest starter and one more character: a word cut off at
# that length is longer than any starter, and so is the word it was cut from.
_STARTER_SPAN = 2 + max(map(len, SENTENCE_STARTERS))


# What follows a dotted form repeats too (`U.S. officials`, a pasted `U.S. U.S.`):
# each is read once, from the few characters that decide it.
@functools.lru_cache(maxsize=4096)
def _opens_sentence(following: str) -> bool:
    """Whether the word at the start of `following` is one that starts sentences."""
    return _next_word(following, 0).lower() in SENTENCE_STARTERS


def _next_word(text: str, at: int) -> str:
    match = _NEXT_WORD.match(text, at)
    return match.group(1) if match else ""


def _gaps(text: str, start: int, end: int) -> Iterator[re.Match | regex.Match]:
    """_GAP.finditer(text, start, end)."""
    if (text.find("!", start, end) != -1 or text.find("?", start, end) != -1
            or text.find("…", start, end) != -1):
        return _GAP.finditer(text, start, end)
    if text.isascii():
        return _STOP_GAP.finditer(text, start, end)  # its look-ahead is exact on ASCII
    return _opening_checked(_STOP_GAP.finditer(text, start, end), text, end)


def _opening_checked(gaps: Iterator[re.Match], text: str, end: int) -> Iterator[re.Match]:
    for match in gaps:
        after = match.end()
        if text[after:after + 2].isascii() or _SENTENCE_OPENING.match(text, after, end):
            yield match


# Every sentence split_sentences finds starts a paragraph or follows a sentence end and
# white space (the vetoes only take starts away): the words after each such place,
# taken as one stretch.
OPENING_WORDS = 5


def possible_openings(paragraphs: Iterable[str]) -> list[str]:
    """The first OPENING_WORDS words, with every sentence mark written as `.`, of every
    sentence of more words that split_sentences could find in the paragraphs, and of
    other places besides, each paragraph given as its comparison text
    (lint.analysis.text.comparison_text: case, white space, quote and dash style
    folded). Where two sentences' words are the same once case folded, so are their
    comparison texts and their openings, and when no opening repeats, the paragraphs
    need not be split to know that no sentence does."""
    return _SPACED_OPENING.findall(_marks_as_stops(paragraphs))


def some_opening_repeats(paragraphs: Iterable[str]) -> bool:
    """Whether two of possible_openings(paragraphs) are the same."""
    openings = possible_openings(paragraphs)
    return len(set(openings)) < len(openings)


# The place after a sentence end and its space, and the words there. In a comparison
# text the plain space is the only white space: each class is a single character,
# which the engine steps over at C speed, and each run is possessive, as what follows
# it never matches what it takes, so the engine keeps no place to back off to.
_SPACED_OPENING = re.compile(
    rf"\.{prose.CLOSER}*+ (?=(" + " ".join(["[^ ]++"] * OPENING_WORDS) + ") )")


# Before each paragraph: a stop and a space make its start such a place too.
_PARAGRAPH_START = ". "


def _marks_as_stops(paragraphs: Iterable[str]) -> str:
    """The paragraphs, each led by _PARAGRAPH_START, with every sentence mark written
    as a stop, so that _SPACED_OPENING starts with a literal, which the engine finds at
    C speed; it would try a leading class at every character of the text."""
    text = _PARAGRAPH_START + _PARAGRAPH_START.join(paragraphs)
    for mark in prose.SENTENCE_MARKS[1:]:
        text = text.replace(mark, ".")
    return text


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], as spans of `text` with outer white space trimmed."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    cursor = start
    for match in _gaps(text, start, end):
        gap_start, gap_end = match.span(1)
        if _is_boundary(text, match.start(), gap_start, gap_end):
            if cursor == start:
                _add_trimmed(sentences, text, cursor, gap_start)
            else:  # after a gap and before one: no white space to trim
                sentences.append(Sentence(cursor, gap_start))
            cursor = gap_end
    _add_trimmed(sentences, text, cursor, end)
    return sentences


def _add_trimmed(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Append text[start:end] with outer white space trimmed, unless it is all space."""
    if start < end and not (text[start].isspace() or text[end - 1].isspace()):
        sentences.append(Sentence(start, end))  # the usual case: nothing to trim
        return
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        start += len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(start, start + len(stripped)))
