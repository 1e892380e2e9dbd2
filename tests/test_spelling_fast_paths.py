"""The spelling and hyphenation rules' shortcuts find what the slower reading finds.

spelling-variant-mix decides from the listed words an article holds whether any use
could be flagged, before placing them: the words hold every use that searching for
every listed spelling places, and where the words say no use could be flagged, none
of those uses outside quotations would be. Hyphenated words are lowered alone unless
the text holds a character that lowers otherwise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.analysis.abbreviations import Abbreviations
from lint.article import Article
from lint.readers import read
from rules.names import (
    _AXES,
    SPELLINGS,
    _hyphenated_words,
    _listed_words_in,
    _may_be_reported,
    _spelled_words,
)

# Characters a scan by hand gets wrong: quote marks, dots, hyphens and dashes, NBSP,
# the information separators, a combining mark, long s, `İ` (longer in lower case),
# the Kelvin sign, line separators.
HOSTILE = ["'", "’", "‘", "“", "”", '"', "(", "[", ".", "-", "–", "_", " ", "\u00a0",
           "\u001c", "\u001d", "\u001e", "\u001f", "\u0301", "ſ", "İ", "\u212a", "\u2028",
           "\u2029", "\n", "1", "é"]
PIECES = ["colour", "color", "organise", "organize", "centre", "center", "travelled",
          "traveled", "Colour", "COLOR", "COLOUR SCHEME TODAY", "colours", "s", "x",
          " said ", *HOSTILE]
HOUSE_SIDES = {"variety": (None, "british", "american"), "endings": (None, "ise", "ize")}


def analyse(body: str) -> Abbreviations:
    return Article(read("x.txt", "Headline\n\n" + body + "\n")).abbreviations


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16))
def test_no_use_is_flagged_where_its_words_say_none_could_be(pieces: list[str]) -> None:
    analysis = analyse("".join(pieces))
    words = _listed_words_in(analysis)
    uses = _spelled_words(analysis, set(SPELLINGS))
    assert {word for _, _, word, _ in uses} <= words
    for axis in _AXES:
        sides = {v.side for start, end, _, v in uses
                 if v.axis == axis and not analysis.quoted(start, end)}
        for house_side in HOUSE_SIDES[axis]:
            if not _may_be_reported(words, axis, house_side):
                assert sides <= {house_side} if house_side else len(sides) < 2


def test_words_that_may_be_reported() -> None:
    words = {"colour", "centre", "organize"}
    assert not _may_be_reported(words, "variety", None)
    assert _may_be_reported(words | {"color"}, "variety", None)
    assert not _may_be_reported(words, "variety", "british")
    assert _may_be_reported(words, "variety", "american")
    assert not _may_be_reported(words, "endings", None)
    assert _may_be_reported(words, "endings", "ise")


def test_hyphenated_words_lowered_alone_beside_a_sigma_elsewhere() -> None:
    # The words are read from the lowered text whenever it holds `Σ` or `İ`.
    assert _hyphenated_words(analyse("ΟΔΟΣ E-Mail, x-RAY")) == {"e-mail", "x-ray"}
    assert _hyphenated_words(analyse("E-Mail, x-RAY")) == {"e-mail", "x-ray"}
    assert _hyphenated_words(analyse("ΟΔΟΣ-ΑΣ E-Mail")) == {"οδος-ας", "e-mail"}
