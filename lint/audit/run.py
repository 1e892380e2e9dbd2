"""Running an audit: articles stream through worker processes in chunks, and their
results are written in input order as they come back.

Only a few chunks are in flight at a time, so memory stays flat whatever the
archive's size. findings.jsonl is written in input order and flushed chunk by
chunk, so after an interruption (Ctrl-C, or a killed process) it holds a prefix of
the archive: `--resume` reads that prefix back, checks it against the inputs, and
audits the rest, giving the same outputs as one uninterrupted run.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib.util import find_spec
from itertools import islice
from pathlib import Path
from typing import IO, Any

from lint import __version__
from lint.archive import Archive
from lint.archive import ArchiveError as UnusableArchive
from lint.audit import recycling, worker
from lint.audit.archive import ArchiveError, Item, check_inputs, estimate, items
from lint.audit.progress import Progress, progress
from lint.audit.report import Collection, Reading, write_report
from lint.audit.tally import Tally, csv_header
from lint.config import Config, discover
from lint.engine import Linter
from lint.reporters.text import plural
from lint.runner import STDIN, Linters, Overrides

FINDINGS, ARTICLES, SUMMARY = "findings.jsonl", "articles.csv", "summary.json"
REPORT = "report.html"
# 2: the records of markup articles carry their rendered `text`, and their findings
# where they are in it (`rendered`). 3: the archive rules' findings too, with their
# `context`; archive.db keeps what they need (lint/archive.py `FORMAT`).
SCHEMA_VERSION = 3
CHUNK = 32
EXIT_DONE, EXIT_INTERRUPTED = 0, 130


class AuditError(Exception):
    """A usage problem that stops the audit before it starts (exit 2)."""


@dataclass
class Audit:
    inputs: list[str]
    out: Path
    overrides: Overrides = field(default_factory=Overrides)
    config_path: Path | None = None
    format: str | None = None
    jobs: int = 0
    resume: bool = False
    quiet: bool = False
    report: bool = True
    stdin: Callable[[], IO[str]] = lambda: sys.stdin
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # the Dask scheduler's address; None starts a LocalCluster


def run(audit: Audit) -> int:
    """Audit the inputs into `audit.out`; the exit code (0 done, 130 interrupted)."""
    try:
        check_inputs(audit.inputs)
    except ArchiveError as exc:
        raise AuditError(str(exc)) from None
    if audit.engine == "dask":
        from lint.audit import dask_engine

        if not dask_engine.available():
            raise AuditError(dask_engine.MISSING)
    if audit.report and not find_spec("jinja2"):
        raise AuditError("report.html needs Jinja2 (pip install 'copydesk[audit]'); "
                         "--no-report leaves it out")
    linters, linter = _linters(audit)
    rules = sorted(active.rule.name for active in linter.rules)
    tally = Tally(rules, {name: rule.category for name, rule in linter.registry.rules.items()})
    state = _State(audit, linter)
    try:
        audit.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuditError(f"cannot make the folder {audit.out}: {exc.strerror or exc}") from None
    done = state.resume(tally) if audit.resume else state.start(tally)
    show = (not audit.quiet and sys.stderr.isatty() and os.environ.get("PRE_COMMIT") != "1"
            and find_spec("rich") is not None)
    started = time.monotonic()
    collection = None  # findings.jsonl as the report reads it, when read already
    try:
        archive = recycling.open_archive(audit.out) if recycling.wanted(linter) else None
    except UnusableArchive as exc:  # one a resumed audit finds made another way
        raise AuditError(f"{exc} (leave out --resume to start over)") from None
    try:
        with ExitStack() as engine:
            audited = _engine(audit, engine, archive)
            articles = _after(items(audit.inputs, linters, audit.stdin), done)
            total = estimate(audit.inputs, linters) if show else None
            _write(tally, audited(articles, linter, audit.format),
                   progress(show, total, len(done), tally.findings), audit.out, archive,
                   state.ids)
            if archive is not None:
                tally, collection = _conclude(audit, archive, linter, tally, state)
    except KeyboardInterrupt:
        state.write(tally, time.monotonic() - started, complete=False)
        _say(audit, f"interrupted after {plural(tally.articles, 'article')}; run again with "
                    f"--resume to audit the rest")
        return EXIT_INTERRUPTED
    finally:
        if archive is not None:
            archive.close()
    state.write(tally, time.monotonic() - started, complete=True)
    written = write_report(audit.out, collection) if audit.report else audit.out
    _say(audit, f"{plural(tally.articles, 'article')} audited ({tally.failed:,} could not be), "
                f"{plural(tally.findings, 'finding')}, in {state.seconds:.1f} s: {written}")
    return EXIT_DONE


def _conclude(audit: Audit, archive: Archive, linter: Linter, tally: Tally,
              state: _State) -> tuple[Tally, Collection | None]:
    """The archive pass: judged while a thread reads findings.jsonl for the report;
    when it finds anything, the merge that rewrites findings.jsonl feeds the report
    instead. The figures, and the report's collection."""
    reading = Reading(audit.out / FINDINGS) if audit.report else None
    try:
        judged = recycling.judged(archive, linter)
        state.notes = [note.to_json() for note in judged.notes]
        if not judged.findings:
            return tally, reading and reading.result()
        if reading:
            reading.cancel()
        collection = Collection() if audit.report else None
        return recycling.merge(judged, linter, audit.out, FINDINGS, ARTICLES, tally,
                               collection), collection
    finally:
        if reading:
            reading.cancel()


def _engine(audit: Audit, engine: ExitStack, archive: Archive | None) -> Callable[
        [Iterator[Item], Linter, str | None], Iterator[list[worker.Audited]]]:
    """How the per-article pass runs: in local worker processes, or on a Dask cluster,
    which then also groups the archive rules' LSH buckets."""
    if audit.engine != "dask":
        return partial(_audited, jobs=audit.jobs)
    from lint.audit import dask_engine

    client = engine.enter_context(dask_engine.connected(audit.scheduler, audit.jobs))
    if archive is not None:
        archive.group_buckets = partial(dask_engine.bucket_pairs, client)
    return partial(dask_engine.audited, client, chunk=CHUNK)


def _write(tally: Tally, chunks: Iterator[list[worker.Audited]], display: Progress, out: Path,
           archive: Archive | None, ids: Ids) -> None:
    """Append each article's line and row as its chunk comes back, and store what the
    archive rules collected."""
    with (closing(chunks), display,
          open(out / FINDINGS, "a", encoding="utf-8", newline="\n") as findings,
          open(out / ARTICLES, "a", encoding="utf-8", newline="") as table):
        rows = csv.writer(table)
        for chunk in chunks:
            chunk = [ids.unique(audited, tally.articles + place)
                     for place, audited in enumerate(chunk, 1)]
            with _whole():
                if archive is not None:  # before the lines: a resumed audit skips those
                    recycling.store(archive, chunk)
                for audited in chunk:
                    findings.write(audited.line)
                    rows.writerow(tally.add(audited.entry))
                findings.flush()
                table.flush()
            display.advance(len(chunk), tally.findings)


@contextmanager
def _whole() -> Iterator[None]:
    """A Ctrl-C waits for the block to end, so that a chunk's lines, rows and count in
    the summary are written all or not at all. One the audit ignores (started in the
    background, or under nohup) stays ignored."""
    if (threading.current_thread() is not threading.main_thread()  # no signals there
            or signal.getsignal(signal.SIGINT) is signal.SIG_IGN):
        yield
        return
    asked = []
    previous = signal.signal(signal.SIGINT, lambda *_: asked.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if asked:
        raise KeyboardInterrupt


def _say(audit: Audit, message: str) -> None:
    if not audit.quiet:
        print(f"copydesk audit: {message}", file=sys.stderr)


def _linters(audit: Audit) -> tuple[Linters, Linter]:
    """One configuration for the whole audit, so that every article is counted by
    the same rules: --config, or the file that governs the first input."""
    first = Path(audit.inputs[0] if audit.inputs[0] != STDIN else ".")
    config_path = audit.config_path or discover(first.resolve())
    linters = Linters(audit.overrides, config_path)
    if not config_path:
        # No file governs it: the defaults, for every path (no search for one per folder).
        linters.fixed = Linter(audit.overrides.apply(Config()))
    return linters, linters.fixed


def config_hash(linter: Linter, format: str | None) -> str:
    """A digest of everything that decides the findings: rules, severities, options,
    profile, input format (and the version, recorded beside it)."""
    settings = [[active.rule.name, active.severity, dict(active.options),
                 active.options.profile] for active in linter.rules]
    text = json.dumps([settings, format], sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _State:
    """summary.json, which also records an unfinished audit's settings for --resume."""

    def __init__(self, audit: Audit, linter: Linter):
        self.path = audit.out / SUMMARY
        self.audit = audit
        self.tool = {"name": "copydesk", "version": __version__,
                     "profile": linter.config.profile,
                     "config_hash": config_hash(linter, audit.format)}
        self.started = _now()
        self.earlier = 0.0  # seconds spent by the runs this one resumes
        self.seconds = 0.0
        self.notes: list[dict[str, Any]] = []  # what the archive rules said of the whole
        self.ids = Ids()

    def start(self, tally: Tally) -> list[str]:
        # An earlier audit's archive too, even when this one keeps none: `check --index`
        # would take it for this audit's.
        for name in (FINDINGS, SUMMARY, REPORT, *recycling.ARCHIVE_FILES):
            (self.audit.out / name).unlink(missing_ok=True)
        with open(self.audit.out / ARTICLES, "w", encoding="utf-8", newline="") as table:
            csv.writer(table).writerow(csv_header(tally.rules))
        self.write(tally, 0.0, complete=False)  # what --resume checks, should this run stop
        return []

    def resume(self, tally: Tally) -> list[str]:
        """Read back what an earlier run finished; returns those articles' origins."""
        out = self.audit.out
        try:
            earlier = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise AuditError(f"{out}: no audit to resume here") from None
        if (earlier.get("inputs") != self.audit.inputs or earlier.get("tool") != self.tool
                or earlier.get("schema_version") != SCHEMA_VERSION):
            raise AuditError(f"{out} holds an audit of other inputs or settings; audit into "
                             f"another folder, or leave out --resume to start over")
        self.started, self.earlier = earlier["started"], earlier["seconds"]
        origins = []
        with (open(out / FINDINGS, "r+b") as findings,
              open(out / ARTICLES, "w", encoding="utf-8", newline="") as table):
            rows = csv.writer(table)
            rows.writerow(csv_header(tally.rules))
            kept = 0
            for line in findings:
                record = _record(line)
                if record is None:
                    break  # the line the interrupted run was writing
                rows.writerow(tally.add(worker.entry_of(record)))
                self.ids.taken(record["id"])
                origins.append(record["origin"])
                kept += len(line)
            findings.truncate(kept)
        return origins

    def write(self, tally: Tally, seconds: float, complete: bool) -> None:
        self.seconds = round(self.earlier + seconds, 3)  # as summary.json says it
        summary = {"schema_version": SCHEMA_VERSION, "tool": self.tool,
                   "inputs": self.audit.inputs, "started": self.started, "finished": _now(),
                   "seconds": self.seconds, "complete": complete, **tally.summary(),
                   "boilerplate": self.notes}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        os.replace(temporary, self.path)


class Ids:
    """The article ids given so far, kept unique: two exports may number their posts
    alike (or one be named twice), and the archive rules, `--compare` and the merge of
    their findings tell articles apart by id. An id an earlier article already has is
    qualified by the article's place in the audit (`wp:1 #3`: its line of
    findings.jsonl). Kept in a temporary SQLite table, which spills to disk, so memory
    stays flat however many articles there are."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")
        self._db.execute("CREATE TABLE ids (id TEXT PRIMARY KEY)")

    def taken(self, article_id: str) -> bool:
        """Take the id; whether an earlier article had it."""
        return not self._db.execute("INSERT OR IGNORE INTO ids VALUES (?)",
                                    (article_id,)).rowcount

    def unique(self, audited: worker.Audited, place: int) -> worker.Audited:
        """The article with an id of its own, `place` being its number in the audit."""
        article_id = audited.entry.id
        if not self.taken(article_id):
            return audited
        article_id = f"{article_id} #{place}"
        self.taken(article_id)
        record = json.loads(audited.line)
        record["id"] = article_id
        return audited._replace(line=json.dumps(record, ensure_ascii=False) + "\n",
                                entry=audited.entry._replace(id=article_id))


def _record(line: bytes) -> dict[str, Any] | None:
    if not line.endswith(b"\n"):
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


def _after(articles: Iterator[Item], done: list[str]) -> Iterator[Item]:
    """The articles after those an earlier run finished, which must be the same."""
    for number, origin in enumerate(done, 1):
        item = next(articles, None)
        if item is None or item.origin != origin:
            now = item.origin if item else "the end of the inputs"
            raise AuditError(f"the inputs changed since the audit began (article {number:,} "
                             f"was {origin}, now {now}); leave out --resume to start over")
    return articles


def _chunks(articles: Iterable[Item]) -> Iterator[list[Item]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _audited(articles: Iterable[Item], linter: Linter, format: str | None,
             jobs: int) -> Iterator[list[worker.Audited]]:
    """Each chunk's results, in input order; with `jobs` > 1 in worker processes,
    keeping only a few chunks in flight so that memory stays flat."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        for chunk in _chunks(articles):
            yield worker.audit_items(chunk, linter, format)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, initializer=worker.start, initargs=(linter, format))
    pending: deque = deque()
    try:
        for chunk in _chunks(articles):
            pending.append(pool.submit(worker.audit_chunk, chunk))
            if len(pending) > 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
