"""Writing a file in one step."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file in one step: a crash, or a reader in another process, sees the
    old file or the new, never half. A file replaced keeps its permissions; a new one
    gets those the umask gives."""
    temp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    kept = path.stat().st_mode & 0o7777 if path.exists() else None
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            if kept is not None:
                os.fchmod(out.fileno(), kept)  # past the umask, which the open applied
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
