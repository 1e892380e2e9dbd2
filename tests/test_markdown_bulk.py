"""The Markdown reader's bulk path, blocks that show their one line as written
copied in batches, gives the Document that reading each block's runs gives."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import PIECES, examples
from lint.document import Document
from lint.readers import markdown, read

# What may lead a line: nothing, block markers, indentation, fences, comments,
# template tags, setext underlines, thematic breaks, HTML lines.
_LEADS = ["", "", "", "# ", "## ", "#", "> ", ">", "> > ", "- ", "* ", "+ ", "-", "1. ", "2) ",
          "1.", "    ", "  ", "   ", "\t", " \t", "```", "~~~", "``` x", "<!--", "<!-- x -->",
          "-->", "{{< x >}}", "{{<", ">}}", "{{ x }}", "{%", "%}", "{% x %}", "===", "=", "---",
          "--", "***", "* * *", "___", "<b>", "<div>", "</div>", "<p>", "\u00a0", "\x1c",
          "\u2028", "+++"]
# What fills a line: the hostile pieces, inline markup, and plain words, most often.
_FILLS = [*PIECES, "&nbsp", "&nbsp;", "&#8217;", "&bogus;", "\\", "\\*", "*", "_", "`", "``",
          "`x`", "]", "](", "[x](y)", "<http://x.test>", "{{ x }}", "{% x %}", "\u2028", "\u00a0",
          " ", "  ", "\t", "a", "A", "Word", '"a"', "“Yes,” he said.", "The council said",
          "By Jane Smith", "Photo: Getty", "12 March 2025"]
_LINES = st.builds(lambda lead, fills: lead + "".join(fills), st.sampled_from(_LEADS),
                   st.lists(st.one_of(st.sampled_from(_FILLS), st.sampled_from(["a", "Word"])),
                            max_size=5))
_BREAKS = st.sampled_from(["\n", "\n", "\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "\r\n", "\r",
                           "\r\n\r\n", "\n\t\n"])
_MARKDOWN = st.builds(
    lambda front, lines, breaks: front + "".join(
        line + breaks[i % len(breaks)] for i, line in enumerate(lines)),
    st.sampled_from(["", "", "---\ntitle: A headline\n---\n", "+++\n+++\n"]),
    st.lists(_LINES, max_size=24), st.lists(_BREAKS, min_size=1, max_size=6))


def _read(text: str) -> tuple:
    document: Document = read("a.md", text, "markdown")
    return (document.text, document.blocks, document.spans.pieces, document.masked,
            document.code, document.sources)


def _read_run_by_run(text: str) -> tuple:
    with mock.patch.object(markdown, "_shows_as_written", lambda text, start, end: False):
        return _read(text)


@settings(max_examples=examples(400), deadline=None)
@given(_MARKDOWN)
def test_blocks_copied_in_bulk_read_as_they_do_run_by_run(text: str) -> None:
    assert _read(text) == _read_run_by_run(text)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["a", '"a"', "a ", " a", "a\u00a0", "\x1ca", "a\\", "&a", "a]",
                                 "`a`", "> a", "- a", "---", "===", "<!-- x -->", "a\nb",
                                 "\u2028"]),
                min_size=1, max_size=20),
       st.lists(_BREAKS, min_size=1, max_size=4))
def test_runs_of_short_paragraphs_read_as_they_do_run_by_run(paragraphs: list[str],
                                                              breaks: list[str]) -> None:
    text = "Headline\n\n" + "".join(p + breaks[i % len(breaks)] for i, p in enumerate(paragraphs))
    assert _read(text) == _read_run_by_run(text)


def test_one_line_paragraphs_are_copied_without_reading_their_runs() -> None:
    text = "Headline\n\n" + "\n\n".join(["a", '"a"', "Word  ", "a"] * 3) + "\n"
    with mock.patch.object(markdown, "_runs", side_effect=AssertionError("read run by run")):
        document = read("a.md", text, "markdown")
    assert document.text == "Headline\n\n" + "\n\n".join(["a", '"a"', "Word", "a"] * 3)
    assert _read(text) == _read_run_by_run(text)


def test_a_block_joined_to_the_one_before_by_markers_keeps_its_separator() -> None:
    # An empty quote line joins the two paragraphs: the separator maps over it.
    text = "Headline\n\nOne\n>\nTwo\n"
    document = read("a.md", text, "markdown")
    separator = document.spans.pieces[-2]
    assert text[separator.src_start:separator.src_start + separator.src_length] == "\n>\n"
    assert _read(text) == _read_run_by_run(text)
