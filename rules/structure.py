"""Structure: page furniture left in the copy, broken paragraphs, headline facts."""

from __future__ import annotations

import functools
import heapq
import operator
from collections.abc import Iterator
from pathlib import Path

import regex

from lint import prose
from lint.analysis.numbers import matches_any
from lint.article import Article
from lint.data_files import read_toml
from lint.document import Block
from lint.lazy import LazyPattern, LazyRePattern
from lint.prose import NOT_SPACE, SPACE
from lint.readers.leadin import is_job_title
from lint.rule import Edit, Option, Options, Problem, Related, rule

BOILERPLATE_FILE = Path(__file__).with_name("boilerplate.toml")
_TYPED_FORMATS = ("text", "markdown")  # formats whose captions are lines of the copy
_LONGEST_FURNITURE = 200  # characters: longer lines are copy, whatever they start with
_QUOTES_AROUND = prose.DOUBLE_QUOTES + "'"  # not ’ or ‘, which may be apostrophes
# No built-in pattern matches a line shorter than two characters (`©:`), so a line
# holding fewer besides the quote marks `"` and `'` is never furniture. In the text's
# shape that tells them, those quote marks are `q`, line breaks stay, and every other
# character is `x` (encoded to ASCII, a character beyond it is one `?`).
_LINE_SHAPE = bytes(10 if c == 10 else ord("q") if chr(c) in _QUOTES_AROUND else ord("x")
                    for c in range(256))
_TWO_OTHERS = LazyRePattern(rb"x[^\n]*?x")
# Characters a block, on average, under which the lines are read off the text's shape.
_SHAPE_PAYS = 32


@functools.cache
def _builtin_patterns() -> tuple[tuple[str, LazyPattern], ...]:
    """Each pattern is compiled only when the alternation of them all has matched a
    line, to name what it matched."""
    data = read_toml(BOILERPLATE_FILE)
    return tuple((p["name"], LazyPattern(p["pattern"], regex.IGNORECASE))
                 for p in data["pattern"])


@functools.cache
def _any_builtin() -> regex.Pattern:
    """All built-in patterns as one alternation: a line matches it when it matches
    one of them, and one call per line costs far less than a call per pattern."""
    return regex.compile("|".join(f"(?:{p.pattern})" for _, p in _builtin_patterns()),
                         regex.IGNORECASE)


@functools.cache
def _compiled(patterns: tuple[str, ...]) -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(p, regex.IGNORECASE) for p in patterns)


def _any_fullmatch(patterns: tuple[regex.Pattern, ...], line: str) -> bool:
    # Most newsrooms configure none: no generator for an empty tuple.
    return bool(patterns) and any(p.fullmatch(line) for p in patterns)


def _lines(article: Article, block: Block) -> list[tuple[int, int]]:
    """(start, end) of each line of the block, as str.split("\n") cuts them."""
    text, start = article.text, block.start
    end = text.find("\n", start, block.end)
    if end == -1:
        return [(start, block.end)]  # most blocks
    lines = []
    while end != -1:
        lines.append((start, end))
        start = end + 1
        end = text.find("\n", start, block.end)
    lines.append((start, block.end))
    return lines


_NAME_LINE = LazyPattern(
    r"\p{Lu}[\p{L}'’-]+(?: (?:\p{Lu}[\p{L}'’-]+|de|van|von|da|di|al|bin)){1,3}")
# Characters that hold more than three spaces at the start of almost any paragraph.
_NAME_OPENING = 48
_BIO_VERBS = r"(?:is|was|has|joined|writes|covers|reports)"
# What follows the name (whole, first or last) at the start of a bio paragraph: one
# pattern for every article, not one compiled for each name.
_BIO_AFTER_NAME = LazyPattern(rf"(?:['’]s)? {_BIO_VERBS}\b")


def _starts_bio(paragraph: str, names: tuple[str, ...]) -> bool:
    """Whether the paragraph opens with one of `names`, then a verb saying what the
    author is or does (`Tom is`, `Jervis's reports`)."""
    return any(paragraph.startswith(name) and _BIO_AFTER_NAME.match(paragraph, len(name))
               for name in names)


def _is_name_line(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] is a line holding only a name (`Jane Smith`,
    `Ludwig van Beethoven`)."""
    end = len(text) if end is None else end
    # The name's two to four words are parted by single spaces, so a line with no
    # space or more than three (every paragraph) is told without the pattern, and
    # without copying it out of the text; a paragraph, by the spaces of its opening.
    if text.count(" ", start, min(end, start + _NAME_OPENING)) > 3:
        return False
    return 1 <= text.count(" ", start, end) <= 3 and bool(_NAME_LINE.fullmatch(text, start, end))


def _closing_units(article: Article) -> list[tuple[int, int]]:
    """The last body blocks as (start, end) units, a block whose first line holds
    only a name read line by line: pasted bios keep the name, the job title and
    the bio on consecutive lines. The name and a job-title line under it are units
    of their own, the rest of the block one more."""
    text = article.text
    units: list[tuple[int, int]] = []
    for block in article.body[-4:]:  # a bio of three at most, and the story before it
        first_end = text.find("\n", block.start, block.end)
        if first_end == -1 or not _is_name_line(text, block.start, first_end):
            units.append((block.start, block.end))
            continue
        lines = _lines(article, block)[:3]  # the units' first lines
        split = 2 if is_job_title(text[lines[1][0]:lines[1][1]]) else 1
        units += lines[:split]
        if split < len(lines):
            units.append((lines[split][0], block.end))
    return units


def _author_bio(article: Article) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """First and last unit of an author bio closing the body, if there is one.

    A bio is a line holding only a name, then a job-title line naming a newsroom
    role and/or a paragraph that starts with the name and says what the author
    is or does, and nothing after them, whatever the blank lines between them.
    """
    units = _closing_units(article)
    for size in (3, 2):
        if len(units) <= size:
            continue
        tail = units[-size:]
        if not _is_name_line(article.text, *tail[0]):
            continue
        name = article.text[tail[0][0]:tail[0][1]]
        first, *_, last = name.split()
        rest = [article.text[s:e] for s, e in tail[1:]]
        has_role = is_job_title(rest[0])
        has_bio = _starts_bio(rest[-1], (name, first, last))
        if (size == 3 and has_role and has_bio) or (size == 2 and (has_role or has_bio)):
            return tail[0], tail[-1]
    return None


def _strippable(char: str) -> bool:
    return char.isspace() or char in _QUOTES_AROUND


def _deletion(article: Article, start: int, end: int) -> tuple[Edit, ...]:
    """Delete text[start:end] and the white space before it."""
    before = start  # text[:start].rstrip() would copy the text before, finding by finding
    while before and article.text[before - 1].isspace():
        before -= 1
    return (Edit(before if before else start, end, ""),)


_NOT_READ_BY_LINE = ("caption", "byline", "dateline")


def _stray_caption(article: Article, block: Block,
                   allowed: tuple[regex.Pattern, ...]) -> Problem | None:
    # A caption read from markup (<figcaption>, an ANS image caption) is in its
    # place; only a caption line typed into the copy itself is stray.
    if (article.document.format not in _TYPED_FORMATS
            or _any_fullmatch(allowed, article.block_text(block))):
        return None
    return Problem(block.start, block.end,
                   "A caption or credit line left between the byline or dateline "
                   "and the story.", edits=_deletion(article, block.start, block.end),
                   safe=False)


def _furniture_name(text: str, start: int, end: int, house: tuple[regex.Pattern, ...],
                    allowed: tuple[regex.Pattern, ...],
                    patterns: tuple[tuple[str, regex.Pattern | LazyPattern], ...],
                    ) -> str | None:
    """The name of the pattern that the line text[start:end] matches as furniture."""
    if end - start > _LONGEST_FURNITURE and not (
            _strippable(text[start]) or _strippable(text[end - 1])):
        return None  # too long, as nothing is stripped: most paragraphs
    line = text[start:end].strip().strip(_QUOTES_AROUND)
    if len(line) > _LONGEST_FURNITURE:
        return None
    if not _any_builtin().fullmatch(line) and not _any_fullmatch(house, line):
        return None  # most lines: one call decides
    if _any_fullmatch(allowed, line):
        return None
    return next((n for n, p in patterns if p.fullmatch(line)), None)


def _furniture_line(article: Article, block: Block, start: int, end: int,
                    name: str) -> Problem:
    whole = (start, end) == (block.start, block.end)
    return Problem(start, end, f"Page furniture in the copy: a {name}.",
                   edits=_deletion(article, block.start, block.end) if whole else None,
                   safe=False)


def _start(problem: Problem) -> int:
    return problem.start


def _tiny_paragraph_furniture(article: Article, allowed: tuple[regex.Pattern, ...],
                              patterns: tuple[tuple[str, LazyPattern], ...],
                              ) -> Iterator[Problem]:
    """The stray captions and furniture lines of a text of short blocks, in text
    order, as the blocks read one by one give them. Only the lines that a built-in
    pattern may match are read, found in C-level passes over the text's shape, where
    each tiny paragraph would cost a Python step."""
    text = article.text
    captions = (problem for block in article.blocks if block.kind == "caption"
                if (problem := _stray_caption(article, block, allowed)) is not None)
    lines = (_furniture_line(article, block, start, end, name)
             for start, end in _lines_of_two(text)
             if (name := _furniture_name(text, start, end, (), allowed, patterns)) is not None
             if (block := article.document.block_at(start)).kind not in _NOT_READ_BY_LINE)
    return heapq.merge(captions, lines, key=_start)


def _lines_of_two(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of the text (cut at "\n") holding two characters or
    more besides the quote marks `"` and `'`, in text order: every line that a built-in
    pattern may match, as it holds two or more once stripped. Blocks are joined by
    line breaks, so their lines are lines of the text."""
    shape = text.encode("ascii", "replace").translate(_LINE_SHAPE)
    line_end = 0
    while (found := _TWO_OTHERS.search(shape, line_end)) is not None:
        line_start = shape.rfind(b"\n", 0, found.start()) + 1
        line_end = shape.find(b"\n", found.end())
        if line_end == -1:
            yield line_start, len(shape)
            return
        yield line_start, line_end


@rule("stray-boilerplate", category="structure", severity="warning",
      fix="sometimes", fix_safety="unsafe",
      options=[
          Option("extra-patterns", list, (), "More furniture patterns (regular expressions)."),
          Option("allow", list, (), "Lines matching any of these are house copy, not furniture."),
      ])
def stray_boilerplate(article: Article, options: Options) -> Iterator[Problem]:
    """Page furniture left in the story: credits, captions, links, plugs, an author bio.

    ## What it does
    Flags lines that are not story:
    - a line matching a furniture pattern from `rules/boilerplate.toml` (photo
      credits such as `Photo: Getty Images` or `(Image: …)`, `Read more:` and
      `Related:` links, `Follow … on Twitter`, newsletter sign-ups, `Click here`),
      plus the `extra-patterns` a newsroom configures;
    - a caption line in the lead-in: a short line with no sentence punctuation
      between the byline or dateline and the first paragraph;
    - an author bio after the last paragraph: a line holding only a name, then a
      job title naming a newsroom role (`Consumer reporter`) and/or a paragraph
      that starts with the name (`Tom is …`). The whole bio is flagged, from the
      name line on, and the fix removes it.

    ## Why is this bad?
    Furniture pasted from a web page or a CMS preview into the copy reads as part
    of the story: a caption between the dateline and the intro, a bio under the
    last paragraph. It is the clearest sign that nobody edited the text.

    ## Example
    ```
    By Tom Jervis

    12 March 2025

    New Chery Tiggo 9 2025 UK review - head on

    Jaguar Land Rover has agreed to share its Halewood factory...
    ```

    ## Use instead
    Delete the caption line (and credits, links, plugs and bios) from the copy; put
    a caption in the picture's caption field:
    ```
    By Tom Jervis

    12 March 2025

    Jaguar Land Rover has agreed to share its Halewood factory...
    ```

    ## Fix safety
    The fix deletes the line or block. It is unsafe: review that the text is
    furniture before accepting it.

    ## Known limits
    Lines longer than 200 characters are never furniture. Bylines and datelines are
    the lead-in, not furniture. A caption line straight after the headline, with no
    byline or dateline, cannot be told from a standfirst and is not reported. A
    recurring house line (an `Editor's note:`) belongs in `allow`.
    """
    house = _compiled(tuple(options.extra_patterns))
    patterns = _builtin_patterns() + tuple(("house pattern", p) for p in house)
    allowed = _compiled(tuple(options.allow))
    text = article.text
    # The text's shape costs a few steps a character, and a block read by line a few
    # thousand: the shape pays where blocks are short, as in a run of tiny paragraphs.
    if not house and len(text) < _SHAPE_PAYS * len(article.blocks):
        yield from _tiny_paragraph_furniture(article, allowed, patterns)
    else:
        for block in article.blocks:
            if block.kind == "caption":
                problem = _stray_caption(article, block, allowed)
                if problem is not None:
                    yield problem
            elif block.kind not in _NOT_READ_BY_LINE:
                for start, end in _lines(article, block):
                    name = _furniture_name(text, start, end, house, allowed, patterns)
                    if name is not None:
                        yield _furniture_line(article, block, start, end, name)
    bio = _author_bio(article)
    if bio is not None:
        (name_start, _), (_, bio_end) = bio
        yield Problem(name_start, bio_end,
                      "An author bio pasted under the story: the name line and what "
                      "follows it.", edits=_deletion(article, name_start, bio_end), safe=False)


# Marks that may end a paragraph: sentence ends, closing quotes and brackets,
# emphasis markers, dashes, and the `|` that ends a Markdown table row.
# A paragraph may end on a finished line's mark, or on a dash, a table bar or emphasis.
_ENDS_SENTENCE = prose.compile(rf"(?:{prose.LINE_END_MARK}|[*_—–|-])\s*$")
# A first word wholly in lower case: `iPod` and `eBay` are names, not a continuation.
_STARTS_LOWER = LazyPattern(r"\p{Ll}[\p{Ll}'’-]*(?![\p{L}\d])")
_DOUBLE_QUOTES = LazyPattern(r"[\"“”]")
_START = operator.attrgetter("start")
# The last word and any white space after it (a Markdown line may end in a no-break
# space), matched backwards from the block's end.
_LAST_WORD = LazyPattern(rf"({NOT_SPACE}+){SPACE}*", regex.REVERSE)


def _some_may_open_lower(openings: str) -> bool:
    """Whether one of the blocks whose first characters `openings` holds may open with
    a lower-case word: a lower-case ASCII letter or any character beyond ASCII."""
    return not openings.isascii() or openings.upper() != openings


def _first_lower_word(article: Article, block: Block) -> regex.Match | None:
    """The block's first word when it is wholly lower case."""
    first = article.text[block.start:block.start + 1]
    if first.isascii() and not "a" <= first <= "z":
        return None  # the usual capital, digit or quote, told without the pattern
    return _STARTS_LOWER.match(article.text, block.start, block.end)


def _broken_pair(article: Article, before: Block, after: Block) -> bool:
    first_word = _first_lower_word(article, after)
    if first_word is None:
        return False  # starts with a capital, a digit, a quote or a mark: a new sentence
    text = article.block_text(before)
    open_quote = len(_DOUBLE_QUOTES.findall(text)) % 2 == 1
    return open_quote or not _ENDS_SENTENCE.search(text)


@rule("paragraph-break-mid-sentence", category="structure", severity="warning",
      fix="always", fix_safety="unsafe")
def paragraph_break_mid_sentence(article: Article, options: Options) -> Iterator[Problem]:
    """A paragraph break in the middle of a sentence.

    ## What it does
    Flags a body paragraph that ends without terminal punctuation (or inside an
    open quotation) when the next paragraph starts with a lower-case word. The last
    word before the break is flagged; the first word after it is the related place.

    ## Why is this bad?
    A sentence split over two paragraphs is the trace of a bad paste or conversion
    (a linked word lost, a line break kept), and it reads as two broken fragments.

    ## Example
    ```
    The company said it would participate

    in talks with the unions next week.
    ```

    ## Use instead
    ```
    The company said it would participate in talks with the unions next week.
    ```

    ## Fix safety
    The fix joins the two paragraphs with a space. It is unsafe: a word may be
    missing at the break.

    ## Known limits
    Only running paragraphs are paired: headlines, list items, headings and block
    quotes are skipped. A paragraph ending in a colon, a dash, a closing bracket or
    a table row's `|` counts as ended. A next paragraph starting with a brand
    written with a capital inside (`iPod`, `eBay`) is not a continuation.
    """
    body = article.body
    # Most articles have no block that may go on from the one before: the blocks' first
    # characters (no block is empty), gathered at C speed, tell so without a pair read.
    openings = "".join(map(article.text.__getitem__, map(_START, body[1:])))
    if not _some_may_open_lower(openings):
        return
    for before, after in zip(body, body[1:], strict=False):
        if before.kind != "paragraph" or after.kind != "paragraph":
            continue
        if not _broken_pair(article, before, after):
            continue
        first_word = _first_lower_word(article, after)
        last_word = _LAST_WORD.match(article.text, before.start, before.end)
        yield Problem(last_word.start(1), last_word.end(1),
                      f"The paragraph breaks off mid-sentence; the next one goes on with "
                      f"'{first_word.group()}'.",
                      related=(Related(first_word.start(), first_word.end(),
                                       "the sentence goes on here"),),
                      edits=(Edit(before.end, after.start, " "),), safe=False)


@rule("headline-number-mismatch", category="structure", severity="info")
def headline_number_mismatch(article: Article, options: Options) -> Iterator[Problem]:
    """A number in the headline or standfirst that the story never gives.

    ## What it does
    Reads the numbers of the headline and standfirst (figures, number words,
    `£1.2bn`, `1.2 billion`, `40%`) and flags each one whose value appears nowhere
    in the body. Words and figures are the same number (`Five` and `5`), units are
    folded (`£1.2bn` and `1.2 billion pounds`), and a body figure that rounds to
    the headline's (`£1.97bn` for `£2bn`) counts as the same.

    ## Why is this bad?
    A headline written on an early draft keeps the old figure when the story is
    corrected: `400 homes` above a story that says `450`. The headline is what
    most readers see.

    ## Example
    ```article
    Council approves 400 new homes

    Plans for 450 homes on the old airfield were approved on Monday.
    ```

    ## Use instead
    Make the headline give the story's number:
    ```article
    Council approves 450 new homes

    Plans for 450 homes on the old airfield were approved on Monday.
    ```

    ## Known limits
    A number the story gives only as a sum or a difference (`both plants`, `a
    third more`) is reported. Years and ordinals are not numbers here, nor is
    `one`, which is rarely a count in a headline.
    """
    checked = [(block, mention) for block in article.blocks
               if block.kind in ("headline", "standfirst")
               for mention in article.numbers[block]
               if not (mention.word and mention.value == 1)]
    if not checked:
        return
    # Body paragraphs are read in turn until each number has been found: most
    # headline numbers are in the first paragraphs, and the rest go unscanned.
    for block in article.body:
        mentions = article.numbers[block]
        if mentions:
            checked = [(b, m) for b, m in checked if not matches_any(m, mentions)]
            if not checked:
                return
    for block, mention in checked:
        yield Problem(mention.start, mention.end,
                      f"'{article.text[mention.start:mention.end]}' in the "
                      f"{block.kind} appears nowhere in the story.")

