"""The spelling and hyphenation rules' shortcuts find what the slower reading finds:
listed spellings searched for as written in the text are those the case-blind word
search finds, hyphenated words lowered one by one are those of the lowered text, and
the quick look at whether a form may stand never misses one that stands."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.abbreviations import _FEW_SEARCHES, Abbreviations
from lint.article import Article
from lint.readers import read
from rules.names import (
    _MAY_PRECEDE,
    _WORDS_SEARCHED_UP_TO,
    SPELLINGS,
    _hyphenated_words,
    _listed_words_in,
    _spelled_words,
)

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


# Listed words enough that they are found in one pass of the word search, as on a long
# page, rather than searched for one by one.
MANY_LISTED = " ".join(sorted(SPELLINGS)[:_WORDS_SEARCHED_UP_TO + 1]) + " "


@pytest.mark.parametrize("before", ["", MANY_LISTED])
@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(SPELLING_PIECES), max_size=14))
def test_spellings_found_as_written_are_those_the_word_search_finds(
        before: str, pieces: list[str]) -> None:
    analysis = analyse(before + "".join(pieces))
    uses = _spelled_words(analysis, _listed_words_in(analysis))
    found = [(at, end, word) for at, end, word, _ in uses]
    assert found == spelled_words_by_word_search(analysis)


def hyphenated_words_of_lowered_text(lowered: str) -> set[str]:
    """Words with one hyphen between letters, found from each hyphen in the lowered
    text by walking back over the letters before it."""
    found = set()
    at = lowered.find("-")
    while at != -1:
        if 0 < at < len(lowered) - 1 and lowered[at - 1].isalpha() and lowered[at + 1].isalpha():
            start = at - 1
            while start > 0 and lowered[start - 1].isalpha():
                start -= 1
            end = at + 1
            while end < len(lowered) and (lowered[end].isalpha() or (
                    lowered[end] == "-" and lowered[end + 1:end + 2].isalpha())):
                end += 1
            word = lowered[start:end]
            if word.count("-") == 1 and lowered[start - 1:start] != "-":
                found.add(word)
            at = lowered.find("-", end)
        else:
            at = lowered.find("-", at + 1)
    return found


HYPHEN_PIECES = ["e", "mail", "E-mail", "MAIL", "co", "op", "Co", "ſ", "ΟΔΟΣ", "ΑΣ", "-", "--",
                 *HOSTILE]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(HYPHEN_PIECES), max_size=16))
def test_hyphenated_words_lowered_alone_are_those_of_the_lowered_text(pieces: list[str]) -> None:
    analysis = analyse("".join(pieces))
    assert _hyphenated_words(analysis) == hyphenated_words_of_lowered_text(analysis.lowered)


def test_hyphenated_words_of_known_text() -> None:
    analysis = analyse("An E-mail, a well-to-do co-op; --re-sign, Co-Op’s x-ray.")
    assert _hyphenated_words(analysis) == {"e-mail", "co-op", "x-ray"}
    # `İ` leaves the text as it is written; `Σ` lowers by the letters around the word.
    assert _hyphenated_words(analyse("İ E-mail")) == {"E-mail"}
    assert _hyphenated_words(analyse("ΑΒ-ΓΣ'Δ Α'Σ-ΑΒ")) == {"αβ-γσ", "ς-αβ"}


FORMS = ["email", "e mail", "coop", "co op", "kin", "eſ", "σα", "é"]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(["Email", "EMAIL", "eMail", "CoOp", "co", "op", "\u212aIN",
                                 "kin", "ΣΑ", *HOSTILE]), max_size=12),
       st.lists(st.sampled_from(FORMS), min_size=1, max_size=20))
def test_a_form_in_the_lowered_text_may_stand(pieces: list[str], forms: list[str]) -> None:
    # The first looks search the text (an ASCII form its bytes first); past them, the
    # set of its words answers, for whole words only.
    analysis = analyse("".join(pieces))
    for look, form in enumerate(forms):
        stands = analysis.may_stand(form)
        if look < _FEW_SEARCHES and form in analysis.lowered:
            assert stands
