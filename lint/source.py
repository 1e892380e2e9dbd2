"""The original input: one text as the user gave it, and line/column arithmetic on it."""

import bisect
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from lint.lazy import LazyPattern, lazy

_LINE_BREAK = LazyPattern(r"\r\n|\r|\n")


class _SourceFields(NamedTuple):
    text: str
    field: str | None = None
    element_id: str | None = None
    element_index: int | None = None
    inline: bool = False


class Source(_SourceFields):
    """A text that findings point into: a file's decoded text, or one CMS field's string.

    `field`, `element_id` and `element_index` say where a CMS string came from; they
    are None for a plain file. `inline` marks a string read as one block (a CMS
    headline or paragraph element), whose block tags break lines, not the block.
    """

    @lazy
    def _line_starts(self) -> list[int]:
        # Computed on first use: only a text with findings needs its lines counted.
        if "\r" in self.text:
            return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        # Every line but the last ends at a "\n": each starts where the lines before it,
        # and their breaks, end (one split, not a match object a line).
        starts = list(accumulate(map(add, map(len, self.text.split("\n")), repeat(1)),
                                 initial=0))
        del starts[-1]  # past the end of the text
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """position(start) + position(end), in one look-up when both are on one line."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, start)
        end_line = line if line == len(starts) or end < starts[line] else (
            bisect.bisect_right(starts, end, line))
        return line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
