"""HTML articles: body fragments (what a CMS stores) and whole web pages.

Block elements make blocks; inline markup is transparent (markup.py). Navigation,
forms, footers, asides, share bars, related links and the like are skipped. In a
whole page the article body is the element that holds the most running prose and
the least other text. The headline is the heading that matches `<title>` (else the
title less the site name); standfirst, byline and dateline are the short blocks
between it and the first paragraph of prose that the markup marks as such (or
that read as a byline or a date).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from lint import prose
from lint.document import Document, DocumentBuilder, Run
from lint.readers import leadin, markup
from lint.readers.markup import BLOCK, INVISIBLE, Element, Text
from lint.source import Source

_SKIPPED_TAGS = INVISIBLE | {"nav", "form", "footer", "aside", "pre", "listing", "xmp",
                             "plaintext", "dialog", "menu", "hr"}
_SKIPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                            "menu", "menubar", "toolbar", "dialog", "alertdialog", "tablist"})
# Class and id words of page furniture (share bars, related links, adverts, ...).
_FURNITURE = regex.compile(
    r"(?<![a-z])(?:share|sharing|sharetools|sharedaddy|social|related|comments?|newsletter|"
    r"promo|advert\w*|ads?|adslot|sponsor\w*|subscribe|subscription|signup|breadcrumbs?|"
    r"sidebar|footer|nav|navigation|menu|masthead|popup|modal|cookie|outbrain|taboola|"
    r"toolbar|recommended|most-?popular|most-?read|most-?shared|trending|print|paywall|"
    r"hidden)(?![a-z])")
_CREDIT = regex.compile(r"(?<![a-z])(?:credits?|copyright(?:-holder)?|photo-credit)(?![a-z])")
_CAMEL = regex.compile(r"(?<=[a-z])(?=[A-Z])")

_BYLINE = regex.compile(r"(?<![a-z])(?:byline|by-line|author|authors|contributor)(?![a-z])")
_STANDFIRST = regex.compile(r"(?<![a-z])(?:standfirst|dek|deck|subheadline|sub-headline|"
                            r"subhead|subtitle|strapline|summary|article-summary)(?![a-z])")
_DATELINE = regex.compile(r"(?<![a-z])(?:dateline|date|timestamp|published|pubdate|"
                          r"posted-date)(?![a-z])")
_MAX_LEAD_IN_WORDS = 60
_MAX_BYLINE_WORDS = 15
# `Headline | Site name`: a <title> ends with the site's name after a separator, up
# to four words after a headline of three words or more. The headline is checked
# backwards from each candidate: a look-behind of any length tried at every place
# of a long title costs the title's length at each.
_SITE_NAME = prose.compile(r"(?<!\s)\s++[|–—-]\s+\S+(?:\s+\S+){0,3}$")
_THREE_WORDS_BEFORE = prose.compile(r"\S(?:\s+\S+){2}", regex.REVERSE)
# A heading is the headline when it holds this share of the words of <title>.
_HEADLINE_TITLE_SHARE = 0.5
_WORD = regex.compile(r"\w+")

# A block counts as running prose when it has this many words and few of them are links.
_PROSE_WORDS = 10
_PROSE_LINK_SHARE = 0.5
_LINK_ONLY_SHARE = 0.8
_SENTENCE_END = regex.compile(rf"{prose.LINE_END_MARK}$")
# What may lie between two sibling blocks, so that deleting it with the later block
# keeps the markup whole and nothing else: the one's end tag, the other's start tag.
# Possessive: white space given back could start no tag, and a long run of it would
# be split every way between the runs around the tags before the match gave up.
_SIBLING_GAP = prose.compile(
    r"\s*+(?:</(?P<tag>p|li|h[1-6]|dd|dt|div)\s*+>)?\s*+(?:<(?P=tag)(?:\s[^<>]*+)?>)?\s*+")
# How much a word of other text (teasers, labels, link lists) costs a candidate body.
_OTHER_TEXT_COST = 0.5


@dataclass(eq=False)
class _Block:
    kind: str
    owner: Element
    runs: list[Run]
    words: int
    link_words: int
    joined: bool = True  # only sibling-block tags since the block before

    @property
    def start(self) -> int:
        return self.runs[0].src_start


def _markers(elements: list[Element]) -> dict[int, str]:
    """Class, id, itemprop and rel words, lower-cased, camelCase split, by element id,
    of the elements that have any: worked out once for the walk (photo credits), the
    page furniture and the lead-in to ask."""
    markers = {}
    for element in elements:
        if element.attrs:  # most elements have no attributes at all
            raw = " ".join([element.attr(a) for a in ("class", "id", "itemprop", "rel")])
            if raw.strip():
                lowered = raw.lower()  # when it is `raw`, there is no camelCase to split
                markers[id(element)] = lowered if lowered == raw else _CAMEL.sub("-", raw).lower()
    return markers


def _marked_by(pattern: regex.Pattern, markers: dict[int, str]) -> set[int]:
    """Ids of the elements whose markers match the pattern."""
    return {key for key, words in markers.items() if pattern.search(words)}


def _skipped(element: Element) -> bool:
    """Never prose, wherever it is: scripts, navigation, forms, hidden elements."""
    return element.tag in _SKIPPED_TAGS or (bool(element.attrs) and (
        element.attr("role") in _SKIPPED_ROLES or markup.hidden(element)))


# The kind of block an element starts outside a blockquote or caption; in a list item
# any other starts a list item, elsewhere a paragraph.
_KIND_OF_TAG = {"blockquote": "blockquote", "figcaption": "caption", "caption": "caption",
                "h1": "h1", **dict.fromkeys(("h2", "h3", "h4", "h5", "h6"), "heading"),
                "li": "list-item"}


def _kind(element: Element, outer: str) -> str:
    if outer == "blockquote" and element.tag == "footer":
        return "caption"  # the quotation's attribution: `<footer>— Name</footer>`
    if outer in ("blockquote", "caption"):
        return outer
    return _KIND_OF_TAG.get(element.tag) or ("list-item" if outer == "list-item" else "paragraph")


class _Walker:
    """Turns an element tree into blocks: one per run of inline content."""

    def __init__(self, text: str, elements: list[Element], credits: set[int],
                 source_index: int = 0):
        self.text = text
        self.source_index = source_index
        self.blocks: list[_Block] = []
        # Photo credits (`<span itemprop="copyrightHolder">`) are not copy. One ends
        # the caption before it, as the page's style sets it apart.
        self._credits = credits
        # The elements that hold a visible block (the walk asks of inline ones: a link
        # around a card), and those that hold a link.
        self._holders = markup.holders(elements, BLOCK, through_hidden=False)
        self._link_holders = markup.holders(elements, {"a"})

    def walk(self, top: Element, kind: str) -> None:
        # Walked with a stack of its own, as markup may nest any depth: each element
        # entered, its kind and the iterator over its children. The inline content
        # so far is the innermost element's: it is flushed before going deeper.
        entered = [(top, kind, iter(top.children))]
        inline: list[Element | Text] = []
        while entered:
            element, kind, children = entered[-1]
            for child in children:
                if isinstance(child, Text) or (child.tag not in BLOCK
                                               and id(child) not in self._credits
                                               and id(child) not in self._holders):
                    inline.append(child)  # inline_runs leaves out what is hidden
                    continue
                self._flush(element, kind, inline)
                if id(child) in self._credits:
                    continue
                if not _skipped(child) or (kind == "blockquote" and child.tag == "footer"):
                    entered.append((child, _kind(child, kind) if child.tag in BLOCK else kind,
                                    iter(child.children)))
                    break
            else:
                self._flush(element, kind, inline)
                entered.pop()

    def _flush(self, owner: Element, kind: str, inline: list[Element | Text]) -> None:
        if not inline:
            return  # between two blocks, or in an element that holds only blocks
        runs = markup.inline_runs(self.text, inline, self.source_index)
        if runs:
            # Each run's words: the space put between two runs ends a word that one
            # ends and the next goes on with.
            words = len(_WORD.findall(" ".join([r.text for r in runs])))
            # The inline nodes are the owner's children: none is or holds a link
            # unless the owner holds one.
            link_words = (_link_words(self.text, inline, self._link_holders)
                          if id(owner) in self._link_holders else 0)
            self.blocks.append(_Block(kind, owner, runs, words, link_words))
        inline.clear()


def _link_words(text: str, nodes: list[Element | Text], link_holders: set[int]) -> int:
    """Words of the inline content that sit inside links (not inside a script or
    the like within the link). Outside a link, only a link or what holds one
    (`link_holders`) is looked into."""
    def looked_into(node: Element | Text) -> bool:
        return isinstance(node, Element) and (node.tag == "a" or id(node) in link_holders)

    words = 0
    pending = [(node, False) for node in nodes if looked_into(node)]  # (node, in a link)
    while pending:
        node, linked = pending.pop()
        if isinstance(node, Text):
            words += len(_WORD.findall(text[node.start:node.end]))
        else:
            linked = node.tag == "a" or (linked and node.tag not in INVISIBLE)
            pending.extend((child, linked) for child in node.children
                           if linked or looked_into(child))
    return words


def _ancestors(element: Element):
    while element is not None:
        yield element
        element = element.parent


def _prose(block: _Block) -> bool:
    """Running prose: long enough, mostly not links, ending as a sentence ends
    (teaser headlines and labels do not)."""
    return (block.kind in ("paragraph", "blockquote")
            and block.words >= _PROSE_WORDS
            and block.link_words < _PROSE_LINK_SHARE * block.words
            and bool(_SENTENCE_END.search(block.runs[-1].text)))


def _link_list(block: _Block) -> bool:
    """A block that is all link ("Read more: ...", a list of related stories): a
    pointer to other pages, not this article's prose."""
    return block.words > 0 and block.link_words >= _LINK_ONLY_SHARE * block.words


def _article_body(blocks: list[_Block], elements: list[Element], page: Element,
                  furniture: set[int]) -> Element:
    """The element with the most words of running prose, less a cost for other text
    (of two alike, the one that holds the earlier block, else the inner one).

    Furniture (related links, comments) below a candidate counts as other text.
    """
    # Per element with blocks below it: the words of prose below it with no furniture
    # between, the words of all, and the first block; summed children first, so the
    # cost is the tree's size, not blocks times depth.
    below: dict[int, list[int]] = {}
    for n, block in enumerate(blocks):
        tally = below.setdefault(id(block.owner), [0, 0, n])
        tally[0] += block.words if _prose(block) else 0
        tally[1] += block.words
    best, best_key = page, None
    for position in range(len(elements) - 1, -1, -1):
        element = elements[position]
        tally = below.get(id(element))
        if tally is None:
            continue
        prose, words, first = tally
        key = (prose - _OTHER_TEXT_COST * (words - prose), -first, position)
        if best_key is None or key > best_key:
            best, best_key = element, key
        if element.parent is not None:
            outer = below.setdefault(id(element.parent), [0, 0, first])
            outer[0] += 0 if id(element) in furniture else prose
            outer[1] += words
            outer[2] = min(outer[2], first)
    return best


class _Inherited:
    """A yes or no that an element has of itself (`own` says True or False) or else
    from its parent (`own` says None); above the root it is no. Each element is
    judged once, so asking it of every block costs the tree's size at most."""

    def __init__(self, own):
        self._own = own
        self._known: dict[int, bool] = {}

    def __call__(self, element: Element | None) -> bool:
        chain, answer = [], None  # the ids of the elements judged on the way up
        while element is not None and answer is None:
            key = id(element)
            answer = self._known.get(key)
            if answer is None:
                answer = self._own(element)
            chain.append(key)
            element = element.parent
        self._known.update(dict.fromkeys(chain, bool(answer)))
        return bool(answer)


def _inside(container: Element, furniture: set[int]) -> _Inherited:
    """Inside the container and not inside furniture below it."""
    return _Inherited(lambda e: True if e is container else False if id(e) in furniture
                      else None)


def _marked(pattern: regex.Pattern, markers: dict[int, str]) -> _Inherited:
    """Inside an element whose class, id, itemprop or rel words match the pattern."""
    return _Inherited(lambda e: True if id(e) in markers and pattern.search(markers[id(e)])
                      else None)


def _lead_in(text: str, blocks: list[_Block], story: Element, page: Element | None,
             markers: dict[int, str], source_index: int) -> list[_Block]:
    """Headline, then the standfirst, byline and dateline between it and the first
    paragraph of prose, recognised by their markup or, for bylines and datelines,
    by their shape (`By ...`, a date)."""
    title = _title(text, page, source_index) if page is not None else None
    headline = _headline(blocks, story, title)
    if headline is None:
        return []
    headline.kind = "headline"
    found, taken = [headline], set()
    after = headline.start if headline is not title else 0
    marked = {pattern: _marked(pattern, markers) for pattern in (_BYLINE, _DATELINE, _STANDFIRST)}
    for block in blocks:
        if block is headline or block.start < after or block.kind not in ("paragraph", "heading"):
            continue
        if _prose(block):
            break
        kind = _lead_in_kind(block, marked)
        if kind and kind not in taken:
            block.kind = kind
            taken.add(kind)
            found.append(block)
    return found


def _headline(blocks: list[_Block], story: Element, title: _Block | None) -> _Block | None:
    """The `<h1>` (or a `<h2>`) that says most of what `<title>` says, else the title
    (an `<h1>` that does not match it is a logo or a section name), else, in a
    fragment, the story's first `<h1>`."""
    h1s = [b for b in blocks if b.kind == "h1"]
    if title is None:
        in_story = _Inherited(lambda e: True if e is story else None)
        inside = [b for b in h1s if in_story(b.owner)]
        return next(iter(inside or h1s), None)
    wanted = _word_set(title)
    candidates = h1s + [b for b in blocks if b.owner.tag == "h2"]
    best = max(candidates, default=None, key=lambda b: (_shared(b, wanted), b.kind == "h1"))
    if best is not None and _shared(best, wanted) >= _HEADLINE_TITLE_SHARE:
        return best
    return title


def _word_set(block: _Block) -> set[str]:
    return {w.casefold() for r in block.runs for w in _WORD.findall(r.text)}


def _shared(block: _Block, wanted: set[str]) -> float:
    return len(_word_set(block) & wanted) / max(len(wanted), 1)


def _lead_in_kind(block: _Block, marked: dict[regex.Pattern, _Inherited]) -> str | None:
    if block.words <= _MAX_BYLINE_WORDS:
        line = "".join([r.text for r in block.runs])
        if marked[_BYLINE](block.owner) or leadin.is_byline(line):
            return "byline"
        if marked[_DATELINE](block.owner) or leadin.is_dateline(line):
            return "dateline"
    if block.words <= _MAX_LEAD_IN_WORDS and marked[_STANDFIRST](block.owner):
        return "standfirst"
    return None


def site_name_start(title: str) -> int | None:
    """Where the site name, with its separator, starts in a <title> that has one."""
    at = 0
    while (match := _SITE_NAME.search(title, at)) is not None:
        if _THREE_WORDS_BEFORE.match(title, 0, match.start()):
            return match.start()
        at = match.start() + 1
    return None


def _title(text: str, page: Element, source_index: int) -> _Block | None:
    title = next((e for e in page.iter() if e.tag == "title"), None)
    if title is None:
        return None
    runs = markup.inline_runs(text, title.children, source_index)
    site = site_name_start("".join(r.text for r in runs))
    if site is not None:
        runs = _cut(runs, site)
    if not runs:
        return None
    return _Block("headline", title, runs, 0, 0)


def _cut(runs: list[Run], length: int) -> list[Run]:
    """The runs of the first `length` rendered characters (splitting an exact run)."""
    kept, used = [], 0
    for run in runs:
        if used + len(run.text) <= length:
            kept.append(run)
        elif run.exact and used < length:
            size = length - used
            kept.append(Run(run.text[:size], run.src_start, size, True, run.source))
        used += len(run.text)
    return kept


def read(path: str, text: str) -> Document:
    builder = DocumentBuilder(path, "html")
    builder.add_source(Source(text))
    for block in blocks_of(text):
        builder.add_block(block.kind, block.runs, block.joined)
    return builder.build()


def blocks_of(text: str, source_index: int = 0, lead_in: bool = True) -> list[_Block]:
    """The blocks a reader sees, in source order.

    `lead_in=False` reads a body fragment whose headline and standfirst are stored
    elsewhere (a CMS field): an `<h1>` in it is a heading like any other.
    """
    elements = markup.parse_elements(text)  # in document order: parents before children
    root = elements[0]
    page = next((e for e in elements if e.tag in ("html", "head", "body")), None)
    body_element = next((e for e in elements if e.tag == "body"), root)
    markers = _markers(elements)
    walker = _Walker(text, elements, _marked_by(_CREDIT, markers), source_index)
    walker.walk(body_element, "paragraph")
    blocks = walker.blocks
    # Page furniture by its class or id (share bar, related links, ...), only judged
    # below the article body: a page may wrap its whole content in an element named
    # after a script hook (`js-social-anchor`).
    furniture = _marked_by(_FURNITURE, markers)
    container = (_article_body(blocks, elements, body_element, furniture) if page is not None
                 else root)
    # Captions just outside the body (a lead picture above it) still belong to the story.
    story = next((e for e in _ancestors(container) if e.tag == "article"), container)
    in_body, in_story = _inside(container, furniture), _inside(story, furniture)
    body = [b for b in blocks if not _link_list(b) and (
        in_body(b.owner) or (b.kind == "caption" and in_story(b.owner)))]
    lead = (_lead_in(text, blocks, story, root if page else None, markers, source_index)
            if lead_in else [])
    chosen = {id(b): b for b in body + lead}
    ordered = sorted(chosen.values(), key=lambda b: b.start)
    for previous, block in zip([None, *ordered], ordered, strict=False):
        if block.kind == "h1":
            block.kind = "heading"
        if previous is not None:
            end = previous.runs[-1].src_start + previous.runs[-1].src_length
            block.joined = bool(_SIBLING_GAP.fullmatch(text, end, block.start))
    return ordered
