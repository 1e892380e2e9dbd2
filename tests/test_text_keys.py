"""The comparison keys' shortcuts give what their plain definitions give."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.text import joined_words

# Every white space str.split() knows, and printable and unprintable characters
# that are none (a zero-width space, a soft hyphen).
_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
_CHARACTERS = st.sampled_from([*_SPACES, "  ", "a", "B", "’", "£", "é", "\u200b", "\xad"])


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(_CHARACTERS, max_size=12).map("".join))
def test_joined_words_are_the_words_split_and_joined(text: str) -> None:
    words = text.split()
    assert joined_words(text) == (" ".join(words), len(words))


def test_every_white_space_but_the_plain_space_is_unprintable() -> None:
    assert [c for c in _SPACES if c.isprintable()] == [" "]
