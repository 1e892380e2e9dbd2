"""WordPress REST API post objects (`/wp/v2/posts/<id>` JSON).

`title.rendered` is the headline, `excerpt.rendered` the standfirst (unless it is
WordPress's automatic excerpt, a copy of words from the body), and the body is
`content.raw` when the payload has it (the writer's own text, `?context=edit`),
else `content.rendered` (after WordPress's filters curled the quotes). Each field
is its own source, so findings point into that string with `field` set.
"""

from __future__ import annotations

from typing import Any

from lint import prose
from lint.document import Document, DocumentBuilder
from lint.readers import InputError, html, markup
from lint.source import Source

_AUTO_EXCERPT_END = prose.compile(r"\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.)\s*$")
_SPACES = prose.compile(r"\s+")


def is_post(data: Any) -> bool:
    return isinstance(data, dict) and any(
        isinstance(data.get(key), dict)
        and any(isinstance(data[key].get(v), str) for v in ("rendered", "raw"))
        for key in ("content", "title"))


def _field(data: dict, key: str, prefer_raw: bool = False) -> tuple[str, str] | None:
    """(field name, string) of `key.raw` or `key.rendered`, whichever is there. A
    field of another shape is an input error: read as missing, a post whose body is
    a bare string would pass with its headline alone checked."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _misshapen(key, value, "an object with `rendered` or `raw`")
    for variant in (("raw", "rendered") if prefer_raw else ("rendered",)):
        text = value.get(variant)
        if text is not None and not isinstance(text, str):
            raise _misshapen(f"{key}.{variant}", text, "a string")
        if text and text.strip():
            return f"{key}.{variant}", text
    return None


_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
               int: "a number", float: "a number"}


def _misshapen(field: str, value: Any, expected: str) -> InputError:
    return InputError("unknown-json", f"the WordPress post's `{field}` is "
                                      f"{_JSON_TYPES[type(value)]}, not {expected}")


def _plain(text: str) -> str:
    return _SPACES.sub(" ", markup.render(text)).strip()


def read(path: str, data: dict) -> Document:
    builder = DocumentBuilder(path, "wordpress")
    content = _field(data, "content", prefer_raw=True)
    title = _field(data, "title")
    excerpt = _field(data, "excerpt")
    if excerpt and content:
        opening = _AUTO_EXCERPT_END.sub("", _plain(excerpt[1]))
        if opening in _plain(content[1]):
            excerpt = None
    if title:
        markup.add_string_block(builder, "headline", Source(title[1], field=title[0]))
    if excerpt:
        markup.add_string_block(builder, "standfirst", Source(excerpt[1], field=excerpt[0]))
    if content:
        index = builder.add_source(Source(content[1], field=content[0]))
        for block in html.blocks_of(content[1], index, lead_in=False):
            builder.add_block(block.kind, block.runs, block.joined)
    return builder.build()
