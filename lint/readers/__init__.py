"""Readers turn an input into a Document. Formats are chosen by extension or content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from lint.document import Document
from lint.readers import markdown, text


class InputError(Exception):
    """An input that cannot be read; `code` is the JSON error code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


Reader = Callable[[str, str], Document]

# How each format renders a slice of its source: what a reader shows of it. The
# location invariant (contract.md) is render(source[offset:offset + length]) ==
# the flagged text.
RENDERERS: dict[str, Callable[[str], str]] = {
    "text": lambda s: s,
    "markdown": markdown.render,
}

READERS: dict[str, Reader] = {
    "text": text.read,
    "markdown": markdown.read,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}


def detect_format(path: str, content: str) -> str:
    """The reader for a path: by extension, else plain text."""
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "text")


def decode(data: bytes) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is dropped), or raise InputError."""
    if not data.strip():
        raise InputError("empty", "the file is empty")
    if b"\x00" in data:
        raise InputError("binary", "the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("invalid-utf8",
                         f"not valid UTF-8 (byte {exc.start}: {data[exc.start]:#04x})") from None


def read(path: str, content: str, format: str | None = None) -> Document:
    """Read `content` (the decoded text of `path`) with the named or detected reader."""
    fmt = format or detect_format(path, content)
    if fmt not in READERS:
        raise InputError("unknown-format", f"unknown input format {fmt!r}")
    return READERS[fmt](path, content)
