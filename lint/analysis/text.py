"""Normalisation keys shared by the rules that compare stretches of text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from lint.lazy import LazyPattern

_PLAIN_FORMS = (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"),
                ("–", "-"), ("—", "-"), ("‒", "-"), ("−", "-"), ("\u00a0", " "))
TRAILING = " .,;:!?…\"')]"
WORD = LazyPattern(r"\w+(?:['’]\w+)*")
T = TypeVar("T")


def shingles(items: Sequence[T], size: int) -> Iterator[tuple[T, ...]]:
    """Each run of `size` items in a row, in order (none when there are fewer)."""
    return zip(*(items[i:] for i in range(size)), strict=False)


def joined_words(text: str) -> tuple[str, int]:
    """`" ".join(text.split())` and the number of words."""
    joined = single_spaced(text)
    return joined, spaced_word_count(joined)


def single_spaced(text: str) -> str:
    """`" ".join(text.split())`, by C-level string tests alone when the only white
    space is single plain spaces (most copy)."""
    if only_single_spaces(text):
        return text.strip(" ")
    return " ".join(text.split())


def spaced_word_count(joined: str) -> int:
    """The words of a text whose words are parted by single spaces (single_spaced)."""
    return joined.count(" ") + 1 if joined else 0


# Characters of a text's start read for each word it must hold before all its spaces
# are counted: more than most words and the space after them take.
_CHARACTERS_A_WORD = 8


def holds_words(joined: str, words: int) -> bool:
    """Whether a text whose words are parted by single spaces holds `words` words or
    more (one or more): told from its start where that shows them, as in most
    paragraphs, without counting the spaces of the rest."""
    spaces = words - 1
    return joined != "" and (joined.count(" ", 0, _CHARACTERS_A_WORD * words) >= spaces
                             or joined.count(" ") >= spaces)


def only_single_spaces(text: str) -> bool:
    """Whether the only white space (as str.split() knows it) in text is single plain
    spaces."""
    return "  " not in text and no_space_but_plain(text)


def no_space_but_plain(text: str) -> bool:
    """Whether the plain space is the only white space (as str.split() knows it) in text."""
    if not text.isascii():
        if not _within_latin_1(text):
            # Every other white space character is unprintable (a separator or a control).
            return text.isprintable()
        if "\x85" in text or "\xa0" in text:  # Latin-1's white space beyond ASCII
            return False
    # A few substring tests beat a test of each character.
    return ("\n" not in text and "\t" not in text and "\r" not in text
            and "\x0b" not in text and "\x0c" not in text and "\x1c" not in text
            and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text)


def _within_latin_1(text: str) -> bool:
    """Whether text is Latin-1 (much British copy: a pound sign, an accent), told at C
    speed: CPython keeps such a text a byte a character and encodes it by a copy,
    and stops at the first character beyond it otherwise."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


POUND = "£"


def pounds_stood_in(text: str, stand_in: str) -> str | None:
    """The text with `stand_in` (an ASCII character it lacks) for each pound sign,
    where that leaves only ASCII; else None.

    The pound sign is the one character beyond ASCII in much British copy, and ASCII
    text is folded and split at C speed, where other text is looked up character by
    character. The sign has no case and is no white space, so a stand-in of neither
    (and of nothing else the caller reads specially) is folded and split as the sign
    would be."""
    if stand_in in text:
        return None
    stood_in = text.replace(POUND, stand_in)
    return stood_in if stood_in.isascii() else None


# Stands in for the pound sign while a text is folded for comparison.
_KEY_POUND_STAND_IN = "\x00"


def comparison_text(text: str) -> str:
    """The text with case, white space and quote and dash style folded away, its words
    parted by single spaces: comparison_key before the trailing punctuation is set
    aside."""
    # A substring test and a replace per form: str.translate with a table, and a
    # regex search to guard it, both cost more than all of these together. ASCII
    # text (the str flag is kept by CPython) holds none of the forms.
    if not text.isascii():
        for typographic, plain in _PLAIN_FORMS:
            if typographic in text:
                text = text.replace(typographic, plain)
        stood_in = pounds_stood_in(text, _KEY_POUND_STAND_IN)
        if stood_in is not None:
            return single_spaced(stood_in.casefold()).replace(_KEY_POUND_STAND_IN, POUND)
    return single_spaced(text.casefold())


def comparison_key(text: str) -> str:
    """Case, white space, quote and dash style and trailing punctuation folded away."""
    return comparison_text(text).rstrip(TRAILING)


def comparison_key_and_words(text: str) -> tuple[str, int]:
    """comparison_key(text) and word_count(text), folded once: folding never makes
    or removes white space."""
    folded = comparison_text(text)
    return folded.rstrip(TRAILING), spaced_word_count(folded)


def word_count(text: str) -> int:
    """Words as white-space separated tokens: cheap, and close enough for length guards."""
    return len(text.split())


def positions(text: str, substring: str) -> Iterator[int]:
    """Where `substring` starts in `text`, in order: str.find, at C speed between them."""
    at = text.find(substring)
    while at != -1:
        yield at
        at = text.find(substring, at + 1)
