"""Quote rules on real copy: warnings per article, and PolNeAR's annotated quotes.

    .venv/bin/python benchmarks/quote_corpus.py [--show N]

BBC (../shared/corpus/dev): findings of the quotes family per article, by rule and
severity. PolNeAR dev (../shared/corpus/attribution/polnear-dev): the same, plus
how many direct quotations lying inside an annotated attribution (at least half
of their characters inside a `Content` span of any annotator) are flagged as
unattributed, and how many flags fall outside any annotation.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from corpus import CORPUS, lint_folder

from lint.article import Article
from lint.config import from_mapping
from lint.engine import Linter

POLNEAR = CORPUS / "attribution" / "polnear-dev"
ATTRIBUTED_SHARE = 0.5


def content_spans(text_path: Path) -> list[tuple[int, int]]:
    """Annotated `Content` spans of every annotator of one PolNeAR text (brat standoff)."""
    spans = []
    for ann in POLNEAR.glob(f"attributions/{text_path.stem}_*.ann"):
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 2 or not fields[0].startswith("T"):
                continue
            kind, _, offsets = fields[1].partition(" ")
            if kind == "Content":
                for piece in offsets.split(";"):
                    start, end = piece.split()
                    spans.append((int(start), int(end)))
    return spans


def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    covered = set()
    for a, b in spans:
        covered.update(range(max(a, start), min(b, end)))
    return len(covered) >= ATTRIBUTED_SHARE * (end - start)


def report(name: str, folder: Path, linter: Linter, show: int) -> list:
    counts: Counter[str] = Counter()
    warnings = []
    articles = 0
    for path, _, findings in lint_folder(folder, linter):
        articles += 1
        for f in findings:
            counts[f"{f.rule} ({f.severity})"] += 1
            if f.rule == "unattributed-quote" and f.severity == "warning":
                warnings.append((path.name, f.text))
    print(f"\n{name}: {articles} articles")
    for key, n in sorted(counts.items()):
        print(f"  {key:40} {n:5}  {n / articles:.3f} per article")
    for file, text in warnings[:show]:
        print(f"    {file}: {text[:110]!r}")
    return warnings


def polnear_annotated(linter: Linter) -> None:
    quotes = flagged_warning = flagged_info = outside_flags = 0
    for path, document, findings in lint_folder(POLNEAR / "text", linter):
        spans = content_spans(path)
        article = Article(document)
        flags = {(f.location.offset, f.location.offset + f.location.length): f.severity
                 for f in findings if f.rule == "unattributed-quote"}
        for q in article.quotes.top_level():
            if not q.block.is_body or len(article.text[q.start:q.end].split()) < 4:
                continue
            severity = flags.get((q.start, q.end))  # text reader: rendered == source offsets
            if inside(q.start, q.end, spans):
                quotes += 1
                flagged_warning += severity == "warning"
                flagged_info += severity == "info"
            elif severity:
                outside_flags += 1
    print(f"\nPolNeAR quotations of 4+ words inside an annotated attribution: {quotes}")
    print(f"  flagged as warning: {flagged_warning} ({flagged_warning / quotes:.1%}), "
          f"as info: {flagged_info} ({flagged_info / quotes:.1%})")
    print(f"  flags on quotations outside any annotation: {outside_flags}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--show", type=int, default=20, help="warnings to print per corpus")
    args = parser.parse_args()
    linter = Linter(from_mapping({"select": ["quotes"]}))
    report("BBC dev", CORPUS / "dev", linter, args.show)
    report("PolNeAR dev", POLNEAR / "text", linter, args.show)
    polnear_annotated(linter)


if __name__ == "__main__":
    main()
