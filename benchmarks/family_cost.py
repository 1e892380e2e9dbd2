"""What rule families cost: in-process ms per article, with and without them.

Prints, for the folder (default ../shared/corpus/bench), the median and p95 ms per
article of reading + linting with the default rules, with the default rules minus
the chosen selectors, and with the chosen selectors alone (each best of --repeat).

Usage: python benchmarks/family_cost.py [FOLDER] [--select abbreviations names] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from lint.config import Config
from lint.engine import Linter
from lint.readers import decode, read

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bench"


def timings(linter: Linter, texts: list[tuple[str, str]], repeat: int) -> list[float]:
    linter.lint(read(*texts[0]))  # warm up: imports, compiled patterns, loaded data
    runs = []
    for _ in range(repeat):
        times = []
        for path, text in texts:
            start = time.perf_counter()
            linter.lint(read(path, text))
            times.append((time.perf_counter() - start) * 1000)
        runs.append(times)
    return sorted(min(runs, key=statistics.median))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--select", nargs="+", default=["abbreviations", "names"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [(str(p), decode(p.read_bytes())) for p in sorted(args.folder.rglob("*.txt"))]
    chosen = tuple(args.select)
    configs = {
        "default rules": Config(),
        f"default without {', '.join(chosen)}": Config(ignore=chosen),
        f"{', '.join(chosen)} alone (all their rules)": Config(select=chosen),
    }
    print(f"{len(texts)} articles in {args.folder}")
    for label, config in configs.items():
        times = timings(Linter(config), texts, args.repeat)
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{label:<48} median {statistics.median(times):6.3f} ms   p95 {p95:6.3f} ms")


if __name__ == "__main__":
    main()
