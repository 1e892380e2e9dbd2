"""The plain-text reader's shortcuts, and those of the document and source it builds,
give what the general path gives."""

from __future__ import annotations

import bisect

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.document import Block, DocumentBuilder, Piece, Run
from lint.readers import InputError, leadin, read
from lint.readers import text as text_reader
from lint.source import Source

_PIECES = ["word", "By Jane Smith", "12 March 2025", "Consumer reporter", " ", "\t", "\n",
           "\n\n", "\r\n", "\r", "\xa0", "\x0c", "\u2028", "<!-- x -->", "."]


def _built(text: str, blocks: list[tuple[str, int, int]], copied_in: int | None) -> tuple:
    """The document of the blocks, each added as its one run, or (with `copied_in`)
    copied in two lists cut at that block."""
    builder = DocumentBuilder("a.txt", "text")
    builder.add_source(Source(text))
    if copied_in is None:
        for kind, start, end in blocks:
            builder.add_block(kind, [Run(text[start:end], start, end - start)])
    else:
        for part in (blocks[:copied_in], blocks[copied_in:]):
            builder.add_copied_blocks([kind for kind, _, _ in part],
                                      [start for _, start, _ in part],
                                      [text[start:end] for _, start, end in part])
    document = builder.build()
    return document.text, document.blocks, document.spans.pieces


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 8),
       st.lists(st.sampled_from(["paragraph", "headline", "byline", "heading"])))
def test_copied_blocks_are_the_blocks_of_their_one_run(pieces: list[str], cut: int,
                                                       kinds: list[str]) -> None:
    text = "".join(pieces)
    # Blocks at every other word: separators over white space and over other text.
    starts = [i for i in range(len(text)) if text.startswith("word", i)]
    blocks = [(kinds[n] if n < len(kinds) else "paragraph", start, start + 4)
              for n, start in enumerate(starts[::2])]
    built = _built(text, blocks, copied_in=cut)
    assert built == _built(text, blocks, copied_in=None)
    assert {type(block) for block in built[1]} <= {Block}
    assert {type(piece) for piece in built[2]} == {Piece}


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_blocks_are_the_trimmed_text_between_blank_lines(pieces: list[str]) -> None:
    text = "".join(pieces)
    starts, blocks = text_reader.blocks_of(text)
    assert list(zip(starts, blocks, strict=True)) == _blocks_one_by_one(text)
    for start, block in zip(starts, blocks, strict=True):
        assert block and block == block.strip() and text[start:start + len(block)] == block


def _blocks_one_by_one(text: str) -> list[tuple[int, str]]:
    """blocks_of, block by block: the stretches between blank lines and comment lines."""
    stretches, cursor = [], 0
    for blank in (*regex.finditer(r"(?>\r\n|\r|\n)(?:[ \t]*(?>\r\n|\r|\n))+", text), None):
        end = blank.start() if blank else len(text)
        for comment in text_reader._COMMENT_LINES.finditer(text, cursor, end):
            stretches.append((cursor, comment.start()))
            cursor = comment.end()
        stretches.append((cursor, end))
        cursor = blank.end() if blank else end
    return [(start + len(text[start:end]) - len(text[start:end].lstrip()), text[start:end].strip())
            for start, end in stretches if text[start:end].strip()]


def test_the_lead_in_is_classified_from_the_first_blocks_alone() -> None:
    text = "Headline\n\nBy Jane Smith\n\n" + "\n\n".join(["Caption line"] * 12)
    kinds = [block.kind for block in text_reader.read("a.txt", text).blocks]
    leading = leadin.classify(["Headline", "By Jane Smith"] + ["Caption line"] * 12)
    assert kinds == [kind or "paragraph" for kind in leading]


# Every character Python counts as white space, a few it does not (a zero-width
# space, a control), and a visible one.
_SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()] + ["\u200b", "\x00", "x"]


@settings(max_examples=examples(100), deadline=None)
@given(st.text(alphabet=st.sampled_from(_SPACES), max_size=8))
def test_a_payload_of_white_space_alone_reads_as_an_empty_article(text: str) -> None:
    # A JSON reader would refuse it: only the empty-article shortcut reads it.
    if text.strip():
        with pytest.raises(InputError):
            read("a.json", text)
    else:
        document = read("a.json", text)
        assert document.blocks == () and document.text == ""


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\n\n", "\r", "\r\n", "\u2028", "\x0c"]),
                max_size=20))
def test_positions_count_lines_at_every_line_break(pieces: list[str]) -> None:
    text = "".join(pieces)
    line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]
    source = Source(text)
    for offset in range(len(text) + 1):
        line = bisect.bisect_right(line_starts, offset)
        assert source.position(offset) == (line, offset - line_starts[line - 1] + 1)
