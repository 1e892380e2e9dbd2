"""The document model: the prose a reader sees, mapped back to the original source.

A reader turns an input (a text file, Markdown, HTML, a CMS payload) into a
`Document`: one rendered `text` made of blocks (headline, paragraphs, ...) joined by
blank lines, plus a `SpanMap` from every rendered character back to the source it
came from. Rules work on the rendered text; the engine maps their spans back, so
`source.text[offset:offset + length]` is always the flagged text (docs/findings.md).
"""

import bisect
from collections.abc import Iterable
from itertools import accumulate, repeat
from typing import NamedTuple

from lint.lazy import lazy
from lint.source import Source

BLOCK_SEPARATOR = "\n\n"

# Lead-in blocks are the article's furniture; every other kind is body text.
LEAD_IN_KINDS = frozenset({"headline", "standfirst", "byline", "dateline", "caption"})
# Body blocks a reader does not count as paragraphs.
UNNUMBERED_KINDS = frozenset({"heading"})
_UNNUMBERED = LEAD_IN_KINDS | UNNUMBERED_KINDS

# The small immutable values built for every article (pieces, blocks, runs) are
# NamedTuples: a frozen dataclass is three times slower to build and to hash, and
# blocks are dict keys for every per-block analysis.


class Piece(NamedTuple):
    """A run of rendered text and the source characters it came from.

    `exact` pieces are copied character for character (rendered index i is source
    index src_start + i). Other pieces (an entity, collapsed white space, a block
    separator) map as a whole: any span touching them covers all of their source.
    """

    start: int
    length: int
    source: int
    src_start: int
    src_length: int
    exact: bool


class SpanMap:
    """Maps half-open spans of the rendered text to spans of a source."""

    def __init__(self, pieces: list[Piece]):
        self.pieces = pieces
        self._starts = [p.start for p in pieces]

    def _piece_at(self, index: int) -> tuple[Piece, bool]:
        """The piece holding rendered `index`, or the last one before it (then False)."""
        i = max(bisect.bisect_right(self._starts, index) - 1, 0)
        piece = self.pieces[i]
        return piece, piece.start <= index < piece.start + piece.length

    def cuts_exactly(self, index: int) -> bool:
        """Whether rendered `index` has one place in the source: it is not inside a
        piece that maps as a whole (an entity, collapsed white space)."""
        piece, inside = self._piece_at(index)
        return not inside or piece.exact or index == piece.start

    def renders_whole(self, start: int, end: int) -> bool:
        """Whether every source character of rendered [start, end) renders: no markup
        lies hidden between its pieces (a tag, `the <b>the</b>`; a block-quote
        marker at a line's start), which an edit of the span would delete."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        piece = self.pieces[i]
        while piece.start + piece.length < end and i + 1 < len(self.pieces):
            i += 1
            following = self.pieces[i]
            if (following.source != piece.source
                    or following.src_start != piece.src_start + piece.src_length):
                return False
            piece = following
        return True

    def end_in_source(self, start: int, end: int) -> int:
        """`end`, or where the source that rendered `start` stops rendering before it:
        a span that runs from one source string into the next (two elements of a CMS
        story) is cut back to the first."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        source = self.pieces[i].source
        if end <= start or self._piece_at(end - 1)[0].source == source:
            return end
        while (i + 1 < len(self.pieces) and self.pieces[i + 1].start < end
               and self.pieces[i + 1].source == source):
            i += 1
        return min(end, self.pieces[i].start + self.pieces[i].length)

    def to_source(self, start: int, end: int) -> tuple[int, int, int]:
        """(source index, source start, source end) for the rendered span [start, end)."""
        first = self.pieces[max(bisect.bisect_right(self._starts, start) - 1, 0)]
        if first.exact and first.start <= start < first.start + first.length >= end:
            # The common span: inside one piece copied as it is.
            src_start = first.src_start + start - first.start
            return first.source, src_start, src_start + max(end - start, 0)
        inside = first.start <= start < first.start + first.length
        if not inside:
            src_start = first.src_start + (first.src_length if start >= first.start else 0)
        elif first.exact:
            src_start = first.src_start + start - first.start
        else:
            src_start = first.src_start
        if end <= start:
            return first.source, src_start, src_start
        last, inside = self._piece_at(end - 1)
        if last.source != first.source:
            end = self.end_in_source(start, end)
            last, inside = self._piece_at(end - 1)
        if inside and last.exact:
            src_end = last.src_start + end - last.start
        else:
            src_end = last.src_start + last.src_length
        return first.source, src_start, max(src_end, src_start)


class Block(NamedTuple):
    """One block of the article: its kind and its span in the rendered text.

    `paragraph` is the 1-based paragraph number as a reader counts them, from the
    first body block after the lead-in; None for lead-in blocks and subheadings.
    """

    kind: str
    start: int
    end: int
    paragraph: int | None

    @property
    def is_body(self) -> bool:
        return self.kind not in LEAD_IN_KINDS


class _DocumentFields(NamedTuple):
    path: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    sources: tuple[Source, ...]
    spans: SpanMap
    masked: tuple[tuple[int, int], ...] = ()
    # (source, start, end) of text shown as code (Markdown code spans and blocks),
    # where `<!-- copydesk: ... -->` is an example, not a directive.
    code: tuple[tuple[int, int, int], ...] = ()
    # Marks that, shown as written, the characters beside them make markup (Markdown's
    # `*` and `_`: taking the space out of `* "` makes an emphasis mark): a fix that
    # edits beside one would change what the text shows, round after round.
    marks_read_with_neighbours: frozenset[str] = frozenset()


class Document(_DocumentFields):
    """An article as a reader rendered it: its text in blocks, the sources it came
    from, and the map from rendered offsets back into them."""

    def in_code(self, source: int, offset: int) -> bool:
        return any(s == source and start <= offset < end for s, start, end in self.code)

    def is_masked(self, index: int) -> bool:
        """Whether rendered `index` is in text shown but not linted (inline code)."""
        i = bisect.bisect_right(self._masked_starts, index) - 1
        return i >= 0 and index < self.masked[i][1]

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def headline(self) -> str | None:
        """The headline's text, where the reader found one."""
        block = next((b for b in self.blocks if b.kind == "headline"), None)
        return self.block_text(block) if block else None

    @property
    def body(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.is_body)

    def block_at(self, index: int) -> Block | None:
        """The block holding rendered `index` (None between blocks)."""
        i = bisect.bisect_right(self._block_starts, index) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        return block if index < block.end or index == block.start == block.end else None

    # Blocks and masked spans are in text order and never overlap: found by bisection.
    @lazy
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    @lazy
    def _masked_starts(self) -> list[int]:
        return [start for start, _ in self.masked]


class Run(NamedTuple):
    """A run of rendered text taken from a source, for DocumentBuilder.add_block."""

    text: str
    src_start: int
    src_length: int
    exact: bool = True
    source: int = 0
    masked: bool = False


def visible_runs(runs: list[Run]) -> list[Run]:
    """The runs from the first visible character to the last: white space (no-break
    spaces and line breaks included) goes from either end, so a block starts and ends
    with what it shows; none when nothing shows."""
    if (runs and runs[0].text and runs[-1].text and not runs[0].text[0].isspace()
            and not runs[-1].text[-1].isspace()):
        return runs  # nearly every block
    # Looked for from either end, so that a long block costs only what is trimmed.
    head = next((i for i, run in enumerate(runs) if run.text.strip()), None)
    if head is None:
        return []
    tail = next(i for i in range(len(runs) - 1, head - 1, -1) if runs[i].text.strip())
    runs = runs[head:tail + 1]
    first = runs[0]
    if first.exact:
        cut = len(first.text) - len(first.text.lstrip())
        runs[0] = first._replace(text=first.text[cut:], src_start=first.src_start + cut,
                                 src_length=first.src_length - cut)
    last = runs[-1]
    if last.exact:
        cut = len(last.text) - len(last.text.rstrip())
        runs[-1] = last._replace(text=last.text[:len(last.text) - cut],
                                 src_length=last.src_length - cut)
    return runs


# The builder makes two pieces and a block for every block it adds: it builds them as
# the tuples they are, without the Python-level __new__ a NamedTuple's call runs.
_built = tuple.__new__


def _separator_start(text: str, prev_end: int, src_start: int, joined: bool) -> int:
    """Where the source of the separator before a block at `src_start` of `text` starts,
    the block before it ending at `prev_end` (DocumentBuilder)."""
    gap = text[prev_end:src_start]
    return prev_end if joined or gap.isspace() else src_start - (len(gap) - len(gap.rstrip()))


class DocumentBuilder:
    """Assembles a Document block by block, keeping the span map in step.

    Readers add sources, then blocks as runs of text; the builder joins blocks with
    BLOCK_SEPARATOR. When the two blocks come from the same source, a separator maps
    onto the source between them if that holds nothing but what separates them
    (white space, and for a reader that says `joined=True`, the blocks' own markers
    or tags), so a fix that deletes "separator + block" removes the blank lines in
    the source too. Otherwise (a fenced code block, a comment, a skipped `<aside>`
    between them) it maps only to the white space just before the block, and such a
    fix leaves whatever stands between the blocks alone.
    """

    def __init__(self, path: str, format: str,
                 marks_read_with_neighbours: frozenset[str] = frozenset()):
        self.path = path
        self.format = format
        self.marks_read_with_neighbours = marks_read_with_neighbours
        self._sources: list[Source] = []
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._blocks: list[Block] = []
        self._masked: list[tuple[int, int]] = []
        self._code: list[tuple[int, int, int]] = []
        self._length = 0
        self._paragraphs = 0

    def add_source(self, source: Source) -> int:
        self._sources.append(source)
        return len(self._sources) - 1

    def add_block(self, kind: str, runs: Iterable[Run], joined: bool = False) -> Block | None:
        runs = [r for r in runs if r.text]
        if not runs:
            return None
        if self._blocks:
            self._add_separator(runs[0].source, runs[0].src_start, joined)
        # Column by column, each in one pass at C speed: a block of tagged words has a
        # run a word and a space.
        texts, src_starts, src_lengths, exacts, sources, masked = zip(*runs, strict=True)
        lengths = list(map(len, texts))
        starts = list(accumulate(lengths, initial=self._length))
        self._length = starts.pop()  # the block's end
        self._parts.extend(texts)
        self._pieces.extend(map(_built, repeat(Piece), zip(
            starts, lengths, sources, src_starts, src_lengths, exacts, strict=True)))
        if any(masked):
            self._masked.extend([(start, start + length) for start, length, is_masked
                                 in zip(starts, lengths, masked, strict=True) if is_masked])
        return self._close_block(kind, starts[0])

    def add_copied_blocks(self, kinds: list[str], starts: list[int], texts: list[str],
                          source: int = 0, joined: list[bool] | None = None) -> None:
        """add_block(kind, [Run(text, start, len(text), source=source)], joined) for each
        kind, start, text and (by default False) `joined`: blocks that are stretches of
        one source as written, in source order, none of them empty.

        One loop, without a run or a method call per block: a text of one-letter
        paragraphs has a block every three characters."""
        if not texts:
            return
        joins = [False] * len(texts) if joined is None else joined
        if self._blocks:
            self._add_separator(source, starts[0], joins[0])
        source_text = self._sources[source].text
        separator = len(BLOCK_SEPARATOR)
        add_piece, add_block = self._pieces.append, self._blocks.append
        at, count, prev_end = self._length, self._paragraphs, None
        for kind, start, text, join in zip(kinds, starts, texts, joins, strict=True):
            if prev_end is not None:
                # Most gaps are white space, which _separator_start maps from prev_end.
                gap_start = (prev_end if join or source_text[prev_end:start].isspace()
                             else _separator_start(source_text, prev_end, start, False))
                add_piece(_built(Piece, (at, separator, source, gap_start, start - gap_start,
                                         False)))
                at += separator
            length = len(text)
            end = at + length
            add_piece(_built(Piece, (at, length, source, start, length, True)))
            add_block(_built(Block, (kind, at, end, None if kind in _UNNUMBERED
                                     else (count := count + 1))))
            prev_end, at = start + length, end
        self._length, self._paragraphs = at, count
        self._parts.append(BLOCK_SEPARATOR.join(texts))

    def _close_block(self, kind: str, start: int) -> Block:
        """The block from rendered `start` to the end so far, numbered if a paragraph."""
        paragraph = None
        if kind not in _UNNUMBERED:
            self._paragraphs += 1
            paragraph = self._paragraphs
        block = _built(Block, (kind, start, self._length, paragraph))
        self._blocks.append(block)
        return block

    def add_code(self, start: int, end: int, source: int = 0) -> None:
        """Mark source text shown as code: never prose, never a directive."""
        self._code.append((source, start, end))

    def _add_separator(self, source: int, src_start: int, joined: bool) -> None:
        """The separator before a block that starts at `src_start` of `source`."""
        prev = self._pieces[-1]
        prev_end = prev.src_start + prev.src_length
        self._parts.append(BLOCK_SEPARATOR)
        if prev.source == source and src_start >= prev_end:
            start = _separator_start(self._sources[source].text, prev_end, src_start, joined)
            self._pieces.append(_built(Piece, (self._length, len(BLOCK_SEPARATOR), source, start,
                                               src_start - start, False)))
        self._length += len(BLOCK_SEPARATOR)

    def build(self) -> Document:
        if not self._sources:
            self.add_source(Source(""))
        pieces = self._pieces or [Piece(0, 0, 0, 0, 0, True)]
        return Document(self.path, self.format, "".join(self._parts), tuple(self._blocks),
                        tuple(self._sources), SpanMap(pieces), tuple(self._masked),
                        tuple(self._code), self.marks_read_with_neighbours)
