"""The name shortcuts find what the slower readings they replace find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis import abbreviations
from lint.article import Article
from lint.readers import read

HOSTILE = ["'", "’", '"', "“", ".", "-", "–", "\u00a0", "\x1c", "\x1f", "\u0301", "ſ", "İ",
           "\u2028", "&", "(", ")", "\n", "\n\n"]
# First words a run may or may not lose: sentence words, titles, acronyms, and words
# whose case folding (`ſ`, `İ`, `ß`) or capitals make them look like one of those.
FIRST_WORDS = ["The", "THE", "But", "Mr", "MR", "Prime", "Minister", "Secretary", "Chief",
               "Fly-Half", "RBS", "BBC", "MPs", "Sir", "Tomorrow", "Aſ", "İt", "İ", "Iİ", "Thé",
               "Straße", "STRASSE", "Ǆ", "ǅ", "A", "É", "Bank", "England", "Ruth", "Kelly",
               "Kilroy-Silk", "WikiLeaks", "O'Neill", "Six", "Nations"]
JOINS = [" ", " ", " ", "\u00a0", " of ", " & ", "&", " and ", "-", "–", "  ", ", ", ". "]
RUNS = st.lists(st.sampled_from(FIRST_WORDS) | st.sampled_from(JOINS)
                | st.sampled_from(HOSTILE), max_size=30).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(RUNS)
def test_names_trim_only_the_runs_whose_first_word_may_go(body: str) -> None:
    """Names ask _trim_name only of runs that are one word or start with a sentence
    word, a title or a word in capitals: the same names as trimming every run."""
    a = Article(read("x.txt", "Headline\n\n" + body + "\n")).abbreviations
    text = a.masked
    expected = []
    for m in abbreviations._name_matches(text, a._shape):
        start, end = abbreviations._trim_name(text, *m.span())
        if (start is not None and a.block_of(start) is not None
                and not a.shouting(start, end) and not text[start:end].isupper()):
            expected.append((start, end))
    assert [(n.start, n.end) for n in a.names] == expected

