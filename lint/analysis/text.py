"""Normalisation keys shared by the rules that compare stretches of text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from lint.lazy import LazyPattern

_PLAIN_FORMS = (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"),
                ("–", "-"), ("—", "-"), ("‒", "-"), ("−", "-"), ("\u00a0", " "))
_TRAILING = " .,;:!?…\"')]"
WORD = LazyPattern(r"\w+(?:['’]\w+)*")
T = TypeVar("T")


def shingles(items: Sequence[T], size: int) -> Iterator[tuple[T, ...]]:
    """Each run of `size` items in a row, in order (none when there are fewer)."""
    return zip(*(items[i:] for i in range(size)), strict=False)


def joined_words(text: str) -> tuple[str, int]:
    """`" ".join(text.split())` and the number of words, by C-level string tests
    alone when the only white space is single plain spaces (most copy)."""
    if only_single_spaces(text):
        text = text.strip(" ")
        return text, text.count(" ") + 1 if text else 0
    words = text.split()
    return " ".join(words), len(words)


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


# Stands in for the pound sign while a key is made: it is no trailing punctuation
# either, so the key of the text with it is the key with the pound sign put back.
_KEY_POUND_STAND_IN = "\x00"


def comparison_key_and_words(text: str) -> tuple[str, int]:
    """comparison_key(text) and word_count(text) in one pass: folding never makes
    or removes white space."""
    # A substring test and a replace per form: str.translate with a table, and a
    # regex search to guard it, both cost more than all of these together. ASCII
    # text (the str flag is kept by CPython) holds none of the forms.
    if not text.isascii():
        for typographic, plain in _PLAIN_FORMS:
            if typographic in text:
                text = text.replace(typographic, plain)
        stood_in = pounds_stood_in(text, _KEY_POUND_STAND_IN)
        if stood_in is not None:
            key, count = _folded_key_and_words(stood_in)
            return key.replace(_KEY_POUND_STAND_IN, POUND), count
    return _folded_key_and_words(text)


def _folded_key_and_words(text: str) -> tuple[str, int]:
    """The key and word count of a text with the typographic forms written plain."""
    joined, count = joined_words(text.casefold())
    return joined.rstrip(_TRAILING), count


def comparison_key(text: str) -> str:
    """Case, white space, quote and dash style and trailing punctuation folded away."""
    return comparison_key_and_words(text)[0]


def word_count(text: str) -> int:
    """Words as white-space separated tokens: cheap, and close enough for length guards."""
    return len(text.split())


def positions(text: str, substring: str) -> Iterator[int]:
    """Where `substring` starts in `text`, in order: str.find, at C speed between them."""
    at = text.find(substring)
    while at != -1:
        yield at
        at = text.find(substring, at + 1)
