"""The Markdown reader's bulk paths give what reading line by line and run by run
gives: plain paragraphs in a row, found by one match, are the paragraphs the scanner
finds line by line, and blocks that show their lines as written, copied in batches,
make the Document that reading each block's runs makes."""

from __future__ import annotations

import contextlib
import sys
from unittest import mock

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import PIECES, examples
from lint.document import Document
from lint.readers import markdown, read

# What may lead a line: block markers, indentation, fences, comments, template tags,
# setext underlines, thematic breaks, HTML lines, white space that is not indentation.
_LEADS = ["# ", "## ", "#", "> ", ">", "> > ", "- ", "* ", "+ ", "-", "1. ", "2) ", "1.", "    ",
          "  ", "   ", "\t", " \t", "```", "~~~", "``` x", "<!--", "<!-- x -->", "-->",
          "{{< x >}}", "{{<", ">}}", "{{ x }}", "{%", "%}", "{% x %}", "===", "=", "---", "--",
          "***", "* * *", "___", "<b>", "<div>", "</div>", "<p>", "\u00a0", "\x1c", "\u2028",
          "+++", "&amp;", "\\", "`x` ", "]", "9"]
# What starts a line of text: words, quotes, lead-in lines.
_WORDS = ["a", "A", "Word", '"a"', "“Yes,” he said.", "‘No’", "The council said", "By Jane Smith",
          "Photo: Getty", "12 March 2025", "(BBC)", "É", "ſ", "İ"]
# What fills a line: the hostile pieces, inline markup, white space at its end.
_FILLS = [*PIECES, "&nbsp", "&nbsp;", "&#8217;", "&bogus;", "\\", "\\*", "*", "_", "`", "``",
          "`x`", "]", "](", "[x](y)", "<http://x.test>", "{{ x }}", "{% x %}", "\u2028", "\u00a0",
          "\x1c", "\x85", " ", "  ", "\t", *_WORDS]
# Lines of text, most of them plain (a plain paragraph's line where blank lines stand
# around it), and lines led by a marker.
_PLAIN = st.sampled_from([" a", " word", ",", "."])
_LINES = st.builds(
    lambda lead, fills: lead + "".join(fills),
    st.one_of(st.sampled_from(_WORDS), st.sampled_from(_WORDS), st.sampled_from(_LEADS)),
    st.lists(st.one_of(_PLAIN, _PLAIN, st.sampled_from(_FILLS)), max_size=4))
_BREAKS = st.sampled_from(["\n", "\n", "\n\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "\r\n",
                           "\r", "\r\n\r\n", "\n\t\n"])
_FRONT_MATTER = st.sampled_from(["", "", "---\ntitle: A headline\n---\n", "+++\n+++\n",
                                 "Headline\n\n" + "Lead.\n\n" * 8])
# Lines with breaks of every kind between them, and an article's paragraphs: lines
# between blank lines, now and then a break of another kind.
_MARKDOWN = st.one_of(
    st.builds(lambda front, lines, breaks: front + "".join(
        line + breaks[i % len(breaks)] for i, line in enumerate(lines)),
        _FRONT_MATTER, st.lists(_LINES, max_size=40), st.lists(_BREAKS, min_size=1, max_size=6)),
    st.builds(lambda front, lines: front + "".join(lines),
              _FRONT_MATTER, st.lists(st.one_of(_LINES.map(lambda line: line + "\n\n"),
                                                st.tuples(_LINES, _BREAKS).map("".join)),
                                      max_size=40)))


def _read(text: str) -> tuple:
    document: Document = read("a.md", text, "markdown")
    return (document.text, document.blocks, document.spans.pieces, document.masked,
            document.code, document.sources)


def _read_without(text: str, *bulk_paths: str) -> tuple:
    """The document read with the named bulk paths turned off: `_plain_paragraphs`
    (the scanner's) finding none, `_shows_as_written` (the copier's) saying no."""
    says_no = {"_plain_paragraphs": lambda text, start: None,
               "_shows_as_written": lambda text, start, end: False}
    with contextlib.ExitStack() as patches:
        for name in bulk_paths:
            patches.enter_context(mock.patch.object(markdown, name, says_no[name]))
        return _read(text)


def _read_line_by_line(text: str) -> tuple:
    return _read_without(text, "_plain_paragraphs", "_shows_as_written")


def _scanned_line_by_line(text: str) -> tuple:
    with mock.patch.object(markdown, "_plain_paragraphs", lambda text, start: None):
        return _scanned(text)


def _scanned(text: str) -> tuple:
    """The scanner's blocks, plain paragraphs in a row each a paragraph of its own."""
    lines = markdown._lines(text)
    code: list[tuple[int, int]] = []
    blocks = []
    for block in markdown._scan(text, lines, markdown._front_matter_end(text, lines), code):
        if isinstance(block, markdown._PlainParagraphs):
            blocks += [("paragraph", [(start, start + len(line))])
                       for start, line in zip(block.starts, block.lines, strict=True)]
        else:
            blocks.append((block.kind, block.lines))
    return blocks, code


@settings(max_examples=examples(400), deadline=None)
@given(_MARKDOWN)
def test_plain_paragraphs_matched_at_once_are_those_scanned_line_by_line(text: str) -> None:
    assert _scanned(text) == _scanned_line_by_line(text)


@settings(max_examples=examples(400), deadline=None)
@given(_MARKDOWN)
def test_bulk_paths_read_as_line_by_line_and_run_by_run(text: str) -> None:
    line_by_line = _read_line_by_line(text)
    assert _read(text) == line_by_line
    assert _read_without(text, "_plain_paragraphs") == line_by_line
    assert _read_without(text, "_shows_as_written") == line_by_line


def test_a_plain_paragraph_is_a_line_read_as_text_that_shows_as_written() -> None:
    # Every code point the pattern takes to start a plain paragraph's line starts a
    # text line, and every one it takes in one shows as written.
    plain = markdown._PLAIN_PARAGRAPHS
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if plain.match(character + "\n\n"):
            assert markdown._starts_text(character), hex(code)
            assert markdown._shows_as_written(character, 0, 1), hex(code)
        found = markdown._plain_paragraphs(f"a{character}\n\n", 0)
        if found and found[0].lines == [f"a{character}"]:
            assert markdown._lines(f"a{character}") == [(0, 2)], hex(code)
            assert markdown._shows_as_written(f"a{character}", 0, 2), hex(code)


# What makes a line other than plain: inline markup and its marks, breaks and white
# space that are not a line feed, a space or a tab.
_MARKS = ["&amp;", "&", "\\", "\\*", "`", "`x`", "<b>", "<", "{{ x }}", "{", "]", "[x](y)", "](",
          "\r", "\u2028", "\x1c", "\u00a0"]
# A short paragraph: a word, perhaps a marker or a mark before or after it, perhaps
# white space after it.
_SHORT_PARAGRAPHS = st.builds(
    lambda lead, word, fill, space: lead + word + fill + space,
    st.one_of(st.just(""), st.just(""), st.sampled_from(_LEADS), st.sampled_from(_MARKS)),
    st.one_of(st.sampled_from(_WORDS), st.just("")),
    st.one_of(st.just(""), st.just(""), st.sampled_from(_FILLS), st.sampled_from(_MARKS)),
    st.sampled_from(["", "", " ", "\t", "\u00a0", "\x1c", "\x85", "\u2028", "\u3000"]))


@settings(max_examples=examples(300), deadline=None)
@given(st.integers(0, 10), st.lists(_SHORT_PARAGRAPHS, min_size=1, max_size=20),
       st.lists(st.one_of(st.just("\n\n"), st.just("\n\n"), _BREAKS), min_size=1, max_size=4))
def test_runs_of_short_paragraphs_read_as_they_do_line_by_line(lead_in: int,
                                                                paragraphs: list[str],
                                                                breaks: list[str]) -> None:
    # The lead-in's blocks are read one by one: paragraphs after them, in a row.
    text = "Headline\n\n" + "Lead.\n\n" * lead_in + "".join(
        p + breaks[i % len(breaks)] for i, p in enumerate(paragraphs))
    line_by_line = _read_line_by_line(text)
    assert _read(text) == line_by_line
    assert _read_without(text, "_plain_paragraphs") == line_by_line
    assert _read_without(text, "_shows_as_written") == line_by_line
    assert _scanned(text) == _scanned_line_by_line(text)


def test_plain_paragraphs_are_found_at_once_and_copied_without_reading_their_runs() -> None:
    text = "Headline\n\n" + "\n\n".join(["a", '"a"', "Word  ", "a"] * 3) + "\n\n"
    with (mock.patch.object(markdown, "_runs", side_effect=AssertionError("run by run")),
          mock.patch.object(markdown, "_text_line", side_effect=AssertionError("line by line"))):
        document = read("a.md", text, "markdown")
    assert document.text == "Headline\n\n" + "\n\n".join(["a", '"a"', "Word", "a"] * 3)
    assert _read(text) == _read_line_by_line(text)


@pytest.mark.parametrize("between", ["\n>\n", "\n\n-\n\n", "\n\n1.\n> \n"])
def test_a_block_joined_to_the_one_before_by_markers_keeps_its_separator(between: str) -> None:
    # Markers alone between two paragraphs join them: the separator maps over them,
    # whether the second is copied alone or starts plain paragraphs in a row.
    for after in ["Two\n", "Two\n\nThree\n\n", "Two\n\nThree\n\nFour &amp; five\n"]:
        text = "Headline\n\n" + "\n\n".join(f"Lead {i}" for i in range(9)) + between + after
        document = read("a.md", text, "markdown")
        separator = next(piece for piece in document.spans.pieces
                         if text[piece.src_start:].startswith(between))
        assert text[separator.src_start:separator.src_start + separator.src_length] == between
        assert _read(text) == _read_line_by_line(text)


@settings(max_examples=examples(1000), deadline=None)
@given(_LINES)
def test_a_block_pattern_matches_only_lines_led_by_its_mark(line: str) -> None:
    # The scanner tries these patterns only on a line led by their marks.
    lead = line.lstrip(" ")[:1]
    for pattern, marks in [(markdown._FENCE, markdown._FENCE_MARKS),
                           (markdown._COMMENT_START, ("<",)), (markdown._HTML_LINE, ("<",)),
                           (markdown._TEMPLATE_START, ("{",)), (markdown._ATX, ("#",)),
                           (markdown._QUOTE, (">",))]:
        if pattern.match(line):
            assert lead in marks, pattern.pattern


# What stands between two blocks: breaks of every kind, indentation, block markers and
# what is none of them.
_GAPS = st.lists(st.sampled_from(["\n", "\r", "\r\n", " ", "  ", "\t", ">", "> ", "-", "*", "+",
                                  "1.", "2)", "1234567890.", "12", "a", "#", "\u00a0", "\x1c",
                                  "\u2028"]), max_size=12).map("".join)


@settings(max_examples=examples(1000), deadline=None)
@given(_GAPS)
def test_a_gap_is_read_in_one_match_as_line_by_line(gap: str) -> None:
    line = regex.compile(markdown._MARKERS_LINE)
    assert (markdown._MARKERS_ONLY.fullmatch(gap) is not None) == all(
        line.fullmatch(part) for part in markdown._ANY_BREAK.split(gap))
