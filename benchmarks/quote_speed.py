"""Cost of the quote scanner and the quotes family, in ms per article (in-process).

    .venv/bin/python benchmarks/quote_speed.py

Documents are read once up front; each figure is the median and mean over the
articles of ../shared/corpus/bench of one lint call (a fresh Article each time),
best of three passes.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from lint.analysis.quotes import scan_quotes
from lint.article import Article
from lint.config import from_mapping
from lint.engine import Linter
from lint.readers import decode, read

BENCH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bench"
PASSES = 3


def per_article(documents, work) -> tuple[float, float]:
    best = None
    for _ in range(PASSES):
        times = []
        for document in documents:
            start = time.perf_counter()
            work(document)
            times.append((time.perf_counter() - start) * 1000)
        if best is None or statistics.median(times) < statistics.median(best):
            best = times
    return statistics.median(best), statistics.fmean(best)


def main() -> None:
    documents = [read(str(p), decode(p.read_bytes())) for p in sorted(BENCH.glob("*.txt"))]
    runs = {
        "quote scanner alone": lambda d: scan_quotes(d.text, d.blocks, Article(d).prose),
        "quotes family": Linter(from_mapping({"select": ["quotes"]})).lint,
        "default rule set": Linter().lint,
    }
    print(f"{len(documents)} articles from {BENCH}")
    for name, work in runs.items():
        median, mean = per_article(documents, work)
        print(f"  {name:22} median {median:.3f} ms/article, mean {mean:.3f}")


if __name__ == "__main__":
    main()
