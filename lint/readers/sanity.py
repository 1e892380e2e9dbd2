"""Sanity documents, as a GROQ-powered webhook sends them: the whole document, or the
fields its projection keeps (docs/ecosystem.md §5.4).

A document has `_id` and `_type` and its fields at the top level. A `title` or
`headline` string is the headline; a `standfirst`, `subtitle`, `summary`,
`description` or `excerpt` string (or Portable Text) the standfirst; every other
Portable Text field (an array of blocks) is body text. A block of `_type: "block"`
is a paragraph, a heading (`style` `h1` to `h6`), a quote (`blockquote`) or a list
item (`listItem`); its `children` spans are the text, a span marked `code` inline
code. An image's `caption` is a caption; other objects in the array (embeds, code
blocks) are not prose.

Each span's `text` is its own source: `field` is its JSON path
(`body[2].children[0].text`), `element_id` the block's `_key`, `element_index` the
block's index in its array.
"""

from __future__ import annotations

from typing import Any

from lint.document import Document, DocumentBuilder
from lint.readers import spans
from lint.readers.contentful import HEADLINE_FIELDS, STANDFIRST_FIELDS
from lint.readers.spans import Span
from lint.source import Source

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def is_portable_text(value: Any) -> bool:
    return isinstance(value, list) and any(
        isinstance(block, dict) and block.get("_type") == "block" for block in value)


def is_document(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("_type"), str) and (
        isinstance(data.get("_id"), str) or any(map(is_portable_text, data.values())))


def _key(block: dict) -> str | None:
    key = block.get("_key")
    return key if isinstance(key, str) else None


def _kind(block: dict) -> str:
    style = block.get("style")
    if block.get("listItem"):
        return "list-item"
    if isinstance(style, str) and style in _HEADINGS:
        return "heading"
    return "blockquote" if style == "blockquote" else "paragraph"


def _portable_text(builder: DocumentBuilder, blocks: list, path: str,
                   kind: str | None = None) -> None:
    for i, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        where = f"{path}[{i}]"
        if block.get("_type") == "block" and isinstance(block.get("children"), list):
            found = []
            for j, child in enumerate(block["children"]):
                if isinstance(child, dict) and isinstance(child.get("text"), str):
                    marks = child.get("marks")
                    code = isinstance(marks, list) and "code" in marks
                    source = Source(child["text"], f"{where}.children[{j}].text", _key(block), i)
                    found.append(Span(source, code))
            spans.add_block(builder, kind or _kind(block), found)
        elif isinstance(block.get("caption"), str):
            source = Source(block["caption"], f"{where}.caption", _key(block), i)
            spans.add_block(builder, "caption", [Span(source)])


def _lead_in(builder: DocumentBuilder, data: dict, names: tuple[str, ...], kind: str) -> str | None:
    """Read the first of `names` the document has, as `kind`; the name read."""
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            spans.add_block(builder, kind, [Span(Source(value, name))])
            return name
        if is_portable_text(value):
            _portable_text(builder, value, name, kind)
            return name
    return None


def read(path: str, data: dict) -> Document:
    builder = DocumentBuilder(path, "sanity")
    read_already = {_lead_in(builder, data, HEADLINE_FIELDS, "headline"),
                    _lead_in(builder, data, STANDFIRST_FIELDS, "standfirst")}
    for name, value in data.items():
        if name not in read_already and is_portable_text(value):
            _portable_text(builder, value, name)
    return builder.build()
