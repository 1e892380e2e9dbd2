"""Plain-text articles: blocks are runs of non-blank lines.

A line that holds only an HTML comment (a suppression directive) is not prose and
ends the block it sits in, as in Markdown: a directive directly above or below a
paragraph neither joins that paragraph nor hides it.
"""

from __future__ import annotations

import re
from itertools import zip_longest

import regex

from lint.document import BLOCK_SEPARATOR, Document, DocumentBuilder
from lint.lazy import LazyPattern
from lint.readers import leadin
from lint.source import Source

# Atomic, so that one CRLF is never read as two line breaks (a blank line).
_BREAK = r"(?>\r\n|\r|\n)"
_BLANK_LINES = LazyPattern(rf"{_BREAK}(?:[ \t]*{_BREAK})+")
# The same for text without carriage returns (most files): led by a literal, which
# the engine finds far faster than the alternation of the three breaks.
_BLANK_LINES_LF = re.compile(r"\n(?:[ \t]*\n)+")
_LINE = regex.compile(r"[^\r\n]+")
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


def blocks_of(text: str) -> list[tuple[int, str]]:
    """(start, text) of each blank-line separated block, outer white space trimmed."""
    blocks: list[tuple[int, str]] = []
    cursor = 0
    blank_lines = _BLANK_LINES if "\r" in text else _BLANK_LINES_LF
    has_comments = "<!--" in text
    for separator in (*blank_lines.finditer(text), None):
        end = separator.start() if separator else len(text)
        if has_comments and text.find("<!--", cursor, end) != -1:
            _add_between_comment_lines(blocks, text, cursor, end)
        else:
            _add_trimmed(blocks, text, cursor, end)
        cursor = separator.end() if separator else end
    return blocks


def _add_trimmed(blocks: list[tuple[int, str]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    if len(stripped) < len(chunk):  # most blocks have nothing to trim
        start += len(chunk) - len(chunk.lstrip())
    blocks.append((start, stripped))


def _add_between_comment_lines(blocks: list[tuple[int, str]], text: str, start: int,
                               end: int) -> None:
    """The prose of a block, split at the lines that hold only a comment."""
    for comment in _COMMENT_LINES.finditer(text, start, end):
        _add_trimmed(blocks, text, start, comment.start())
        start = comment.end()
    _add_trimmed(blocks, text, start, end)


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


def _lead_in_read_by_line(text: str, blocks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The blocks with the leading ones split where the lead-in model reads them line
    by line (leadin.split_lead_in)."""
    leading = blocks[:leadin.LEAD_IN_BLOCKS]
    if not any("\n" in block or "\r" in block for _, block in leading):
        return blocks  # a line each (most articles): nothing to split
    lines = [_line_spans(text, start, start + len(block)) for start, block in leading]
    groups = leadin.split_lead_in([[text[s:e] for s, e in block] for block in lines])
    split = [(block[a][0], text[block[a][0]:block[b - 1][1]])
             for block, runs in zip(lines, groups, strict=True) for a, b in runs]
    return split + blocks[len(lines):]


def read(path: str, text: str) -> Document:
    builder = DocumentBuilder(path, "text")
    builder.add_source(Source(text))
    blocks = _lead_in_read_by_line(text, blocks_of(text))
    # The lead-in is read from the first blocks alone; the rest are paragraphs.
    kinds = leadin.classify([block for _, block in blocks[:leadin.READ_BLOCKS]])
    for (start, block), kind in zip_longest(blocks, kinds):
        builder.add_copied_block(kind or "paragraph", block, start)
    return builder.build()
