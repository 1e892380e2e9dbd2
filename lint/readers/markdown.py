"""Markdown articles: CommonMark block structure, with exact offsets.

Headings, paragraphs, block quotes and list items are prose; fenced and indented
code, HTML comments and HTML-only lines, template tags on lines of their own (a
Hugo shortcode, `{{< figure src="a.jpg" >}}`, perhaps over several lines),
thematic breaks and YAML or TOML front matter are not. Front matter holds the
title, so unless a heading repeats it the body starts with the first block.
Block-quote and list markers are left out of the rendered text, and every line
of a block maps back to its own place in the source. Inline markup renders as a
reader sees it: the marks of `*emphasis*`, `__strong__` and the like, and a
link's or image's `[`, `![` and `](target)`, do not show, as tags do not in HTML
(no piece of the rendered text maps to them, so a fix whose edit would take one
is dropped); inline code, link targets of no link, autolinks, inline HTML tags
and template tags within a line (Jekyll's `{% include note.html %}` and
`{{ page.title }}`) are shown but not linted. Character references (`&nbsp;`,
`&quot;`, `&#8217;`) show the character they stand for, as CommonMark renders
them. Emphasis follows CommonMark's delimiter runs (§6.2: `*` between spaces, as
in `5 * 3`, and `_` within a word, as in `snake_case_name`, are text) and its
pairing, told within one line and never across a bracket that may make a link
the line cannot tell: a mark it cannot be sure pairs shows as written, so no
mark that renders is hidden. Reference links (`[text][ref]`) show as written.

The block grammar is a small line scanner rather than a Markdown library because
the libraries (markdown-it-py, mistune) report block positions by line only, and
copydesk needs the column of every character after the markers are removed.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.entities import html5
from itertools import accumulate, repeat

import regex

from lint import prose
from lint.document import Document, DocumentBuilder, Run, visible_runs
from lint.readers import leadin
from lint.source import Source

_ANY_BREAK = regex.compile(r"\r\n|\r|\n")
_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_MARKS = ("`", "~")
_ATX = regex.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = regex.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BREAK = regex.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = regex.compile(r"^ {0,3}> ?")
_ITEM = regex.compile(r"^( {0,3})(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HTML_LINE = prose.compile(r"^ {0,3}</?[A-Za-z][^>]*>\s*$")
_COMMENT_START = regex.compile(r"^ {0,3}<!--")
_INDENTED = regex.compile(r"^(?: {4}|\t)")
# Markdown indents with spaces and tabs only (CommonMark): any other white space at
# a line's start is text, as the renderer keeps it.
_INDENT = " \t"
# The characters but digits that a block construct can start with: the indentation
# before its marker, or the marker (a code fence, an HTML line or comment, a template
# tag, a setext underline, a thematic break, an ATX heading, a block quote, a bullet).
_BLOCK_MARKS = frozenset(" \t`~<{=-*_#>+")
# A template tag at a line's start (`{{< figure`, `{% include`), and what closes it.
_TEMPLATE_START = regex.compile(r"^ {0,3}\{([{%])")
_TEMPLATE_CLOSERS = {"{": "}}", "%": "%}"}
# Inline markup: link destinations, autolinks, inline HTML tags and template tags,
# shown to the reader but not prose; character references (CommonMark's: with their
# `;`), shown as the character; and backslash escapes, shown as the ASCII punctuation
# mark they escape (`said \"yes\"` quotes `yes`). Code spans, the other stretch
# shown but not prose, are paired by `_markup`. A template tag holds no brace, so
# that a line of unclosed `{{` is read once, not again from each of them.
_INLINE_MARKUP = prose.compile(
    r"(?<=\])\([^()\s]*(?:\s+\"[^\"]*\")?\)"
    r"|<(?:https?|mailto):[^>\s]*>"
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?>"
    r"|\{\{[^{}]*+\}\}"
    r"|\{%[^{}]*+(?<!\{%)(?<=%)\}"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|\\[!-/:-@\[-`{-~]"
)
# What starts a character reference or a backslash escape: inline markup shown as the
# one character it stands for.
_SHOWN_AS_CHARACTER = "&\\"

_BACKTICKS = re.compile("`+")
# The marks of emphasis, which the characters beside them make markup or text.
_EMPHASIS_MARKS = frozenset("*_")
# What pairs with its like within a line: code spans' backticks, emphasis marks.
_PAIRED_MARKS = re.compile("[`*_]")


@dataclass
class _Block:
    kind: str
    lines: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of content


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, without its line break (`\\r\\n`, `\\r` or
    `\\n`). A break that ends the text opens no line after it."""
    spans, start = [], 0
    if "\r" in text:
        for match in _ANY_BREAK.finditer(text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(text)))
    else:
        # Text with no carriage return, nearly all of it, is cut by str.split.
        for line in text.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
    if len(spans) > 1 and spans[-1][0] == len(text):
        spans.pop()
    return spans


# Front matter at the top: YAML between `---` lines (or `---` and `...`), and Hugo's
# TOML between `+++` lines.
_FRONT_MATTER_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}


def _front_matter_end(text: str, lines: list[tuple[int, int]]) -> int:
    """The index of the first line after the front matter; 0 when there is none."""
    closers = _FRONT_MATTER_CLOSERS.get(text[lines[0][0]:lines[0][1]]) if lines else None
    if closers is None:
        return 0
    close = next((j for j in range(1, len(lines)) if text[lines[j][0]:lines[j][1]] in closers),
                 None)
    return 0 if close is None else close + 1


def _scan(text: str, lines: list[tuple[int, int]], i: int,
          code: list[tuple[int, int]]) -> list[_Block | _PlainParagraphs]:
    """The prose blocks of a Markdown text from line i on, plain paragraphs in a row
    together; the code blocks' spans go to `code`."""
    blocks: list[_Block | _PlainParagraphs] = []
    current: _Block | None = None
    templates = _TemplateTags(text, lines)
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        if _starts_text(line):
            if current is None and (plain := _plain_paragraphs(text, start)):
                paragraphs, filled = plain
                blocks.append(paragraphs)
                i += filled
                continue
            current = _text_line(blocks, current, start, end)
        elif not line.strip():  # a blank line, which no block construct's pattern matches
            current = None
        # A pattern led by a mark (after the spaces its ` {0,3}` allows) is tried only
        # on a line led by that mark: a list item is not tried for them all.
        elif (lead := line.lstrip(" ")[:1]) in _FENCE_MARKS and (fence := _FENCE.match(line)):
            marker = fence.group(1)
            i += 1
            while i < len(lines) and not text[lines[i][0]:lines[i][1]].lstrip().startswith(marker):
                i += 1
            code.append((start, lines[min(i, len(lines) - 1)][1]))
            current = None
        elif lead == "<" and _COMMENT_START.match(line):
            while i < len(lines) and "-->" not in text[lines[i][0]:lines[i][1]]:
                i += 1
            current = None
        elif lead == "<" and _HTML_LINE.match(line):
            current = None
        elif lead == "{" and (template := _TEMPLATE_START.match(line)) and (
                last := templates.last_line(i, start + template.end(),
                                            _TEMPLATE_CLOSERS[template.group(1)])) is not None:
            i = last
            current = None
        elif _markup_led(line):
            current = _text_line(blocks, current, start + len(line) - len(line.lstrip(" ")), end)
        elif current is not None and current.kind == "paragraph" and _SETEXT.match(line):
            current.kind = "heading"
            current = None
        elif _BREAK.match(line):
            current = None
        elif lead == "#" and (heading := _ATX.match(line)):
            content_start = start + heading.start(2)
            blocks.append(_Block("heading", [(content_start, start + heading.end(2))]))
            current = None
        elif lead == ">" and (quote := _QUOTE.match(line)):
            content = (start + quote.end(), end)
            if not text[content[0]:content[1]].strip():
                current = None
            elif current is not None and current.kind == "blockquote":
                current.lines.append(content)
            else:
                current = _Block("blockquote", [content])
                blocks.append(current)
        elif item := _ITEM.match(line):
            current = _Block("list-item", [(start + item.end(), end)])
            blocks.append(current)
        elif current is None and _INDENTED.match(line):
            code.append((start, end))  # indented code
        else:
            indent = len(line) - len(line.lstrip(_INDENT))
            current = _text_line(blocks, current, start + indent, end)
        i += 1
    return blocks


class _TemplateTags:
    """Template tags that fill lines of their own (a shortcode written over several
    lines), found in one pass over the text however many lines start one: the next
    closer and the next blank line are each looked for from where the last look
    ended, as the lines are asked in order."""

    def __init__(self, text: str, lines: list[tuple[int, int]]):
        self.text, self.lines = text, lines
        self.starts: list[int] | None = None  # the lines' starts, once a tag is met
        self.closers: dict[str, int] = {}  # each closer's next place (len(text): none)
        self.blank = 0  # the next blank line's index (len(lines): none)

    def last_line(self, i: int, after_opener: int, closer: str) -> int | None:
        """The index of the line that closes the tag opened at line i's start, when its
        closer comes before the next blank line and nothing but white space follows
        it there; else None."""
        text, lines = self.text, self.lines
        at = self.closers.get(closer, -1)
        if at < after_opener:
            at = text.find(closer, after_opener)
            self.closers[closer] = at = len(text) if at == -1 else at
        if self.blank <= i:
            self.blank = i + 1
            while self.blank < len(lines):
                start, end = lines[self.blank]
                if not text[start:end].strip():
                    break
                self.blank += 1
        if at == len(text):
            return None
        if self.starts is None:
            self.starts = [start for start, _ in lines]
        last = bisect.bisect_right(self.starts, at) - 1
        if last >= self.blank or text[at + len(closer):lines[last][1]].strip():
            return None
        return last


def _markup_led(line: str) -> bool:
    """Whether the line starts, after at most three spaces, with a `<` or a `{`: then
    only an HTML line, a comment or a template tag, already tried, could make it
    other than text, and the other block patterns need not be tried."""
    shown = line.lstrip(" ")
    return len(line) - len(shown) <= 3 and shown[:1] in ("<", "{")


def _starts_text(line: str) -> bool:
    """Whether the line is text wherever it stands, told from its first character
    alone: one that starts no block construct, so the block patterns need not be
    tried.

    Besides the marks of `_BLOCK_MARKS`, a digit may start a list item, and white
    space a blank line. What is not printable is left to the patterns: that is all
    white space but the space (a mark), and the code points Python's Unicode tables
    do not assign, some of which the regex module's newer tables know as digits."""
    return (bool(line) and line[0] not in _BLOCK_MARKS and line[0].isprintable()
            and not line[0].isdecimal())


# The marks `_may_show_markup` looks for, with `]` alone standing for `](`, as the
# inside of a character class.
_MARKUP_MARK_CLASS = r"`<{&\\\]*_"
# Plain paragraphs: each one line that shows as written, followed by blank lines. The
# scanner reads such a line, where no block is open, as text (`_starts_text`), and
# `_runs` finds no markup in it (`_shows_as_written`). Told more narrowly here: the
# line's first character is printable ASCII but a block mark, a digit or a mark of
# `_MARKUP_MARK_CLASS`, or a curly quote; no other character is such a mark; a blank line
# holds spaces and tabs alone; and a line feed is the only break (a carriage return
# ends the run).
_PLAIN_PARAGRAPHS = re.compile(
    r"(?:[!\"$%'(),./:;?@A-Z\[^a-z|}‘’“”][^\r\n" + _MARKUP_MARK_CLASS
    + r"]*+\n(?:[ \t]*+\n)++)++")
# The blank lines after a plain paragraph's line, kept by a split at them.
_BLANK_LINES_AFTER = re.compile(r"(\n(?:[ \t]*+\n)++)")


class _PlainParagraphs:
    """Plain paragraphs in a row: where each starts, and its line as written."""

    __slots__ = ("starts", "lines")

    def __init__(self, starts: list[int], lines: list[str]):
        self.starts, self.lines = starts, lines


def _plain_paragraphs(text: str, start: int) -> tuple[_PlainParagraphs, int] | None:
    """The plain paragraphs in a row from `start`, a line's start where no block is
    open, and the number of lines they and the blank lines after them fill; None when
    the line at `start` is not one. Found by one match and cut by one split, not line
    by line: a text of one-letter paragraphs has one every three characters."""
    run = _PLAIN_PARAGRAPHS.match(text, start)
    if run is None:
        return None
    parts = _BLANK_LINES_AFTER.split(run.group())  # line, blank lines, ..., line, blank lines, ""
    starts = list(accumulate(map(len, parts), initial=start))
    return _PlainParagraphs(starts[:-2:2], parts[:-1:2]), run.group().count("\n")


def _text_line(blocks: list[_Block], current: _Block | None, start: int, end: int) -> _Block:
    """The block a text line belongs to: the paragraph, list item or block quote it
    continues, or a new paragraph."""
    if current is not None and current.kind in ("paragraph", "list-item", "blockquote"):
        current.lines.append((start, end))
        return current
    paragraph = _Block("paragraph", [(start, end)])
    blocks.append(paragraph)
    return paragraph


def _line_runs(text: str, stretch_start: int, start: int, end: int,
               code: list[tuple[int, int]], runs: list[Run]) -> int:
    """Adds to `runs` the inline markup of the line text[start:end] (`_inline`), each
    after the prose before it, which starts at `stretch_start`: what shows as no prose
    (inline code, link targets, tags) as a masked run, a character reference as the
    character, a run that maps as a whole, and markup that does not show (emphasis
    markers, link brackets) as no run at all. Returns where the prose after the last
    starts. The code spans' places go to `code`. Markup right after markup (`<b><i>`)
    is one masked run, so a line of nothing but tags costs a run, not one a tag."""
    cursor = stretch_start
    masked_start = None  # of the masked markup that runs up to `cursor`, if any
    for shown_start, shown_end, shown_as in _inline(text, start, end):
        if shown_as is None and text[shown_start] == "`":
            code.append((shown_start, shown_end))
        if shown_as is None and masked_start is not None and shown_start == cursor:
            cursor = shown_end
            continue
        if masked_start is not None:
            runs.append(Run(text[masked_start:cursor], masked_start, cursor - masked_start,
                            masked=True))
        runs.append(Run(text[cursor:shown_start], cursor, shown_start - cursor))
        if shown_as is None:
            masked_start = shown_start
        else:
            if shown_as:
                runs.append(Run(shown_as, shown_start, shown_end - shown_start, exact=False))
            masked_start = None
        cursor = shown_end
    if masked_start is not None:
        runs.append(Run(text[masked_start:cursor], masked_start, cursor - masked_start,
                        masked=True))
    return cursor


# Emphasis and links (CommonMark §6.2 and §6.3), told within one line. A run of `*`
# or `_` is a delimiter run; `[` or `![` opens a link or image whose `]` a link
# target follows at once.
_DELIMITERS_AND_BRACKETS = re.compile(r"\*+|_+|!?\[|\]")
_PUNCTUATION = regex.compile(r"[\p{P}\p{S}]")
_WHITE_SPACE = regex.compile(r"[\p{Zs}\t\n\f\r]")
# What flanks a delimiter run: white space, a punctuation mark or symbol, or other.
_SPACE, _MARK, _OTHER = 0, 1, 2
# Known at once for ASCII, told by the Unicode tables for the rest.
_ASCII_KINDS = {chr(c): _SPACE if chr(c) in " \t\n\f\r" else
                _MARK if _PUNCTUATION.match(chr(c)) else _OTHER for c in range(128)}


def _flank_kind(character: str) -> int:
    kind = _ASCII_KINDS.get(character)
    if kind is None:
        kind = (_SPACE if _WHITE_SPACE.match(character) else
                _MARK if _PUNCTUATION.match(character) else _OTHER)
    return kind


class _DelimiterRun:
    """A run of `*` or `_`; `start` and `end` close in as its marks pair off, a
    closer's from its start and an opener's from its end."""

    __slots__ = ("mark", "start", "end", "length", "can_open", "can_close")

    def __init__(self, mark: str, start: int, end: int, can_open: bool, can_close: bool):
        self.mark, self.start, self.end, self.length = mark, start, end, end - start
        self.can_open, self.can_close = can_open, can_close


def _delimiter_run(text: str, start: int, end: int, line_start: int,
                   line_end: int) -> _DelimiterRun | None:
    """The delimiter run text[start:end], with what it can do by the characters
    around it (a line's ends count as white space), or None when it can do nothing:
    `5 * 3`, `snake_case_name`."""
    before = _flank_kind(text[start - 1]) if start > line_start else _SPACE
    after = _flank_kind(text[end]) if end < line_end else _SPACE
    before_space, after_space = before == _SPACE, after == _SPACE
    before_mark, after_mark = before == _MARK, after == _MARK
    left = not after_space and (not after_mark or before_space or before_mark)
    right = not before_space and (not before_mark or after_space or after_mark)
    if text[start] == "*":
        can_open, can_close = left, right
    else:  # `_` within a word is no emphasis
        can_open = left and (not right or before_mark)
        can_close = right and (not left or after_mark)
    if not (can_open or can_close):
        return None
    return _DelimiterRun(text[start], start, end, can_open, can_close)


def _paired_emphasis(runs: list[_DelimiterRun]) -> Iterator[tuple[int, int]]:
    """The marks of the delimiter runs (of one scope, in order) that pair off as
    emphasis, by CommonMark's procedure: each closer takes the nearest opener of its
    mark, two marks at a time where both have two.

    The line may continue a paragraph whose earlier lines left openers that a closer
    here would take, dropping the openers between and keeping the closer from
    opening. So a closer that finds no opener here drops every opener before it and
    opens nothing: what follows pairs only with what follows, as CommonMark pairs it
    whatever came before, and no mark that CommonMark shows is hidden. Each opener
    is passed over at most once before it is dropped: linear."""
    openers: list[_DelimiterRun] = []
    for closer in runs:
        while closer.can_close and closer.end > closer.start:
            at = len(openers) - 1
            while at >= 0 and not _pair(openers[at], closer):
                at -= 1
            if at < 0:
                openers.clear()
                closer.can_open = False
                break
            opener = openers[at]
            del openers[at + 1:]
            used = 2 if opener.end - opener.start >= 2 and closer.end - closer.start >= 2 else 1
            opener.end -= used
            yield opener.end, opener.end + used
            yield closer.start, closer.start + used
            closer.start += used
            if opener.end == opener.start:
                openers.pop()
        if closer.can_open and closer.end > closer.start:
            openers.append(closer)


def _pair(opener: _DelimiterRun, closer: _DelimiterRun) -> bool:
    """Whether the closer may take marks from the opener: the same mark, and (where
    either run can both open and close) lengths that do not add up to a multiple of
    three unless both are one."""
    if opener.mark != closer.mark:
        return False
    both_ways = opener.can_close or closer.can_open
    return not (both_ways and (opener.length + closer.length) % 3 == 0
                and (opener.length % 3 or closer.length % 3))


def _inline(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """The inline markup of the line text[start:end], in order, as (start, end, what
    it shows): None for what shows as written but is no prose (code spans, link
    targets of no link, autolinks, tags, template tags), the character a character
    reference or backslash escape stands for, and "" for what does not show: the
    emphasis marks that pair off (`_emphasis`) and a link's or image's brackets and
    target (`[`, `![`, `](target)`).

    Links and emphasis are told within the line, so a link or a pair of marks split
    over two lines shows as written. Brackets pair as CommonMark pairs them: a `]`
    closes the nearest `[` or `![` open, and makes a link when a target follows it
    at once; a link (not an image) leaves the `[` still open as text, as a link holds
    no link. A bracket that may make a link this line cannot tell (one whose partner
    is on another line, a pair with no target after it, which a reference definition
    may make a link, or with a `(` after it that opens a target `_INLINE_MARKUP`
    does not read) walls emphasis in: no marks pair across it; and after such a `(`,
    the `[` still open make no link either."""
    items: list[tuple[int, int, str | None]] = []
    targets: dict[int, int] = {}  # a link target's start: its end
    stretches, cursor = [], start
    for shown_start, shown_end in _markup(text, start, end):
        piece = text[shown_start:shown_end]
        shown_as = _character(piece) if piece[0] in _SHOWN_AS_CHARACTER else None
        if shown_as == piece:
            continue  # no entity's name: text as written
        if piece[0] == "(":
            targets[shown_start] = shown_end
        else:
            items.append((shown_start, shown_end, shown_as))
        stretches.append((cursor, shown_start))
        cursor = shown_end
    stretches.append((cursor, end))
    brackets: list[tuple[int, int, int]] = []  # open: (number, start, end)
    texts: list[tuple[int, int]] = []  # (start, end) of each link's text
    walls: list[int] = []
    marks: list[tuple[int, int]] = []
    no_link_through, number = -1, 0  # a `[` numbered up to here makes no link
    # A line of tags or entities but no mark or bracket (most with markup) has no
    # stretch to search: one search says so, where a line of many tags has as many.
    if _DELIMITERS_AND_BRACKETS.search(text, start, end) is None:
        stretches = []
    for stretch_start, stretch_end in stretches:
        for found in _DELIMITERS_AND_BRACKETS.finditer(text, stretch_start, stretch_end):
            at, mark = found.start(), found.group()
            if mark[-1] == "[":
                number += 1
                brackets.append((number, at, found.end()))
            elif mark != "]":
                marks.append(found.span())
            elif not brackets:
                walls.append(at)
            else:
                opened, open_start, open_end = brackets.pop()
                if opened <= no_link_through and text[open_start] == "[":
                    continue
                target_end = targets.pop(at + 1, None)
                if target_end is None:
                    walls += [open_start, at]
                    if text.startswith("(", at + 1) and text[open_start] == "[":
                        no_link_through = number  # a target this reader does not read
                    continue
                items += [(open_start, open_end, ""), (at, target_end, "")]
                texts.append((open_end, at))
                if text[open_start] == "[":
                    no_link_through = number
    walls += [open_start for _, open_start, _ in brackets]
    items.extend((target, target_end, None) for target, target_end in targets.items())
    if marks:
        items.extend((s, e, "") for s, e in _emphasis(text, marks, sorted(texts), sorted(walls),
                                                      start, end))
    items.sort()
    return items


def _emphasis(text: str, marks: list[tuple[int, int]], texts: list[tuple[int, int]],
              walls: list[int], start: int, end: int) -> Iterator[tuple[int, int]]:
    """The marks of the delimiter runs at `marks` that pair off: each link text in
    `texts` (nested or apart, by start) is a scope of its own, and between two walls
    the runs pair only with each other."""
    if not texts and not walls:  # nearly every line
        runs = [run for run_start, run_end in marks
                if (run := _delimiter_run(text, run_start, run_end, start, end)) is not None]
        yield from _paired_emphasis(runs)
        return
    scopes: dict[tuple[int, int], list[_DelimiterRun]] = {}
    enclosing: list[int] = []  # the link texts around the next run, innermost last
    following = 0
    for run_start, run_end in marks:
        while following < len(texts) and texts[following][0] <= run_start:
            enclosing.append(following)
            following += 1
        while enclosing and texts[enclosing[-1]][1] <= run_start:
            enclosing.pop()
        run = _delimiter_run(text, run_start, run_end, start, end)
        if run is not None:
            scope = (enclosing[-1] if enclosing else -1, bisect.bisect(walls, run_start))
            scopes.setdefault(scope, []).append(run)
    for runs in scopes.values():
        yield from _paired_emphasis(runs)


def _character(reference: str) -> str:
    """What a character reference or a backslash escape shows: the character of an
    HTML5 entity name or of a code (U+FFFD for none), a space for white space
    (`&NewLine;`), as a browser shows it, the reference as written for an unknown
    name, and the escaped mark."""
    if reference[0] == "\\":
        return reference[1]
    character = (html5.get(reference[1:], reference) if reference[1] != "#"
                 else html.unescape(reference))
    return " " if not character.strip(prose.MARKUP_SPACE) else character


_MARKUP_MARKS = re.compile(f"[{_MARKUP_MARK_CLASS}]")


def _shows_as_written(text: str, start: int, end: int) -> bool:
    """Whether a block of the one line text[start:end] shows it as written, but for
    the white space around it: none of the marks `_may_show_markup` looks for stands
    in the line or just before it, so `_runs` gives the line as one run, which
    `visible_runs` trims. One search, where `_may_show_markup` makes eight."""
    return _MARKUP_MARKS.search(text, max(start - 1, 0), end) is None


def _may_show_markup(text: str, start: int, end: int) -> bool:
    """Whether `_inline` may find something in text[start:end]: a code span needs a
    backtick, an autolink or a tag a `<`, a template tag a `{`, a character reference
    a `&`, a backslash escape a `\\`, emphasis a `*` or a `_`, and a link target (and
    so a link) a `(` after a `]`, which may be the character just before `start`."""
    return (text.find("`", start, end) != -1 or text.find("<", start, end) != -1
            or text.find("{", start, end) != -1 or text.find("&", start, end) != -1
            or text.find("\\", start, end) != -1 or text.find("*", start, end) != -1
            or text.find("_", start, end) != -1
            or text.find("](", max(start - 1, 0), end) != -1)


def _markup(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The inline markup of a line, in order: code spans, link targets, autolinks,
    tags, template tags and character references. The first to start wins and the
    search goes on after it, as with one pattern.

    A code span runs from a run of backticks to the next run of the same length; a
    run with none is text (CommonMark). Pairing the runs through their lengths looks
    at each run once, where a pattern would read the rest of the line from every
    unpaired backtick."""
    ticks = [m.span() for m in _BACKTICKS.finditer(text, start, end)]
    by_length: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(ticks):
        by_length.setdefault(e - s, []).append(i)
    cursor, i = start, 0
    other = _INLINE_MARKUP.search(text, cursor, end)
    while True:
        span = None
        while i < len(ticks) and span is None:
            if ticks[i][0] >= cursor:
                same = by_length[ticks[i][1] - ticks[i][0]]
                j = bisect.bisect_right(same, i)
                if j < len(same):
                    span, closing = (ticks[i][0], ticks[same[j]][1]), same[j]
                    continue
            i += 1
        if other is not None and other.start() < cursor:
            other = _INLINE_MARKUP.search(text, cursor, end)
        if span is not None and (other is None or span[0] < other.start()):
            yield span
            cursor, i = span[1], closing + 1
        elif other is not None:
            yield other.span()
            cursor = other.end()
        else:
            return


def _runs(text: str, block: _Block, code: list[tuple[int, int]]) -> list[Run]:
    """The block's lines without the indentation around them, each after the last
    joined by a line break.

    Where a lone `\\n` stands between two lines, the lines and the break render as
    written: that stretch of source is one run, as a plain-text paragraph is. A
    break that stands for more (a `\\r`, white space or a block quote marker, which
    the rendering drops) is a run of its own that maps as a whole onto what stands
    between the lines, and what a line shows as no prose is a masked run."""
    runs: list[Run] = []
    # Markup found nowhere in the block's source is looked for in none of its lines: a
    # match within a line is one within the block (where a tag may also run across
    # lines), so one search tells it for a block of many lines with a `<` or a `{`.
    first, last = (block.lines[0][0], block.lines[-1][1]) if block.lines else (0, 0)
    markup = _may_show_markup(text, first, last)
    if markup and _PAIRED_MARKS.search(text, first, last) is None:
        markup = _INLINE_MARKUP.search(text, first, last) is not None
    stretch_start = previous_end = None
    for line_start, line_end in block.lines:
        line = text[line_start:line_end]
        start, end = line_end - len(line.lstrip(_INDENT)), line_start + len(line.rstrip(_INDENT))
        if end <= start:
            continue  # nothing but indentation
        if previous_end is None:
            stretch_start = start
        elif start - previous_end != 1 or text[previous_end] != "\n":
            runs.append(Run(text[stretch_start:previous_end], stretch_start,
                            previous_end - stretch_start))
            runs.append(Run("\n", previous_end, start - previous_end, exact=False))
            stretch_start = start
        if markup and _may_show_markup(text, start, end):
            stretch_start = _line_runs(text, stretch_start, start, end, code, runs)
        previous_end = end
    if previous_end is not None:
        runs.append(Run(text[stretch_start:previous_end], stretch_start,
                        previous_end - stretch_start))
    return runs


# A line between two blocks that holds nothing but their markers, and a gap of such
# lines, read in one match (possessive throughout: no line holds a break, and no part
# of one gives back what the next part could take).
_MARKERS_LINE = r"[ \t]*+(?:>[ \t]*+)*+(?:(?:[-*+]|\d{1,9}[.)])[ \t]*+)?+"
_MARKERS_ONLY = regex.compile(rf"(?:{_MARKERS_LINE}(?:{_ANY_BREAK.pattern}))*+{_MARKERS_LINE}")


def _joined(gap: str) -> bool:
    """Whether only white space and block markers stand between two blocks, `gap`
    being the source between them: each of its lines holds only markers."""
    if not gap.strip(" \t\r\n"):  # blank lines alone, as between most blocks
        return True
    return _MARKERS_ONLY.fullmatch(gap) is not None


def _joined_by_markers(gap: str) -> bool:
    """Whether block markers, not white space alone, join two blocks (`_joined`): then
    the separator between them maps over the markers."""
    return not gap.isspace() and _joined(gap)


_LINE_BREAKS = regex.compile(r"\r\n?")
# A line break, the white space around it and a block quote marker (at most three
# spaces in, as the scanner reads one): what a continued line's rendering drops.
_LINE_JOIN = regex.compile(r"[ \t]*\n(?: {0,3}>[ \t]?)?[ \t]*")


def render(source: str) -> str:
    """A source slice as this reader renders it: line breaks as `\\n`, the block
    markers and indentation after them dropped, character references and backslash
    escapes as their characters, and emphasis marks and link brackets that pair off
    in a line left out."""
    rendered = _LINE_JOIN.sub("\n", _LINE_BREAKS.sub("\n", source))
    if not _may_show_markup(rendered, 0, len(rendered)):
        return rendered
    return "\n".join(_shown(line, 0, len(line)) for line in rendered.split("\n"))


def _shown(text: str, start: int, end: int) -> str:
    """What the line text[start:end] shows (`_inline`)."""
    parts, cursor = [], start
    for item_start, item_end, shown_as in _inline(text, start, end):
        if shown_as is not None:
            parts += [text[cursor:item_start], shown_as]
            cursor = item_end
    parts.append(text[cursor:end])
    return "".join(parts)


def _lead_in_apart(blocks: list[_Block | _PlainParagraphs]) -> list[_Block | _PlainParagraphs]:
    """The blocks with each of the first READ_BLOCKS a block of its own, as the lead-in
    model reads them: plain paragraphs in a row among them are cut into single
    paragraphs up to there."""
    apart: list[_Block | _PlainParagraphs] = []
    for i, block in enumerate(blocks):
        room = leadin.READ_BLOCKS - len(apart)
        if room <= 0:
            return apart + blocks[i:]
        if isinstance(block, _PlainParagraphs):
            apart += [_Block("paragraph", [(start, start + len(line))])
                      for start, line in zip(block.starts[:room], block.lines[:room],
                                             strict=True)]
            if len(block.lines) > room:
                apart.append(_PlainParagraphs(block.starts[room:], block.lines[room:]))
        else:
            apart.append(block)
    return apart


def _lead_in_read_by_line(text: str, blocks: list[_Block | _PlainParagraphs],
                          ) -> list[_Block | _PlainParagraphs]:
    """The blocks, the leading ones each a block of its own (`_lead_in_apart`), with
    the leading paragraphs split where the lead-in model reads them line by line
    (leadin.split_lead_in)."""
    leading = blocks[:leadin.LEAD_IN_BLOCKS]
    if all(len(b.lines) == 1 or b.kind != "paragraph" for b in leading):
        return blocks
    groups = leadin.split_lead_in([[_shown(text, s, e).strip() for s, e in b.lines]
                                   if b.kind == "paragraph" else [""] for b in leading])
    # Only paragraphs are read line by line: a list item or quote stays whole.
    split = [_Block(b.kind, b.lines[first:last])
             for b, runs in zip(leading, groups, strict=True)
             for first, last in (runs if b.kind == "paragraph" else [(0, len(b.lines))])]
    return split + blocks[len(leading):]


# A line of more words than this is body to the lead-in model whatever its marks
# (its longest lead-in line, a standfirst, has 40 words), so it is read as written:
# rendering a page-long line of emphasis costs as much as reading the page.
_LEAD_IN_WORDS_RENDERED = 100


def _lead_in_line(text: str, start: int, end: int) -> str:
    """The line text[start:end] as the lead-in model reads it: as it shows, if it is
    short enough to be a lead-in line."""
    if len(text[start:end].split(None, _LEAD_IN_WORDS_RENDERED)) > _LEAD_IN_WORDS_RENDERED:
        return text[start:end]
    return _shown(text, start, end)


def read(path: str, text: str) -> Document:
    builder = DocumentBuilder(path, "markdown", _EMPHASIS_MARKS)
    builder.add_source(Source(text))
    code: list[tuple[int, int]] = []
    lines = _lines(text)
    body = _front_matter_end(text, lines)
    blocks = _lead_in_read_by_line(text, _lead_in_apart(
        [b for b in _scan(text, lines, body, code)
         if isinstance(b, _PlainParagraphs) or any(e > s for s, e in b.lines)]))
    kinds: list[str | None] = [None] * len(blocks)
    if blocks and blocks[0].kind in ("heading", "paragraph"):
        leading = ["\n".join(_lead_in_line(text, s, e) for s, e in b.lines)
                   for b in blocks[:leadin.READ_BLOCKS]]
        # Front matter holds the title: unless a heading repeats it, the body starts
        # below the headline.
        kinds[:len(leading)] = leadin.classify(leading,
                                               first_is_heading=blocks[0].kind == "heading",
                                               headline_given=body > 0)
    # Blocks that show their lines as written (plain paragraphs in a row, and a block of
    # one line in which `_runs` finds no markup) are copied in batches, as the
    # plain-text reader copies its paragraphs: a text of one-letter paragraphs (or of
    # short list items) has a block every few characters.
    batch: tuple[list[str], list[int], list[str], list[bool]] = ([], [], [], [])
    previous_end = None  # where the source of the last block added ends
    for block, kind in zip(blocks, kinds, strict=True):
        if isinstance(block, _PlainParagraphs):
            kind, starts, shown = "paragraph", block.starts, list(map(str.rstrip, block.lines))
        elif len(block.lines) == 1 and _shows_as_written(text, *block.lines[0]):
            line_start, line_end = block.lines[0]
            line = text[line_start:line_end]
            if not line.strip():
                continue  # white space alone shows nothing
            kind, starts, shown = (kind or block.kind, [line_end - len(line.lstrip())],
                                   [line.strip()])
        else:
            # A character reference may show white space, which the scanner saw as text.
            runs = visible_runs([run for run in _runs(text, block, code) if run.text])
            if not runs:
                continue  # a lead-in line split off an empty list item shows nothing
            builder.add_copied_blocks(*batch[:3], joined=batch[3])
            batch = ([], [], [], [])
            joined = previous_end is not None and _joined(text[previous_end:runs[0].src_start])
            builder.add_block(kind or block.kind, runs, joined)
            previous_end = runs[-1].src_start + runs[-1].src_length
            continue
        # Markers alone may join the first block to the one before (a list item to
        # the one above it); the others are plain paragraphs apart.
        batch[3].append(previous_end is not None
                        and _joined_by_markers(text[previous_end:starts[0]]))
        batch[3].extend(repeat(False, len(shown) - 1))
        batch[0].extend(repeat(kind, len(shown)))
        batch[1].extend(starts)
        batch[2].extend(shown)
        previous_end = starts[-1] + len(shown[-1])
    builder.add_copied_blocks(*batch[:3], joined=batch[3])
    for start, end in code:
        builder.add_code(start, end)
    return builder.build()
