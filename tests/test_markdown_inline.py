"""Markdown inline markup renders as a reader sees it: emphasis marks and link
brackets do not show, so the slips they stand beside are found, with exact
locations, and no mark that CommonMark shows is hidden."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from invariants import assert_blocks_exact, assert_locations_exact
from lint.config import Config
from lint.engine import Linter
from lint.readers import read

LINTER = Linter(Config(select=("ALL",)))


def body_text(text: str) -> str:
    document = read("a.md", "# Vote\n\n" + text + "\n")
    assert_blocks_exact(document)
    return document.block_text(document.body[0])


def test_slips_beside_emphasis_and_links_are_found_where_they_stand() -> None:
    text = ("# Head\n\nThe **council council** met. The council *met met* again. "
            "It **left**.Then the [town](http://t.co) town hall.\n")
    document = read("a.md", text)
    assert document.block_text(document.body[0]) == (
        "The council council met. The council met met again. It left.Then the town town hall.")
    found = LINTER.lint(document)
    assert [(f.rule, f.flagged, f.text, f.location.column) for f in found] == [
        ("repeated-word", "council council", "council council", 7),
        ("repeated-word", "met met", "met met", 43),
        ("missing-space-after-punctuation", "left.Then", "left**.Then", 64),
        ("repeated-word", "town town", "town](http://t.co) town", 81)]
    assert_locations_exact(document, found)
    # Each fix edits prose alone: the second word with the space before it, a space.
    assert [[(e.offset, e.length, e.text) for e in f.fix.edits] for f in found] == [
        [(21, 8, "")], [(53, 4, "")], [(78, 0, " ")], [(106, 5, "")]]


@pytest.mark.parametrize(("line", "shown"), [
    ("It is *very* **much** ***so*** _here_ __now__.", "It is very much so here now."),
    ("It rose 5 * 3 times, as ** says.", "It rose 5 * 3 times, as ** says."),
    ("Call snake_case_name and __init__ here.", "Call snake_case_name and init here."),
    ("It is \\*not\\* emphasis, nor is `*code*` here.",
     "It is *not* emphasis, nor is `*code*` here."),
    ("An *unpaired mark and a *paired* one.", "An *unpaired mark and a paired one."),
    ("A foot*note and 2*3.", "A foot*note and 2*3."),
    ("See [the report](https://example.org/a_b_c \"Title\") and ![a map](map.png).",
     "See the report and a map."),
    ("A [badge ![logo](l.png)](https://x.test) here.", "A badge logo here."),
    ("A [link [inside](u) text](v) here.", "A [link inside text](v) here."),
    ("A ref [link][1] and a [shortcut] show.", "A ref [link][1] and a [shortcut] show."),
    ("A stray ](u) and [ bracket.", "A stray ](u) and [ bracket."),
    # No pair crosses a bracket the line cannot tell is a link's: it may be one.
    ("It is *said [so* then] here.", "It is *said [so* then] here."),
    ("*a [b* c](u)", "*a b* c"),
])
def test_markup_that_does_not_render_is_left_out(line: str, shown: str) -> None:
    assert body_text(line) == shown


def test_a_bullet_is_a_block_marker_and_emphasis_in_the_item_is_not_shown() -> None:
    document = read("a.md", "# Vote\n\n* *First* item\n* Second **item**\n")
    assert [document.block_text(b) for b in document.body] == ["First item", "Second item"]


def test_a_pair_split_over_two_lines_shows_its_marks() -> None:
    # Told line by line: what an earlier line leaves open is not known here.
    assert body_text("It is *very\nmuch* so, *truly*.") == "It is *very\nmuch* so, truly."


def test_a_fix_over_a_hidden_mark_is_dropped_and_one_within_emphasis_kept() -> None:
    document = read("a.md", "# Vote\n\nShe said the **the** plan and the **U.S** tariff.\n")
    found = {f.rule: f for f in LINTER.lint(document)}
    repeated, abbreviation = found["repeated-word"], found["malformed-abbreviation"]
    assert (repeated.flagged, repeated.text, repeated.fix) == ("the the", "the **the", None)
    assert (abbreviation.text, [(e.offset, e.length, e.text) for e in abbreviation.fix.edits]) == (
        "U.S", [(44, 3, "U.S.")])


@pytest.mark.parametrize(("lead", "kinds"), [
    ("*By Tom Baker*", ["headline", "byline", "paragraph", "paragraph", "paragraph"]),
    ("_Updated 14:05 GMT_", ["headline", "dateline", "paragraph", "paragraph", "paragraph"]),
    ("**Jobs saved at the plant**\n\n*By Tom Baker*",
     ["headline", "standfirst", "byline", "paragraph", "paragraph", "paragraph"]),
    ("*By Tom Baker*\n_12 March 2025_",
     ["headline", "byline", "dateline", "paragraph", "paragraph", "paragraph"]),
])
def test_an_emphasised_lead_in_line_is_read_as_what_it_shows(lead: str, kinds: list[str]) -> None:
    story = "The council agreed the budget for next year after a long debate on Monday night."
    text = (f"# Council tax rise\n\n{lead}\n\n{story}\n\n"
            f"It agreed a rise of 5% for every home.\n\n{story}\n")
    document = read("a.md", text)
    assert [b.kind for b in document.blocks] == kinds
    duplicate = next(f for f in LINTER.lint(document) if f.rule == "duplicate-paragraph")
    assert (duplicate.paragraph, duplicate.message) == (
        3, "Paragraph 3 repeats paragraph 1 word for word.")


def _commonmark_text(line: str) -> str:
    """The text CommonMark renders of a one-line paragraph (markdown-it-py): its text,
    code spans as written and images' descriptions."""
    from markdown_it import MarkdownIt

    shown: list[str] = []
    pending = [t for block in MarkdownIt("commonmark").parse(line) if block.type == "inline"
               for t in block.children or []]
    pending.reverse()
    while pending:
        token = pending.pop()
        if token.type == "text":
            shown.append(token.content)
        elif token.type == "code_inline":
            shown.append(f"`{token.content}`")
        elif token.type == "image":
            pending.extend(reversed(token.children or []))
    return "".join(shown).strip()


def _holds_in_order(shown: str, ours: str) -> bool:
    """Whether every character `shown` holds stands in `ours`, in order."""
    remaining = iter(ours)
    return all(character in remaining for character in shown)


_INLINE_PIECES = ["a", "word", " ", " ", "*", "**", "***", "_", "__", ".", ",", '"', "(", ")",
                  "[", "]", "![", "](u)", "`*x*`", "\\*"]


@settings(max_examples=examples(500), deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_INLINE_PIECES), min_size=1, max_size=14).map("".join))
def test_no_mark_that_commonmark_shows_is_hidden(pieces: str) -> None:
    pytest.importorskip("markdown_it")
    line = "w" + pieces  # a paragraph: no block marker starts it
    assert _holds_in_order(_commonmark_text(line), body_text(line).strip()), line
