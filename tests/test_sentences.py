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
    openings = possible_openings(["A first paragraph of the page.", paragraph])
    for sentence in sentences(paragraph):
        words = sentence.casefold().translate(str.maketrans("!?…", "...")).split()
        if len(words) > OPENING_WORDS:
            assert tuple(words[:OPENING_WORDS]) in openings, sentence


def test_case_folding_keeps_white_space_sentence_marks_and_closers_apart() -> None:
    # possible_openings finds the openings in the text as written and folds only them.
    kept = re.compile(rf"[\s{re.escape(prose.SENTENCE_MARKS + prose.CLOSERS)}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        if folded != char:
            assert folded and not kept.match(char) and not kept.search(folded), hex(code)


def _openings_by_definition(paragraphs: list[str]) -> list[tuple[str, ...]]:
    """The words after each stop (and closers) and white space, in the folded text."""
    folded = "".join(".\n" + paragraph for paragraph in paragraphs).casefold()
    for mark in prose.SENTENCE_MARKS[1:]:
        folded = folded.replace(mark, ".")
    words = r"(\S+)\s+" * OPENING_WORDS
    return re.findall(rf"\.{prose.CLOSER}*\s+(?={words})", folded)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.text(alphabet="aAßİΣς .!?…\"'”’»)]\n\t\x1c\u00a0", max_size=30),
                max_size=4))
def test_openings_are_found_as_in_the_folded_text(paragraphs: list[str]) -> None:
    assert possible_openings(paragraphs) == _openings_by_definition(paragraphs)
