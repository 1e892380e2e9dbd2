"""Plain-text articles: blocks are runs of non-blank lines.

HTML comments on lines of their own (suppression directives) are not prose.
"""

from __future__ import annotations

import regex

from lint.document import Document, DocumentBuilder, Run
from lint.readers import leadin
from lint.source import Source

_BREAK = r"(?:\r\n|\r|\n)"
_BLANK_LINES = regex.compile(rf"{_BREAK}(?:[ \t]*{_BREAK})+")
# The same for text without carriage returns (most files): led by a literal, which
# the engine finds far faster than the alternation of the three breaks.
_BLANK_LINES_LF = regex.compile(r"\n(?:[ \t]*\n)+")
_COMMENT_ONLY = regex.compile(r"^\s*<!--.*?-->\s*$", regex.DOTALL)


def blocks_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated block, outer white space trimmed."""
    spans = []
    cursor = 0
    blank_lines = _BLANK_LINES if "\r" in text else _BLANK_LINES_LF
    for separator in (*blank_lines.finditer(text), None):
        end = separator.start() if separator else len(text)
        chunk = text[cursor:end]
        stripped = chunk.strip()
        if stripped and not (stripped.startswith("<!--") and _COMMENT_ONLY.match(stripped)):
            start = cursor + len(chunk) - len(chunk.lstrip())
            spans.append((start, start + len(stripped)))
        cursor = separator.end() if separator else end
    return spans


def read(path: str, text: str) -> Document:
    builder = DocumentBuilder(path, "text")
    builder.add_source(Source(text))
    spans = blocks_of(text)
    chunks = [text[s:e] for s, e in spans]
    kinds = leadin.classify(chunks)
    for (start, end), chunk, kind in zip(spans, chunks, kinds, strict=True):
        builder.add_block(kind or "paragraph", [Run(chunk, start, end - start)])
    return builder.build()
