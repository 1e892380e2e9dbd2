"""Loading the per-family case files in tests/cases/*.toml.

Each file holds `[[case]]` tables:

    [[case]]
    rule = "repeated-word"          # the rule under test (only its findings count)
    name = "a doubled article"
    text = "..."                    # the input, exactly
    format = "markdown"             # optional reader (default: text)
    config = { profile = "bbc" }    # optional [tool.copydesk] keys
    fixed = "..."                   # optional: the text after applying safe fixes
    expect = []                     # should not flag
    expect = [{ text = "the the", nth = 1, severity = "warning",
                replacement = "the", related = "..." , message = "substring" }]

An expected span is its exact text and which occurrence of that text in the
input it is (`nth`, default 1), or an explicit `offset`.

An archive rule's case has `articles` instead of `text`: the archive, in the order
its articles were filed, each `{ name = "...", text = "...", date = "..." }` (date
optional); an expected span then also names its `article`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).parent / "cases"


@dataclass
class Case:
    family: str
    rule: str
    name: str
    expect: list[dict[str, Any]]
    text: str = ""
    articles: list[dict[str, str]] = field(default_factory=list)
    format: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    fixed: str | None = None

    @property
    def id(self) -> str:
        return f"{self.family}:{self.rule}:{self.name}"


def nth_offset(text: str, needle: str, nth: int) -> int:
    offset = -1
    for _ in range(nth):
        offset = text.find(needle, offset + 1)
        if offset == -1:
            raise AssertionError(f"expected span {needle!r} (occurrence {nth}) is not in the text")
    return offset


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data.get("case", []):
            cases.append(Case(family=path.stem, **raw))
    return cases
