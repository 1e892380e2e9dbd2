"""The duplicate rules' shortcuts tell what the slower reading tells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.text import (
    _KEY_POUND_STAND_IN,
    comparison_key_and_words,
    comparison_text,
    holds_words,
    joined_words,
    spaced_word_count,
)
from lint.document import BLOCK_SEPARATOR, Block
from rules.duplicates import (
    _BETWEEN_BLOCKS,
    _blocks_with_adjacent_twins,
    _fewest_characters,
    _has_adjacent_twins,
)

_CHARACTERS = st.sampled_from(["a", "A", "b", " ", "  ", "\n", "\u00a0", "\u2003", ".", "'",
                               "’", "“", "é", "É", "ß", "£", _BETWEEN_BLOCKS, "-"])
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


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_TEXTS, max_size=6))
def test_blocks_with_twins_told_in_one_pass_are_those_told_block_by_block(
        texts: list[str]) -> None:
    text = BLOCK_SEPARATOR.join(texts)
    blocks, start = [], 0
    for number, block_text in enumerate(texts, 1):
        blocks.append(Block("paragraph", start, start + len(block_text), number))
        start += len(block_text) + len(BLOCK_SEPARATOR)
    found = _blocks_with_adjacent_twins(text, blocks)
    with_twins = [b for b in blocks if _has_adjacent_twins(text[b.start:b.end])]
    assert [b for b in found if b in with_twins] == with_twins
    assert found == sorted(set(found), key=blocks.index)


# No typographic form (they are written plain before either reading), pound signs
# among ASCII, and the characters beyond ASCII that fold, or are white space, which
# the stand-in must not be taken for.
_KEY_PIECES = st.sampled_from(["£", "£", "a", "A", "1", " ", "  ", ".", "!", "'", '"', ")", "-",
                               "\n", "\t", "\x1c", "\x1f", _KEY_POUND_STAND_IN, "ſ", "İ", "ß", "é",
                               "e\u0301", "\u202f", "\u2028", "\u3000", "\u200b", "…"])


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(_KEY_PIECES, max_size=20).map("".join))
def test_texts_folded_with_a_stand_in_for_the_pound_sign_are_the_folded_ones(text: str) -> None:
    assert comparison_text(text) == " ".join(text.casefold().split())


# Words of few letters and of many, so that a text's start holds its words or not.
_SPACED_WORDS = st.lists(st.sampled_from(["a", "ab", "abcdefghijklmnop", "£", "x" * 70]),
                         max_size=20).map(" ".join)


@settings(max_examples=examples(500), deadline=None)
@given(_SPACED_WORDS, st.integers(1, 20))
def test_a_text_holds_the_words_it_counts(text: str, words: int) -> None:
    assert holds_words(text, words) == (spaced_word_count(text) >= words)
