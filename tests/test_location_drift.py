"""Shapes where a finding's source span once rendered differently from the text
the rule flagged (issue 9): each asserts the location invariant exactly."""

from __future__ import annotations

import pytest

from fuzzing import as_format
from invariants import assert_locations_exact
from lint.config import Config
from lint.engine import Linter
from lint.readers import read

LINTER = Linter(Config(select=("ALL",)))


def findings(text: str, fmt: str, rule: str | None):
    """The findings of `rule` (None: of every rule), their locations checked."""
    document = read("story", text, fmt)
    found = LINTER.lint(document)
    assert_locations_exact(document, found)
    return [f for f in found if rule is None or f.rule == rule]


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


# Past 512 open elements the markup reader once added each new element as an empty
# sibling, so what a document showed depended on depth, while a finding's source
# slice, rendered alone, was shallow: `<<code>ul>` (a fuzzed input) was flagged as
# `<￼ul>`, its slice rendering `<￼`.
DEEP = 600
OPENERS = ["<ul>", "<div>", "<b>", "<blockquote>"]
BEFORE_PARAGRAPH = {"html": len("<h1>Council votes</h1>\n<p>"), "wordpress": len("<p>"), "ans": 0}


def deep_article(opener: str, depth: int, paragraph: str, fmt: str, after: str = "") -> str:
    return as_format(f"Council votes\n\n{opener * depth}{paragraph}\n\n{after}\n", fmt)


@pytest.mark.parametrize("opener", OPENERS)
@pytest.mark.parametrize("fmt", ["html", "wordpress", "ans"])
def test_a_span_opened_past_512_elements_deep_hides_what_it_hides(opener, fmt) -> None:
    text = deep_article(opener, DEEP, "The vote was the <span hidden>the</span> the end.", fmt)
    [repeated] = findings(text, fmt, "repeated-word")
    assert (repeated.text, repeated.flagged) == ("the <span hidden>the</span> the", "the the")
    assert repeated.location.offset == (BEFORE_PARAGRAPH[fmt] + len(opener) * DEEP
                                        + len("The vote was "))


@pytest.mark.parametrize("fmt", ["html", "wordpress", "ans"])
def test_code_opened_past_512_elements_deep_is_masked_to_its_end(fmt) -> None:
    text = deep_article("<b>", DEEP, "The council met to vote on <<code>ul>", fmt,
                        after="and the council left.")
    [broken] = findings(text, fmt, "paragraph-break-mid-sentence")
    assert (broken.text, broken.flagged) == ("<<code>ul>", "<\ufffc")
    assert broken.location.offset == (BEFORE_PARAGRAPH[fmt] + len("<b>") * DEEP
                                      + len("The council met to vote on "))


@pytest.mark.parametrize("opener", OPENERS)
@pytest.mark.parametrize("fmt", ["html", "wordpress", "ans"])
def test_findings_do_not_depend_on_how_deep_the_markup_nests(opener, fmt) -> None:
    paragraph = "The council met on the <i hidden>x</i> the <q>plan</q> to vote on <<code>ul>"

    def found(depth: int) -> list[tuple]:
        """Each finding, placed from the end of its source: the same at any depth."""
        text = deep_article(opener, depth, paragraph, fmt, after="and the council left .")
        sources = read("story", text, fmt).sources
        return [(f.rule, f.text, f.flagged, f.location.source,
                 len(sources[f.location.source].text) - f.location.offset)
                for f in findings(text, fmt, None)]
    shallow = found(10)
    assert "repeated-word" in {rule for rule, *_ in shallow}
    assert found(DEEP + 10) == shallow


@pytest.mark.parametrize("fmt", ["html", "wordpress", "ans", "markdown", "text"])
def test_an_author_bio_spans_its_blocks_as_the_reader_joins_them(fmt: str) -> None:
    # The finding runs from the name line over the bio paragraph: in markup its
    # slice holds `</p>\n<p>`, which renders as the blank line between two blocks.
    paragraphs = ["Plant deal agreed",
                  "The council approved the plant on Monday after a long debate about jobs.",
                  "Tom Jervis",
                  "Tom Jervis is the business reporter for the Gazette. He has covered the car"
                  " industry since 2009."]
    [bio] = findings(as_format("\n\n".join(paragraphs) + "\n", fmt), fmt, "stray-boilerplate")
    if fmt == "ans":  # each paragraph its own element: the span stays in the first
        assert (bio.flagged, bio.text, bio.location.element_id) == ("Tom Jervis",) * 2 + ("E1",)
        return
    assert bio.flagged == "\n\n".join(paragraphs[2:])
    assert bio.text.startswith("Tom Jervis") and bio.text.endswith("since 2009.")


@pytest.mark.parametrize(("fragment", "rendered"), [
    ("Tom Jervis</p>\n<p>Tom Jervis is", "Tom Jervis\n\nTom Jervis is"),
    ("x</p> <p> </p><p>y", "x\n\ny"),
    ("a <div>b</div> c", "a\n\nb\n\nc"),
    (" a <b>b</b> ", " a b "),
    ("a<br>b", "a\nb"),
])
def test_a_markup_slice_renders_its_block_breaks_as_blank_lines(fragment, rendered) -> None:
    from lint.readers.markup import render

    assert render(fragment) == rendered


def test_block_tags_inside_a_cms_string_read_as_one_block_break_lines() -> None:
    # An ANS paragraph element (or a WordPress title) is one block: a slice holding
    # `<ul>` or `</p><p>` renders a line break for them, as it was read.
    import json

    line = "Users need to up<ul>date the software now</p><p>to avoid a security threat."
    text = json.dumps({"type": "story", "headlines": {"basic": "Update warning"},
                       "content_elements": [{"type": "text", "content": line}] * 2})
    [finding] = findings(text, "ans", "duplicate-paragraph")
    assert finding.flagged == "Users need to up\ndate the software now\nto avoid a security threat."
    assert finding.text == line
