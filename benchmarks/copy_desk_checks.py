"""Precision and speed of the typography, structure and style families on the corpus.

Run by hand: `.venv/bin/python benchmarks/copy_desk_checks.py [dev|bench] [--profile NAME]
[--list]`. Prints finding counts per rule and severity (default configuration, or
the profile given), every warning with `--list`, and the in-process median cost in
ms per article of these families and of the whole default rule set.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from lint.config import Config
from lint.engine import Linter
from lint.readers import decode, read

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FAMILIES = ("typography", "structure", "style")


def _median_ms(linter: Linter, documents: list) -> float:
    """Median ms per article: each article linted with a fresh Article, as the engine does."""
    times = []
    for document in documents:
        start = time.perf_counter()
        linter.lint(document)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="dev")
    parser.add_argument("--profile")
    parser.add_argument("--list", action="store_true", help="print every warning and error")
    args = parser.parse_args()
    paths = sorted((CORPUS / args.folder).glob("*.txt"))
    documents = [read(str(p), decode(p.read_bytes())) for p in paths]
    ours = Linter(Config(select=FAMILIES, profile=args.profile))
    counts: Counter[tuple[str, str]] = Counter()
    flagged_articles: set[str] = set()
    for path, document in zip(paths, documents, strict=True):
        for f in ours.lint(document):
            counts[(f.rule, f.severity)] += 1
            if f.severity != "info":
                flagged_articles.add(path.name)
                if args.list:
                    print(f"{path.name}:{f.location.line}:{f.location.column} {f.rule} "
                          f"{f.text[:60]!r}")
    print(f"{len(paths)} articles in {args.folder}, profile {args.profile}")
    for (rule, severity), n in sorted(counts.items()):
        print(f"  {rule:34} {severity:8} {n:5}  ({100 * n / len(paths):.2f} per 100 articles)")
    warnings = sum(n for (_, s), n in counts.items() if s != "info")
    print(f"  warnings+errors: {warnings} in {len(flagged_articles)} articles")
    for label, linter in (("these families", ours), ("default rule set", Linter())):
        _median_ms(linter, documents[:50])  # warm up caches and compiled patterns
        print(f"  {label}: median {_median_ms(linter, documents):.3f} ms/article")


if __name__ == "__main__":
    main()
