"""HTML as a browser renders it, with every rendered character traced to its source.

Shared by the HTML reader and the CMS readers (whose strings hold inline HTML).
`parse` builds a small element tree whose nodes know their source offsets;
`inline_runs` renders inline content the way a browser does (tags transparent,
entities decoded, white space collapsed, `<br>` a line break) as DocumentBuilder
Runs; `render` renders a source slice the same way, for the location invariant.

The tokenizer is the standard library's `html.parser`: it is maintained with
CPython (security fixes included), tolerates broken markup without raising,
and tells where every token starts (`getpos()`, kept by the `updatepos()` calls
the tree builder listens to), which is all the span map needs. lxml reports lines
but not columns, and html5lib and selectolax report no positions. The tree is
built here with the browser's common implied-end-tag rules (an open `<p>` closes
before a block, `<li>` before `<li>`), which is enough to find paragraphs; the full
HTML5 tree-construction algorithm (adoption agency, foster parenting) would change
no rendered text we lint.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.entities import html5
from html.parser import HTMLParser

import regex

from lint import prose
from lint.document import DocumentBuilder, Run, visible_runs
from lint.source import Source

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                  "meta", "param", "source", "track", "wbr"})
# Elements whose text a reader never sees as prose: scripts, styles, widgets, media.
INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe",
                       "object", "embed", "canvas", "video", "audio", "select", "textarea",
                       "button", "input", "head", "picture", "map"})
# Inline code is not copy: it renders as one placeholder character, masked (never
# linted), so the words on either side never read as adjacent.
CODE = frozenset({"code", "kbd", "samp", "var", "tt"})
CODE_PLACEHOLDER = "\ufffc"
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
    "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "listing", "plaintext", "xmp",
})
# Opening one of these closes an open <p> (HTML5 "close a p element").
_CLOSES_P = BLOCK - {"body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "caption"}
# Opening the key closes an open element of the value set, up to the given boundary.
_IMPLIED_END = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th"}, {"table", "tbody", "thead", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "option": ({"option"}, {"select", "datalist"}),
    **{h: ({f"h{n}" for n in range(1, 7)}, set()) for h in ("h1", "h2", "h3", "h4", "h5", "h6")},
}
_P_SCOPE_BOUNDARY = frozenset({"table", "td", "th", "button", "blockquote", "figure",
                               "li", "dd", "dt", "div", "section", "article", "aside"})
# The start tags that may close open elements (any other only opens its own).
_CLOSING_START_TAGS = _CLOSES_P | _IMPLIED_END.keys()

_BROKEN_MARKUP = regex.compile(r"<[A-Za-z!/?]")
# HTML white space (prose.MARKUP_SPACE) and character references, matched as
# html.unescape matches them (by `re`, which starts a search sooner than `regex`:
# text nodes are many and short).
_ATOM = re.compile(r"[ \t\n\r\f]+|&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\r\f <&#;]{1,32};?)")
_SPACE_OR_AMPERSAND = frozenset(prose.MARKUP_SPACE + "&")  # where an _ATOM may start
# A decimal reference past U+10FFFF (eight digits or more after any zeros) is U+FFFD,
# as html.unescape has it; told here, because its int() refuses over 4,300 digits.
_HUGE_DECIMAL_REFERENCE = regex.compile(r"&#0*+[1-9][0-9]{7,}")


@dataclass(eq=False, slots=True)
class Text:
    start: int
    end: int


@dataclass(eq=False, slots=True)
class Element:
    tag: str
    attrs: dict[str, str | None]  # None for an attribute written without a value
    start: int
    end: int = -1
    children: list[Element | Text] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)
    quoted: bool = False  # inside a <q>: its own marks are then single ones
    end_tag: int | None = None  # where its end tag starts, when one closed it

    def attr(self, name: str) -> str:
        """The attribute's value; empty when it is missing or has none."""
        return self.attrs.get(name) or ""

    def iter(self):
        """This element and every element below it, in document order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(c for c in reversed(element.children) if isinstance(c, Element))


class _TreeBuilder(HTMLParser):
    """Builds the element tree as the standard parser hands over each token. A node
    whose end no tag marks (a text, a void element, an element with its end tag)
    ends where the next token starts, or at the end of the input."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self._text = text
        self.root = Element("#root", {}, 0)
        self.elements = [self.root]  # as made: in document order
        self._open_elements = _OpenElements(self.root)
        # The parser calls updatepos(i, j) as it moves past each token it hands over,
        # and past anything it drops unreported (`</>`); `j` counts from where the text
        # it reads (`rawdata`) starts in `text`. So the last `j` is where the token
        # being handed over starts, which is where the node before it ends: no line
        # and column from getpos() to convert.
        self._token_start = 0
        self._rawdata_start = 0
        self._unended: Element | Text | None = None  # the node the next token ends

    def updatepos(self, i: int, j: int) -> int:
        self._token_start = self._rawdata_start + j
        if self._unended is not None:
            self._unended.end = self._token_start
        return j

    def read(self, end: int) -> None:
        """Build the tree of text[:end]: the text after it is markup that the parser
        is not given, which ends the last node."""
        # The parser unescapes text and attributes, which the tree does not keep: such
        # a reference goes to it as text of the same length.
        self.feed(_HUGE_DECIMAL_REFERENCE.sub(lambda m: "&_" + m.group()[2:], self._text[:end]))
        # What feed() left unread (a tag that more input might complete) close() reads
        # from the start of `rawdata`.
        self._rawdata_start = end - len(self.rawdata)
        self.close()
        if self._unended is not None:
            self._unended.end = end
        self._open_elements.close_from(1, len(self._text))
        self.root.end = len(self._text)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs) if attrs else {}, self._token_start)
        self.elements.append(element)
        self._unended = self._open_elements.open(element)

    handle_startendtag = handle_starttag  # HTML ignores the slash on non-void elements

    def handle_endtag(self, tag):
        if tag == "br":  # `</br>` is a <br>, as a browser has it
            self.handle_starttag(tag, ())
        else:
            self._unended = self._open_elements.close(tag, self._token_start)

    def handle_data(self, data):
        # A tag or comment left open at the end of the input comes back as text; a
        # browser shows none of it.
        # Told from the source, where `data` (unescaped, never longer) may read `&lt;p`.
        if data[:1] == "<" and _BROKEN_MARKUP.match(
                self._text, self._token_start, self._token_start + len(data)):
            self._unended = None
        elif type(self._unended) is not Text:  # text cut at a `<` that opened no tag goes on
            self._unended = Text(self._token_start, -1)
            self._open_elements.stack[-1].children.append(self._unended)

    def handle_comment(self, data):
        self._unended = None

    handle_decl = handle_pi = unknown_decl = handle_comment

    def parse_marked_section(self, i, report=1):
        # A browser reads `<![` outside SVG and MathML as a bogus comment that ends
        # at the first `>` (`<![CDATA[a > b]]>` shows ` b]]>`); the standard parser
        # takes it for an SGML marked section and asserts on a keyword it does not
        # know (`<![x[`).
        return self.parse_bogus_comment(i, report)

    def parse_endtag(self, i):
        # `</>` is dropped, by a browser and by the standard parser alike, but the
        # parser tells no handler: it ends the text before it here, or that text
        # would run on over it and show it (`deal</>was` as `deal</>was`, not `dealwas`).
        if self.rawdata.startswith("</>", i):
            self._unended = None
        return HTMLParser.parse_endtag(self, i)


def parse(text: str) -> Element:
    """The element tree of an HTML document or fragment (never raises), nested as
    deep as the markup is, as a browser nests it."""
    return parse_elements(text)[0]


def parse_elements(text: str) -> list[Element]:
    """Every element of the tree `parse` builds, in document order (parents before
    children), the root first: made in that order, so listed as they are made."""
    builder = _TreeBuilder(text)
    # A tag or comment opened after the last `>` runs to the end of the input, where
    # a browser drops it. It is not given to the standard parser, which would read
    # the rest of the input again from each `<` in it (fixed in CPython's 2025
    # security releases, gh-135462); it is one token of markup.
    builder.read(_unclosed_tail(text))
    return builder.elements


def _unclosed_tail(text: str) -> int:
    """Where a tag or comment that no `>` closes opens, or the end of the text."""
    opened = _BROKEN_MARKUP.search(text, text.rfind(">") + 1)
    return opened.start() if opened else len(text)


class _OpenElements:
    """The stack of open elements, knowing where each tag stands in it: an open tag
    or a scope boundary is found at once, however deep the stack."""

    def __init__(self, root: Element):
        self.stack = [root]
        self._places: defaultdict[str, list[int]] = defaultdict(list)  # tag: its indices, rising

    def open(self, element: Element) -> Element | None:
        """Open an element where it starts (closing those its tag ends); a void one is
        returned, as the token after it ends it."""
        tag = element.tag
        if tag in _CLOSING_START_TAGS:
            self._close_implied(tag, element.start)
        parent = self.stack[-1]
        element.parent = parent
        element.quoted = parent.quoted or parent.tag == "q"
        parent.children.append(element)
        if tag in VOID:
            return element
        self._places[tag].append(len(self.stack))
        self.stack.append(element)
        return None

    def _close_implied(self, tag: str, at: int) -> None:
        """Close at `at` the open elements that a start tag of `tag` ends there."""
        if tag in _CLOSES_P:
            i = self.find(("p",), _P_SCOPE_BOUNDARY)
            if i is not None:
                self.close_from(i, at)
        if tag in _IMPLIED_END:
            i = self.find(*_IMPLIED_END[tag])
            if i is not None:
                self.close_from(i, at)

    def close(self, tag: str, start: int) -> Element | None:
        """Close the innermost open element of the tag, whose end tag starts at
        `start`, and the elements open inside it there; the element is returned, as
        the token after its end tag ends it."""
        if self.stack[-1].tag != tag:  # else it is the current element, as most are
            i = self.find((tag,))
            if i is None:
                return None
            self.close_from(i + 1, start)
        element = self.stack.pop()
        self._places[tag].pop()
        element.end_tag = start
        return element

    def close_from(self, index: int, at: int) -> None:
        """Close stack[index:] at offset `at`."""
        for element in self.stack[index:]:
            element.end = at
            self._places[element.tag].pop()
        del self.stack[index:]

    def _innermost(self, tags) -> int:
        innermost = 0
        for tag in tags:
            places = self._places.get(tag)
            if places and places[-1] > innermost:
                innermost = places[-1]
        return innermost

    def find(self, tags, boundary=()) -> int | None:
        """The index of the innermost open element of `tags` with no element of
        `boundary` inside it, if there is one."""
        index = self._innermost(tags)
        return index if index and index > self._innermost(boundary) else None


# --- inline rendering -------------------------------------------------------------

_HIDDEN_STYLE = prose.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# The common classes for text only screen readers get (`Media caption`, `Share`).
_SCREEN_READER_ONLY = regex.compile(
    r"(?<![\w-])(?:visually-?hidden|sr-only|screen-reader-text|off-?screen)(?![\w-])",
    regex.IGNORECASE)


def hidden(element: Element) -> bool:
    """Not shown as text: scripts, media, widgets, elements hidden by attribute or
    style (`aria-hidden` marks decoration, such as icon glyphs) and text meant for
    screen readers only."""
    return element.tag in INVISIBLE or (bool(element.attrs) and (  # most have none
        "hidden" in element.attrs or element.attr("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.attr("style")))
        or bool(_SCREEN_READER_ONLY.search(element.attr("class")))))


def holders(elements: list[Element], tags: frozenset[str] | set[str],
             through_hidden: bool = True) -> set[int]:
    """Ids of the elements that hold an element of `tags` (inside an INVISIBLE one
    too, unless not `through_hidden`). Found children first (`elements` are in
    document order), each that is or holds one telling its parent, so that no
    recursion runs as deep as the markup."""
    found: set[int] = set()
    for element in reversed(elements):
        if ((through_hidden or element.tag not in INVISIBLE)
                and (element.tag in tags or id(element) in found)
                and element.parent is not None):
            found.add(id(element.parent))
    return found


_SPACE, _BREAK = " ", "\n"
# Tags that render as something other than their content (an element of any other
# tag does so only by its attributes: `hidden`, a style).
_RENDERED_TAGS = frozenset({"br", "q"}) | CODE | INVISIBLE | BLOCK
# Runs are made a word and a space at a time: built as the tuples they are, without
# the Python-level __new__ a NamedTuple's call runs (as DocumentBuilder builds pieces).
_built = tuple.__new__


def _reference(piece: str) -> str:
    """The character reference that `piece` (`&` and a name) starts with, as
    html.unescape reads it: a name without its `;` is the longest known prefix
    (`&nbspgreat` is `&nbsp` and `great`), and the characters after it are text."""
    name = piece[1:]
    if name[:1] == "#" or name in html5:
        return piece
    for length in range(len(name) - 1, 1, -1):
        if name[:length] in html5:
            return piece[:length + 1]
    return piece


# The runs of a rendering collapse white space as a browser shows it: runs of it
# (across tags) become one space, spaces next to a line break go, and the edge of a
# block next to a line break adds none. A space is the only run that reads " ", and
# a line break (a `<br>`, a block's edge) the only one that reads "\n".

def _add_space(out: list[Run], start: int, end: int, source_index: int) -> None:
    if not out or (out[-1].text != _SPACE and out[-1].text != _BREAK):
        out.append(_built(Run, (_SPACE, start, end - start, False, source_index, False)))


def _add_break(out: list[Run], line_break: Run, block_edge: bool) -> None:
    if out and out[-1].text == _SPACE:
        out.pop()
    if not (block_edge and out and out[-1].text == _BREAK):
        out.append(line_break)


def _add_text(out: list[Run], source: str, start: int, end: int, source_index: int) -> None:
    """The runs of the text source[start:end]: its words as written, its white space
    and its character references as they show."""
    text = source[start:end]
    if _SPACE_OR_AMPERSAND.isdisjoint(text):  # shown as written: no white space, no reference
        if text:
            out.append(_built(Run, (text, start, end - start, True, source_index, False)))
        return
    if not text.strip(prose.MARKUP_SPACE):  # white space alone (between two tags)
        _add_space(out, start, end, source_index)
        return
    position = start
    for match in _ATOM.finditer(source, start, end):
        at = match.start()
        if at > position:
            out.append(_built(Run, (source[position:at], position, at - position, True,
                                    source_index, False)))
        piece = match.group()
        if piece[0] != "&":
            position = match.end()
            _add_space(out, at, position, source_index)
            continue
        piece = _reference(piece)
        decoded = "\ufffd" if _HUGE_DECIMAL_REFERENCE.match(piece) else html.unescape(piece)
        position = at + len(piece)
        if not decoded.strip(prose.MARKUP_SPACE):
            _add_space(out, at, position, source_index)
        else:
            out.append(_built(Run, (decoded, at, position - at, decoded == piece, source_index,
                                    False)))
    if end > position:
        out.append(_built(Run, (source[position:end], position, end - position, True,
                                source_index, False)))


def _runs(source: str, nodes, source_index: int = 0, blocks: bool = False,
          containers: frozenset[int] | set[int] = frozenset()) -> list[Run]:
    """The runs of `nodes`, white space collapsed; with `blocks`, an empty run on
    either side of each block element (for a slice that spans blocks). The elements
    of `containers` (ids) render as their content alone: no code placeholder, no
    quotation marks."""
    out: list[Run] = []
    # Walked with a stack of its own, as markup may nest any depth: nodes still to
    # render, and the closing marks (of blocks and `<q>`s) of the elements being
    # rendered.
    pending: list[Element | Text | Run] = list(reversed(nodes))
    while pending:
        node = pending.pop()
        if isinstance(node, Text):
            _add_text(out, source, node.start, node.end, source_index)
        elif isinstance(node, Run):
            if node.text == _BREAK:
                _add_break(out, node, block_edge=True)
            else:
                out.append(node)
        elif not node.attrs and node.tag not in _RENDERED_TAGS:
            pending.extend(reversed(node.children))  # most inline elements: their content
        elif node.tag == "br":
            _add_break(out, _built(Run, (_BREAK, node.start, node.end - node.start, False,
                                         source_index, False)), block_edge=False)
        elif node.tag in CODE and id(node) not in containers:
            out.append(_built(Run, (CODE_PLACEHOLDER, node.start, node.end - node.start, False,
                                    source_index, True)))
        elif not hidden(node):
            if node.tag in BLOCK:
                _block_edges(source, node, out, pending, source_index, blocks)
            if node.tag == "q" and id(node) not in containers:
                _quotation_marks(source, node, out, pending, source_index)
            pending.extend(reversed(node.children))
    return out


def _block_edges(source: str, element: Element, out: list[Run],
                 pending: list[Element | Text | Run], source_index: int, blocks: bool) -> None:
    """The runs on either side of a block element: with `blocks`, empty ones where it
    starts and ends; else line breaks that stand for its tags (a block pasted into a
    string read as one block starts a new line, as in a browser)."""
    if blocks:
        out.append(_built(Run, ("", element.start, 0, False, source_index, False)))
        pending.append(_built(Run, ("", element.end, 0, False, source_index, False)))
        return
    start_tag_end = _start_tag_end(source, element)
    _add_break(out, _built(Run, (_BREAK, element.start, start_tag_end - element.start, False,
                                 source_index, False)), block_edge=True)
    if element.end_tag is not None:
        pending.append(_built(Run, (_BREAK, element.end_tag, element.end - element.end_tag,
                                    False, source_index, False)))


def _start_tag_end(source: str, element: Element) -> int:
    """Where the element's start tag ends (where it starts, when nothing closes it)."""
    end = source.find(">", element.start,
                      element.end if element.end > element.start else len(source))
    return end + 1 if end != -1 else element.start


def _quotation_marks(source: str, q: Element, out: list[Run],
                     pending: list[Element | Text | Run], source_index: int) -> None:
    """`<q>` as a browser shows it: its words between quotation marks (single ones
    inside another `<q>`), each mark standing for its tag; no closing mark when the
    end tag is missing."""
    opening, closing = ("‘", "’") if q.quoted else ("“", "”")
    out.append(_built(Run, (opening, q.start, _start_tag_end(source, q) - q.start, False,
                            source_index, False)))
    if q.end_tag is not None:
        pending.append(_built(Run, (closing, q.end_tag, q.end - q.end_tag, False, source_index,
                                    False)))


def inline_runs(source: str, nodes, source_index: int = 0) -> list[Run]:
    """Runs for inline content, trimmed of white space (no-break spaces included) and
    line breaks at either end: a block starts and ends with a visible character."""
    return visible_runs(_runs(source, nodes, source_index))


def render_inline(fragment: str) -> str:
    """A slice of a string read as one block (`Source.inline`): tags dropped (block
    tags break lines), entities decoded, white space collapsed (not trimmed: a slice
    may start or end with a space)."""
    return "".join([run.text for run in _runs(fragment, parse(fragment).children)])


def render(fragment: str) -> str:
    """A source slice as the readers render it, as render_inline; and a slice across
    blocks (an author bio: its name line and the paragraph after) as the readers
    join blocks: each one trimmed, a blank line between."""
    elements = parse_elements(fragment)
    # A code or `<q>` element that holds a block is read as the blocks it holds, as
    # the HTML reader walks it (lint/readers/html.py).
    containers = holders(elements, BLOCK, through_hidden=False)
    pieces, piece = [], []
    for run in _runs(fragment, elements[0].children, blocks=True, containers=containers):
        if not run.text:  # a block's edge
            pieces.append("".join(piece))
            piece = []
        else:
            piece.append(run.text)
    if not pieces:
        return "".join(piece)  # within one block (most slices)
    pieces.append("".join(piece))
    kept = []
    for i, text in enumerate(pieces):
        text = text.lstrip() if i else text
        text = text.rstrip() if i < len(pieces) - 1 else text
        if text:
            kept.append(text)
    return "\n\n".join(kept)


def add_string_block(builder: DocumentBuilder, kind: str, source: Source) -> None:
    """One CMS string (inline HTML) as one block, pointing into its own source."""
    index = builder.add_source(source._replace(inline=True))
    builder.add_block(kind, inline_runs(source.text, parse(source.text).children, index))


# CPython 3.11 specialises a function's bytecode for the types it meets once the
# function has been called 8 times, or has jumped back to the top of a `for` loop 8
# times; the jump back of a `while` loop does not count. So a function that runs one
# long `while` loop a document would run it unspecialised on the first pages a
# process reads (the one page of a hook's run among them): the standard parser's
# main loop (`goahead`, once a `feed`) and `_runs`. Each is called idle 8 times here,
# when the module loads. Later versions specialise a function from its first call.
for _ in range(8):
    HTMLParser().feed("")
    _runs("", ())
