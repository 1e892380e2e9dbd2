"""The audit's archive pass, for the rules that judge articles against each other
(`recycled-paragraph`, `duplicate-article`).

Their facts are stored as each chunk of articles comes back, in the out folder's
archive.db (so `--resume` keeps them, and the folder serves `check --index`
afterwards); once every article is in they are judged, and the findings are merged
into the lines of findings.jsonl and the rows of articles.csv, whose figures are
then counted again. The articles themselves are never read a second time.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from lint.archive import Archive, Judged, judge
from lint.audit import worker
from lint.audit.report import Collection
from lint.audit.tally import Tally, csv_header
from lint.engine import Linter

ARCHIVE = "archive.db"
# The archive and the write-ahead log SQLite keeps beside it while the audit runs.
ARCHIVE_FILES = (ARCHIVE, f"{ARCHIVE}-wal", f"{ARCHIVE}-shm")


def wanted(linter: Linter) -> bool:
    return any(active.rule.is_archive for active in linter.rules)


def open_archive(out: Path) -> Archive:
    return Archive(out / ARCHIVE, frequent_saves=True)


def store(archive: Archive, chunk: list[worker.Audited]) -> None:
    archive.add_many((audited.entry.id, audited.entry.metadata, audited.passages)
                     for audited in chunk if audited.passages is not None)
    archive.save()


def judged(archive: Archive, linter: Linter) -> Judged:
    """Judge the archive, and index it for checks against it afterwards."""
    found = judge(archive, linter)
    archive.finish()
    return found


def merge(judged: Judged, linter: Linter, out: Path, findings: str, articles: str,
          tally: Tally, collection: Collection | None = None) -> Tally:
    """Merge the archive's findings into the outputs; the new figures. Each merged
    record also goes to the report's `collection`."""
    counted = Tally(tally.rules, tally.categories)
    # Findings of these rules already in a line come from an earlier merge (an audit
    # resumed after it): they are replaced, never added twice.
    merged_rules = {active.rule.name for active in linter.rules if active.rule.is_archive}
    lines, rows = out / f"{findings}.tmp", out / f"{articles}.tmp"
    with (open(out / findings, encoding="utf-8") as source,
          open(lines, "w", encoding="utf-8", newline="\n") as merged,
          open(rows, "w", encoding="utf-8", newline="") as table):
        writer = csv.writer(table)
        writer.writerow(csv_header(counted.rules))
        for number, line in enumerate(source):
            record = json.loads(line)
            found = judged.findings.get(record["id"], [])
            own = [f for f in record["findings"] if f["rule"] not in merged_rules]
            if found or len(own) < len(record["findings"]):
                record["findings"] = sorted(
                    own + [worker.located(f, "text" in record) for f in found],
                    key=lambda f: (f["location"]["source"], f["location"]["offset"], f["rule"]))
                line = json.dumps(record, ensure_ascii=False) + "\n"
            merged.write(line)
            writer.writerow(counted.add(worker.entry_of(record)))
            if collection is not None:
                collection.add(number, record)
    os.replace(lines, out / findings)
    os.replace(rows, out / articles)
    return counted
