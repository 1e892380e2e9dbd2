"""WordPress REST API post objects (`/wp/v2/posts/<id>` JSON).

`title.rendered` is the headline, `excerpt.rendered` the standfirst (unless it is
WordPress's automatic excerpt, a copy of words from the body), and the body is
`content.raw` when the payload has it (the writer's own text, `?context=edit`),
else `content.rendered` (after WordPress's filters curled the quotes). Each field
is its own source, so findings point into that string with `field` set.

A classic-editor post's `content.raw` holds no paragraph tags: WordPress's
`wpautop` makes each stretch between blank lines a paragraph when it shows the
post, and so does this reader, for a body with no block-level tag (each
paragraph read as inline HTML, with offsets into the raw string). A single line
break, which `wpautop` turns into `<br />`, reads as the white space it is in
HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from lint import prose
from lint.document import Document, DocumentBuilder, Run
from lint.readers import InputError, html, markup
from lint.readers.markup import Element, Text
from lint.source import Source

_AUTO_EXCERPT_END = prose.compile(r"\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.)\s*$")
_SPACES = prose.compile(r"\s+")
# The block-level tags before which `wpautop` leaves a body's paragraphs to its markup
# (its `$allblocks`, and the `<p>` it would write itself).
_BLOCK_TAG = prose.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|dl|dd|dt|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|"
    r"figure|figcaption|hr|section|article|aside|header|footer|nav|main|address|form|"
    r"fieldset|legend|details|summary|menu|math|style|select|option|area|map|hgroup|"
    r"caption|col|colgroup)(?![\w-])", regex.IGNORECASE)
# What `wpautop` reads as the end of a paragraph: a line with nothing but white space.
# Possessive, and never started inside a run of spaces: else a long run of spaces
# with no blank line after it is read again from each of its spaces.
_BLANK_LINES = prose.compile(
    r"(?<![ \t])[ \t]*+(?:\r\n|\r|\n)(?:[ \t]*+(?:\r\n|\r|\n))+[ \t]*+")


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
        if content[0] == "content.raw" and not _BLOCK_TAG.search(content[1]):
            for runs in _autop_paragraphs(content[1], index):
                builder.add_block("paragraph", runs)
        else:
            for block in html.blocks_of(content[1], index, lead_in=False):
                builder.add_block(block.kind, block.runs, block.joined)
    return builder.build()


def _autop_paragraphs(text: str, index: int) -> Iterator[list[Run]]:
    """The runs of each paragraph `wpautop` makes of a body with no block-level tag:
    the stretches between blank lines, each inline HTML (an element that starts in
    one belongs to it)."""
    nodes = markup.parse(text).children
    at = 0  # the first node that may reach into the next paragraph
    start = 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        end = gap.start() if gap is not None else len(text)
        inside: list[Element | Text] = []
        while at < len(nodes) and nodes[at].start < end:
            node = nodes[at]
            if isinstance(node, Text):
                inside.append(Text(max(node.start, start), min(node.end, end)))
                if node.end > end:
                    break  # the rest of this text starts the next paragraph
            else:
                inside.append(node)
            at += 1
        runs = markup.inline_runs(text, inside, index)
        if runs:
            yield runs
        if gap is not None:
            start = gap.end()

