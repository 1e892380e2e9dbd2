"""Reporters: pure functions from file results to text, one per output format."""

from __future__ import annotations

from collections.abc import Callable

from lint.results import Report

Reporter = Callable[[Report], str]


def reporters() -> dict[str, Reporter]:
    from lint.reporters import github, json, junit, sarif, text
    return {
        "full": text.full,
        "concise": text.concise,
        "json": json.render,
        "json-lines": json.render_lines,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }


FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "junit")
