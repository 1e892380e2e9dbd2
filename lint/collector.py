"""Python's cyclic garbage collector, held off while one document is read or checked."""

from __future__ import annotations

import gc


class paused:  # noqa: N801 - used as a function: `with collector.paused():`
    """The collector held off for the block.

    Reading a document builds its runs and pieces, and a check its analyses and
    findings: millions of objects for a long page, kept until the block ends. The
    collector would walk them over and over, finding nothing to free, for up to a
    third of the time on a long document or one dense in findings. What the block
    leaves behind is collected after it, as usual. A collector already disabled (by
    the caller, or by a block running in another thread) is left as it is.

    A class rather than a generator-based context manager: it is entered twice for
    every article, and contextlib would build a generator and its wrapper each time.
    """

    __slots__ = ("_enabled",)

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc_info: object) -> None:
        if self._enabled:
            gc.enable()
