"""Accuracy and scale of the archive rules (recycled-paragraph, duplicate-article).

Accuracy: the archive is ../shared/corpus/bench as published, then the dev articles
(none of which shares a story with bench), each with one defect injected:
- verbatim: a body paragraph of 25+ words from a random bench article inserted;
- reworded: the same, with words changed until fuzz.ratio is 90 to 97;
- duplicate: the dev article filed a second time under another headline.
Recall counts the injected paragraphs flagged by recycled-paragraph (pointing at the
bench article they came from) and the second filings flagged by duplicate-article.
False alarms are the findings on the corpus as it is (bench, then dev, unchanged)
whose two articles are not versions of one story (MANIFEST.tsv's near_dup_group):
each is listed for review with --list.

Scale: --scale N builds an archive of N articles from corpus paragraphs with words
swapped (streamed, about 1 in 50 sharing a paragraph with an earlier one) and prints
the per-article collection rate, the archive pass's time and the peak memory.

Index: --index N builds a persistent index of N generated articles (as `copydesk
index build` does) and prints the median time to check one ~800-word story against
it (as `copydesk check --index` does), each story carrying a paragraph from the index.

Usage: python benchmarks/recycled.py [--list] [--scale 10000 100000] [--index 100000]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import time
from collections import Counter
from collections.abc import Iterator

from corpus import CORPUS, corpus_folder, texts
from rapidfuzz import fuzz

from lint.archive import Archive, judge
from lint.config import Config
from lint.engine import Linter
from lint.readers import read

RULES = ("recycled-paragraph", "duplicate-article")
SEED = 20261130


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def reworded(paragraph: str, rng: random.Random, vocabulary: list[str]) -> str | None:
    """The paragraph with words swapped until fuzz.ratio is between 90 and 97."""
    words = paragraph.split(" ")
    for _ in range(20):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        score = fuzz.ratio(paragraph, " ".join(words))
        if score < 90:
            return None
        if score <= 97:
            return " ".join(words)
    return None


def archive_findings(articles: Iterator[tuple[str, str]]) -> tuple[dict, list, float]:
    linter = Linter(Config(select=RULES))
    start = time.perf_counter()
    with Archive() as archive:
        for name, text in articles:
            document = read(name, text)
            archive.add(name, {"headline": document.headline},
                        linter.check(document, collect=True).facts)
        judged = judge(archive, linter)
    return judged.findings, judged.notes, time.perf_counter() - start


def accuracy(show: bool) -> None:
    rng = random.Random(SEED)
    bench = texts(corpus_folder("bench"))
    dev = texts(corpus_folder("dev"))
    groups = {}
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as manifest:
        for row in csv.DictReader(manifest, delimiter="\t"):
            groups[str(CORPUS / row["file"])] = row["near_dup_group"] or row["file"]
    donors = [(path, p) for path, text in bench for p in paragraphs(text)[1:]
              if len(p.split()) >= 30]
    vocabulary = [w for _, p in donors[:2000] for w in p.split() if w.isalpha()]

    # False alarms: the corpus as published.
    found, notes, seconds = archive_findings(iter(bench + dev))
    false = [(name, f) for name, fs in found.items() for f in fs
             if groups.get(name) != groups.get(f.related[0].document)]
    total = sum(map(len, found.values()))
    print(f"corpus as published: {len(bench) + len(dev)} articles in {seconds:.1f} s; "
          f"{total} findings ({dict(Counter(f.rule for fs in found.values() for f in fs))}), "
          f"{total - len(false)} between versions of one story (MANIFEST near_dup_group), "
          f"{len(false)} others; {len(notes)} boilerplate paragraphs")
    print(f"  others per 1,000 articles: {1000 * len(false) / (len(bench) + len(dev)):.2f}")
    if show:
        for name, finding in false:
            print(f"  {name}: {finding.rule}: {finding.message}")
        for note in notes:
            print(f"  boilerplate x{note.count}: {note.text[:100]}")

    # Recall on injected defects: one archive per kind, bench then the injected articles.
    for kind in ("verbatim", "reworded", "duplicate"):
        injected, expected = [], {}
        for path, text in dev:
            parts = paragraphs(text)
            if kind == "duplicate":
                injected.append((path, text))
                injected.append((f"copy:{path}", "Another headline entirely\n\n"
                                 + "\n\n".join(parts[1:])))
                expected[f"copy:{path}"] = None
                continue
            donor, paragraph = rng.choice(donors)
            if kind == "reworded":
                paragraph = reworded(paragraph, rng, vocabulary)
                if paragraph is None:
                    continue
            at = rng.randrange(2, len(parts) + 1)
            injected.append((path, "\n\n".join(parts[:at] + [paragraph] + parts[at:])))
            expected[path] = (donor, paragraph)
        found, _, seconds = archive_findings(iter(bench + injected))
        hits = 0
        for name, detail in expected.items():
            if detail is None:
                hits += any(f.rule == "duplicate-article" for f in found.get(name, []))
                continue
            donor, paragraph = detail
            hits += any(f.rule == "recycled-paragraph" and f.text == paragraph
                        and groups.get(f.related[0].document) == groups[donor]
                        for f in found.get(name, []))
        print(f"recall {kind:<10} {hits}/{len(expected)} = {100 * hits / len(expected):.1f}%"
              f"   ({len(bench) + len(injected)} articles judged in {seconds:.1f} s)")


def recombined(count: int, rng: random.Random, pool: list[str],
               vocabulary: list[str]) -> Iterator[tuple[str, str]]:
    """`count` articles of 6 to 14 paragraphs, each a corpus paragraph with seven words
    in ten swapped for others (so that, as in a real archive, paragraphs are not alike
    by chance); about 1 in 50 articles repeats a paragraph of one made shortly before."""
    recent: list[str] = []
    for n in range(count):
        chosen = []
        for _ in range(rng.randint(6, 14)):
            words = rng.choice(pool).split()
            chosen.append(" ".join(rng.choice(vocabulary) if rng.random() < 0.7 else word
                                   for word in words))
        if recent and rng.random() < 0.02:
            chosen[rng.randrange(len(chosen))] = rng.choice(recent)
        recent = (recent + chosen[:2])[-200:]
        yield f"generated/{n:07d}.txt", f"Generated story {n}\n\n" + "\n\n".join(chosen) + "\n"


def scale(sizes: list[int]) -> None:
    rng = random.Random(SEED)
    pool = [p for _, text in texts(corpus_folder("bench")) for p in paragraphs(text)[1:]]
    vocabulary = sorted({w for p in pool for w in p.split() if w.isalpha()})
    linter = Linter(Config(select=RULES))
    for size in sizes:
        start = time.perf_counter()
        with Archive() as archive:
            for name, text in recombined(size, rng, pool, vocabulary):
                document = read(name, text)
                archive.add(name, {}, linter.check(document, collect=True).facts)
            collected = time.perf_counter() - start
            judged = judge(archive, linter)
        total = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>9,} articles: collect {size / collected:6.0f} articles/s, archive pass "
              f"{total - collected:6.1f} s, {size / total:6.0f} articles/s overall, "
              f"{sum(map(len, judged.findings.values())):,} findings, peak {peak:.0f} MiB")


def index(size: int) -> None:
    import statistics
    import tempfile
    from pathlib import Path

    from lint.archive import judge_one

    rng = random.Random(SEED)
    pool = [p for _, text in texts(corpus_folder("bench")) for p in paragraphs(text)[1:]]
    vocabulary = sorted({w for p in pool for w in p.split() if w.isalpha()})
    linter = Linter(Config(select=RULES))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.db"
        start = time.perf_counter()
        indexed = []
        with Archive(path) as archive:
            for name, text in recombined(size, rng, pool, vocabulary):
                archive.add(name, {}, linter.check(read(name, text), collect=True).facts)
                long = [p for p in paragraphs(text)[1:] if len(p.split()) >= 30]
                if long and len(indexed) < 50 and rng.random() < 0.01:
                    indexed.append(long[0])
            archive.finish()
        print(f"index of {size:,} articles built in {time.perf_counter() - start:.0f} s, "
              f"{path.stat().st_size / 2**20:.0f} MiB")
        stories = [(f"story-{n}.txt", f"Story {n}\n\n" + "\n\n".join(
            [" ".join(rng.choice(vocabulary) for _ in range(45)) for _ in range(16)]
            + [recycled]) + "\n") for n, recycled in enumerate(indexed)]
        times, flagged = [], 0
        with Archive(path) as archive:
            for name, text in stories:
                start = time.perf_counter()
                document = read(name, text)
                checked = linter.check(document, collect=True)
                found = judge_one(archive, name, {}, checked.facts, linter)
                times.append((time.perf_counter() - start) * 1000)
                flagged += any(f.rule == "recycled-paragraph" for f in found)
        words = statistics.median(len(text.split()) for _, text in stories)
        print(f"check one story (~{words:.0f} words) against it: median "
              f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms; "
              f"{flagged}/{len(stories)} recycled paragraphs found")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true", help="list the findings to review")
    parser.add_argument("--scale", type=int, nargs="*", help="generated archive sizes")
    parser.add_argument("--index", type=int, help="generated index size")
    args = parser.parse_args()
    if args.index:
        index(args.index)
    elif args.scale:
        scale(args.scale)
    else:
        accuracy(args.list)


if __name__ == "__main__":
    main()
