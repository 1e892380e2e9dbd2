"""HTML as a browser renders it, with every rendered character traced to its source.

Shared by the HTML reader and the CMS readers (whose strings hold inline HTML).
`parse` builds a small element tree whose nodes know their source offsets;
`inline_runs` renders inline content the way a browser does (tags transparent,
entities decoded, white space collapsed, `<br>` a line break) as DocumentBuilder
Runs; `render` renders a source slice the same way, for the location invariant.

The tokenizer is the standard library's `html.parser`: it is maintained with
CPython (security fixes included), tolerates broken markup without raising,
and reports the source position of every token through `getpos()`, which is all
the span map needs. lxml reports lines but not columns, and html5lib and
selectolax report no positions. The tree is built here with the browser's common
implied-end-tag rules (an open `<p>` closes before a block, `<li>` before `<li>`),
which is enough to find paragraphs; the full HTML5 tree-construction algorithm
(adoption agency, foster parenting) would change no rendered text we lint.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.entities import html5
from html.parser import HTMLParser

import regex

from lint import prose
from lint.document import DocumentBuilder, Run
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
# Like Chromium's parser, elements deeper than this are opened as siblings, so the
# tree (and the recursion over it) stays shallow whatever the markup.
_MAX_DEPTH = 512
_P_SCOPE_BOUNDARY = frozenset({"table", "td", "th", "button", "blockquote", "figure",
                               "li", "dd", "dt", "div", "section", "article", "aside"})

# HTML white space (not U+00A0, which a browser keeps) and character references,
# matched as html.unescape matches them.
_WHITESPACE = frozenset(" \t\n\r\f")
_BROKEN_MARKUP = regex.compile(r"<[A-Za-z!/?]")
_ATOM = regex.compile(r"[ \t\n\r\f]+|&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\r\f <&#;]{1,32};?)")
# A decimal reference past U+10FFFF (eight digits or more after any zeros) is U+FFFD,
# as html.unescape has it; told here, because its int() refuses over 4,300 digits.
_HUGE_DECIMAL_REFERENCE = regex.compile(r"&#0*+[1-9][0-9]{7,}")


@dataclass(eq=False)
class Text:
    start: int
    end: int


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    start: int
    end: int = -1
    children: list[Element | Text] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    def attr(self, name: str) -> str:
        return self.attrs.get(name) or ""

    def iter(self):
        """This element and every element below it, in document order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(c for c in reversed(element.children) if isinstance(c, Element))


class _Tokenizer(HTMLParser):
    """Records (kind, start offset, tag, attrs) for every token of a text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self._text = text
        self._line_starts = [0] + [m.end() for m in regex.finditer("\n", text)]
        self.tokens: list[tuple[str, int, str, dict[str, str]]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _add(self, kind: str, tag: str = "", attrs=()) -> None:
        self.tokens.append((kind, self._offset(), tag, {k: v or "" for k, v in attrs}))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("start", tag, attrs)  # HTML ignores the slash on non-void elements

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        # A tag or comment left open at the end of the input comes back as text; a
        # browser shows none of it.
        # Told from the source, where `data` (unescaped, never longer) may read `&lt;p`.
        offset = self._offset()
        broken = _BROKEN_MARKUP.match(self._text, offset, offset + len(data))
        self._add("markup" if broken else "text")

    def handle_comment(self, data):
        self._add("markup")

    handle_decl = handle_pi = unknown_decl = handle_comment

    def parse_marked_section(self, i, report=1):
        # A browser reads `<![` outside SVG and MathML as a bogus comment that ends
        # at the first `>` (`<![CDATA[a > b]]>` shows ` b]]>`); the standard parser
        # takes it for an SGML marked section and asserts on a keyword it does not
        # know (`<![x[`).
        return self.parse_bogus_comment(i, report)


def parse(text: str) -> Element:
    """The element tree of an HTML document or fragment (never raises)."""
    tokenizer = _Tokenizer(text)
    # The tokenizer unescapes text and attributes, which the tree does not keep: such
    # a reference goes to it as text of the same length.
    tokenizer.feed(_HUGE_DECIMAL_REFERENCE.sub(lambda m: "&_" + m.group()[2:], text))
    tokenizer.close()
    tokens = tokenizer.tokens
    root = Element("#root", {}, 0)
    stack = [root]
    for n, (kind, start, tag, attrs) in enumerate(tokens):
        end = tokens[n + 1][1] if n + 1 < len(tokens) else len(text)
        if kind == "text":
            stack[-1].children.append(Text(start, end))
        elif kind == "start":
            _open(stack, Element(tag, attrs, start), end)
        elif kind == "end":
            if tag == "br":
                _open(stack, Element("br", {}, start), end)
            else:
                _close(stack, tag, start, end)
    for element in stack[1:]:
        element.end = len(text)
    root.end = len(text)
    return root


def _close_to(stack: list[Element], index: int, at: int) -> None:
    """Close stack[index:] implicitly at offset `at`."""
    for element in stack[index:]:
        element.end = at
    del stack[index:]


def _find_open(stack: list[Element], tags, boundary) -> int | None:
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].tag in tags:
            return i
        if stack[i].tag in boundary:
            return None
    return None


def _open(stack: list[Element], element: Element, token_end: int) -> None:
    if element.tag in _CLOSES_P:
        i = _find_open(stack, {"p"}, _P_SCOPE_BOUNDARY)
        if i is not None:
            _close_to(stack, i, element.start)
    if element.tag in _IMPLIED_END:
        tags, boundary = _IMPLIED_END[element.tag]
        i = _find_open(stack, tags, boundary)
        if i is not None:
            _close_to(stack, i, element.start)
    element.parent = stack[-1]
    stack[-1].children.append(element)
    if element.tag in VOID or len(stack) > _MAX_DEPTH:
        element.end = token_end
    else:
        stack.append(element)


def _close(stack: list[Element], tag: str, start: int, token_end: int) -> None:
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].tag == tag:
            stack[i].end = token_end
            _close_to(stack, i + 1, start)
            del stack[i:]
            return


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
    return (element.tag in INVISIBLE or "hidden" in element.attrs
            or element.attr("aria-hidden") == "true"
            or bool(_HIDDEN_STYLE.search(element.attr("style")))
            or bool(_SCREEN_READER_ONLY.search(element.attr("class"))))


_SPACE, _BREAK = " ", "\n"


@dataclass(slots=True)
class _Atom:
    text: str
    start: int
    end: int
    exact: bool
    space: bool = False
    masked: bool = False


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


def _text_atoms(source: str, start: int, end: int, out: list[_Atom]) -> None:
    position = start
    for match in _ATOM.finditer(source, start, end):
        if match.start() > position:
            out.append(_Atom(source[position:match.start()], position, match.start(), True))
        piece = match.group()
        if piece[0] != "&":
            out.append(_Atom(_SPACE, match.start(), match.end(), False, space=True))
            position = match.end()
            continue
        piece = _reference(piece)
        decoded = "\ufffd" if _HUGE_DECIMAL_REFERENCE.match(piece) else html.unescape(piece)
        position = match.start() + len(piece)
        if decoded == piece:
            out.append(_Atom(piece, match.start(), position, True))
        else:
            space = all(c in _WHITESPACE for c in decoded)
            out.append(_Atom(_SPACE if space else decoded, match.start(), position, False,
                             space=space))
    if end > position:
        out.append(_Atom(source[position:end], position, end, True))


def _atoms(source: str, nodes, out: list[_Atom]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            _text_atoms(source, node.start, node.end, out)
        elif node.tag == "br":
            out.append(_Atom(_BREAK, node.start, node.end, False))
        elif node.tag in CODE:
            out.append(_Atom(CODE_PLACEHOLDER, node.start, node.end, False, masked=True))
        elif node.tag == "q" and not hidden(node):
            _quotation_atoms(source, node, out)
        elif not hidden(node):
            _atoms(source, node.children, out)


def _quotation_atoms(source: str, q: Element, out: list[_Atom]) -> None:
    """`<q>` as a browser shows it: its words between quotation marks (single ones
    inside another `<q>`), each mark standing for its tag."""
    nested = any(a.tag == "q" for a in _ancestors_of(q))
    opening, closing = ("‘", "’") if nested else ("“", "”")
    tag_end = source.find(">", q.start, q.end if q.end > q.start else len(source)) + 1
    out.append(_Atom(opening, q.start, tag_end or q.start, False))
    _atoms(source, q.children, out)
    end_tag = source.rfind("</", tag_end, q.end) if q.end > tag_end else -1
    if end_tag != -1 and source[end_tag + 2:end_tag + 3].lower() == "q":
        out.append(_Atom(closing, end_tag, q.end, False))


def _ancestors_of(element: Element):
    while element.parent is not None:
        element = element.parent
        yield element


def _collapse(atoms: list[_Atom]) -> list[_Atom]:
    """White space as a browser shows it: runs (across tags) become one space, and
    spaces next to a line break go."""
    out: list[_Atom] = []
    for atom in atoms:
        if atom.space:
            if not out or (not out[-1].space and out[-1].text != _BREAK):
                out.append(atom)
        elif atom.text == _BREAK:
            if out and out[-1].space:
                out.pop()
            out.append(atom)
        else:
            out.append(atom)
    return out


def inline_runs(source: str, nodes, source_index: int = 0) -> list[Run]:
    """Runs for inline content, trimmed of white space (no-break spaces included) and
    line breaks at either end: a block starts and ends with a visible character."""
    atoms: list[_Atom] = []
    _atoms(source, nodes, atoms)
    atoms = _trimmed(_collapse(atoms))
    return [Run(a.text, a.start, a.end - a.start, a.exact, source_index, a.masked)
            for a in atoms]


def _trimmed(atoms: list[_Atom]) -> list[_Atom]:
    visible = [i for i, a in enumerate(atoms) if a.text.strip()]
    if not visible:
        return []
    atoms = atoms[visible[0]:visible[-1] + 1]
    first = atoms[0]
    if first.exact and first.text[0].isspace():
        cut = len(first.text) - len(first.text.lstrip())
        atoms[0] = _Atom(first.text[cut:], first.start + cut, first.end, True)
    last = atoms[-1]
    if last.exact and last.text[-1].isspace():
        cut = len(last.text) - len(last.text.rstrip())
        atoms[-1] = _Atom(last.text[:-cut], last.start, last.end - cut, True)
    return atoms


def render(fragment: str) -> str:
    """A source slice as the readers render it: tags dropped, entities decoded,
    white space collapsed (not trimmed: a slice may start or end with a space)."""
    atoms: list[_Atom] = []
    _atoms(fragment, parse(fragment).children, atoms)
    return "".join(a.text for a in _collapse(atoms))


def add_string_block(builder: DocumentBuilder, kind: str, source: Source) -> None:
    """One CMS string (inline HTML) as one block, pointing into its own source."""
    index = builder.add_source(source)
    builder.add_block(kind, inline_runs(source.text, parse(source.text).children, index))
