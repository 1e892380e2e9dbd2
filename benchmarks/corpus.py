"""What the benchmark scripts share: where the corpus is, reading it, timing work on it."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from lint.document import Document
from lint.engine import Linter
from lint.finding import Finding
from lint.readers import decode, read

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
T = TypeVar("T")


def corpus_folder(name: str | Path) -> Path:
    """A folder of the corpus (or any folder named by path); exits when it is absent."""
    folder = Path(name) if Path(name).is_dir() else CORPUS / name
    if not folder.is_dir():
        sys.exit(f"{folder} is not here (the benchmarks need ../shared/corpus)")
    return folder


def texts(folder: Path, pattern: str = "*.txt") -> list[tuple[str, str]]:
    """(path, decoded text) of the folder's files matching `pattern`, sorted."""
    return [(str(p), decode(p.read_bytes())) for p in sorted(folder.rglob(pattern))]


def lint_folder(folder: Path, linter: Linter,
                pattern: str = "*.txt") -> Iterator[tuple[Path, Document, list[Finding]]]:
    for path, text in texts(folder, pattern):
        document = read(path, text)
        yield Path(path), document, linter.lint(document)


def per_item_ms(items: list[T], work: Callable[[T], object], repeat: int = 3) -> list[float]:
    """Milliseconds of `work` on each item: the pass with the lowest median of `repeat`."""
    work(items[0])  # warm up: imports, compiled patterns, loaded data
    passes = []
    for _ in range(repeat):
        times = []
        for item in items:
            start = time.perf_counter()
            work(item)
            times.append((time.perf_counter() - start) * 1000)
        passes.append(times)
    return min(passes, key=statistics.median)


def describe(label: str, times: list[float], width: int = 24) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    rate = len(times) / (sum(times) / 1000)
    return (f"{label:<{width}} median {statistics.median(times):7.3f} ms   "
            f"p95 {p95:7.3f} ms   {rate:9.0f} articles/s")


def bytecode_cached_env() -> dict[str, str]:
    """The environment for a timed child process, with the bytecode cache written and
    read: a user's runs start from the cache the first one wrote, and with writing it
    turned off (PYTHONDONTWRITEBYTECODE) an editable install would compile every module
    on every run."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
