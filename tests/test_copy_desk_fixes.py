"""The unsafe fixes of the structure rules, and exact locations whatever the line breaks."""

from __future__ import annotations

import pytest

from invariants import assert_locations_exact
from lint.config import Config
from lint.engine import Linter
from lint.fixes import apply_edits
from lint.readers import read

LINTER = Linter(Config(select=("typography", "structure", "style"), profile="guardian"))

ARTICLE = """Council approves 400 homes

By:Tom Jervis

12 March 2025

The airfield from the air

Plans for 450 homes  were approved , the council said.The vote (7-2 was close - very close.

The leader said it would go ahead

with building next year.

Tom Jervis

Housing reporter
"""


def fixed(text: str, rule: str) -> str:
    findings = [f for f in LINTER.lint(read("a.txt", text)) if f.rule == rule]
    return apply_edits(text, [e for f in findings for e in f.fix.edits])


def test_the_bio_fix_removes_the_whole_bio() -> None:
    assert fixed(ARTICLE, "stray-boilerplate").endswith("with building next year.\n")


def test_the_break_fix_joins_the_sentence() -> None:
    joined = fixed(ARTICLE, "paragraph-break-mid-sentence")
    assert "would go ahead with building next year." in joined


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("blank_lines", [1, 3])
def test_locations_are_exact_with_any_line_breaks(newline: str, blank_lines: int) -> None:
    text = ARTICLE.replace("\n\n", "\n" * (blank_lines + 1)).replace("\n", newline)
    document = read("a.txt", text)
    findings = LINTER.lint(document)
    assert_locations_exact(document, findings)
    assert {f.rule for f in findings} >= {
        "missing-space-after-punctuation", "space-before-punctuation", "double-space",
        "unbalanced-brackets", "spaced-hyphen-dash", "stray-boilerplate",
        "paragraph-break-mid-sentence", "headline-number-mismatch"}
