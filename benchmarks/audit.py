"""Speed and memory of `copydesk audit` on whole archives.

Runs the real command (report included) as a subprocess and prints, for each
archive, the wall time, articles per second, the CPU time of the run (which a
busy machine changes less than the wall time), split between the main process and
its workers, when the workers ended (what follows is the archive pass and the
report, which run in the main process alone) and the peak memory: the main
process and its workers together (their resident sets summed, sampled every 50
ms), and the largest single process.

Archives:
- ../shared/corpus/bench (1,622 articles);
- a generated archive of --articles articles (default 100,000), each a headline
  and body paragraphs drawn at random (seeded) from the dev and bench articles,
  with as many paragraphs as a bench article picked at random. It is written,
  one article at a time, to a temporary folder (.txt files, or with --jsonl one
  JSON Lines export of WordPress posts) that is deleted afterwards.

The machine may be shared: each archive is audited --repeat times and the best
run is printed, with the others.

Usage: python benchmarks/audit.py [--articles N] [--jsonl] [--repeat N] [--jobs N]
       [--ignore RULES] [--skip-bench] [--skip-generated]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import corpus_folder, texts

PAGE = 4096
TICKS = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> tuple[int, int, int, float]:
    """(sum, largest) resident set of `root` and its descendants, in bytes, how many
    descendants it has, and the CPU seconds of `root` alone."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu = 0.0
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(status.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE
        if pid == root:
            cpu = (int(fields[11]) + int(fields[12])) / TICKS
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    sizes = [rss.get(pid, 0) for pid in tree]
    return sum(sizes), max(sizes), len(tree) - 1, cpu


def audit(archive: Path, out: Path, jobs: int, ignore: str | None) -> dict:
    """One audit run: wall seconds, the audit's own seconds, peak memory."""
    command = [sys.executable, "-m", "lint", "audit", str(archive), "--out", str(out), "-q",
               "--jobs", str(jobs), *(["--ignore", ignore] if ignore else [])]
    peak = [0, 0]
    # The main process's CPU seconds (as last sampled), and when its workers ended:
    # the collection's end, after which the archive pass and the report run alone.
    main_cpu, collected = [0.0], [None]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command)

    def sample() -> None:
        workers = 0
        while process.poll() is None:
            total, largest, descendants, cpu = _tree(process.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            main_cpu[0] = cpu or main_cpu[0]
            if descendants < workers and collected[0] is None:
                collected[0] = time.perf_counter() - start
            workers = max(workers, descendants)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    sampler.join()
    if code != 0:
        sys.exit(f"the audit of {archive} failed (exit {code})")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"wall": wall, "cpu": cpu, "audit": summary["seconds"], "articles": summary["articles"],
            "peak": peak[0], "largest": peak[1], "report": (out / "report.html").exists(),
            "main_cpu": main_cpu[0], "collected": collected[0]}


def describe(label: str, runs: list[dict]) -> None:
    best = min(runs, key=lambda run: run["wall"])
    mib = 1 << 20
    print(f"{label}: {best['articles']:,} articles{'' if best['report'] else ' (no report)'}")
    print(f"  best of {len(runs)}: {best['wall']:.2f} s wall, "
          f"{best['articles'] / best['wall']:,.0f} articles/s "
          f"({best['articles'] / best['audit']:,.0f}/s over the audit itself, "
          f"{best['audit']:.2f} s), peak memory {best['peak'] / mib:,.0f} MiB in all, "
          f"{best['largest'] / mib:,.0f} MiB the largest process")
    print(f"  CPU time of that run, main and workers: {best['cpu']:.2f} s "
          f"({1000 * best['cpu'] / best['articles']:.2f} ms an article), the main process "
          f"{best['main_cpu']:.2f} s, the workers {best['cpu'] - best['main_cpu']:.2f} s")
    if best["collected"] is not None:
        print(f"  the workers ended at {best['collected']:.2f} s; the archive pass and the "
              f"report took {best['wall'] - best['collected']:.2f} s after them")
    print("  all runs (s wall): " + ", ".join(f"{run['wall']:.2f}" for run in runs))


def generate(folder: Path, count: int, jsonl: bool, seed: int = 7) -> Path:
    """Write `count` articles recombined from corpus paragraphs, one at a time."""
    headlines, paragraphs, lengths = [], [], []
    for name in ("dev", "bench"):
        for _, text in texts(corpus_folder(name)):
            headline, *body = [block for block in text.split("\n\n") if block.strip()]
            headlines.append(headline.strip())
            paragraphs.extend(block.strip() for block in body)
            lengths.append(len(body))
    rng = random.Random(seed)

    def article() -> tuple[str, list[str]]:
        return rng.choice(headlines), rng.choices(paragraphs, k=rng.choice(lengths))

    if jsonl:
        archive = folder / "archive.jsonl"
        with archive.open("w", encoding="utf-8") as out:
            for n in range(count):
                headline, body = article()
                post = {"id": n + 1, "date_gmt": f"20{n % 20 + 5:02d}-{n % 12 + 1:02d}-01T08:00:00",
                        "link": f"https://example.org/{n + 1}/", "title": {"rendered": headline},
                        "content": {"rendered": "".join(f"<p>{p}</p>\n" for p in body)}}
                out.write(json.dumps(post) + "\n")
        return archive
    archive = folder / "archive"
    for n in range(count):
        headline, body = article()
        shelf = archive / f"{n // 1000:03d}"
        if n % 1000 == 0:
            shelf.mkdir(parents=True)
        (shelf / f"{n:06d}.txt").write_text("\n\n".join([headline, *body]) + "\n",
                                            encoding="utf-8")
    return archive


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--jsonl", action="store_true",
                        help="generate a JSON Lines export of WordPress posts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: every core)")
    parser.add_argument("--ignore", help="rules or categories to leave out (as for the audit)")
    parser.add_argument("--skip-bench", action="store_true")
    parser.add_argument("--skip-generated", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="copydesk-audit-") as temporary:
        work = Path(temporary)
        if not args.skip_bench:
            bench = corpus_folder("bench")
            describe(f"{bench}", [audit(bench, work / f"bench-{i}", args.jobs, args.ignore)
                                  for i in range(args.repeat)])
        if not args.skip_generated:
            start = time.perf_counter()
            archive = generate(work, args.articles, args.jsonl)
            print(f"generated {args.articles:,} articles in {time.perf_counter() - start:.1f} s")
            describe(f"generated {'JSON Lines export' if args.jsonl else 'folder'}",
                     [audit(archive, work / f"generated-{i}", args.jobs, args.ignore)
                      for i in range(args.repeat)])


if __name__ == "__main__":
    main()
