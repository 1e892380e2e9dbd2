"""The sentence splitter on the cases newsroom copy throws at it."""

from __future__ import annotations

import pytest

from lint.analysis.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr Smith arrived. He sat down.", ["Mr Smith arrived.", "He sat down."]),
    ("Dr. Jones and Mrs. Brown met St. John.", ["Dr. Jones and Mrs. Brown met St. John."]),
    ("It sells well in the U.S. The firm is pleased.",
     ["It sells well in the U.S.", "The firm is pleased."]),
    ("U.S. President Joe Biden spoke.", ["U.S. President Joe Biden spoke."]),
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
