"""Shapes where a finding's source span once rendered differently from the text
the rule flagged (issue 9): each asserts the location invariant exactly."""

from __future__ import annotations

import pytest

from invariants import assert_locations_exact
from lint.config import Config
from lint.engine import Linter
from lint.readers import read

LINTER = Linter(Config(select=("ALL",)))


def findings(text: str, fmt: str, rule: str):
    document = read("story", text, fmt)
    found = LINTER.lint(document)
    assert_locations_exact(document, found)
    return [f for f in found if f.rule == rule]


@pytest.mark.parametrize("indent", ["    ", "\t", "     "])
def test_a_lazy_line_indented_past_a_quote_marker_keeps_its_marker(indent: str) -> None:
    # Indented four columns or more, `>` is no block quote marker: the line goes on
    # the paragraph, `>` and all, and the rendering of its span keeps the `>`.
    text = f"Headline\n\nHe said the plan\n{indent}> was fine the the end.\n"
    repeated = findings(text, "markdown", "repeated-word")
    assert [f.text for f in repeated] == ["the the"]
    paragraph = f"The council approved the budget\n{indent}> after a long debate on Tuesday."
    copies = findings(f"Headline\n\n{paragraph}\n\n{paragraph}\n", "markdown",
                      "duplicate-paragraph")
    assert [f.flagged for f in copies] == [
        "The council approved the budget\n> after a long debate on Tuesday."]
    assert copies[0].text == paragraph


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_line_starting_with_unicode_white_space_renders_as_written(
        separator: str, fmt: str) -> None:
    text = f"Headline\n\nSales rose in the\n{separator}the year to March.\n"
    repeated = findings(text, fmt, "repeated-word")
    assert [f.text for f in repeated] == [f"the\n{separator}the"]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_quote_mark_before_white_space_at_a_block_end_is_not_spaced(fmt: str) -> None:
    text = "Headline\n\nHe said “ \x85\n\n- “The plan is fine,” he said.\n"
    assert findings(text, fmt, "space-inside-quote") == []
    spaced = findings("Headline\n\nHe said “ the plan is fine.”\n", fmt, "space-inside-quote")
    assert [f.text for f in spaced] == ["“ "]
