"""The duplicate rules' fast paths tell what the slower readings they replace tell."""

from __future__ import annotations

import operator

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import FORMATS, PIECES, as_format, examples
from lint.article import Article
from lint.readers import InputError, read
from rules.duplicates import (
    _BETWEEN_BLOCKS,
    _POUND_STAND_IN,
    _REPEAT,
    _folded_text,
    _has_adjacent_twins,
    _holds_twins,
    _may_hold_repeat,
)

# Words that repeat, and what may part or join them: every ASCII white space, those
# beyond ASCII, the marks set aside around words, hyphens, dots, combining marks and
# the letters whose case folding changes their length.
_TWIN_PIECES = st.sampled_from([
    "a", "A", "ab", "Ab", "b", " ", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d",
    "\x1e", "\x1f", "\u00a0", "\u2028", "\u2029", "\u3000", ".", "...", ",", "'", '"', "’", "‘",
    "“", "”", "…", "(", ")", "-", "–", "£", "ſ", "S", "s", "İ", "i\u0307", "e\u0301", "\u0301",
    "ß", "ss", _BETWEEN_BLOCKS, _POUND_STAND_IN])
_TWIN_TEXTS = st.lists(_TWIN_PIECES, max_size=30).map("".join)


def _twins_in_word_list(folded: bytes | str) -> bool:
    words = folded.split()
    return any(map(operator.eq, words, words[1:]))


@settings(max_examples=examples(1000), deadline=None)
@given(_TWIN_TEXTS)
def test_twins_found_by_the_pattern_are_those_of_the_folded_word_list(text: str) -> None:
    folded = _folded_text(text)
    assert _has_adjacent_twins(text) == _twins_in_word_list(folded)


# Folded bytes as they may come: spaces alone, runs of them, words that are prefixes of
# their neighbours, and UTF-8 bytes beyond ASCII.
_FOLDED_PIECES = st.sampled_from([b" ", b"  ", b"a", b"b", b"ab", b"\x00", b"\xc2\xa3", b"-"])


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(_FOLDED_PIECES, max_size=30).map(b"".join))
def test_twins_in_folded_bytes_are_neighbouring_equal_words(folded: bytes) -> None:
    assert _holds_twins(folded) == _twins_in_word_list(folded)


# Slips and near misses: words alike but for case, parted by white space of every
# kind or by marks, within ASCII or beside the marks beyond it that are read as ASCII
# punctuation, and letters beyond ASCII that fold to ASCII ones (`ſ`, `K`, `İ`).
_SLIP_PIECES = st.sampled_from([
    "the", "The", "THE", "a", "A", "s", "S", "ſ", "k", "\u212a", "i", "İ", "i\u0307", "e\u0301",
    "é", "1", "_", " ", " ", "  ", "\t", "\n", "\r", "\x1c", "\x1f", "\u00a0", "\u2028", "\u0085",
    ".", "'", '"', "-", "(", ")", "£", "“", "”", "‘", "’", "…", "–", "—", "€"])


@settings(max_examples=examples(1500), deadline=None)
@given(st.lists(_SLIP_PIECES, max_size=24).map("".join))
def test_a_text_ruled_out_by_its_words_and_marks_holds_no_repeat_the_pattern_finds(
        text: str) -> None:
    if not _may_hold_repeat(text):
        assert _REPEAT.search(text) is None


# Paragraphs with the marks sentences turn on, each written twice or more on the page.
_SENTENCE_PIECES = st.one_of(
    st.sampled_from(["He left", "Mr", "U.S", "No", "The", "I", "5", "e.g", "A", "aaaaaaaaaaaaaaa"]),
    st.sampled_from(PIECES), st.sampled_from([" ", " ", ". ", "? ", "\n", "\t"]))
_REPEATED_PARAGRAPHS = st.lists(st.lists(_SENTENCE_PIECES, min_size=1, max_size=12).map("".join),
                                min_size=1, max_size=3)


@settings(max_examples=examples(300), deadline=None)
@given(paragraphs=_REPEATED_PARAGRAPHS, order=st.lists(st.integers(0, 2), min_size=2,
                                                       max_size=6), fmt=st.sampled_from(FORMATS))
def test_blocks_with_one_text_have_its_sentences_moved(paragraphs, order, fmt):
    # duplicate-sentence splits and keys a pasted paragraph's text once for its copies.
    body = "\n\n".join(paragraphs[i % len(paragraphs)] for i in order)
    try:
        document = read("story", as_format(f"Headline\n\n{body}\n", fmt), fmt)
    except InputError:
        return
    article = Article(document)
    first_with_text = {}
    for block in document.blocks:
        first = first_with_text.setdefault(article.block_text(block), block)
        moved = [(s.start - first.start + block.start, s.end - first.start + block.start)
                 for s in article.sentences[first]]
        assert [tuple(s) for s in article.sentences[block]] == moved
