"""The archive: the passages that archive rules collect from many articles, kept in
SQLite, and the step that judges them once every article has been read.

One store serves both uses: a private temporary database for one audit, or a named
file for a persistent index (`copydesk index build`) that later checks a single
story against (`copydesk check --index`). Memory stays bounded whatever the
archive's size. Candidate pairs come from shared MinHash sketch values and equal
exact hashes (lint/analysis/passages.py), never from comparing all pairs; only
candidates are scored with `fuzz.ratio`. See docs/architecture.md.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import fuzz

from lint.analysis.passages import SKETCH_SIZE, Passage, sketch_probe
from lint.engine import Linter, with_fingerprints
from lint.finding import Context, Finding, LocatedFact, Location, RelatedLocation
from lint.readers import read
from lint.rule import ArchiveNote, ArchiveProblem, Rule

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, headline TEXT, date TEXT);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, article INTEGER NOT NULL, paragraph INTEGER,
    location TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, flagged TEXT,
    context TEXT, key TEXT NOT NULL, words INTEGER NOT NULL, exact INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sketches (hash INTEGER NOT NULL, passage INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# Each index holds every column the archive pass reads through it (the rowid comes
# with it), so the pass never reads the wide passage rows: over a million articles
# those lookups were random reads across a file of many gigabytes.
_INDEXES = """
CREATE INDEX IF NOT EXISTS passages_article ON passages (article);
CREATE INDEX IF NOT EXISTS passages_exact ON passages (exact, article);
CREATE INDEX IF NOT EXISTS sketches_hash ON sketches (hash, passage);
CREATE INDEX IF NOT EXISTS sketches_passage ON sketches (passage);
"""
# What the passages table holds, kept in `meta` as `format`. An index without it was
# made before passages kept their rendered text (format 1).
FORMAT = "2"
# A sketch value shared by more passages than this is a stock phrase, not a sign of
# copying; near copies still share their other sketch values.
BUCKET_CAP = 64


@dataclass(frozen=True)
class StoredPassage:
    """A passage as the archive holds it: which article, where, and its text (the
    source slice, and as rendered: `LocatedFact`'s `text`, `flagged`, `start` and
    `context`)."""

    id: int
    article: str
    headline: str | None
    date: str | None
    order: int  # when the article was added: the tie-break for "later"
    paragraph: int | None
    location: Location
    text: str
    flagged: str
    start: int
    context: Context | None
    key: str
    words: int

    def is_later_than(self, other: StoredPassage) -> bool:
        """Whether this passage's article ran after the other's: by date when both
        have one, else by the order they were added in."""
        if self.date and other.date and self.date != other.date:
            return self.date > other.date
        return self.order > other.order

    def describe(self) -> str:
        """The article as a finding names it: headline, id and date where known."""
        when = f", {self.date[:10]}" if self.date else ""
        if self.headline:
            return f"“{self.headline}” ({self.article}{when})"
        return f"{self.article} ({self.date[:10]})" if self.date else self.article


@dataclass(frozen=True)
class Match:
    first: StoredPassage
    second: StoredPassage
    score: float


def _location_json(location: Location) -> str:
    return json.dumps([location.line, location.column, location.end_line, location.end_column,
                       location.offset, location.length, location.source, location.field,
                       location.element_id, location.element_index])


def _rendered_columns(fact: LocatedFact) -> tuple[int, str | None, str | None]:
    """The fact's rendered span as a passage row keeps it: its start; its text, None
    where that is the source slice itself (plain text, most Markdown); and its context
    as JSON, None where that is the passage whole (a paragraph, what the duplicates
    rules collect). Most rows so keep no second or third copy of their text."""
    flagged, context = fact.flagged, fact.context
    whole = context is not None and context == (flagged, 0, len(flagged))
    return (fact.start, None if flagged == fact.text else flagged,
            None if whole else json.dumps(context))


def _rendered_span(text: str, flagged: str | None,
                   context: str | None) -> tuple[str, Context | None]:
    """The flagged text and context of a passage row, from its source `text` and the
    columns `_rendered_columns` made."""
    flagged = text if flagged is None else flagged
    if context is None:
        return flagged, Context(flagged, 0, len(flagged))
    found = json.loads(context)
    return flagged, Context(*found) if found else None


# A passage as `Archive.add_rows` stores it: paragraph, location (JSON), text, the
# rendered start, text and context (`_rendered_columns`), key, words, exact hash, sketch.
PassageRow = tuple[int | None, str, str, int, str | None, str | None, str, int, int,
                   tuple[int, ...]]


def passage_rows(facts: Mapping[str, Iterable[LocatedFact]]) -> list[PassageRow]:
    """An article's passages, from what its archive rules collected, as the archive
    stores them: each once, however many rules collected it. Plain tuples, quick to
    send from a worker process."""
    seen: set[tuple[int, int]] = set()
    rows = []
    for collected in facts.values():
        for fact in collected:
            where = (fact.location.source, fact.location.offset)
            if not isinstance(fact.data, Passage) or where in seen:
                continue  # rules sharing one collect function give the same passages
            seen.add(where)
            passage = fact.data
            rows.append((fact.paragraph, _location_json(fact.location), fact.text,
                         *_rendered_columns(fact), passage.key, passage.words, passage.exact,
                         passage.sketch))
    return rows


class ArchiveError(Exception):
    """An index file that cannot be used: not one, or built by an incompatible copydesk."""


class Archive:
    """Passages of many articles. `path` None: a private temporary database.

    With `frequent_saves`, for a store saved after every few articles (an audit's):
    a save goes to SQLite's write-ahead log without waiting for the disk. It still
    survives the process being killed; only a crash of the whole machine can lose
    the last few. `finish()` folds the log back into the one file."""

    def __init__(self, path: str | Path | None = None, frequent_saves: bool = False):
        try:
            self.db = sqlite3.connect("" if path is None else str(path))
            if frequent_saves:
                # Larger pages for a new store (an existing one keeps its own): fewer of
                # them to write per save, and fewer to sort when it is indexed.
                self.db.execute("PRAGMA page_size = 16384")
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.executescript(_SCHEMA)
            meta = dict(self.db.execute("SELECT name, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{path}: not a copydesk index ({exc})") from None
        expected = json.dumps(sketch_probe())
        if not meta:  # a new store
            self.db.executemany("INSERT INTO meta VALUES (?, ?)",
                                [("sketch", expected), ("format", FORMAT)])
        elif meta.get("format", "1") != FORMAT:
            raise ArchiveError(f"{path}: an index of format {meta.get('format', '1')}, made "
                               f"by another copydesk version (this one reads format {FORMAT}): "
                               f"build it again")
        elif meta.get("sketch") != expected:
            raise ArchiveError(f"{path}: built with another way of hashing passages "
                              f"(another copydesk or Python version): build it again")
        self._indexed = False
        self._matches: dict[tuple, list[Match]] = {}
        self._candidates_for: tuple | None = None  # what temp.candidates was made for
        self._commons: dict[tuple, list[tuple[int, int, int]]] = {}
        self._derived: dict[tuple, Any] = {}
        self.focus: int | None = None
        # Groups the sketches' (value, passage) rows into buckets and gives the pairs of
        # passages that share one (the Dask engine's); None groups them in SQL.
        self.group_buckets: Callable[[Iterable[tuple[int, int]]],
                                     Iterable[tuple[int, int]]] | None = None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, name: str, metadata: Mapping[str, str | None],
            facts: Mapping[str, Iterable[LocatedFact]]) -> int:
        """Store one article's passages (replacing an earlier article of that name)."""
        return self.add_rows(name, metadata, passage_rows(facts))

    def add_rows(self, name: str, metadata: Mapping[str, str | None],
                 rows: Iterable[PassageRow]) -> int:
        """`add`, given the article's `passage_rows`."""
        return self.add_many([(name, metadata, rows)])[0]

    def add_many(self, articles: Iterable[tuple[str, Mapping[str, str | None],
                                                Iterable[PassageRow]]]) -> list[int]:
        """`add_rows` of several articles in a few statements; a name given twice is
        stored as its last one. Their ids, in order."""
        latest: dict[str, tuple[Mapping[str, str | None], Iterable[PassageRow]]] = {}
        for name, metadata, rows in articles:
            latest.pop(name, None)  # in the place of the last one, as a replacement goes
            latest[name] = metadata, rows
        self._remove(list(latest))
        # The ids SQLite would give one row at a time, so that the rows go in at once.
        article = self.db.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        row = self.db.execute("SELECT max(id) FROM passages").fetchone()[0] or 0
        ids, heads, passages, sketches = [], [], [], []
        for name, (metadata, rows) in latest.items():
            article += 1
            ids.append(article)
            heads.append((article, name, metadata.get("headline"), metadata.get("date")))
            for *columns, sketch in rows:
                row += 1
                passages.append((row, article, *columns))
                sketches.extend(zip(sketch, repeat(row)))
        self.db.executemany("INSERT INTO articles (id, name, headline, date) VALUES (?, ?, ?, ?)",
                            heads)
        self.db.executemany("INSERT INTO passages (id, article, paragraph, location, text, "
                            "start, flagged, context, key, words, exact) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", passages)
        self.db.executemany("INSERT INTO sketches (hash, passage) VALUES (?, ?)", sketches)
        self._forget_matches()
        return ids

    @contextmanager
    def trying(self, name: str, metadata: Mapping[str, str | None],
               facts: Mapping[str, Iterable[LocatedFact]]) -> Iterator[None]:
        """The article added and focused on (matches are those that involve it) for
        the duration, then taken back out: the archive is left as it was."""
        self.db.execute("SAVEPOINT trying")
        try:
            self.focus = self.add(name, metadata, facts)
            yield
        finally:
            self.focus = None
            self._forget_matches()
            self.db.execute("ROLLBACK TO trying")
            self.db.execute("RELEASE trying")

    def _forget_matches(self) -> None:
        self._matches.clear()
        self._commons.clear()
        self._derived.clear()
        self._candidates_for = None

    def remove(self, name: str) -> None:
        self._remove([name])

    def _remove(self, names: list[str]) -> None:
        for start in range(0, len(names), 500):
            chunk = names[start:start + 500]
            found = [row for row, in self.db.execute(
                f"SELECT id FROM articles WHERE name IN ({','.join('?' * len(chunk))})", chunk)]
            if not found:
                continue
            ids = ",".join(map(str, found))
            self.db.execute("DELETE FROM sketches WHERE passage IN "
                            f"(SELECT id FROM passages WHERE article IN ({ids}))")
            self.db.execute(f"DELETE FROM passages WHERE article IN ({ids})")
            self.db.execute(f"DELETE FROM articles WHERE id IN ({ids})")

    def save(self) -> None:
        """Make what was added so far durable (an audit saves after every chunk)."""
        self.db.commit()

    def finish(self) -> None:
        """Index what was added, for quick checks against it, and save it."""
        self._index()
        self.db.commit()
        self.db.execute("PRAGMA journal_mode = DELETE")  # one file again, after frequent_saves

    def _index(self) -> None:
        if not self._indexed:
            for statement in filter(str.strip, _INDEXES.split(";")):
                self.db.execute(statement)  # not executescript: it would commit
            self._indexed = True

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def _passages(self, ids: Iterable[int]) -> dict[int, StoredPassage]:
        ids = list(ids)
        found: dict[int, StoredPassage] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.db.execute(
                "SELECT p.id, a.name, a.headline, a.date, a.id, p.paragraph, p.location, "
                "p.text, p.start, p.flagged, p.context, p.key, p.words "
                "FROM passages p JOIN articles a ON a.id = p.article "
                f"WHERE p.id IN ({','.join('?' * len(chunk))})", chunk)
            for (passage, name, headline, date, order, paragraph, location, text, start,
                 flagged, context, key, words) in rows:
                flagged, context = _rendered_span(text, flagged, context)
                found[passage] = StoredPassage(passage, name, headline, date, order, paragraph,
                                               Location(*json.loads(location)), text, flagged,
                                               start, context, key, words)
        return found

    def common_texts(self, more_than: int) -> Iterator[tuple[StoredPassage, int, list[str]]]:
        """Verbatim passages found in more than `more_than` articles: one example
        passage each, the number of articles, and the first few article names."""
        groups = self._common(more_than)
        examples = self._passages(first for _, _, first in groups)
        names = self._first_articles([exact for exact, _, _ in groups], 5)
        for exact, count, first in groups:
            yield examples[first], count, names[exact]

    def _common(self, more_than: int) -> list[tuple[int, int, int]]:
        """(exact hash, number of articles, first passage) of each verbatim text found in
        more than `more_than` articles, the most widespread first; with `focus` set, of
        the focused article's texts."""
        key = (more_than, self.focus)
        if key not in self._commons:
            self._index()
            focused = ("" if self.focus is None else
                       "WHERE exact IN (SELECT exact FROM passages WHERE article = :focus)")
            self._commons[key] = self.db.execute(
                f"SELECT exact, count(DISTINCT article), min(id) FROM passages {focused} "
                "GROUP BY exact HAVING count(DISTINCT article) > :more "
                "ORDER BY count(DISTINCT article) DESC",
                {"more": more_than, "focus": self.focus}).fetchall()
        return self._commons[key]

    def _first_articles(self, exacts: list[int], limit: int) -> dict[int, list[str]]:
        """For each exact hash, the names of the first `limit` articles that hold it, in
        the order they were added: one query for them all, which reads only those
        first few through the (exact, article) index."""
        db = self.db
        db.execute("DROP TABLE IF EXISTS temp.wanted")
        db.execute("CREATE TEMP TABLE wanted (exact INTEGER PRIMARY KEY)")
        db.executemany("INSERT INTO temp.wanted VALUES (?)", ((exact,) for exact in exacts))
        names: dict[int, list[str]] = {exact: [] for exact in exacts}
        for exact, name in db.execute(
                """SELECT w.exact, a.name FROM temp.wanted w CROSS JOIN articles a
                   WHERE a.id IN (SELECT DISTINCT p.article FROM passages p
                                  WHERE p.exact = w.exact ORDER BY p.article LIMIT ?)
                   ORDER BY w.exact, a.id""", (limit,)):
            names[exact].append(name)
        return names

    def derived(self, compute: Callable[..., T], *args: Any) -> T:
        """`compute(self, *args)`, computed once until the archive changes: for what
        several archive rules' judges derive from it alike."""
        key = (compute, *args)
        if key not in self._derived:
            self._derived[key] = compute(self, *args)
        return self._derived[key]

    def matches(self, threshold: float, min_words: int, common: int) -> list[Match]:
        """Pairs of passages of two different articles, each of at least `min_words`
        words, alike by `fuzz.ratio` >= threshold on their comparison keys, neither a
        verbatim text found in more than `common` articles. With `focus` set (an
        article's id), only the pairs that involve that article."""
        key = (threshold, min_words, common, self.focus)
        if key not in self._matches:
            self._matches[key] = list(self._find_matches(threshold, min_words, common))
        return self._matches[key]

    def _find_matches(self, threshold: float, min_words: int, common: int) -> Iterator[Match]:
        self._candidates(common)
        pairs = self.db.execute("""SELECT p1.id, p2.id, p1.key, p2.key FROM temp.candidates c
                                   JOIN passages p1 ON p1.id = c.a JOIN passages p2 ON p2.id = c.b
                                   WHERE p1.article != p2.article
                                     AND p1.words >= :min AND p2.words >= :min
                                     AND p1.exact NOT IN (SELECT exact FROM temp.common)
                                     AND p2.exact NOT IN (SELECT exact FROM temp.common)""",
                                {"min": min_words})
        scored = []
        for a, b, key_a, key_b in pairs:
            shorter, longer = sorted((len(key_a), len(key_b)))
            if 200 * shorter < threshold * (shorter + longer):
                continue  # fuzz.ratio cannot reach the threshold at these lengths
            score = fuzz.ratio(key_a, key_b, score_cutoff=threshold)
            if score:
                scored.append((a, b, score))
        passages = self._passages({i for a, b, _ in scored for i in (a, b)})
        for a, b, score in scored:
            yield Match(passages[a], passages[b], score)

    def _candidates(self, common: int) -> None:
        """temp.candidates: the (a, b) pairs of passages (a < b) that share a sketch value
        or an exact hash (with `focus` set, those that involve the focused article), and
        temp.common: the exact hashes of texts found in more than `common` articles.
        They serve every threshold and length until the archive changes."""
        if self._candidates_for == (common, self.focus):
            return
        self._index()
        db = self.db
        params = {"focus": self.focus, "cap": BUCKET_CAP}
        # The passages whose pairs are wanted: all, or the focused article's.
        scope = ("SELECT id FROM passages" if self.focus is None
                 else "SELECT id FROM passages WHERE article = :focus")

        def scoped(column: str) -> str:
            return f"AND {column} IN ({scope})" if self.focus is not None else ""

        for table in ("common", "buckets", "pairable", "candidates"):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        focused = self.focus is not None
        hashes = (f"WHERE hash IN (SELECT hash FROM sketches WHERE passage IN ({scope}))"
                  if focused else "")
        db.execute("CREATE TEMP TABLE common (exact INTEGER PRIMARY KEY)")
        db.executemany("INSERT INTO temp.common VALUES (?)",
                       ((exact,) for exact, _, _ in self._common(common)))
        if self.group_buckets is not None and not focused:
            db.execute("CREATE TEMP TABLE buckets (a INTEGER, b INTEGER)")
            db.executemany("INSERT INTO temp.buckets VALUES (?, ?)", self.group_buckets(
                db.execute("SELECT hash, passage FROM sketches")))
            shared_sketch = "SELECT a, b FROM temp.buckets"
        else:
            db.execute(f"""CREATE TEMP TABLE buckets AS SELECT hash, count(*) AS size
                           FROM sketches {hashes}
                           GROUP BY hash HAVING count(*) BETWEEN 2 AND :cap""", params)
            # The bucket's passages that may pair: a common text's never do (its copies
            # still count towards the cap above), and in an archive full of them,
            # leaving them out of the join saves most of its rows.
            db.execute(f"CREATE TEMP TABLE pairable AS {self._pairable(focused)}")
            db.execute("CREATE INDEX temp.pairable_hash ON pairable (hash)")
            shared_sketch = f"""SELECT min(s1.passage, s2.passage) AS a,
                              max(s1.passage, s2.passage) AS b
                       FROM temp.pairable s1 JOIN temp.pairable s2
                         ON s2.hash = s1.hash AND s2.passage != s1.passage
                       {f"WHERE s1.passage IN ({scope})" if focused else ""}"""
        db.execute(f"""CREATE TEMP TABLE candidates AS {shared_sketch}
                       UNION
                       SELECT min(p1.id, p2.id), max(p1.id, p2.id)
                       FROM passages p1 JOIN passages p2
                         ON p2.exact = p1.exact AND p2.id != p1.id
                       WHERE p1.exact NOT IN (SELECT exact FROM temp.common) {scoped("p1.id")}
                    """, params)
        self._candidates_for = (common, self.focus)

    def _pairable(self, focused: bool) -> str:
        """The query of the bucketed sketches of passages that are not common texts:
        read bucket by bucket, or, when common texts hold most passages (and the
        buckets' rows), passage by passage from the few others."""
        lone = ("SELECT id FROM passages WHERE exact NOT IN (SELECT exact FROM temp.common)")
        if not focused:
            bucketed = self.db.execute("SELECT total(size) FROM temp.buckets").fetchone()[0]
            # A passage's sketches cost about four bucketed rows to look up.
            if self.db.execute(f"SELECT count(*) FROM ({lone})").fetchone()[0] * (
                    4 * SKETCH_SIZE) < bucketed:
                return f"""SELECT s.hash, s.passage
                           FROM ({lone}) p CROSS JOIN sketches s INDEXED BY sketches_passage
                             ON s.passage = p.id
                           WHERE +s.hash IN (SELECT hash FROM temp.buckets)"""
        return """SELECT s.hash, s.passage FROM temp.buckets b JOIN sketches s ON s.hash = b.hash
                  WHERE s.passage NOT IN (SELECT id FROM passages
                                          WHERE exact IN (SELECT exact FROM temp.common))"""

    def article_words(self, names: Iterable[str]) -> dict[str, int]:
        """The words of each named article's passages."""
        wanted = list(set(names))
        totals = dict.fromkeys(wanted, 0)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            totals.update(self.db.execute(
                "SELECT a.name, sum(p.words) FROM articles a JOIN passages p ON p.article = a.id "
                f"WHERE a.name IN ({','.join('?' * len(chunk))}) GROUP BY a.id", chunk))
        return totals


@dataclass(frozen=True)
class Judged:
    """The archive rules' findings by article name, and what they said of the whole."""

    findings: dict[str, list[Finding]]
    notes: list[ArchiveNote]


def judge(archive: Archive, linter: Linter) -> Judged:
    findings: dict[str, list[Finding]] = {}
    notes = []
    for active in linter.rules:
        if not active.rule.is_archive:
            continue
        for said in active.rule.judge(archive, active.options):
            if isinstance(said, ArchiveNote):
                notes.append(said)
                continue
            findings.setdefault(said.fact.article, []).append(
                _finding(active.rule, active.severity, said))
    for name, found in findings.items():
        found.sort(key=lambda f: f.sort_key)
        findings[name] = with_fingerprints(found)
    return Judged(findings, notes)


def judge_one(archive: Archive, name: str, metadata: Mapping[str, str | None],
              facts: Mapping[str, Iterable[LocatedFact]], linter: Linter) -> list[Finding]:
    """One article's archive findings against everything the archive holds, as if
    it were filed now; the archive is left as it was."""
    with archive.trying(name, metadata, facts):
        return judge(archive, linter).findings.get(name, [])


def judge_texts(linter: Linter, articles: Iterable[tuple[str, str, Mapping]],
                format: str | None = None) -> Judged:
    """Read (name, text, metadata) articles in turn into a temporary archive and judge
    it: for small archives, tests and the rules' documented examples."""
    with Archive() as archive:
        for name, text, metadata in articles:
            document = read(name, text, format)
            archive.add(name, {"headline": document.headline, **metadata},
                        linter.check(document, collect=True).facts)
        return judge(archive, linter)


def _finding(rule: Rule, severity: str, problem: ArchiveProblem) -> Finding:
    fact = problem.fact
    related = tuple(RelatedLocation(message, other.location, other.article)
                    for other, message in problem.related)
    return Finding(rule=rule.name, category=rule.category, severity=severity,
                   message=problem.message, location=fact.location, text=fact.text,
                   flagged=fact.flagged, paragraph=fact.paragraph, context=fact.context,
                   related=related, start=fact.start)
