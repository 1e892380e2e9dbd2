"""The quote scanner: quotation marks and the quotations they delimit.

Every quote rule reads this one analysis (docs/domain.md §6.2, §6.3). The scanner
works on the rendered article text with exact offsets:

* markup, URLs, e-mail addresses, @handles and #hashtags are masked first, so the
  quote marks inside a tag attribute or a link never count;
* a straight `"` (or `''`, the two-apostrophe double mark of wire copy) gets its
  direction from its neighbours: it opens after white space or opening punctuation
  and closes before white space or closing punctuation; when the neighbours do not
  decide it, the mark is reported as ambiguous, never guessed;
* a curly mark written the wrong way round (`here,“ said`, `”Mr Trump`) is read as
  what it must be and flagged as wrong-direction;
* `’` and a straight `'` close a single quotation only when one is open; otherwise
  they are apostrophes (`the Smiths’ house`, `rock 'n' roll`, `'90s`); a straight
  single opener never closed was an apostrophe all along;
* a digit followed by `'` or `"` is a prime (`5'10"`, `12" pizza`);
* a run of one mark (three or more, four or more apostrophes) is no mark at all;
* quotations nest (double outside single, or the reverse in British headlines);
* the multi-paragraph convention: a paragraph that ends inside a quotation and a
  next paragraph that opens one again make a chain, not an error; a double opener
  while a double quotation is open marks a merged-paragraph boundary, so the open
  quotation ends there and the new one continues it.
"""

import bisect
import functools
import itertools
import operator
from collections.abc import Iterable
from typing import NamedTuple

import regex

from lint import prose
from lint.document import Block
from lint.lazy import LazyPattern, LazyRePattern, lazy

DOUBLE, SINGLE = "double", "single"
OPEN, CLOSE, AMBIGUOUS = "open", "close", "ambiguous"
STRAIGHT_DOUBLES = ('"', "''")
CURLY = {DOUBLE: ("“", "”"), SINGLE: ("‘", "’")}
_DOUBLE_MARKS = frozenset((*STRAIGHT_DOUBLES, *CURLY[DOUBLE]))

_MARK_CHARS = frozenset(prose.QUOTE_MARKS)
_SINGLE_MARKS = frozenset(prose.SINGLE_QUOTES)
# Neighbours that let a straight mark open (before it) or close (after it).
_OPEN_BEFORE = frozenset("([{—–―-/:\"'“‘")
_CLOSE_AFTER = frozenset(".,;:!?)]}—–―-…\"'”’")
# Forms where a leading apostrophe stands for dropped letters, not an opening quote.
_ELISION = LazyPattern(r"'(?:n'(?!\w)|(?:em|tis|twas|til|cause|cos|bout|round|\d\d?s?)\b)",
                         regex.I)
_FEET = prose.compile(r"\d\s?$")
_FEET_INCHES = prose.compile(r"\d'\s?\d+$")
# A dash, then a name or handle that ends the line or runs into a comma or bracket:
# `- Jane Smith, Leeds`, not the list item `- Duty cuts on capital goods`.
_DASH_CREDIT = prose.compile(
    r"[—–―-]+\s*(?:@\w+|\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|al|bin))*)"
    r"\s*(?:[,(]|$)")
_DASH_CREDIT_MAX = 120


class QuoteMark(NamedTuple):
    """One quotation mark: its span, kind, role and what is wrong with it.

    (Marks and quotations are NamedTuples: a frozen dataclass is three times
    slower to build, and an article has dozens of them.)

    `spaced` means white space on the inner side (after an opener, before a closer);
    `wrong_direction` means a curly mark that points the other way from its role.
    """

    start: int
    end: int
    kind: str
    role: str
    curly: bool
    wrong_direction: bool = False
    spaced: bool = False


class Quotation(NamedTuple):
    """A quoted stretch of one block, from its opening mark to its closing mark.

    `closer` is None when the quotation runs to the end of its paragraph, or to a
    merged-paragraph boundary, still open. `opener` is None only for a paragraph
    that carries on a quotation from the previous one without reopening it.
    `continues` is the index (in QuoteScan.quotations) of the quotation this one
    carries on, so a multi-paragraph quote is a chain of Quotations.
    `content_start` and `content_end` bound the quoted words: inside the marks, or
    at the quotation's edge where it has no mark. (Fields, not properties: the
    analyses and rules read them for every quotation.)
    """

    start: int
    end: int
    kind: str
    depth: int
    block: Block
    opener: QuoteMark | None
    closer: QuoteMark | None
    continues: int | None
    content_start: int
    content_end: int


# The scanner builds marks and quotations straight from tuples of their fields: a
# NamedTuple's own __new__ is a Python function, and it is called for every mark.
_new_mark = functools.partial(tuple.__new__, QuoteMark)
_new_quotation = functools.partial(tuple.__new__, Quotation)


class _QuoteScanFields(NamedTuple):
    marks: tuple[QuoteMark, ...]
    quotations: tuple[Quotation, ...]
    unclosed: tuple[Quotation, ...]
    stray: tuple[QuoteMark, ...]


class QuoteScan(_QuoteScanFields):
    """The article's quotation marks and quotations, in text order.

    `unclosed` are quotations left open that nothing continues (their opener is
    the fault); `stray` are closing marks that close nothing.
    """

    @property
    def ambiguous(self) -> tuple[QuoteMark, ...]:
        return tuple(m for m in self.marks if m.role == AMBIGUOUS)

    def in_block(self, block: Block) -> tuple[Quotation, ...]:
        return tuple(q for q in self.quotations if q.block == block)

    def top_level(self, block: Block | None = None) -> tuple[Quotation, ...]:
        if block is None:
            return self._top  # asked by several analyses and rules: found once
        return tuple(q for q in self.in_block(block) if q.depth == 0)

    def chain_head(self, index: int) -> int:
        return self._heads[index]

    def contains(self, index: int) -> bool:
        """Whether the character at `index` lies inside a quotation."""
        return self.overlaps(index, index + 1)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a top-level quotation."""
        i = bisect.bisect_right(self._top_ends, start)
        return i < len(self._top) and self._top[i].start < end

    @lazy
    def _top(self) -> tuple[Quotation, ...]:
        return tuple(q for q in self.quotations if q.depth == 0)

    @lazy
    def _top_ends(self) -> list[int]:
        return [q.end for q in self._top]

    @lazy
    def _heads(self) -> list[int]:
        """The first quotation of each quotation's chain, found once for all: a chain
        can run through every paragraph of a page."""
        heads: dict[int, int] = {}
        for start in range(len(self.quotations)):
            path, index = [], start
            while index not in heads and self.quotations[index].continues is not None:
                path.append(index)
                index = self.quotations[index].continues
            head = heads.get(index, index)
            heads.update(dict.fromkeys(path, head))
            heads[index] = head
        return [heads[i] for i in range(len(self.quotations))]


def _split_triple(s: int, e: int, single_open: bool) -> list[tuple[int, int, str]]:
    """Three apostrophes are a single and a double mark, in an order set by what is open."""
    if single_open:
        return [(s, s + 1, "'"), (s + 1, e, "''")]
    return [(s, s + 2, "''"), (s + 2, e, "'")]


def _leans(text: str, s: int, e: int, lo: int, hi: int) -> tuple[bool, bool, bool, bool]:
    """(can open, can close, white space or block edge before, ... after) of a mark."""
    before = text[s - 1] if s > lo else " "
    after = text[e] if e < hi else " "
    open_before, open_after = before.isspace(), after.isspace()
    can_open = (open_before or before in _OPEN_BEFORE) and not open_after
    can_close = (open_after or after in _CLOSE_AFTER) and not open_before
    return can_open, can_close, open_before, open_after


def _single_role(text: str, s: int, e: int, char: str, lo: int, hi: int,
                 single_open: bool) -> str | None:
    """OPEN or CLOSE for a single mark of block [lo, hi) that opens or closes a
    quotation, None for an apostrophe or a prime. `single_open` tells whether the
    innermost open quotation is a single one, the only one such a mark can close."""
    before = text[s - 1] if s > lo else None
    after = text[e] if e < hi else None
    if before is not None and before.isdigit() and (
            char == "'" and _FEET.match(text, e, min(hi, e + 3))):
        return None  # a prime: 5' 10"
    can_open, can_close, _, _ = _leans(text, s, e, lo, hi)
    if char == "‘" or (char == "'" and can_open):
        if char == "'" and _ELISION.match(text, s, hi):
            return None
        if char == "‘" and before is not None and before.isalpha():
            return None  # a mis-curled apostrophe inside a word
        return OPEN
    if can_close and single_open and (after is None or not after.isalpha()):
        return CLOSE
    return None  # an apostrophe: the Smiths' house, goin'


class _Scanner:
    """The stack machine over an article's marks, one block at a time.

    The stack holds (opener, continues) pairs: `continues` is the index of the
    quotation the opener carries on. `pending` is the index of the quotation the
    previous paragraph left open, which this one may carry on. `spans` are the
    quotations of the block scanned last."""

    block: Block
    pending: int | None
    index_base: int
    spans: list[tuple[int, int, str, QuoteMark | None, QuoteMark | None, int | None]]

    def __init__(self, text: str, original: str, marks: list[QuoteMark]):
        self.text = text  # masked: marks inside markup, links and handles are gone
        self.original = original  # for the white space the quote rules will edit
        self.stack: list[tuple[QuoteMark, int | None]] = []
        # Whether each double quotation open on the stack opened curly, outermost
        # first: two at most, a quote inside a quote of the other style.
        self.open_doubles: list[bool] = []
        self.marks = marks  # the article's marks so far, this machine's added in turn
        self.apostrophes: set[int] = set()  # starts of marks that were apostrophes after all
        self.stray: list[QuoteMark] = []

    def scan(self, block: Block, tokens: list[tuple[int, int, str]], pending: int | None,
             index_base: int) -> int | None:
        """Place the block's marks; return the index of a double quotation it leaves
        open. Its quotations are numbered from `index_base`."""
        self.block, self.pending, self.index_base = block, pending, index_base
        self.spans = []
        self._run(tokens)
        return self._close_block()

    def kept_marks(self) -> list[QuoteMark]:
        """The marks, less the straight singles that turned out apostrophes."""
        if not self.apostrophes:
            return self.marks
        return [m for m in self.marks if m.start not in self.apostrophes]

    def _finish(self, start: int, end: int, kind: str, opener: QuoteMark | None,
                closer: QuoteMark | None, continues: int | None) -> int:
        self.spans.append((start, end, kind, opener, closer, continues))
        return self.index_base + len(self.spans) - 1

    def _pop_double(self, end: int, curly: bool | None = None) -> tuple[QuoteMark, int | None]:
        """Pop the stack down to the innermost open double, or to the innermost of a
        closer's style (`curly`) when one is open: an inner quotation of the other
        style stays unclosed. Inner straight singles that never closed were
        apostrophes, inner curly ones stay unclosed."""
        any_style = curly is None or curly not in self.open_doubles
        while True:
            opener, continues = self.stack.pop()
            if opener.kind == DOUBLE:
                self.open_doubles.pop()
                if any_style or opener.curly == curly:
                    return opener, continues
            self._abandon(opener, end)

    def _abandon(self, opener: QuoteMark, end: int) -> None:
        """An opener never closed: a curly one or a double stays as an unclosed
        quotation, a straight single was an apostrophe after all."""
        if opener.curly or opener.kind == DOUBLE:
            self._finish(opener.start, end, opener.kind, opener, None, None)
        else:
            self.apostrophes.add(opener.start)

    def _run(self, tokens: list[tuple[int, int, str]]) -> None:
        """Place the block's marks, given as (start, end, characters)."""
        first = True
        lo, hi = self.block.start, self.block.end
        for i, token in enumerate(tokens):
            s, e, char = token
            parts = (token,) if e - s < 3 else _split_triple(
                s, e, bool(self.stack) and self.stack[-1][0].kind == SINGLE)
            for part_start, part_end, part in parts:
                if part in _DOUBLE_MARKS:
                    mark = self._double(part_start, part_end, part, lo, hi, tokens, i + 1)
                    if mark is not None:
                        self.marks.append(mark)
                        self._place_double(mark, first)
                        first = False
                else:
                    mark = self._single(part_start, part_end, part, lo, hi)
                    if mark is not None:
                        self.marks.append(mark)
                        self._place_single(mark)

    def _double(self, s, e, char, lo, hi, tokens, following) -> QuoteMark | None:
        text = self.text
        can_open, can_close, space_before, space_after = _leans(text, s, e, lo, hi)
        if char in STRAIGHT_DOUBLES:
            if s > lo and text[s - 1].isdigit() and (
                    not self.open_doubles or _FEET_INCHES.search(text, max(lo, s - 8), s)):
                return None  # a prime: 12" pizza, 5'10"
            if can_open and can_close:
                role = CLOSE if self.open_doubles else OPEN
            elif can_open or can_close:
                role = OPEN if can_open else CLOSE
            elif space_before and space_after and (self.open_doubles or e == hi):
                role = CLOSE
            elif space_before and space_after:
                role = self._spaced_role(tokens, following)
            else:
                role = AMBIGUOUS
            curly = wrong = False
        else:
            curly, wrong = True, False
            if char == "“":
                role = OPEN
                if not space_before and text[s - 1] not in _OPEN_BEFORE and (
                        space_after or text[e] in _CLOSE_AFTER):
                    role, wrong = CLOSE, True
            else:
                role = CLOSE
                if (space_before or text[s - 1] in _OPEN_BEFORE) and not space_after and (
                        text[e].isalnum()):
                    role, wrong = OPEN, True
        space_inside = space_after if role == OPEN else space_before
        return _new_mark((s, e, DOUBLE, role, curly, wrong,
                          space_inside and self._spaced(s, e, role)))

    def _spaced(self, s: int, e: int, role: str) -> bool:
        """White space (not the block's edge) on the inner side of an opener or closer.

        A space between two marks (`'outreach,' "`) is the typographer's thin space
        between nested quotes, not a fault. Asked only where the masked text has
        white space (or the block's edge) on that side: masking turns characters
        into spaces, never the reverse, so elsewhere the answer is no."""
        text, lo, hi = self.original, self.block.start, self.block.end
        if role == OPEN:
            if not (e < hi and text[e].isspace()):
                return False
            words = e + 1
            while words < hi and text[words].isspace():
                words += 1
            return words < hi and text[words] not in _MARK_CHARS
        if not (role == CLOSE and s > lo and text[s - 1].isspace()):
            return False
        words = s - 1
        while words > lo and text[words - 1].isspace():
            words -= 1
        return words > lo and text[words - 1] not in _MARK_CHARS

    def _spaced_role(self, tokens, following: int) -> str:
        """A ` " ` with nothing open: an opener with a stray space if the next double
        mark can only close, else ambiguous."""
        for index in range(following, len(tokens)):  # not a slice: a copy of the rest
            s, e, char = tokens[index]
            if char in STRAIGHT_DOUBLES:
                can_open, can_close, _, _ = _leans(self.text, s, e, self.block.start,
                                                   self.block.end)
                return OPEN if can_close and not can_open else AMBIGUOUS
            if char in "“”":
                return OPEN if char == "”" else AMBIGUOUS
        return AMBIGUOUS

    def _place_double(self, mark: QuoteMark, first: bool) -> None:
        if mark.role == AMBIGUOUS:
            return
        # Only a block's first double mark may carry on the quotation the previous
        # paragraph left open: apostrophes and single quotes before it do not stop it.
        pending = self.pending if first else None
        if mark.role == OPEN:
            continues = None
            if self.open_doubles == [not mark.curly]:
                # A quote inside a quote of the other style (`"the question: “Do
                # you?” we asked."`): merged paragraphs reopen as they opened.
                self.stack.append((mark, None))
                self.open_doubles.append(mark.curly)
                return
            if self.open_doubles:  # a merged-paragraph boundary
                end = _trim_end(self.text, self.block.start, mark.start)
                opener, carried = self._pop_double(end)
                continues = self._finish(opener.start, end, DOUBLE, opener, None, carried)
            elif pending is not None and mark.start == self.block.start:
                continues = pending
            self.stack.append((mark, continues))
            self.open_doubles.append(mark.curly)
            return
        if self.open_doubles:
            opener, continues = self._pop_double(mark.start, mark.curly)
            self._finish(opener.start, mark.end, DOUBLE, opener, mark, continues)
        elif pending is not None:  # the paragraph carries on without reopening
            self._finish(self.block.start, mark.end, DOUBLE, None, mark, pending)
        else:
            self.stray.append(mark)

    def _single(self, s, e, char, lo, hi) -> QuoteMark | None:
        top_single = bool(self.stack) and self.stack[-1][0].kind == SINGLE
        role = _single_role(self.text, s, e, char, lo, hi, top_single)
        if role is None:
            return None
        # A closer never has white space before it (it could not close), so it is
        # never spaced.
        curly = char == ("‘" if role == OPEN else "’")
        return _new_mark((s, e, SINGLE, role, curly, False, False))

    def _place_single(self, mark: QuoteMark) -> None:
        if mark.role == OPEN:
            self.stack.append((mark, None))
        else:  # the top of the stack is a single opener: _single closes nothing else
            opener, _ = self.stack.pop()
            self._finish(opener.start, mark.end, SINGLE, opener, mark, None)

    def _close_block(self) -> int | None:
        """Finish what is still open at the block's end; return the index of the
        quotation of an open double."""
        left_open: int | None = None
        end = _trim_end(self.text, self.block.start, self.block.end)
        for opener, continues in self.stack:
            if opener.kind == DOUBLE and left_open is None:
                left_open = self._finish(opener.start, end, DOUBLE, opener, None, continues)
            else:
                self._abandon(opener, end)
        self.stack.clear()
        self.open_doubles.clear()
        return left_open


def _plain_reading(text: str, block: Block, tokens: list[tuple[int, int, str]],
                   pending: int | None) -> tuple[list[QuoteMark], list[Quotation]] | None:
    """The marks and quotations of the block when the stack machine would read its
    marks plainly, else None: double marks that open and close by turns, each with
    neighbours that decide it, and single marks that open nothing, apostrophes
    (`don't`, `the Smiths' house`) as no single quotation is ever open to close. An
    opener (`"`, `“`) stands after white space or opening punctuation and before a
    character that is not white space; a closer (`"`, `”`) after one that is neither
    white space nor a digit (which may make it a prime) and before white space or
    closing punctuation. Most quoting paragraphs are read so, with no stack, none of
    the rarer cases to try and no nesting to work out. The first quotation carries
    on `pending`, the quotation the paragraph before left open, when it opens the
    block."""
    lo, hi = block.start, block.end
    marks: list[QuoteMark] = []
    quotations: list[Quotation] = []
    opener = None
    continues = pending
    for s, e, char in tokens:
        if char in _SINGLE_MARKS:
            if _single_role(text, s, e, char, lo, hi, False) is None:
                continue
            return None
        if opener is None:
            if char not in '"“' or e == hi or text[e].isspace() or (
                    s > lo and not text[s - 1].isspace() and text[s - 1] not in _OPEN_BEFORE):
                return None
            if s > lo:
                continues = None
            opener = _new_mark((s, e, DOUBLE, OPEN, char == "“", False, False))
            marks.append(opener)
            opened, content_start = s, e
        else:
            before = text[s - 1]  # there is one: the opener
            if char not in '"”' or before.isspace() or before.isdigit() or (
                    e < hi and not text[e].isspace() and text[e] not in _CLOSE_AFTER):
                return None
            closer = _new_mark((s, e, DOUBLE, CLOSE, char == "”", False, False))
            marks.append(closer)
            quotations.append(_new_quotation((opened, e, DOUBLE, 0, block, opener, closer,
                                              continues, content_start, s)))
            opener = continues = None
    return (marks, quotations) if opener is None else None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _depths(spans) -> list[int]:
    """How many other quotations enclose each one (start at or before it, end at or
    after it). Visited by start, longest first, each counts the ends at or after
    its own among those visited, in a Fenwick tree: a block can hold thousands."""
    depths = [0] * len(spans)
    if all(a[0] < b[0] and a[1] <= b[0] and a[1] < b[1] for a, b in itertools.pairwise(spans)):
        return depths  # one after another, as found (most blocks): none encloses another
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    ends = sorted({span[1] for span in spans})
    tree = [0] * (len(ends) + 1)
    visited = 0
    for (_, end), group in itertools.groupby(order, key=lambda i: spans[i][:2]):
        same = list(group)  # identical spans enclose each other
        rank = bisect.bisect_left(ends, end)
        ended_before, i = 0, rank
        while i > 0:
            ended_before += tree[i]
            i -= i & -i
        for index in same:
            depths[index] = visited - ended_before + len(same) - 1
        i = rank + 1
        while i < len(tree):
            tree[i] += len(same)
            i += i & -i
        visited += len(same)
    return depths


def is_credit_line(text: str, block: Block) -> bool:
    """A short line that starts with a dash and a name: `- Jane Smith, Leeds`."""
    return (block.end - block.start < _DASH_CREDIT_MAX
            and bool(_DASH_CREDIT.match(text, block.start, block.end)))


# A single mark that does not stand between two letters or digits (`don't`, `O’Neill`,
# a mis-curled `O‘Neill`): the mark is the pattern's literal first character, which
# `re` looks for at C speed, and the neighbours are asked only where one stands.
_SINGLES_OUTSIDE_WORDS = {
    char: LazyRePattern(rf"{char}(?:(?<![^\W_]{char})|(?![^\W_]))") for char in prose.SINGLE_QUOTES}


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """The marks of the text as (start, end, characters), in order: each mark alone,
    except that two or three straight apostrophes in a row are one token. A longer
    run of one mark (four apostrophes, three of any other) quotes nothing in any
    prose: a typing slip or a rule drawn in marks, it is no quotation mark at all.
    Nor is a single mark between two letters or digits (`don't`, most apostrophes):
    the scanner would pass it over, and it is left out here, where it costs least
    (the characters around a block are the blank lines that join blocks, so both its
    neighbours are in its block). Double marks are found with str.find: a third of
    the time of one pattern's finditer over the text."""
    starts = []
    for char, outside_words in _SINGLES_OUTSIDE_WORDS.items():
        if char in text:
            starts += [found.start() for found in outside_words.finditer(text)]
    for char in prose.DOUBLE_QUOTES:
        at = text.find(char) if char in text else -1  # most texts lack most kinds of mark
        while at != -1:
            starts.append(at)
            at = text.find(char, at + 1)
    starts.sort()
    # Whether two marks touch, from the gaps between neighbours taken at C speed.
    if 1 not in map(operator.sub, starts[1:], starts):
        return [(at, at + 1, text[at]) for at in starts]
    tokens = []
    i, count = 0, len(starts)
    while i < count:
        at = starts[i]
        char = text[at]
        run = 1
        while i + run < count and starts[i + run] == at + run and text[at + run] == char:
            run += 1
        if run == 1:
            tokens.append((at, at + 1, char))
        elif char == "'" and run <= 3:
            tokens.append((at, at + run, text[at:at + run]))
        elif run == 2:
            tokens += ((at, at + 1, char), (at + 1, at + 2, char))
        i += run
    return tokens


def scan_quotes(text: str, blocks: Iterable[Block], prose: str | None = None) -> QuoteScan:
    """Scan every block of the article; quotations chain only across body blocks.

    `prose` is the text with markup, addresses and what the reader marked as not
    prose blanked out (Article.prose), so marks inside them are never read."""
    masked = text if prose is None else prose
    tokens = _tokens(masked)
    if not tokens:
        return QuoteScan((), (), (), ())  # nothing to read: most short items
    token_starts = [t[0] for t in tokens]
    marks: list[QuoteMark] = []
    scanner = None  # the stack machine, built for the first block not read plainly
    quotations: list[Quotation] = []
    continued: set[int] = set()  # carried on by the next paragraph, or by a dash credit line
    left_open: list[int] = []  # quotations with an opener and no closer
    pending: int | None = None  # the index of a quotation left open to carry on
    unread, count = 0, len(tokens)  # the first token of a block not yet read
    for block in blocks:
        if pending is not None and (not block.is_body or is_credit_line(masked, block)):
            if block.is_body:
                continued.add(pending)
            pending = None
        if pending is None and (unread == count or token_starts[unread] >= block.end):
            continue  # no marks and nothing open: nothing to do
        first = bisect.bisect_left(token_starts, block.start, unread)
        unread = bisect.bisect_left(token_starts, block.end, first)
        block_tokens = tokens[first:unread]
        plain = _plain_reading(masked, block, block_tokens, pending)
        if plain is not None:  # quotations one after another, each closed where it opened
            marks += plain[0]
            if plain[1] and plain[1][0].continues is not None:
                continued.add(pending)
            quotations += plain[1]
            pending = None
            continue
        if scanner is None:
            scanner = _Scanner(masked, text, marks)
        still_open = scanner.scan(block, block_tokens, pending, len(quotations))
        pending = still_open if block.is_body else None
        base = len(quotations)
        spans = scanner.spans
        depths, order, renumber = [0] * len(spans), range(len(spans)), {}
        if len(spans) > 1:  # most blocks hold one quotation at most: nothing to nest
            depths = _depths(spans)
            if any(a[0] > b[0] for a, b in itertools.pairwise(spans)):  # an inner one ended first
                order = sorted(range(len(spans)), key=lambda i: spans[i][0])
                renumber = {base + old: base + new for new, old in enumerate(order)}
        for old in order:
            start, end, kind, opener, closer, continues = spans[old]
            continues = renumber.get(continues, continues)
            if continues is not None:
                continued.add(continues)
            if closer is None and opener is not None:
                left_open.append(len(quotations))
            quotations.append(_new_quotation((
                start, end, kind, depths[old], block, opener, closer, continues,
                opener.end if opener else start, closer.start if closer else end)))
        if pending is not None and renumber:
            pending = renumber[pending]
    unclosed = tuple(quotations[i] for i in left_open if i not in continued)
    if scanner is None:
        return QuoteScan(tuple(marks), tuple(quotations), unclosed, ())
    return QuoteScan(tuple(scanner.kept_marks()), tuple(quotations), unclosed,
                     tuple(scanner.stray))
