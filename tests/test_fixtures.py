"""The fixture articles: exactly their expected findings, at exactly their places.

`NAME.EXT.expected.toml` holds the findings of one format's version of an article
(`plant-deal.html`); without it, `NAME.expected.toml` serves every version.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from invariants import assert_locations_exact
from lint.engine import Linter
from lint.readers import decode, read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
ARTICLES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expected.toml"))


def expected_for(article: Path) -> list[dict]:
    expected = article.with_name(article.name + ".expected.toml")
    if not expected.exists():
        expected = article.with_name(article.name.split(".")[0] + ".expected.toml")
    return tomllib.loads(expected.read_text(encoding="utf-8"))["finding"]


# Where a finding is: always rule, line, column and the flagged text; the CMS
# locator keys only where the expected file gives them.
_LOCATOR = ("field", "element_id", "element_index")


def lint(article: Path):
    document = read(str(article), decode(article.read_bytes()))
    return document, Linter().lint(document)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_expected_findings(article: Path) -> None:
    _, findings = lint(article)
    expected = expected_for(article)
    keys = [k for k in _LOCATOR if any(k in e for e in expected)]
    got = sorted((f.rule, f.location.line, f.location.column, f.flagged,
                  *(getattr(f.location, k) for k in keys)) for f in findings)
    want = sorted((e["rule"], e["line"], e["column"], e["text"],
                   *(e.get(k) for k in keys)) for e in expected)
    assert got == want
    related = {(f.rule, f.location.line): f.related[0].location.line for f in findings if f.related}
    replacements = {(f.rule, f.location.line): f.replacements for f in findings}
    for e in expected_for(article):
        if "related_line" in e:
            assert related[(e["rule"], e["line"])] == e["related_line"]
        if "replacement" in e:
            assert replacements[(e["rule"], e["line"])][0] == e["replacement"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_locations_are_exact(article: Path) -> None:
    assert_locations_exact(*lint(article))
