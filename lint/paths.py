"""Glob matching of article paths against `exclude` and `per-file-ignores` patterns."""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path


def relative_to_root(path: str | Path, root: Path) -> str:
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def matches(path: str, pattern: str) -> bool:
    """gitignore-like: a pattern without `/` matches any path component or the name."""
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        return any(fnmatchcase(part, pattern) for part in path.split("/"))
    return fnmatchcase(path, pattern.lstrip("/")) or fnmatchcase(path, pattern.lstrip("/") + "/*")
