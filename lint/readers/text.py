"""Plain-text articles: blocks are runs of non-blank lines.

A line that holds only an HTML comment (a suppression directive) is not prose and
ends the block it sits in, as in Markdown: a directive directly above or below a
paragraph neither joins that paragraph nor hides it.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import add, sub

import regex

from lint.document import BLOCK_SEPARATOR, Document, DocumentBuilder
from lint.lazy import LazyPattern, LazyRePattern
from lint.readers import leadin
from lint.source import Source

# Atomic, so that one CRLF is never read as two line breaks (a blank line). Captured,
# so that splitting at them keeps them, and with them every block's offset.
_BREAK = r"(?>\r\n|\r|\n)"
_BLANK_LINES = LazyPattern(rf"({_BREAK}(?:[ \t]*{_BREAK})+)")
# The same for text without carriage returns (most files): led by a literal, which
# the engine finds far faster than the alternation of the three breaks.
_BLANK_LINES_LF = LazyRePattern(r"(\n(?:[ \t]*\n)+)")
# A blank line that holds spaces, which a split at "\n\n" would not see.
_SPACED_BLANK_LINE = re.compile(r"\n[ \t]+\n")
_LINE = LazyPattern(r"[^\r\n]+")
# A comment that fills its lines: from a line start to a line end, possibly across
# line breaks, ending at its first `-->`.
_COMMENT_LINES = LazyPattern(r"(?:^|(?<=[\r\n]))[ \t]*<!--(?:(?!-->).)*-->[ \t]*(?=[\r\n]|$)",
                               regex.DOTALL)


# Possessive, and never started inside a run of spaces: else a long run of spaces
# with no line break after it is read again from each of its spaces.
_SEPARATOR = LazyPattern(rf"(?<![ \t])[ \t]*+{_BREAK}(?:[ \t]*+{_BREAK})+[ \t]*+")


def render(source: str) -> str:
    """A source slice as this reader renders it: as written, but the blank lines
    between two blocks are one block separator."""
    return _SEPARATOR.sub(BLOCK_SEPARATOR, source)


def blocks_of(text: str) -> tuple[list[int], list[str]]:
    """The start and the text of each blank-line separated block, outer white space
    trimmed, as two lists.

    Built a list at a time (a split, then maps over its parts), not a block at a
    time: a text of one-letter paragraphs has a block every three characters."""
    if "\r" in text or _SPACED_BLANK_LINE.search(text):
        parts = (_BLANK_LINES if "\r" in text else _BLANK_LINES_LF).split(text)
        chunks, starts = parts[::2], list(accumulate(map(len, parts), initial=0))[::2]
    else:  # a split at each "\n\n" finds the blank lines: a run of three or more
        # line breaks leaves line breaks at a chunk's ends, which trimming takes off
        chunks = text.split("\n\n")
        starts = list(accumulate(map(add, map(len, chunks), repeat(2)), initial=0))
        starts.pop()  # where a block after the last would start
    if "<!--" in text:
        chunks, starts = _between_comment_lines(text, chunks, starts)
    stripped = list(map(str.strip, chunks))
    unindented = list(map(str.lstrip, chunks))
    if unindented != chunks:
        starts = list(map(sub, map(add, starts, map(len, chunks)), map(len, unindented)))
    if not all(stripped):
        return list(compress(starts, stripped)), list(filter(None, stripped))
    return starts, stripped


def _between_comment_lines(text: str, chunks: list[str], starts: list[int],
                           ) -> tuple[list[str], list[int]]:
    """The chunks split at the lines that hold only a comment, and their starts."""
    split_chunks: list[str] = []
    split_starts: list[int] = []
    for chunk, start in zip(chunks, starts, strict=True):
        if "<!--" in chunk:
            end = start + len(chunk)
            for comment in _COMMENT_LINES.finditer(text, start, end):
                split_chunks.append(text[start:comment.start()])
                split_starts.append(start)
                start = comment.end()
            chunk = text[start:end]
        split_chunks.append(chunk)
        split_starts.append(start)
    return split_chunks, split_starts


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if text.find("\n", start, end) == -1 and text.find("\r", start, end) == -1:
        return [(start, end)]  # one line, already trimmed by blocks_of
    spans = []
    for match in _LINE.finditer(text, start, end):
        line_start = match.start() + len(match.group()) - len(match.group().lstrip())
        line_end = match.start() + len(match.group().rstrip())
        if line_end > line_start:
            spans.append((line_start, line_end))
    return spans


def _lead_in_read_by_line(text: str, starts: list[int], blocks: list[str],
                          ) -> tuple[list[int], list[str]]:
    """The blocks (starts and texts) with the leading ones split where the lead-in
    model reads them line by line (leadin.split_lead_in)."""
    leading = blocks[:leadin.LEAD_IN_BLOCKS]
    if not any("\n" in block or "\r" in block for block in leading):
        return starts, blocks  # a line each (most articles): nothing to split
    lines = [_line_spans(text, start, start + len(block))
             for start, block in zip(starts, leading, strict=False)]
    groups = leadin.split_lead_in([[text[s:e] for s, e in block] for block in lines])
    runs = [(block[a][0], block[b - 1][1])
            for block, runs in zip(lines, groups, strict=True) for a, b in runs]
    return ([start for start, _ in runs] + starts[len(lines):],
            [text[start:end] for start, end in runs] + blocks[len(lines):])


def read(path: str, text: str) -> Document:
    builder = DocumentBuilder(path, "text")
    builder.add_source(Source(text))
    starts, blocks = _lead_in_read_by_line(text, *blocks_of(text))
    # The lead-in is read from the first blocks alone; the rest are paragraphs.
    kinds = leadin.classify(blocks[:leadin.READ_BLOCKS])
    builder.add_copied_blocks([kind or "paragraph" for kind in kinds]
                              + ["paragraph"] * (len(blocks) - len(kinds)), starts, blocks)
    return builder.build()
