"""The sentence splitter on the cases newsroom copy throws at it."""

from __future__ import annotations

import pytest

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
