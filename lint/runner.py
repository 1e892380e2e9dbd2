"""Running copydesk over paths: finding the files, reading, linting and fixing them.

Each file is read and linted on its own, so one bad file becomes an `error` entry
in the results and never stops the others.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lint.config import Config, ConfigError, discover, load
from lint.document import Document
from lint.engine import Linter
from lint.fixes import apply_edits, safe_edits
from lint.paths import matches, relative_to_root
from lint.readers import EXTENSIONS, InputError, decode, is_cms_payload, read
from lint.reporters import FileError, FileResult

FIX_LOOP_LIMIT = 10
STDIN = "-"


@dataclasses.dataclass(frozen=True)
class Overrides:
    """Command-line settings laid over every configuration file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    profile: str | None = None

    def apply(self, config: Config) -> Config:
        changes: dict = {"extend_select": config.extend_select + self.extend_select,
                         "ignore": config.ignore + self.ignore,
                         "exclude": config.exclude + self.exclude}
        if self.select is not None:
            changes["select"] = self.select
        if self.profile is not None:
            changes["profile"] = self.profile
        return dataclasses.replace(config, **changes)


class Linters:
    """The Linter for each checked path: from --config, or the closest config file."""

    def __init__(self, overrides: Overrides, config_path: Path | None = None):
        self.overrides = overrides
        self.fixed = self._build(config_path) if config_path else None
        self._by_file: dict[Path | None, Linter] = {}
        self._by_folder: dict[Path, Linter] = {}

    def _build(self, path: Path | None) -> Linter:
        config = load(path) if path else Config()
        return Linter(self.overrides.apply(config))

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


def _excluded(path: Path, linter: Linter) -> bool:
    patterns = linter.config.exclude
    return bool(patterns) and any(matches(relative_to_root(path, linter.config.root), p)
                                  for p in patterns)


def collect(paths: Iterable[str], linters: Linters, force_exclude: bool) -> Iterator[Path | str]:
    """Files to check, in order: directories walked for known extensions, sorted."""
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    candidate = Path(root, file)
                    if candidate.suffix.lower() in EXTENSIONS and not _excluded(
                            candidate, linters.for_path(candidate)) and _walkable(candidate):
                        yield candidate
        elif not (force_exclude and path.exists() and _excluded(path, linters.for_path(path))):
            yield path


def _walkable(path: Path) -> bool:
    """A folder of CMS exports may hold other JSON (package.json, metadata): walked
    .json files are read only when they are WordPress or ANS payloads. A .json file
    named on the command line is always read, and an error if it is neither."""
    if EXTENSIONS[path.suffix.lower()] != "json":
        return True
    try:
        return is_cms_payload(path.read_bytes())
    except OSError:
        return True


def read_document(display: str, data: bytes, format: str | None) -> Document:
    return read(display, decode(data), format)


def _error(display: str, exc: Exception) -> FileResult:
    if isinstance(exc, InputError):
        return FileResult(display, None, error=FileError(exc.code, exc.message))
    if isinstance(exc, FileNotFoundError):
        return FileResult(display, None, error=FileError("not-found", "no such file"))
    if isinstance(exc, IsADirectoryError):
        return FileResult(display, None, error=FileError("unreadable", "is a directory"))
    return FileResult(display, None, error=FileError("unreadable", str(exc)))


def check_bytes(display: str, data: bytes, linter: Linter, format: str | None) -> FileResult:
    try:
        document = read_document(display, data, format)
    except InputError as exc:
        return _error(display, exc)
    return FileResult(display, document.format, linter.lint(document), sources=document.sources)


def fixed_text(display: str, text: str, linter: Linter, format: str | None) -> str:
    """The text with safe fixes applied until none is left (or the loop limit)."""
    for _ in range(FIX_LOOP_LIMIT):
        document = read(display, text, format)
        if len(document.sources) != 1:
            return text  # fixing CMS payloads field by field is not supported
        edits = safe_edits(linter.lint(document))
        if not edits:
            break
        text = apply_edits(text, edits)
    return text


def write_atomically(path: Path, text: str, bom: bool) -> None:
    """Replace the file in one step: a crash leaves the old file or the new, never half."""
    data = ("\ufeff" if bom else "") + text
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(data)
        os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def unified_diff(display: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"a/{display}", tofile=f"b/{display}"))


@dataclasses.dataclass
class Run:
    results: list[FileResult]
    diffs: list[str]


def run(paths: Iterable[str], linters: Linters, *, format: str | None = None,
        fix: bool = False, diff: bool = False, force_exclude: bool = False,
        stdin_name: str | None = None, read_stdin: Callable[[], bytes] = lambda: b"",
        jobs: int = 0) -> Run:
    """Check every collected file; `jobs` worker processes (0: decide by the count)."""
    files = list(collect(paths, linters, force_exclude))
    workers = jobs or (os.cpu_count() or 1 if len(files) >= PARALLEL_FROM else 1)
    if workers > 1 and not (fix or diff) and STDIN not in files:
        return Run(_check_in_parallel(files, linters, format, workers), [])
    results: list[FileResult] = []
    diffs: list[str] = []
    for path in files:
        display = stdin_name or STDIN if path == STDIN else str(path)
        linter = linters.for_path(Path(stdin_name or "-") if path == STDIN else path)
        try:
            data = read_stdin() if path == STDIN else Path(path).read_bytes()
        except OSError as exc:
            results.append(_error(display, exc))
            continue
        if (fix or diff) and not isinstance(path, str):
            changed = _fix_file(path, display, data, linter, format, write=fix)
            if changed is not None:
                diffs.append(changed)
            if fix:
                data = path.read_bytes()
        results.append(check_bytes(display, data, linter, format))
    return Run(results, diffs)


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
_worker_linters: list[Linter] = []


def _start_worker(linters: list[Linter]) -> None:
    _worker_linters[:] = linters


def _check_path(task: tuple[str, int, str | None]) -> FileResult:
    path, linter_index, format = task
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _error(path, exc)
    return check_bytes(path, data, _worker_linters[linter_index], format)


def _check_in_parallel(files: list[Path], linters: Linters, format: str | None,
                       workers: int) -> list[FileResult]:
    """The same results as checking the files in turn, in the same order."""
    distinct: list[Linter] = []
    tasks = []
    for path in files:
        linter = linters.for_path(path)
        if linter not in distinct:
            distinct.append(linter)
        tasks.append((str(path), distinct.index(linter), format))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(distinct,)) as pool:
        return list(pool.map(_check_path, tasks, chunksize=64))


def _fix_file(path: Path, display: str, data: bytes, linter: Linter, format: str | None,
              write: bool) -> str | None:
    try:
        before = decode(data)
        after = fixed_text(display, before, linter, format)
    except (InputError, ConfigError):
        return None
    if after == before:
        return None
    if write:
        write_atomically(path, after, data.startswith(b"\xef\xbb\xbf"))
    return unified_diff(display, before, after)
