"""The word rules' shortcuts find what the slower reading finds: number mentions
sought only where one may start are those a scan of every position finds."""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import COMBINING, DOTS, HYPHENS, INVISIBLE, LINE_BREAKS, QUOTES, examples
from lint.analysis.numbers import _FOLDED_TO_ASCII, _MENTION, mention_matches

_NUMBER_PIECES = ["5", "12", "1,000", "2.5", "£", "$", "€", "£5", "x£5", "$1.2bn", "€ 3", "one",
                  "One", "ONE", "ſix", "mİllion", "\u212a", "ten", "often", "twenty", "bn", "m",
                  "K", "%", " per cent", ",", "/", "&", "#", "_", "a", "x", "é", " ", "  ", "\x1c",
                  "\x1f", "ſ", "İ"]
_HOSTILE = QUOTES + DOTS + HYPHENS + INVISIBLE + COMBINING + LINE_BREAKS
# Mostly the pieces of numbers, so that they meet each other as often as hostile ones.
_PIECE = st.one_of(st.sampled_from(_NUMBER_PIECES), st.sampled_from(_NUMBER_PIECES),
                   st.sampled_from(_HOSTILE))


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_PIECE, max_size=16), st.integers(0, 4), st.integers(0, 4))
def test_mentions_sought_where_one_may_start_are_those_of_every_position(
        pieces: list[str], cut_before: int, cut_after: int) -> None:
    text = "".join(pieces)
    start = min(cut_before, len(text))
    end = max(start, len(text) - cut_after)
    assert ([m.span() for m in mention_matches(text, start, end)]
            == [m.span() for m in _MENTION.finditer(text, start, end)])


def test_the_letters_read_as_ascii_are_all_there_are() -> None:
    """What lets a segment's shape hold a mention's every letter and digit."""
    ascii_alike = regex.compile("[a-z0-9]", regex.IGNORECASE)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if ascii_alike.fullmatch(chr(c))}
    assert found == set(_FOLDED_TO_ASCII)
    assert all(regex.fullmatch(letter, folded, regex.IGNORECASE)
               for folded, letter in _FOLDED_TO_ASCII.items())
