"""Arc XP ANS stories (the Washington Post's content schema, JSON).

`headlines.basic` is the headline, `subheadlines.basic` the standfirst, and
`content_elements` the body: `text` paragraphs, `header` cross-heads, `list`
items, `quote` and `blockquote` elements (block quotes; their `citation` is read
as a caption), `correction` notes and image captions, recursing into nested
elements. `raw_html`, embeds, references and the like are not prose. Every
string is its own source: `field` is its JSON path, `element_id` the `_id` of the
nearest element that has one, `element_index` the index of the top-level element.
"""

from __future__ import annotations

from typing import Any

from lint.document import Document, DocumentBuilder
from lint.readers import markup
from lint.source import Source

# Elements nested deeper than this (a quote in a list in a quote ...) are not read.
_MAX_NESTING = 32
_CONTAINERS = {"element_group": "content_elements", "quote": "content_elements",
               "list": "items"}


def is_story(data: Any) -> bool:
    return isinstance(data, dict) and (
        data.get("type") == "story" or isinstance(data.get("content_elements"), list))


class _Reader:
    def __init__(self, builder: DocumentBuilder):
        self.builder = builder

    def add(self, kind: str, text: Any, field: str, element_id: str | None,
            index: int | None) -> None:
        if isinstance(text, str) and text.strip():
            markup.add_string_block(self.builder, kind, Source(text, field, element_id, index))

    def elements(self, elements: Any, path: str, kind: str | None, top: int | None,
                 parent_id: str | None, depth: int = 0) -> None:
        if not isinstance(elements, list) or depth > _MAX_NESTING:
            return
        for i, element in enumerate(elements):
            if isinstance(element, dict):
                self.element(element, f"{path}[{i}]", kind, i if top is None else top,
                             parent_id, depth)

    def element(self, element: dict, path: str, kind: str | None, top: int,
                parent_id: str | None, depth: int) -> None:
        type_ = element.get("type") if isinstance(element.get("type"), str) else None
        own_id = element.get("_id")
        element_id = own_id if isinstance(own_id, str) else parent_id
        if type_ == "text":
            self.add(kind or "paragraph", element.get("content"), f"{path}.content",
                     element_id, top)
        elif type_ == "header":
            self.add(kind or "heading", element.get("content"), f"{path}.content",
                     element_id, top)
        elif type_ == "blockquote" or (type_ == "quote" and "content" in element):
            self.add("blockquote", element.get("content"), f"{path}.content", element_id, top)
        elif type_ == "correction":
            self.add(kind or "paragraph", element.get("text"), f"{path}.text", element_id, top)
        elif type_ == "image":
            self.add("caption", element.get("caption"), f"{path}.caption", element_id, top)
        if type_ in _CONTAINERS:
            inner = {"quote": "blockquote", "list": kind or "list-item"}.get(type_, kind)
            key = _CONTAINERS[type_]
            self.elements(element.get(key), f"{path}.{key}", inner, top, element_id, depth + 1)
        citation = element.get("citation")
        if type_ in ("quote", "blockquote") and isinstance(citation, dict):
            self.add("caption", citation.get("content"), f"{path}.citation.content",
                     element_id, top)


def read(path: str, data: dict) -> Document:
    builder = DocumentBuilder(path, "ans")
    reader = _Reader(builder)
    for key, kind in (("headlines", "headline"), ("subheadlines", "standfirst")):
        value = data.get(key)
        if isinstance(value, dict):
            reader.add(kind, value.get("basic"), f"{key}.basic", None, None)
    reader.elements(data.get("content_elements"), "content_elements", None, None, None)
    return builder.build()
