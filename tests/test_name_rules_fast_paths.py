"""The spelling rule's shortcuts find what the slower reading finds: listed spellings
searched for as written in the text are those the case-blind word search finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.abbreviations import Abbreviations
from lint.article import Article
from lint.readers import read
from rules.names import _MAY_PRECEDE, SPELLINGS, _spelled_words

# Characters a scan by hand gets wrong: quote marks, dots, hyphens and dashes, NBSP,
# the information separators, a combining mark, long s, `İ` (longer in lower case),
# `Σ` (lowered by its neighbours), the Kelvin sign (lowered to `k`), line separators.
HOSTILE = ["'", "’", "‘", "“", '"', "(", "[", ".", "-", "–", "_", " ", "\u00a0", "\u001c",
           "\u001d", "\u001e", "\u001f", "\u0301", "ſ", "İ", "Σ", "σ", "\u212a", "\u2028",
           "\u2029", "\n", "1", "é"]


def analyse(body: str) -> Abbreviations:
    return Article(read("x.txt", "Headline\n\n" + body + "\n")).abbreviations


def spelled_words_by_word_search(analysis: Abbreviations) -> list[tuple]:
    """Listed spellings standing in the text, by the case-blind whole-word search."""
    text = analysis.masked
    listed = {word for word in SPELLINGS if word in analysis.lowered}
    found = []
    for word, spans in analysis.find_words(listed).items():
        for at, end in spans:
            if (at > 0 and (text[at - 1].isspace() or text[at - 1] in _MAY_PRECEDE)
                    and text[at:end] == word and not analysis.shouting(at, end)):
                found.append((at, end, word))
    return sorted(found)


SPELLING_PIECES = ["colour", "color", "organise", "organize", "centre", "center", "Colour",
                   "COLOUR", "COLOUR SCHEME TODAY", "colours", "s", "x", *HOSTILE]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(SPELLING_PIECES), max_size=14))
def test_spellings_found_as_written_are_those_the_word_search_finds(pieces: list[str]) -> None:
    analysis = analyse("".join(pieces))
    found = [(at, end, word) for at, end, word, _ in _spelled_words(analysis)]
    assert found == spelled_words_by_word_search(analysis)
