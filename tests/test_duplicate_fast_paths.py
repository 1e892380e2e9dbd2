"""The paragraph rules' shortcut for short articles tells what keying every
paragraph tells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import COMBINING, DOTS, HYPHENS, QUOTES, examples
from lint.analysis.text import comparison_key_and_words
from lint.article import Article
from lint.readers import read
from rules.duplicates import _PARAGRAPH_MIN_WORDS, _long_enough

# Paragraphs of few words, which may fall either side of a `min-words` count: words
# parted by the plain space, runs of it and the other white space (NBSP, the ASCII
# separators, a line separator), beside marks that the keys fold or drop, and letters
# whose case folding changes their length.
_PIECES = st.sampled_from([
    "a", "Bc", "d.", "ſ", "İ", "ß", " ", " ", " ", "  ", "\u00a0", "\x1c", "\x1f", "\u2028",
    "£", *QUOTES[:6], *DOTS[:6], *HYPHENS[:4], *COMBINING[:3]])
_PARAGRAPHS = st.lists(_PIECES, min_size=1, max_size=30).map("".join).filter(str.strip)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_PARAGRAPHS, max_size=5),
       st.integers(1, 2 * _PARAGRAPH_MIN_WORDS))
def test_the_long_enough_paragraphs_are_all_listed_when_two_are(paragraphs: list[str],
                                                                 min_words: int) -> None:
    article = Article(read("article.txt", "Headline\n\n" + "\n\n".join(paragraphs) + "\n"))
    keyed = [(block, comparison_key_and_words(article.block_text(block)))
             for block in article.paragraphs]
    long_enough = [(block, key) for block, (key, words) in keyed if words >= min_words]
    found = _long_enough(article, min_words)
    assert found == long_enough or (len(long_enough) < 2 and found == [])
