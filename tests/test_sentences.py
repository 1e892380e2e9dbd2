"""The sentence splitter on the cases newsroom copy throws at it."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint import prose
from lint.analysis.sentences import OPENING_WORDS, possible_openings, split_sentences
from lint.analysis.text import _PLAIN_FORMS, comparison_text


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr Smith arrived. He sat down.", ["Mr Smith arrived.", "He sat down."]),
    ("Dr. Jones and Mrs. Brown met St. John.", ["Dr. Jones and Mrs. Brown met St. John."]),
    ("It sells well in the U.S. The firm is pleased.",
     ["It sells well in the U.S.", "The firm is pleased."]),
    ("U.S. President Joe Biden spoke.", ["U.S. President Joe Biden spoke."]),
    ("He met U.S. Meanwhile officials. Then U.S. Meanwhilewe left.",
     ["He met U.S.", "Meanwhile officials.", "Then U.S. Meanwhilewe left."]),
    ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    ("It cost £5.5m. Prices rose 3.5% in May.", ["It cost £5.5m.", "Prices rose 3.5% in May."]),
    ("A.J. Smith and J. R. Hartley wrote it.", ["A.J. Smith and J. R. Hartley wrote it."]),
    ('"We are done." He left.', ['"We are done."', "He left."]),
    ('"Are we done?" she asked. "Yes."', ['"Are we done?" she asked.', '"Yes."']),
    ("Buy fruit, e.g. Apples and pears.", ["Buy fruit, e.g. Apples and pears."]),
    ("It rose 5%. 2005 was better.", ["It rose 5%.", "2005 was better."]),
])
def test_splits(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("paragraph", [
    "Mr Smith arrived at the station. He sat down on the bench to wait.",
    '  "We are done here for today," he said.\tThe  meeting ended at   noon sharp.',
    "It sells well in the U.S. The firm is pleased with the sales so far.",
    "Yes. No. The STRASSE was closed to all traffic on Monday!",
    "(The road was closed to traffic.) Drivers took the long way round the town.",
    "Why? Nobody knew why the road was closed! Drivers… took the long way round.",
])
def test_every_long_sentence_opens_at_a_possible_opening(paragraph: str) -> None:
    openings = possible_openings(map(comparison_text, ["A first paragraph of the page.",
                                                       paragraph]))
    for sentence in sentences(paragraph):
        words = comparison_text(sentence).translate(str.maketrans("!?…", "...")).split()
        if len(words) > OPENING_WORDS:
            assert " ".join(words[:OPENING_WORDS]) in openings, sentence


def test_case_folding_keeps_white_space_marks_closers_and_typographic_forms_apart() -> None:
    # So folding and writing the typographic forms plain may come in either order: the
    # sentences found in the text as written start where the openings of its comparison
    # text do, with the words there folded as a sentence's are, then written plain.
    typographic = "".join(form for form, _ in _PLAIN_FORMS)
    kept = re.compile(rf"[\s{re.escape(prose.SENTENCE_MARKS + prose.CLOSERS + typographic)}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        if folded != char:
            assert folded and not kept.match(char) and not kept.search(folded), hex(code)


def _openings_by_definition(paragraphs: list[str]) -> list[str]:
    """The words after each stop (and closers) and white space."""
    text = "".join(".\n" + paragraph for paragraph in paragraphs)
    for mark in prose.SENTENCE_MARKS[1:]:
        text = text.replace(mark, ".")
    words = r"(\S+)\s+" * OPENING_WORDS
    return [" ".join(opening) for opening in re.findall(rf"\.{prose.CLOSER}*\s+(?={words})", text)]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.text(alphabet="aAßİΣς .!?…\"'”’»)]\n\t\x1c\u00a0", max_size=30),
                max_size=4))
def test_openings_are_found_as_in_the_comparison_texts(paragraphs: list[str]) -> None:
    folded = list(map(comparison_text, paragraphs))
    assert possible_openings(folded) == _openings_by_definition(folded)
