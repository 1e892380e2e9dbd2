"""Normalisation keys shared by the rules that compare stretches of text."""

from __future__ import annotations

import regex

_PLAIN_FORMS = (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"),
                ("–", "-"), ("—", "-"), ("‒", "-"), ("−", "-"), ("\u00a0", " "))
_TRAILING = " .,;:!?…\"')]"
WORD = regex.compile(r"\w+(?:['’]\w+)*")


def comparison_words(text: str) -> list[str]:
    """The words of `text` with case and quote and dash style folded away. As many
    as word_count(text): folding never makes or removes white space."""
    # A substring test and a replace per form: str.translate with a table, and a
    # regex search to guard it, both cost more than all of these together.
    for typographic, plain in _PLAIN_FORMS:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text.casefold().split()


def key_of(words: list[str]) -> str:
    """The comparison key of a text from its comparison_words."""
    return " ".join(words).rstrip(_TRAILING)


def comparison_key(text: str) -> str:
    """Case, white space, quote and dash style and trailing punctuation folded away."""
    return key_of(comparison_words(text))


def word_count(text: str) -> int:
    """Words as white-space separated tokens: cheap, and close enough for length guards."""
    return len(text.split())
