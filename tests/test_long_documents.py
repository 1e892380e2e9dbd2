"""Long documents (hundreds of paragraphs): the near-duplicate rule scores all pairs
in one process.cdist call there, and must find exactly what the pairwise path finds."""

from __future__ import annotations

import random

import pytest

import rules.duplicates
from lint.config import Config
from lint.engine import lint_text

WORDS = ("council plant jobs budget minister vote site cars sales year town money deal "
         "workers union rail road school hospital police court river bridge market").split()


def long_article(paragraphs: int) -> str:
    rng = random.Random(7)
    body = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))).capitalize() + "."
            for _ in range(paragraphs)]
    body.append(body[5].replace(body[5].split()[3], "changed", 1))  # a near copy
    return "A long live page\n\n" + "\n\n".join(body) + "\n"


def near_duplicates(text: str) -> list[tuple[int, str, str]]:
    findings = lint_text(text, config=Config(select=("near-duplicate-paragraph",)))
    return [(f.location.offset, f.message, f.related[0].location.offset) for f in findings]


def test_a_near_copy_in_a_long_document_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_article(300)
    found = near_duplicates(text)
    assert len(found) >= 1
    assert any(message.startswith("Paragraph 301 is a near copy of paragraph 6")
               for _, message, _ in found)
    monkeypatch.setattr(rules.duplicates, "CDIST_FROM", 10_000)  # the pairwise path
    assert near_duplicates(text) == found
