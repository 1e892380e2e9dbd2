"""Contentful entries, as the Content Management API and its webhooks send them.

An entry is `{"sys": {...}, "fields": {"<field id>": {"<locale>": value}}}`: every
field keyed by locale (docs/ecosystem.md §5.3). One locale is read for each field:
the first English one (`en`, `en-US`, `en-GB`, ...), else the field's first. A
`title` or `headline` string is the headline; a `standfirst`, `subtitle`,
`summary`, `description` or `excerpt` string the standfirst; every rich text field
(a `document` node) is body text: paragraphs, headings, list items and quotes,
with hyperlinks read as their text and a `code` mark as inline code. Embedded
entries and assets, tables and rules are not prose.

Each text node's `value` is its own source: `field` is its JSON path
(`fields.body.en-US.content[3].content[0].value`), `element_index` the index of the
rich text's top-level node.
"""

from __future__ import annotations

from typing import Any

from lint.document import Document, DocumentBuilder
from lint.readers import spans
from lint.readers.spans import Span
from lint.source import Source

HEADLINE_FIELDS = ("headline", "title")
STANDFIRST_FIELDS = ("standfirst", "subtitle", "summary", "description", "excerpt")
# Rich text nests a few levels (a list in a list item in a quote); a payload nested
# deeper than this is not an article.
_MAX_NESTING = 32
_BLOCKS = {"paragraph": None, "heading-1": "heading", "heading-2": "heading",
           "heading-3": "heading", "heading-4": "heading", "heading-5": "heading",
           "heading-6": "heading"}
_CONTAINERS = frozenset({"blockquote", "unordered-list", "ordered-list", "list-item"})


def is_entry(data: Any) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("sys"), dict)
            and isinstance(data.get("fields"), dict))


def is_rich_text(value: Any) -> bool:
    return isinstance(value, dict) and value.get("nodeType") == "document"


def _locale(values: Any) -> str | None:
    """The locale read of a field: the first English one, else the first."""
    if not isinstance(values, dict) or not values:
        return None
    english = (k for k in values if k.lower() == "en" or k.lower().startswith("en-"))
    return next(english, next(iter(values)))


def _inline(nodes: Any, path: str, index: int, out: list[Span], depth: int) -> None:
    if not isinstance(nodes, list) or depth > _MAX_NESTING:
        return
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        where = f"{path}[{i}]"
        if node.get("nodeType") == "text" and isinstance(node.get("value"), str):
            marks = node.get("marks")
            code = isinstance(marks, list) and any(
                isinstance(m, dict) and m.get("type") == "code" for m in marks)
            out.append(Span(Source(node["value"], f"{where}.value", None, index), code))
        elif str(node.get("nodeType", "")).endswith("hyperlink"):
            _inline(node.get("content"), f"{where}.content", index, out, depth + 1)


def _blocks(builder: DocumentBuilder, nodes: Any, path: str, kind: str | None,
            top: int | None, depth: int = 0) -> None:
    if not isinstance(nodes, list) or depth > _MAX_NESTING:
        return
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        node_type = node.get("nodeType")
        if not isinstance(node_type, str):
            continue
        where = f"{path}[{i}]"
        index = i if top is None else top
        if node_type in _BLOCKS:
            found: list[Span] = []
            _inline(node.get("content"), f"{where}.content", index, found, depth)
            spans.add_block(builder, kind or _BLOCKS[node_type] or "paragraph", found)
        elif node_type in _CONTAINERS:
            inner = "blockquote" if node_type == "blockquote" else kind or "list-item"
            _blocks(builder, node.get("content"), f"{where}.content", inner, index, depth + 1)


def _string(builder: DocumentBuilder, fields: dict, names: tuple[str, ...], kind: str) -> None:
    for name in names:
        locale = _locale(fields.get(name))
        value = fields[name][locale] if locale else None
        if isinstance(value, str) and value.strip():
            spans.add_block(builder, kind, [Span(Source(value, f"fields.{name}.{locale}"))])
            return


def read(path: str, data: dict) -> Document:
    builder = DocumentBuilder(path, "contentful")
    fields = data["fields"]
    _string(builder, fields, HEADLINE_FIELDS, "headline")
    _string(builder, fields, STANDFIRST_FIELDS, "standfirst")
    for name, values in fields.items():
        locale = _locale(values)
        if locale and is_rich_text(values[locale]):
            _blocks(builder, values[locale].get("content"),
                    f"fields.{name}.{locale}.content", None, None)
    return builder.build()
