"""Speed of copydesk on a folder of articles, against a floor of one regex word pass.

Prints, for the folder (default ../shared/corpus/bench):
- in-process ms per article (read + lint with the default rules): median, p95,
  articles per second, peak memory;
- the same for the floor: one regex pass over the words of each text;
- the wall time of one `copydesk check` CLI run over the whole folder, and of a
  process that only reads the files and runs the floor pass, with their ratio.

Usage: python benchmarks/speed.py [FOLDER] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import regex

from lint.engine import Linter
from lint.readers import decode, read

WORDS = regex.compile(r"\w+")
DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "bench"
FLOOR_PROCESS = """
import sys, pathlib, regex
words = regex.compile(r"\\w+")
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    n += sum(1 for _ in words.finditer(p.read_bytes().decode("utf-8")))
print(n)
"""


def per_article(texts: list[tuple[str, str]], work) -> list[float]:
    times = []
    for path, text in texts:
        start = time.perf_counter()
        work(path, text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def describe(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    median = statistics.median(ordered)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    rate = len(times) / (sum(times) / 1000)
    return f"{label:<22} median {median:7.3f} ms   p95 {p95:7.3f} ms   {rate:9.0f} articles/s"


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="in-process passes; best is kept")
    args = parser.parse_args()
    files = sorted(args.folder.rglob("*.txt"))
    texts = [(str(p), decode(p.read_bytes())) for p in files]
    linter = Linter()
    linter.lint(read(*texts[0]))  # warm up: imports, compiled patterns

    def lint(path: str, text: str) -> None:
        linter.lint(read(path, text))

    def floor(path: str, text: str) -> None:
        sum(1 for _ in WORDS.finditer(text))

    runs = [per_article(texts, lint) for _ in range(args.repeat)]
    best = min(runs, key=statistics.median)
    floors = min((per_article(texts, floor) for _ in range(args.repeat)), key=statistics.median)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(files)} articles in {args.folder}")
    print(describe("copydesk (in-process)", best))
    print(describe("floor (regex words)", floors))
    print(f"ratio of medians       {statistics.median(best) / statistics.median(floors):.1f}x")
    print(f"peak memory            {peak_mib:.0f} MiB")
    cli = wall([sys.executable, "-m", "lint", "check", "--exit-zero", "--output-format",
                "concise", str(args.folder)])
    floor_wall = wall([sys.executable, "-c", FLOOR_PROCESS, str(args.folder)])
    print(f"CLI run, whole folder  {cli:.2f} s")
    print(f"floor process          {floor_wall:.2f} s   (CLI is {cli / floor_wall:.1f}x)")


if __name__ == "__main__":
    main()
