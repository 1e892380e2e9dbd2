"""Normalisation keys shared by the rules that compare stretches of text."""

from __future__ import annotations

import regex

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'",
                         "–": "-", "—": "-", "‒": "-", "−": "-", "\u00a0": " "})
_TYPOGRAPHIC = regex.compile("[“”„‘’‚–—‒−\u00a0]")
_TRAILING = " .,;:!?…\"')]"
WORD = regex.compile(r"\w+(?:['’]\w+)*")


def comparison_key(text: str) -> str:
    """Case, white space, quote and dash style and trailing punctuation folded away."""
    if _TYPOGRAPHIC.search(text):  # str.translate is slow; most copy needs none of it
        text = text.translate(_QUOTES)
    return " ".join(text.casefold().split()).rstrip(_TRAILING)


def word_count(text: str) -> int:
    """Words as white-space separated tokens: cheap, and close enough for length guards."""
    return len(text.split())
