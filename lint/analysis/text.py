"""Normalisation keys shared by the rules that compare stretches of text."""

from __future__ import annotations

import regex

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'",
                         "–": "-", "—": "-", "‒": "-", "−": "-", "\u00a0": " "})
_SPACES = regex.compile(r"\s+")
_TRAILING = regex.compile(r"[\s.,;:!?…\"')\]]+$")
WORD = regex.compile(r"\w+(?:['’]\w+)*")


def comparison_key(text: str) -> str:
    """Case, white space, quote and dash style and trailing punctuation folded away."""
    folded = _SPACES.sub(" ", text.translate(_QUOTES)).casefold().strip()
    return _TRAILING.sub("", folded)


def word_count(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))
