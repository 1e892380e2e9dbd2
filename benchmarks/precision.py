"""What copydesk says about clean published copy: finding counts per rule and severity.

Run by hand: `python benchmarks/precision.py [FOLDER] [--select RULE ...] [--profile NAME]
[--list]`. FOLDER is a corpus folder (default `dev`, the 300 BBC articles) or a path.
Prints, per rule and severity, the count and the rate per 100 articles, the number of
articles with a warning or error, and with --list every warning and error with its
text, for review: on clean copy each one should be a genuine fault.
"""

from __future__ import annotations

import argparse
from collections import Counter

from corpus import corpus_folder, lint_folder

from lint.config import Config
from lint.engine import Linter


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="dev")
    parser.add_argument("--select", nargs="+", help="rules or families (default: the default set)")
    parser.add_argument("--profile")
    parser.add_argument("--list", action="store_true", help="print every warning and error")
    args = parser.parse_args()
    folder = corpus_folder(args.folder)
    linter = Linter(Config(select=tuple(args.select) if args.select else None,
                           profile=args.profile))
    counts: Counter[tuple[str, str]] = Counter()
    flagged: set[str] = set()
    articles = 0
    for path, _, findings in lint_folder(folder, linter):
        articles += 1
        for f in findings:
            counts[(f.rule, f.severity)] += 1
            if f.severity != "info":
                flagged.add(path.name)
                if args.list:
                    print(f"{path.name}:{f.location.line}:{f.location.column} {f.severity} "
                          f"{f.rule} {f.text[:70]!r}")
    print(f"{articles} articles in {folder}, profile {args.profile}")
    for (rule, severity), n in sorted(counts.items()):
        print(f"  {rule:34} {severity:8} {n:5}  ({100 * n / articles:.2f} per 100 articles)")
    warnings = sum(n for (_, s), n in counts.items() if s != "info")
    print(f"  warnings and errors: {warnings} in {len(flagged)} articles "
          f"({100 * warnings / articles:.2f} per 100 articles)")


if __name__ == "__main__":
    main()
