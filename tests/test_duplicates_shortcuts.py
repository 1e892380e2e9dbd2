"""The duplicate rules' shortcuts tell what the slower reading tells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.text import comparison_key_and_words, joined_words
from rules.duplicates import _fewest_characters

_CHARACTERS = st.sampled_from(["a", "A", "b", " ", "  ", "\n", "\u00a0", "\u2003", ".", "'",
                               "’", "“", "é", "É", "ß", "£", "\x00", "-"])
_TEXTS = st.lists(_CHARACTERS, max_size=10).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(_TEXTS, st.integers(1, 8))
def test_a_text_shorter_than_the_fewest_characters_of_n_words_has_fewer(text: str,
                                                                       words: int) -> None:
    if len(text) < _fewest_characters(words):
        assert len(text.split()) < words
        assert comparison_key_and_words(text)[1] < words  # a paragraph's count
        assert joined_words(text.casefold())[1] < words  # a sentence's count


def test_the_fewest_characters_of_n_words_are_enough_for_them() -> None:
    for words in range(1, 20):
        text = " ".join("a" * words)
        assert len(text) == _fewest_characters(words) and len(text.split()) == words
