"""`--fix` never loses text: a fix edits only what its finding flags, and the rounds
of fixing reach a fixed point (issue 9)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from invariants import assert_fixes_keep_to_flagged_spans, assert_locations_exact
from lint.config import Config
from lint.document import Document
from lint.engine import Fingerprints, Linter, _locate, source_location
from lint.fixes import apply_edits, safe_edits
from lint.readers import read
from lint.rule import Edit, Problem
from lint.runner import FIX_LOOP_LIMIT, fix_text

LINTER = Linter(Config(select=("ALL",)))
COPY = "The council approved the budget on Tuesday after a long debate."
END = "Councillors will meet again in the spring to set the rents."


def fixed(text: str, fmt: str, linter: Linter = LINTER) -> str:
    return fix_text("story", text, linter, fmt).text


def rounds_to_settle(text: str, fmt: str, linter: Linter = LINTER) -> int:
    """How many rounds of safe fixes it takes until none is left."""
    for done in range(FIX_LOOP_LIMIT + 1):
        edits = safe_edits(linter.lint(read("story", text, fmt)))
        if not edits:
            return done
        text = apply_edits(text, edits)
    raise AssertionError("no fixed point")


# What stands between two copies of a paragraph stays when the later copy goes.
BETWEEN = [
    ("markdown", "```\nprint('budget')\n```"),
    ("markdown", "<!-- copydesk: disable-next-paragraph=repeated-word -->"),
    ("markdown", "    indented code line"),
    ("markdown", "<!-- a note to the desk -->"),
    ("text", "<!-- copydesk: disable-next-paragraph=repeated-word -->"),
    ("text", "<!-- a note to the desk -->"),
]


@pytest.mark.parametrize(("fmt", "between"), BETWEEN)
def test_a_duplicate_paragraph_fix_keeps_what_stands_between_the_copies(
        fmt: str, between: str) -> None:
    text = f"Budget approved\n\n{COPY}\n\n{between}\n\n{COPY}\n\n{END}\n"
    assert fixed(text, fmt) == f"Budget approved\n\n{COPY}\n\n{between}\n\n{END}\n"


@pytest.mark.parametrize("between", ["<!-- a note -->",
                                     "<!-- copydesk: disable-next-paragraph=repeated-word -->"])
def test_a_duplicate_html_paragraph_fix_keeps_the_comment_between(between: str) -> None:
    text = f"<h1>Budget approved</h1><p>{COPY}</p>\n{between}\n<p>{COPY}</p><p>{END}</p>"
    after = fixed(text, "html")
    assert between in after
    assert after.count(COPY) == 1 and END in after


@pytest.mark.parametrize(("fmt", "text", "after"), [
    ("text", f"Budget approved\n\n{COPY}\n\n{COPY}\n\n{END}\n",
     f"Budget approved\n\n{COPY}\n\n{END}\n"),
    ("markdown", f"# Budget approved\n\n- {COPY}\n- {COPY}\n- {END}\n",
     f"# Budget approved\n\n- {COPY}\n- {END}\n"),
    ("markdown", f"# Budget approved\n\n1. {COPY}\n\n2. {COPY}\n\n3. {END}\n",
     f"# Budget approved\n\n1. {COPY}\n\n3. {END}\n"),
    ("html", f"<h1>Budget approved</h1><p>{COPY}</p>\n<p>{COPY}</p><p>{END}</p>",
     f"<h1>Budget approved</h1><p>{COPY}</p><p>{END}</p>"),
])
def test_a_duplicate_paragraph_fix_removes_the_copy_and_one_separator(
        fmt: str, text: str, after: str) -> None:
    assert fixed(text, fmt) == after


@pytest.mark.parametrize(("text", "flagged"), [
    ("<p>The council backed the <b>the</b> plan today.</p>", "the <b>the"),
    ("<p>A <i>new</i> <i>new</i> scheme opens.</p>", "new</i> <i>new"),
    (f"<h1>Budget approved</h1><p>{COPY} <b>Rents</b></p>\n<p>{COPY} <b>Rents</b></p>",
     f"{COPY} <b>Rents"),
])
def test_a_fix_over_markup_that_does_not_render_is_dropped(text: str, flagged: str) -> None:
    # Deleting the second `the` would take the `<b>` before it and leave its `</b>`;
    # the finding stays, with no fix to apply.
    findings = LINTER.lint(read("story", text, "html"))
    assert flagged in [f.text for f in findings if f.fix is None]
    assert fixed(text, "html") == text


def test_a_markdown_fix_beside_a_star_shown_as_written_is_dropped() -> None:
    # Taking the space from `* "` would let the star close emphasis: what the text
    # shows would change, and with it the findings, round after round.
    text = '# Budget approved\n\nHe said "we scored * * * " and left.\n'
    findings = LINTER.lint(read("story", text, "markdown"))
    assert [(f.rule, f.fix) for f in findings if f.rule == "space-inside-quote"] == [
        ("space-inside-quote", None)]
    assert fixed(text, "markdown") == text


def test_an_entity_without_its_semicolon_covers_only_its_name() -> None:
    text = "<p>He said it was&nbsp”great” and left.</p>"
    document = read("story", text, "html")
    findings = LINTER.lint(document)
    assert_locations_exact(document, findings)
    quote = next(f for f in findings if f.rule == "wrong-direction-quote")
    assert (quote.text, quote.location.offset) == ("”", text.index("”"))
    assert fixed(text, "html") == "<p>He said it was&nbsp“great” and left.</p>"


@pytest.mark.parametrize("entity", ["&nbsp", "&amp", "&eacute"])
def test_a_missing_space_fix_next_to_an_entity_settles_in_one_round(entity: str) -> None:
    text = f"<p>The vote was close{entity}indeed.Then the count began again.</p>"
    assert rounds_to_settle(text, "html") == 1
    assert fixed(text, "html") == (
        f"<p>The vote was close{entity}indeed. Then the count began again.</p>")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("copies", [2, 3, 8, 33])
def test_a_word_typed_n_times_is_fixed_in_one_round(fmt: str, copies: int) -> None:
    words = " ".join(["the"] * copies)
    body = f"The deal was signed by {words} chief executive on Monday."
    text = (f"<h1>Deal signed</h1><p>{body}</p>" if fmt == "html"
            else f"Deal signed\n\n{body}\n")
    document = read("story", text, fmt)
    repeated = [f for f in LINTER.lint(document) if f.rule == "repeated-word"]
    assert [f.text for f in repeated] == [words]
    assert rounds_to_settle(text, fmt) == 1
    assert "signed by the chief" in fixed(text, fmt)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_ap_abbreviations_settle(fmt: str) -> None:
    ap = Linter(Config(select=("ALL",), profile="ap"))
    text = ("UN talks resume\n\nThe UN said the plan was fine, and the U.N. envoy agreed "
            "with the UN.\n\nThe UN's envoy and the US and UK teams met.\n")
    assert rounds_to_settle(text, fmt, ap) == 1
    after = fixed(text, fmt, ap)
    assert after.startswith("UN talks resume\n\nThe U.N. said")
    assert "agreed with the U.N.\n" in after  # the sentence's stop is the last stop
    assert "UN " not in after.split("\n\n", 1)[1]


# -- the engine's own guard, whatever a rule asks for ----------------------------------

def _fix_of(document: Document, problem: Problem):
    active = LINTER.rules[0]
    location = source_location(document, problem.start, problem.end)
    return _locate(document, active, problem, location, Fingerprints()).fix


def test_a_fix_outside_the_flagged_span_is_dropped() -> None:
    document = read("story", "Headline\n\nOne two three four.\n", "text")
    start = document.text.index("two")
    inside = Problem(start, start + 3, "m", edits=(Edit(start, start + 3, "2"),))
    beyond = Problem(start, start + 3, "m", edits=(Edit(start, start + 9, "2"),))
    overlapping = Problem(start, start + 3, "m",
                          edits=(Edit(start, start + 2, "x"), Edit(start + 1, start + 3, "y")))
    assert _fix_of(document, inside).edits[0].text == "2"
    assert _fix_of(document, beyond) is None
    assert _fix_of(document, overlapping) is None


def test_a_fix_may_take_the_white_space_beside_its_span() -> None:
    document = read("story", "Headline\n\nOne two.\n\nThree four.\n", "text")
    start = document.text.index("Three")
    problem = Problem(start, len(document.text), "m",
                      edits=(Edit(start - 2, len(document.text), ""),))
    edit = _fix_of(document, problem).edits[0]
    assert (edit.offset, edit.length) == (start - 2, len(document.text) - start + 2)


def test_a_fix_that_cuts_inside_a_piece_mapped_as_a_whole_is_dropped() -> None:
    # The block separator stands for all the blank lines between two blocks: a cut
    # between its two line breaks has no one place in the source.
    document = read("story", "Headline\n\n\n\nOne two.\n", "text")
    start = document.text.index("One")
    assert not document.spans.cuts_exactly(start - 1)
    between = Problem(start, start + 3, "m", edits=(Edit(start - 1, start + 3, ""),))
    whole = Problem(start, start + 3, "m", edits=(Edit(start - 2, start + 3, ""),))
    assert _fix_of(document, between) is None
    assert _fix_of(document, whole).edits[0].offset == len("Headline")


# -- properties over every reader's output ------------------------------------------

ATOMS = st.sampled_from([
    "the", "the the", "The", "U.S.", "UN", "U.N.", "said", '"', "'", "“", "”", "’", ",", ".",
    "?", " ", " ", "\n", "\t", "&nbsp", "&amp", "&nbsp;", "<b>", "</b>", "<br>", "(", ")", "-",
    "Sales rose 12% to 431,733 vehicles.", "é", "—", "x.Y", "was&nbsp”great”",
])
BLOCKS = st.one_of(
    st.sampled_from([COPY, COPY, COPY, "```\nprint('budget')\n```", "<!-- a note -->",
                     "<!-- copydesk: disable-next-paragraph=repeated-word -->",
                     "    indented code", f"> {COPY}", f"- {COPY}", f"1. {COPY}", "---"]),
    st.lists(ATOMS, min_size=1, max_size=12).map("".join))


def _article(blocks: list[str], fmt: str) -> str:
    if fmt == "html":
        return "<h1>Budget approved</h1>" + "\n".join(
            b if b.startswith("<!--") else f"<p>{b}</p>" for b in blocks)
    return "\n\n".join(["Budget approved", *blocks]) + "\n"


ARTICLES = st.tuples(st.lists(BLOCKS, min_size=1, max_size=8),
                     st.sampled_from(["text", "markdown", "html"]))


@settings(max_examples=examples(200), deadline=None)
@given(ARTICLES)
def test_fixes_edit_only_their_span_and_settle(article: tuple[list[str], str]) -> None:
    blocks, fmt = article
    text = _article(blocks, fmt)
    document = read("story", text, fmt)
    assert_fixes_keep_to_flagged_spans(document, LINTER.lint(document))
    after = fixed(text, fmt)
    assert not safe_edits(LINTER.lint(read("story", after, fmt)))
    # Code is code only in Markdown: in plain text and HTML paragraphs an indented
    # or fenced line is prose, which its fixes may change.
    not_prose = ("```", "<!--", "    ") if fmt == "markdown" else ("<!--",)
    for block in blocks:
        if block.startswith(not_prose):
            assert block in after
    if fmt == "html":  # an inline tag never renders, and no fix takes one
        assert [after.count(tag) for tag in ("<b>", "</b>")] == [
            text.count(tag) for tag in ("<b>", "</b>")]
