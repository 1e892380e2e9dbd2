"""Reporters: pure functions from file results to text, one per output format."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from lint.results import Report

Reporter = Callable[[Report], str]


# Each format's module, imported only when that format is asked for.
_MODULES = {
    "full": ("text", "full"),
    "concise": ("text", "concise"),
    "json": ("json", "render"),
    "json-lines": ("json", "render_lines"),
    "sarif": ("sarif", "render"),
    "github": ("github", "render"),
    "junit": ("junit", "render"),
}
FORMATS = tuple(_MODULES)


def reporter(name: str) -> Reporter:
    module, function = _MODULES[name]
    return getattr(importlib.import_module(f"lint.reporters.{module}"), function)
