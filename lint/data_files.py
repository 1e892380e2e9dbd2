"""The rules' own TOML data files, read through a cache beside them.

Parsing TOML is pure Python and costs a one-article check more than the rules that
use the data, so a file's parsed content is kept, as Python keeps bytecode, in the
`__pycache__` folder next to it, and used while the file's bytes have the checksum
they were parsed from. (Not its size and modification time: an upgrade can leave
the cache behind, and a reproducible build can give a changed file both of the
old.) Where the cache cannot be written (a read-only install) or must not be
(PYTHONDONTWRITEBYTECODE, `-B`), every run parses the file, as it would without a
cache.
"""

from __future__ import annotations

import contextlib
import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from lint.files import write_atomically


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed content of a TOML data file that ships with copydesk."""
    source = path.read_bytes()
    stamp = (len(source), zlib.crc32(source))
    cache = path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"
    try:
        cached_stamp, data = marshal.loads(cache.read_bytes())
        if cached_stamp == stamp:
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or one from another file or Python: parse again
    import tomllib  # only when the cache is missing or stale

    data = tomllib.loads(source.decode("utf-8"))
    if not sys.dont_write_bytecode:
        with contextlib.suppress(OSError):  # whole or not at all: runs in parallel read it
            cache.parent.mkdir(exist_ok=True)
            write_atomically(cache, marshal.dumps((stamp, data)))
    return data
