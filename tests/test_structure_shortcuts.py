"""The structure rules' shortcuts tell what the slower reading tells."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from unittest import mock

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.article import Article
from lint.document import Block
from lint.readers import read
from rules import structure
from rules.structure import (
    _BIO_VERBS,
    _QUOTES_AROUND,
    _any_builtin,
    _is_name_line,
    _lines,
    _lines_of_two,
    _starts_bio,
    stray_boilerplate,
)

_PIECES = ["Jane", "Smith", "van", "O’Neill", "x", " ", "  ", "\n", "\t", "."]


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.integers(0, 40), st.integers(0, 40))
def test_a_name_line_is_told_in_place_as_it_is_told_copied_out(pieces: list[str], start: int,
                                                               end: int) -> None:
    text = "".join(pieces)
    assert _is_name_line(text, start, end) == _is_name_line(text[start:end])


_BIO_NAMES = ["Jane Smith", "Jane", "Smith", "J.(", "a*"]
# A paragraph's opening, piece by piece: a name, perhaps a possessive, a space and a
# verb, each piece perhaps another that breaks the pattern.
_BIO_OPENING = [st.sampled_from([*_BIO_NAMES, "Jane Smit", ""]),
                st.sampled_from(["", "'s", "’s", "s"]),
                st.sampled_from([" ", "", "  "]),
                st.sampled_from(["is", "was", "reports", "reporter", "x"]),
                st.sampled_from(["", " a", ".", "s"])]


@settings(max_examples=examples(100), deadline=None)
@given(st.tuples(*_BIO_OPENING),
       st.lists(st.sampled_from(_BIO_NAMES), min_size=1, max_size=3))
def test_a_bio_start_is_told_as_the_names_alternation_tells_it(opening: tuple[str, ...],
                                                               names: list[str]) -> None:
    paragraph = "".join(opening)
    alternation = "|".join(regex.escape(name) for name in names)
    pattern = regex.compile(rf"(?:{alternation})(?:['’]s)? {_BIO_VERBS}\b")
    assert _starts_bio(paragraph, tuple(names)) == bool(pattern.match(paragraph))


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.integers(0, 40), st.integers(0, 40))
def test_lines_are_the_block_cut_at_each_line_break(pieces: list[str], start: int,
                                                    end: int) -> None:
    text = "".join(pieces)
    start, end = min(start, len(text)), min(max(start, end), len(text))
    lines = _lines(SimpleNamespace(text=text), Block("paragraph", start, end, 1))
    assert [text[s:e] for s, e in lines] == text[start:end].split("\n")


_LINE_PIECES = ["a", "ab", '"', "'", "“", "”", "’", " ", "\u00a0", "\x1c", "\t", "\n", "\n\n",
                "©:", "é", "Photo: PA", "Read more: x"]


def test_no_built_in_furniture_is_shorter_than_two_characters() -> None:
    """What lets the shape skip a line holding one character besides quote marks."""
    every_character = "".join(chr(c) for c in range(sys.maxunicode + 1) if c != ord("\n"))
    whole_lines = regex.compile(rf"^(?:{_any_builtin().pattern})$",
                                regex.IGNORECASE | regex.MULTILINE)
    assert whole_lines.search("\n".join(every_character)) is None
    assert _any_builtin().fullmatch("") is None


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=16))
def test_the_lines_of_two_are_every_line_that_strips_to_two_characters(
        pieces: list[str]) -> None:
    text = "".join(pieces)
    found = list(_lines_of_two(text))
    start = 0
    lines = []
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    assert set(found) <= set(lines)
    assert found == sorted(found)
    assert {(s, e) for s, e in lines
            if len(text[s:e].strip().strip(_QUOTES_AROUND)) >= 2} <= set(found)


_ARTICLE_PIECES = ["a", '"a"', "“a”", "x", "Jane Smith", "By Tom Jervis", "12 March 2025",
                   "Photo: Getty Images", "(Image: PA)", "AB/AP", "Read more: the story",
                   "Consumer reporter", "Jane is a writer.", "Council approves plan", "©:",
                   " ", "\n", "\n\n", "\n\n\n", '"', "'", "é"]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(_ARTICLE_PIECES), max_size=24),
       st.sampled_from(["text", "markdown"]))
def test_short_blocks_read_off_the_shape_give_what_blocks_read_by_line_give(
        pieces: list[str], fmt: str) -> None:
    document = read("article.txt", "".join(pieces), fmt)
    options = stray_boilerplate.options_from({}, None)

    def problems(shape_pays: int) -> list:
        with mock.patch.object(structure, "_SHAPE_PAYS", shape_pays):
            return list(stray_boilerplate.check(Article(document), options))

    assert problems(sys.maxsize) == problems(0)
