"""Real pages and CMS payloads (../shared/corpus): exact locations, and the article
body read from each page agreeing with Readability's gold output (`expected.html`).

Skipped on a clone without ../shared beside it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import regex
from test_markup import assert_blocks_exact

from conftest import corpus_dir
from invariants import assert_locations_exact
from lint.config import Config
from lint.engine import Linter
from lint.readers import decode, read
from lint.readers.markup import parse, render

_WORD = regex.compile(r"\w+")
_NEVER_READ = ("nav", "footer", "script", "style", "noscript", "form")
# Readability keeps a few things we leave out on purpose (a newsletter sign-up box,
# a print-edition note, a byline line with a time); a page must still give this share.
_MIN_PAGE_AGREEMENT = 0.90
_MIN_TOTAL_AGREEMENT = 0.95


def _payloads() -> list[Path]:
    found = sorted(corpus_dir("dev-html").glob("*/source.html"))
    for folder in ("cms/ans", "cms/constructed"):
        found += sorted(corpus_dir(folder).rglob("*.json"))
    return found


def test_every_location_is_exact_on_real_pages_and_payloads() -> None:
    linter = Linter(Config(select=("ALL",)))
    for path in _payloads():
        document = read(str(path), decode(path.read_bytes()))
        assert document.body, path
        assert_blocks_exact(document)
        assert_locations_exact(document, linter.lint(document))


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def agreement(page: Path) -> tuple[int, int]:
    """(expected body words we read, expected body words) for one dev-html page."""
    document = read(str(page / "source.html"), decode((page / "source.html").read_bytes()))
    expected = words(render((page / "expected.html").read_text(encoding="utf-8")))
    return sum((expected & words(document.text)).values()), sum(expected.values())


def test_the_article_body_agrees_with_readability() -> None:
    pages = sorted(p for p in corpus_dir("dev-html").iterdir() if p.is_dir())
    shares = {page.name: agreement(page) for page in pages}
    for name, (read_words, expected) in shares.items():
        assert read_words >= _MIN_PAGE_AGREEMENT * expected, name
    total = sum(r for r, _ in shares.values()) / sum(e for _, e in shares.values())
    assert total >= _MIN_TOTAL_AGREEMENT


def test_nothing_is_read_from_navigation_footers_or_scripts() -> None:
    for page in sorted(corpus_dir("dev-html").glob("*/source.html")):
        text = decode(page.read_bytes())
        document = read(str(page), text)
        never = [(e.start, e.end) for e in parse(text).iter() if e.tag in _NEVER_READ]
        for block in document.blocks:
            _, start, _ = document.spans.to_source(block.start, block.end)
            assert not any(s <= start < e for s, e in never), (page, document.block_text(block))
