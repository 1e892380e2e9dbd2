"""Plain-text articles: blocks are runs of non-blank lines.

HTML comments on lines of their own (suppression directives) are not prose.
"""

from __future__ import annotations

import regex

from lint.document import Document, DocumentBuilder, Run
from lint.readers import leadin
from lint.source import Source

_BLOCK = regex.compile(r"\S(?:.|\n(?![ \t]*(?:\r?\n|\r|$)))*", regex.MULTILINE)
_COMMENT_ONLY = regex.compile(r"^\s*<!--.*?-->\s*$", regex.DOTALL)


def blocks_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated block, outer white space trimmed."""
    spans = []
    for match in _BLOCK.finditer(text.replace("\r", "\n")):
        chunk = match.group()
        if _COMMENT_ONLY.match(chunk):
            continue
        spans.append((match.start(), match.start() + len(chunk.rstrip())))
    return spans


def read(path: str, text: str) -> Document:
    builder = DocumentBuilder(path, "text")
    builder.add_source(Source(text))
    spans = blocks_of(text)
    kinds = leadin.classify([text[s:e] for s, e in spans])
    for (start, end), kind in zip(spans, kinds, strict=True):
        builder.add_block(kind or "paragraph", [Run(text[start:end], start, end - start)])
    return builder.build()
