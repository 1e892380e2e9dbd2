"""Running copydesk: the steps every front end shares.

`collect` finds the files to check, `check_text`/`check_bytes` read and lint one
article into a `FileResult`, `fix_text` applies fixes until none is left, and `run`
strings them together for the command line. Each article is read and linted on its
own, so one bad article, or one failing reader or rule, becomes an `error` entry in
its result and never stops the others.
"""

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lint.config import Config, ConfigError, discover, load
from lint.document import Document
from lint.engine import Linter
from lint.files import write_atomically
from lint.fixes import apply_edits, edits_of, safe_fixes
from lint.paths import matches, relative_to_root
from lint.readers import EXTENSIONS, InputError, decode, encode, json_format, read
from lint.results import DEFAULT_FAIL_ON, FileError, FileResult

if TYPE_CHECKING:
    from lint.archive import Archive

FIX_LOOP_LIMIT = 10
STDIN = "-"


class Overrides(NamedTuple):
    """Command-line settings laid over every configuration file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    profile: str | None = None
    fail_on: str | None = None

    def apply(self, config: Config) -> Config:
        changes: dict = {"extend_select": config.extend_select + self.extend_select,
                         "ignore": config.ignore + self.ignore,
                         "exclude": config.exclude + self.exclude}
        if self.select is not None:
            changes["select"] = self.select
        if self.profile is not None:
            changes["profile"] = self.profile
        if self.fail_on is not None:
            changes["fail_on"] = self.fail_on
        return config._replace(**changes)


class Linters:
    """The Linter for each checked path: from --config, or the closest config file."""

    def __init__(self, overrides: Overrides, config_path: Path | None = None):
        self.overrides = overrides
        self.fixed = self._build(config_path) if config_path else None
        self._by_file: dict[Path | None, Linter] = {}
        self._by_folder: dict[Path, Linter] = {}

    def _build(self, path: Path | None) -> Linter:
        config = load(path) if path else Config()
        try:
            return Linter(self.overrides.apply(config))
        except ConfigError as exc:
            if path is None or _valid(config):
                raise  # the mistake is on the command line
            raise ConfigError(f"{path}: {exc}") from None

    def for_path(self, path: Path) -> Linter:
        if self.fixed:
            return self.fixed
        folder = path.resolve().parent
        if folder not in self._by_folder:
            config_path = discover(folder)
            if config_path not in self._by_file:
                self._by_file[config_path] = self._build(config_path)
            self._by_folder[folder] = self._by_file[config_path]
        return self._by_folder[folder]

    def fail_on(self, display: str) -> str:
        """The lowest severity that fails the run for this file: every setting,
        `fail-on` included, comes from the configuration that governs the file."""
        return self.for_path(Path(display)).config.fail_on or DEFAULT_FAIL_ON


def _valid(config: Config) -> bool:
    """Whether a configuration names only rules, options and tiers that exist."""
    try:
        Linter(config)
    except ConfigError:
        return False
    return True


def _excluded(path: Path, linter: Linter) -> bool:
    patterns = linter.config.exclude
    return bool(patterns) and any(matches(relative_to_root(path, linter.config.root), p)
                                  for p in patterns)


def collect(paths: Iterable[str], linters: Linters, force_exclude: bool) -> Iterator[Path | str]:
    """Files to check, in order: directories walked for known extensions, sorted. A
    folder the walk cannot list is yielded in its place, so that reading it makes its
    `unreadable` error entry."""
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            unlisted: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unlisted.append):
                yield from (Path(error.filename) for error in unlisted)
                unlisted.clear()
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    candidate = Path(root, file)
                    # is_file: a FIFO, socket or device would block or mislead the walk
                    if candidate.suffix.lower() not in EXTENSIONS or not candidate.is_file():
                        continue
                    linter = linters.for_path(candidate)
                    if not _excluded(candidate, linter) and _walkable(candidate, linter):
                        yield candidate
            yield from (Path(error.filename) for error in unlisted)
        elif not (force_exclude and path.exists() and _excluded(path, linters.for_path(path))):
            yield path


def _walkable(path: Path, linter: Linter) -> bool:
    """A folder of CMS exports may hold other JSON (package.json, metadata): walked
    .json files are read unless they are valid JSON of another shape than the CMS
    payloads (readers.JSON_SHAPES). A .json file named on the command line is always
    read, and an error if it is no payload; so is a walked one that cannot be told
    (not valid JSON, as a truncated export is, or too large), as such."""
    if EXTENSIONS[path.suffix.lower()] != "json":
        return True
    try:
        if path.stat().st_size > linter.config.max_document_bytes:
            return True
        json_format(decode(path.read_bytes()))
    except OSError:
        return True
    except InputError as exc:
        return exc.code != "unknown-json"
    return True


def unknown_kind(path: str, format: str | None) -> FileResult | None:
    """An error entry for a file named on the command line whose extension is no
    format copydesk reads (`script.py`), unless --format says how to read it. A name
    without an extension is read by its content."""
    suffix = os.path.splitext(path)[1].lower()
    if format or not suffix or suffix in EXTENSIONS:
        return None
    return FileResult(path, None, error=FileError(
        "unsupported-format", f"not an article: copydesk reads {', '.join(EXTENSIONS)} "
                              "files (--format reads another as one of them)"))


def read_document(display: str, data: bytes, linter: Linter, format: str | None) -> Document:
    """A file's Document, within the linter's limits; InputError when it cannot be read."""
    text = decode_bytes(display, data, linter)
    document = text if isinstance(text, FileResult) else read_text(display, text, linter, format)
    if isinstance(document, FileResult):
        raise InputError(document.error.code, document.error.message)
    return document


def error_result(display: str, exc: Exception) -> FileResult:
    """The result of an article that could not be opened or decoded."""
    if isinstance(exc, InputError):
        return FileResult(display, None, error=FileError(exc.code, exc.message))
    if isinstance(exc, FileNotFoundError):
        return FileResult(display, None, error=FileError("not-found", "no such file"))
    if isinstance(exc, IsADirectoryError):
        return FileResult(display, None, error=FileError("unreadable", "is a directory"))
    # The system's reason alone (`permission denied`): the path is already named.
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return FileResult(display, None, error=FileError("unreadable", reason[:1].lower() + reason[1:]))


def _too_large(display: str, size: int, limit: int) -> FileResult:
    return FileResult(display, None, error=FileError(
        "too-large", f"the article is {size:,} bytes, over the {limit:,}-byte limit "
                     f"(`max-document-bytes`)"))


def read_text(display: str, text: str, linter: Linter, format: str | None
              ) -> Document | FileResult:
    """The article's Document, or the FileResult saying why it cannot be read."""
    limit = linter.config.max_document_bytes
    if len(text) > limit // 4:  # else under the limit: UTF-8 takes four bytes at most
        size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            return _too_large(display, size, limit)
    try:
        return read(display, text, format)
    except InputError as exc:
        return error_result(display, exc)
    except Exception as exc:
        import traceback

        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        return FileResult(display, format, error=FileError(
            "reader-failed", f"copydesk could not read this article ({reason})",
            traceback.format_exc()))


def check_text(display: str, text: str, linter: Linter, format: str | None,
               deadline: float | None = None, *, collect: bool = False,
               archive: "Archive | None" = None) -> FileResult:
    """Read and lint one article. A failing rule keeps the other rules' findings and
    records an error naming it; rules not started by `deadline` are listed as skipped.
    With `collect`, the result keeps the archive rules' facts; with an `archive` (an
    index), it holds their findings against it too."""
    document = read_text(display, text, linter, format)
    if isinstance(document, FileResult):
        return document
    return check_document(document, linter, deadline, collect=collect, archive=archive)


def check_document(document: Document, linter: Linter, deadline: float | None = None, *,
                   collect: bool = False, archive: "Archive | None" = None) -> FileResult:
    """Lint a Document from `read_text` (for a front end that also reads the document)."""
    checked = linter.check(document, deadline, collect=collect or archive is not None)
    findings = checked.findings
    if archive is not None:
        from lint.archive import judge_one

        found = judge_one(archive, document.path, {"headline": document.headline},
                          checked.facts, linter)
        findings = sorted(findings + found, key=lambda f: f.sort_key)
    error = None
    if checked.failures:
        first = checked.failures[0]
        others = len(checked.failures) - 1
        more = f" (and {others} more rule{'s' if others > 1 else ''})" if others else ""
        error = FileError("rule-failed", f"rule `{first.rule}` failed: {first.reason}{more}",
                          "\n".join(f.traceback for f in checked.failures))
    return FileResult(document.path, document.format, findings, error=error,
                      sources=document.sources, skipped=checked.skipped,
                      headline=document.headline, facts=checked.facts if collect else {})


def decode_bytes(display: str, data: bytes, linter: Linter) -> str | FileResult:
    """The article's text, or the FileResult saying why it cannot be decoded."""
    if len(data) > linter.config.max_document_bytes:  # told before decoding it all
        return _too_large(display, len(data), linter.config.max_document_bytes)
    try:
        return decode(data)
    except InputError as exc:
        return error_result(display, exc)


def check_bytes(display: str, data: bytes, linter: Linter, format: str | None, *,
                collect: bool = False, archive: "Archive | None" = None) -> FileResult:
    text = decode_bytes(display, data, linter)
    if isinstance(text, FileResult):
        return text
    return check_text(display, text, linter, format, collect=collect, archive=archive)


class FixOutcome(NamedTuple):
    """The fixed text and how many findings of each rule the fixes resolved."""

    text: str
    fixed: Counter[str]


def fix_text(display: str, text: str, linter: Linter, format: str | None, *,
             unsafe: bool = False) -> FixOutcome:
    """The text with safe fixes (with `unsafe`, every fix) applied, round after round,
    until none is left (or the round limit). An article that cannot be read or
    linted is left as it is."""
    fixed: Counter[str] = Counter()
    for _ in range(FIX_LOOP_LIMIT):
        document = read_text(display, text, linter, format)
        if isinstance(document, FileResult) or len(document.sources) != 1:
            break  # fixing CMS payloads field by field is not supported
        checked = linter.check(document, unlimited=True)
        if checked.failures:
            break
        chosen = safe_fixes(checked.findings, unsafe=unsafe)
        if not chosen:
            break
        fixed.update(f.rule for f in chosen)
        text = apply_edits(text, edits_of(chosen))
    return FixOutcome(text, fixed)


def unified_diff(display: str, before: str, after: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"a/{display}", tofile=f"b/{display}"))


class Run:
    """What a run found, and what its fixes did: the diffs, the findings fixed in
    each file, and the fixed text of standard input (which has no file to write),
    filled in as the run goes."""

    def __init__(self, results: list[FileResult], diffs: list[str]):
        self.results = results
        self.diffs = diffs
        self.fixed_by_file: dict[str, Counter[str]] = {}
        self.fixed_stdin: str | None = None

    @property
    def fixed(self) -> Counter[str]:
        return sum(self.fixed_by_file.values(), Counter())


def run(paths: Iterable[str], linters: Linters, *, format: str | None = None,
        fix: bool = False, diff: bool = False, unsafe: bool = False,
        force_exclude: bool = False, stdin_name: str | None = None,
        read_stdin: Callable[[], bytes] = lambda: b"", jobs: int = 0,
        archive: "Archive | None" = None) -> Run:
    """Check every collected file; `jobs` worker processes (0: decide by the count).
    With an `archive` (an index), each file is also judged against it, in turn.
    With `fix`, files are fixed in place first and standard input's fixed text is
    kept in `fixed_stdin`; with `diff`, the changes are only recorded as diffs."""
    files = list(collect(paths, linters, force_exclude))
    workers = jobs or (os.cpu_count() or 1 if len(files) >= PARALLEL_FROM else 1)
    if workers > 1 and not (fix or diff or archive) and STDIN not in files:
        return Run(_check_in_parallel(files, linters, format, workers), [])
    outcome = Run([], [])
    for path in files:
        display = stdin_name or STDIN if path == STDIN else str(path)
        linter = linters.for_path(Path(stdin_name or "-") if path == STDIN else path)
        unknown = unknown_kind(display, format) if path != STDIN else None
        if unknown:
            outcome.results.append(unknown)
            continue
        try:
            data = read_stdin() if path == STDIN else Path(path).read_bytes()
        except OSError as exc:
            outcome.results.append(error_result(display, exc))
            continue
        if fix or diff:
            data = _fix_file(path, display, data, linter, format, fix, unsafe, outcome)
        outcome.results.append(check_bytes(display, data, linter, format, archive=archive))
    return outcome


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
_worker_linters: list[Linter] = []


def _start_worker(linters: list[Linter]) -> None:
    _worker_linters[:] = linters


def check_path(path: str, linter: Linter, format: str | None, *,
               collect: bool = False) -> FileResult:
    """Read one file and check it; a file that cannot be read is an error entry."""
    unknown = unknown_kind(path, format)
    if unknown:
        return unknown
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return error_result(path, exc)
    return check_bytes(path, data, linter, format, collect=collect)


def _check_path(task: tuple[str, int, str | None]) -> FileResult:
    path, linter_index, format = task
    return check_path(path, _worker_linters[linter_index], format)


def _check_in_parallel(files: list[Path], linters: Linters, format: str | None,
                       workers: int) -> list[FileResult]:
    """The same results as checking the files in turn, in the same order."""
    from concurrent.futures import ProcessPoolExecutor

    distinct: list[Linter] = []
    tasks = []
    for path in files:
        linter = linters.for_path(path)
        if linter not in distinct:
            distinct.append(linter)
        tasks.append((str(path), distinct.index(linter), format))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(distinct,)) as pool:
        return list(pool.map(_check_path, tasks, chunksize=64))


def _fix_file(path: Path | str, display: str, data: bytes, linter: Linter, format: str | None,
              write: bool, unsafe: bool, outcome: Run) -> bytes:
    """Fix one file (or only diff it), recording what changed; the bytes to check next."""
    try:
        before = decode(data)
    except InputError:
        return data
    fixed = fix_text(display, before, linter, format, unsafe=unsafe)
    if write and path == STDIN:
        outcome.fixed_stdin = fixed.text
    if fixed.text == before:
        return data
    outcome.diffs.append(unified_diff(display, before, fixed.text))
    if not write:
        return data
    outcome.fixed_by_file[display] = fixed.fixed
    fixed_data = encode(fixed.text, like=data)
    if path != STDIN:
        write_atomically(Path(path), fixed_data)
    return fixed_data
