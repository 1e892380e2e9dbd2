"""The plain-text reader's shortcuts give the document the general path gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.document import Block, DocumentBuilder, Piece, Run
from lint.readers import leadin
from lint.readers import text as text_reader
from lint.source import Source

_PIECES = ["word", "By Jane Smith", "12 March 2025", "Consumer reporter", " ", "\t", "\n",
           "\n\n", "\r\n", "\r", "\xa0", "\x0c", "\u2028", "<!-- x -->", "."]


def _built(text: str, blocks: list[tuple[str, int, int]], copied: bool) -> tuple:
    builder = DocumentBuilder("a.txt", "text")
    builder.add_source(Source(text))
    for kind, start, end in blocks:
        if copied:
            builder.add_copied_block(kind, text[start:end], start)
        else:
            builder.add_block(kind, [Run(text[start:end], start, end - start)])
    document = builder.build()
    return document.text, document.blocks, document.spans.pieces


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_a_copied_block_is_the_block_of_its_one_run(pieces: list[str]) -> None:
    text = "".join(pieces)
    # Blocks at every other word: separators over white space and over other text.
    starts = [i for i in range(len(text)) if text.startswith("word", i)]
    blocks = [("headline" if n == 0 else "paragraph", start, start + 4)
              for n, start in enumerate(starts[::2])]
    built = _built(text, blocks, copied=True)
    assert built == _built(text, blocks, copied=False)
    assert {type(block) for block in built[1]} <= {Block}
    assert {type(piece) for piece in built[2]} == {Piece}


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_blocks_are_the_trimmed_text_between_blank_lines(pieces: list[str]) -> None:
    text = "".join(pieces)
    for start, block in text_reader.blocks_of(text):
        assert block and block == block.strip() and text[start:start + len(block)] == block


def test_the_lead_in_is_classified_from_the_first_blocks_alone() -> None:
    text = "Headline\n\nBy Jane Smith\n\n" + "\n\n".join(["Caption line"] * 12)
    kinds = [block.kind for block in text_reader.read("a.txt", text).blocks]
    leading = leadin.classify(["Headline", "By Jane Smith"] + ["Caption line"] * 12)
    assert kinds == [kind or "paragraph" for kind in leading]
