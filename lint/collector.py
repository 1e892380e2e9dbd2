"""Python's cyclic garbage collector, held off while one document is read or checked."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector held off for the block.

    Reading a document builds its runs and pieces, and a check its analyses and
    findings: millions of objects for a long page, kept until the block ends. The
    collector would walk them over and over, finding nothing to free, for up to a
    third of the time on a long document or one dense in findings. What the block
    leaves behind is collected after it, as usual. A collector already disabled (by
    the caller, or by a block running in another thread) is left as it is.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
