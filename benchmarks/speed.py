"""Speed of copydesk on a folder of articles, against a floor of one regex word pass.

Prints, for the folder (default ../shared/corpus/bench):
- in-process ms per article (read + lint with the default rules): median, p95,
  articles per second, peak memory;
- the same for the floor: one regex pass over the words of each text;
- with --select, the default rules without the selected rules or families, and
  the selected ones alone, to show what they cost;
- the wall time of one `copydesk check` CLI run over the whole folder, and of a
  process that only reads the files and runs the floor pass, with their ratio;
- start-up: the median wall and CPU time of `copydesk check` on one article (the
  hook's usual load), against a bare `python -c pass`, over --startup-runs runs,
  with the load average (the machine may be shared).

Usage: python benchmarks/speed.py [FOLDER] [--select FAMILY ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import regex
from corpus import bytecode_cached_env, corpus_folder, describe, per_item_ms, texts

from lint.config import Config
from lint.engine import Linter
from lint.readers import read

WORDS = regex.compile(r"\w+")
FLOOR_PROCESS = """
import sys, pathlib, regex
words = regex.compile(r"\\w+")
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    n += sum(1 for _ in words.finditer(p.read_bytes().decode("utf-8")))
print(n)
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def wall(command: list[str]) -> float:
    return timed(command)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="bench")
    parser.add_argument("--select", nargs="+", default=[],
                        help="rules or families whose cost to show")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is kept")
    parser.add_argument("--startup-runs", type=int, default=10,
                        help="one-article runs timed for start-up (0: none)")
    args = parser.parse_args()
    folder = corpus_folder(args.folder)
    articles = texts(folder)
    configs = {"copydesk (in-process)": Config()}
    if args.select:
        chosen = tuple(args.select)
        configs[f"without {', '.join(chosen)}"] = Config(ignore=chosen)
        configs[f"{', '.join(chosen)} alone"] = Config(select=chosen)
    print(f"{len(articles)} articles in {folder}")
    results = {}
    for label, config in configs.items():
        linter = Linter(config)
        results[label] = per_item_ms(articles, lambda a, linter=linter: linter.lint(read(*a)),
                                     args.repeat)
    floor = per_item_ms(articles, lambda a: sum(1 for _ in WORDS.finditer(a[1])), args.repeat)
    for label, times in results.items():
        print(describe(label, times))
    print(describe("floor (regex words)", floor))
    default = results["copydesk (in-process)"]
    print(f"ratio of medians         {statistics.median(default) / statistics.median(floor):.1f}x")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory              {peak_mib:.0f} MiB")
    cli = wall([sys.executable, "-m", "lint", "check", "--exit-zero", "--output-format",
                "concise", str(folder)])
    floor_wall = wall([sys.executable, "-c", FLOOR_PROCESS, str(folder)])
    print(f"CLI run, whole folder    {cli:.2f} s")
    print(f"floor process            {floor_wall:.2f} s   (CLI is {cli / floor_wall:.1f}x)")
    if args.startup_runs > 0:
        startup(folder, args.startup_runs)


def startup(folder: Path, count: int) -> None:
    env = bytecode_cached_env()
    check_one = [sys.executable, "-m", "lint", "check", "--exit-zero",
                 str(min(folder.glob("*.txt")))]
    timed(check_one, env)
    runs = [(timed(check_one, env), timed([sys.executable, "-c", "pass"], env))
            for _ in range(count)]
    check_wall = statistics.median(check[0] for check, _ in runs)
    check_cpu = statistics.median(check[1] for check, _ in runs)
    bare_wall = statistics.median(bare[0] for _, bare in runs)
    print(f"check one article        {check_wall * 1000:.0f} ms wall, {check_cpu * 1000:.0f} ms "
          f"CPU (medians of {count}; bare python {bare_wall * 1000:.0f} ms wall; "
          f"load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
