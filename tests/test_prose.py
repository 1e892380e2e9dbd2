"""Text knowledge has one home (lint.prose): white space, sentence ends, months and
quote marks mean the same to every reader, analysis and rule."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import lint
import rules
from fuzzing import examples
from lint import prose
from lint.analysis import sentences
from lint.lazy import LazyPattern

# Every character whose white-space status a pattern engine might see differently.
CHARACTERS = [chr(c) for c in range(0x3100)] + ["\u3000", "\ufeff", "\U0001f600"]


def test_white_space_in_a_pattern_is_str_isspace() -> None:
    space, not_space = prose.compile(r"\s"), prose.compile(r"\S")
    in_class, negated = prose.compile(r"[\s,]"), prose.compile(r"[^\s,]")
    for char in CHARACTERS:
        assert bool(space.fullmatch(char)) == char.isspace(), repr(char)
        assert bool(not_space.fullmatch(char)) != char.isspace(), repr(char)
        assert bool(in_class.fullmatch(char)) == (char.isspace() or char == ","), repr(char)
        assert bool(negated.fullmatch(char)) != (char.isspace() or char == ","), repr(char)
    assert bool(re.fullmatch(r"\s", "\x1f")) and not regex.fullmatch(r"\s", "\x1f")


def _modules():
    for package in (lint, rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.startswith(("lint.service", "lint.audit", "lint.web",
                                         "lint.__main__")):
                yield importlib.import_module(info.name)


_BARE_SPACE = regex.compile(r"(?<!\\)(?:\\\\)*\\[sS](?!\\x1c-\\x1f)")


def test_no_pattern_speaks_of_white_space_another_way() -> None:
    """A `regex` pattern with a bare `\\s` would leave out U+001C-U+001F (`re`'s `\\s`
    is str.isspace())."""
    bare = [f"{module.__name__}.{name}" for module in _modules()
            for name, value in vars(module).items()
            if (isinstance(value, regex.Pattern)
                or isinstance(value, LazyPattern) and value.engine is regex)
            and _BARE_SPACE.search(value.pattern)]
    assert bare == []


def _isspace_classes_by_definition(pattern: str) -> str:
    """`\\s` and `\\S` rewritten as str.isspace() knows white space, read one
    character at a time."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i:i + 2]
            if escape == r"\s":
                out.append(r"\s\x1c-\x1f" if in_class else prose.SPACE)
            elif escape == r"\S":
                if in_class:
                    raise ValueError(escape)
                out.append(prose.NOT_SPACE)
            else:
                out.append(escape)
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            out.append(char)
            i += 1
            for opener in ("^", "]"):  # a member straight after `[` or `[^`
                if i < len(pattern) and pattern[i] == opener:
                    out.append(opener)
                    i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _rewritten(rewrite, pattern: str) -> str:
    try:
        return rewrite(pattern)
    except ValueError:
        return "ValueError"


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "^", "\\", "s", "S", "a", "-", "\\s", "[^"]),
                max_size=14).map("".join))
def test_white_space_is_rewritten_as_its_definition_says(pattern: str) -> None:
    assert _rewritten(prose._isspace_classes, pattern) \
        == _rewritten(_isspace_classes_by_definition, pattern)


def _stop_gaps(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in sentences._opening_checked(
        sentences._STOP_GAP.finditer(text), text, len(text))]


def _general_gaps(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in sentences._GAP.finditer(text)]


TEXT = st.lists(st.sampled_from(["The", "vote", "U.S.", ".", "”", ")", " ", "\x1c", "\x1f",
                                 "\u2028", "\xa0", "\n", "É", "1", "“", "a"]),
                max_size=30).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(TEXT)
def test_the_sentence_gap_fast_path_agrees_with_the_pattern(text: str) -> None:
    assert _stop_gaps(text) == _general_gaps(text)


@pytest.mark.parametrize("space", ["\x1c", "\x1f", " ", "\u2028"])
def test_every_white_space_separates_sentences(space: str) -> None:
    text = f"The vote was close.{space}Then the count began."
    assert [text[s.start:s.end] for s in sentences.split_sentences(text)] == [
        "The vote was close.", "Then the count began."]


def test_sentence_ends_and_months_are_built_from_one_list() -> None:
    assert regex.fullmatch(prose.SENTENCE_END, "?”)")
    assert all(regex.fullmatch(prose.SENTENCE_MARK, m) for m in prose.SENTENCE_MARKS)
    assert not regex.fullmatch(prose.SENTENCE_MARK, ":")
    assert regex.fullmatch(prose.LINE_END_MARK, ";")
    month = regex.compile(rf"{prose.MONTH}\b")
    assert all(month.fullmatch(m) for m in prose.MONTHS + prose.MONTH_ABBREVIATIONS)
    assert not month.fullmatch("Mayor")
