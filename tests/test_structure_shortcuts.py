"""The structure rules' shortcuts tell what the slower reading tells."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.document import Block
from rules.structure import _is_name_line, _lines

_PIECES = ["Jane", "Smith", "van", "O’Neill", "x", " ", "  ", "\n", "\t", "."]


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.integers(0, 40), st.integers(0, 40))
def test_a_name_line_is_told_in_place_as_it_is_told_copied_out(pieces: list[str], start: int,
                                                               end: int) -> None:
    text = "".join(pieces)
    assert _is_name_line(text, start, end) == _is_name_line(text[start:end])


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.integers(0, 40), st.integers(0, 40))
def test_lines_are_the_block_cut_at_each_line_break(pieces: list[str], start: int,
                                                    end: int) -> None:
    text = "".join(pieces)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    lines = _lines(SimpleNamespace(text=text), Block("paragraph", start, end, 1))
    assert [text[s:e] for s, e in lines] == text[start:end].split("\n")
