"""Readers turn an input into a Document. Formats are chosen by extension or content.

Each format's module is imported on first use, so a hook run over plain-text
articles never loads the HTML and JSON machinery.
"""

from __future__ import annotations

import codecs
import importlib
import os
import re
from collections.abc import Callable
from typing import Any

from lint import collector
from lint.document import Document, DocumentBuilder
from lint.lazy import LazyPattern, LazyRePattern
from lint.source import Source


class InputError(Exception):
    """An input that cannot be read; `code` is the JSON error code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


Reader = Callable[[str, str], Document]


def _on_first_use(module: str, name: str) -> Callable[..., Any]:
    """`lint.readers.<module>.<name>`, imported when first called and then kept."""
    found: Callable[..., Any] | None = None

    def call(*args: Any) -> Any:
        nonlocal found
        if found is None:
            found = getattr(importlib.import_module(f"lint.readers.{module}"), name)
        return found(*args)
    return call


# The JSON payloads copydesk reads: how to recognise each, and what it is called.
JSON_SHAPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "wordpress": (_on_first_use("wordpress", "is_post"),
                  "a WordPress REST post (title.rendered, content.rendered)"),
    "ans": (_on_first_use("ans", "is_story"),
            'an Arc XP ANS story (type "story", content_elements)'),
    "contentful": (_on_first_use("contentful", "is_entry"), "a Contentful entry (sys, fields)"),
    "sanity": (_on_first_use("sanity", "is_document"), "a Sanity document (_id, _type)"),
}
_EXPECTED_JSON = ", ".join(description for _, description in JSON_SHAPES.values())


# Limits on a JSON payload, past which it is an input error rather than a crash
# (Python refuses to turn more than 4,300 digits into an int; json recurses once a
# level). A CMS story needs neither: its numbers are ids and times, its elements a
# few levels deep.
MAX_JSON_NUMBER_CHARS = 1_000
MAX_JSON_DEPTH = 128
# A JSON string may escape half of a UTF-16 pair on its own (`"\udfff"`); such a
# lone surrogate can be neither hashed nor printed as UTF-8, so it reads as U+FFFD.
_ESCAPED_SURROGATE = LazyPattern(r"\\u[dD][89a-fA-F]")
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")


def _number(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if len(text) > MAX_JSON_NUMBER_CHARS:
            raise number_too_long()
        return kind(text)
    return parse


def number_too_long() -> InputError:
    return InputError("too-large", f"a JSON number longer than {MAX_JSON_NUMBER_CHARS:,} "
                                   "characters (the limit)")


def _without_surrogates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {key: _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
            for key, value in pairs}


def too_deep() -> InputError:
    return InputError("too-deep", f"JSON nested deeper than {MAX_JSON_DEPTH} levels (the limit)")


def _check_depth(data: Any) -> None:
    """InputError past MAX_JSON_DEPTH, told level by level without recursion."""
    level, depth = [data], 0
    while level:
        depth += 1
        if depth > MAX_JSON_DEPTH:
            raise too_deep()
        inner: list[Any] = []
        for value in level:
            if isinstance(value, (dict, list)):
                inner += [v for v in (value.values() if isinstance(value, dict) else value)
                          if isinstance(v, (dict, list))]
        level = inner


def load_json(content: str | bytes) -> Any:
    """JSON within the limits on numbers and nesting, a lone escaped surrogate read as
    U+FFFD: InputError past a limit, json.JSONDecodeError for text that is not JSON
    (UnicodeDecodeError for bytes in no UTF)."""
    import json  # for a JSON payload only

    if isinstance(content, bytes):  # decoded as json.loads decodes bytes
        content = content.decode(json.detect_encoding(content), "surrogatepass")
    hook = _without_surrogates if _ESCAPED_SURROGATE.search(content) else None
    try:
        data = json.loads(content, parse_int=_number(int), parse_float=_number(float),
                          object_pairs_hook=hook)
    except RecursionError:
        raise too_deep() from None
    _check_depth(data)
    return data


def _load_json(content: str) -> Any:
    import json

    try:
        return load_json(content)
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "at" (`Unterminated string starting at`).
        where = f"{exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}"
        raise InputError("invalid-json",
                         f"not valid JSON ({where}); expected {_EXPECTED_JSON}") from None


def json_format(content: str) -> str:
    """Which CMS payload a JSON text is, or InputError naming what was expected."""
    data = _load_json(content)
    for name, (matches, _) in JSON_SHAPES.items():
        if matches(data):
            return name
    raise InputError("unknown-json", f"JSON of an unknown shape; expected {_EXPECTED_JSON}")


def _json_reader(name: str, read_payload: Callable[[str, Any], Document]) -> Reader:
    matches, description = JSON_SHAPES[name]

    def read_json(path: str, content: str) -> Document:
        data = _load_json(content)
        if not matches(data):
            raise InputError("unknown-json", f"JSON of an unknown shape; expected {description}")
        return read_payload(path, data)
    return read_json

# How each format renders a slice of its source: what a reader shows of it. The
# location invariant (docs/findings.md) is render(source[offset:offset + length]) ==
# the flagged text.
RENDERERS: dict[str, Callable[[str], str]] = {
    "text": _on_first_use("text", "render"),
    "markdown": _on_first_use("markdown", "render"),
    "html": _on_first_use("markup", "render"),
    "wordpress": _on_first_use("markup", "render"),
    "ans": _on_first_use("markup", "render"),
    "contentful": _on_first_use("spans", "render"),
    "sanity": _on_first_use("spans", "render"),
}

_render_inline = _on_first_use("markup", "render_inline")


def renderer(document: Document, source: int) -> Callable[[str], str]:
    """How the reader renders text of one of the document's sources."""
    return _render_inline if document.sources[source].inline else RENDERERS[document.format]


def rendered_slice(document: Document, source: int, start: int, end: int) -> str:
    """What the reader shows of source[start:end]: the location invariant's left side."""
    return renderer(document, source)(document.sources[source].text[start:end])


READERS: dict[str, Reader] = {
    "text": _on_first_use("text", "read"),
    "markdown": _on_first_use("markdown", "read"),
    "html": _on_first_use("html", "read"),
    "wordpress": _json_reader("wordpress", _on_first_use("wordpress", "read")),
    "ans": _json_reader("ans", _on_first_use("ans", "read")),
    "contentful": _json_reader("contentful", _on_first_use("contentful", "read")),
    "sanity": _json_reader("sanity", _on_first_use("sanity", "read")),
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",  # sniffed: one of JSON_SHAPES
}
_HTML_START = ("<!doctype html", "<html", "<!--", "<p", "<div", "<article", "<h1")


def detect_format(path: str, content: str) -> str:
    """The reader for a path: by extension (a .json file by its shape), else by content."""
    fmt = EXTENSIONS.get(os.path.splitext(path)[1].lower())  # PurePath costs 2 µs a file
    if fmt == "json":
        return json_format(content)
    if fmt:
        return fmt
    start = content.lstrip()[:20].lower()
    if start.startswith("{"):
        try:
            return json_format(content)
        except InputError:
            return "text"
    return "html" if start.startswith(_HTML_START) else "text"


# A charset declared in the first bytes of a page: `<meta charset="windows-1252">`,
# `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, or an
# XML declaration's encoding.
_DECLARED_CHARSET = LazyRePattern(
    rb"<meta[^>]*?charset[ \t\r\n]*=[ \t\r\n]*[\"']?[ \t]*([A-Za-z0-9_.:-]+)"
    rb"|<\?xml[^>]*?encoding[ \t\r\n]*=[ \t\r\n]*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_CHARSET_WINDOW = 4096
# Labels browsers read as windows-1252 (the WHATWG Encoding Standard).
_AS_WINDOWS_1252 = frozenset({"latin_1", "iso8859-1", "ascii"})


def declared_encoding(data: bytes) -> str:
    """The codec a page declares for itself, or `utf-8`; InputError for one Python
    does not know."""
    found = _DECLARED_CHARSET.search(data, 0, _CHARSET_WINDOW)
    if found is None:
        return "utf-8"
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        raise InputError("unknown-charset", f"the page declares an unknown charset {label!r}") \
            from None
    return "cp1252" if name in _AS_WINDOWS_1252 else name


# Text that Windows editors save as "Unicode": UTF-16 (or UTF-32) after a byte-order
# mark, which says the byte order. The UTF-32 marks come first: the little-endian one
# starts with the UTF-16 one.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _marked_encoding(data: bytes) -> tuple[bytes, str] | None:
    """The byte-order mark a UTF-16 or UTF-32 text starts with, and its codec."""
    return next(((mark, codec) for mark, codec in _BYTE_ORDER_MARKS if data.startswith(mark)),
                None)


def decode(data: bytes) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is dropped), as UTF-16 or UTF-32 after
    their byte-order mark, or as the charset the page declares (`<meta
    charset="windows-1252">`); InputError when they do not decode."""
    marked = _marked_encoding(data)
    if marked is not None:
        mark, codec = marked
        try:
            return data[len(mark):].decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError("invalid-charset", f"not valid {codec[:6].upper()}, the encoding "
                             f"its byte-order mark declares (byte {len(mark) + exc.start})") \
                from None
    if b"\x00" in data:
        raise InputError("binary", "the file is binary, not text")
    encoding = "utf-8" if data.isascii() else declared_encoding(data)
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        where = f"(byte {exc.start}: {data[exc.start]:#04x})"
        if encoding == "utf-8":
            raise InputError("invalid-utf8", f"not valid UTF-8 {where}") from None
        raise InputError("invalid-charset", f"not valid {encoding}, the charset it declares "
                                            f"{where}") from None


def encode(text: str, like: bytes) -> bytes:
    """Text as bytes in the encoding `like` was decoded from, keeping its byte-order
    mark; a character the page's charset lacks becomes an HTML character reference."""
    marked = _marked_encoding(like)
    if marked is not None:
        mark, codec = marked
        return mark + text.encode(codec)
    encoding = "utf-8" if like.isascii() else declared_encoding(like)
    if encoding != "utf-8":
        return text.encode(encoding, errors="xmlcharrefreplace")
    return (b"\xef\xbb\xbf" if like.startswith(b"\xef\xbb\xbf") else b"") + text.encode()


def _empty(path: str, content: str, format: str | None) -> Document:
    """An empty article (no characters but white space) is a story slot with no copy
    yet, whatever its format: a document with no blocks, so nothing to report and no
    error (docs/findings.md)."""
    fmt = format or EXTENSIONS.get(os.path.splitext(path)[1].lower())
    builder = DocumentBuilder(path, fmt if fmt in READERS else "text")
    builder.add_source(Source(content))
    return builder.build()


def read(path: str, content: str, format: str | None = None) -> Document:
    """Read `content` (the decoded text of `path`) with the named or detected reader."""
    if not content.isascii() and _SURROGATE.search(content):
        content = _SURROGATE.sub("\ufffd", content)  # only a caller's str can hold them
    if not content or content.isspace():  # what strip() would leave empty, uncopied
        return _empty(path, content, format)
    fmt = format or detect_format(path, content)
    if fmt not in READERS:
        raise InputError("unknown-format", f"unknown input format {fmt!r}")
    with collector.paused():
        return READERS[fmt](path, content)
