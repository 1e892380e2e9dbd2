"""HTML and CMS readers: article-body agreement with Readability, and speed.

Run by hand: `.venv/bin/python benchmarks/markup_readers.py`. Prints, for each
page of ../shared/corpus/dev-html, the share of `expected.html` words read from
`source.html` and the words read beyond it; then the median ms per article to
read (and to read and lint with the default rules) the pages and CMS payloads.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

import regex
from corpus import CORPUS, per_item_ms

from lint.engine import Linter
from lint.readers import decode, read
from lint.readers.markup import render

_WORD = regex.compile(r"\w+")
_REPEATS = 5


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def agreement() -> None:
    read_total = expected_total = 0
    for page in sorted(p for p in (CORPUS / "dev-html").iterdir() if p.is_dir()):
        document = read(str(page / "source.html"), decode((page / "source.html").read_bytes()))
        expected = words(render((page / "expected.html").read_text(encoding="utf-8")))
        got = words(document.text)
        found, total = sum((expected & got).values()), sum(expected.values())
        read_total, expected_total = read_total + found, expected_total + total
        print(f"{page.name:16} {found / total:6.1%} of {total:5} expected words; "
              f"{sum((got - expected).values()):4} words beyond; {len(document.blocks):3} blocks")
    print(f"{'all pages':16} {read_total / expected_total:6.1%} of {expected_total} expected words")


def speed(name: str, paths: list[Path]) -> None:
    texts = [(str(p), decode(p.read_bytes())) for p in paths]
    linter = Linter()
    for label, work in (("read", lambda p, t: read(p, t)),
                        ("read+lint", lambda p, t: linter.lint(read(p, t)))):
        times = per_item_ms(texts, lambda item, work=work: work(*item), _REPEATS)
        print(f"{name:28} {label:10} median {statistics.median(times):7.2f} ms/article, "
              f"max {max(times):7.2f} ms ({len(texts)} inputs)")


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not here")
    agreement()
    speed("dev-html pages", sorted((CORPUS / "dev-html").glob("*/source.html")))
    speed("cms/ans", sorted((CORPUS / "cms/ans").glob("*.json")))
    speed("cms/constructed/wp-rest", sorted((CORPUS / "cms/constructed/wp-rest").glob("*.json")))
    speed("cms/constructed/ans", sorted((CORPUS / "cms/constructed/ans").glob("*.json")))


if __name__ == "__main__":
    main()
