"""Typography: spacing around punctuation, brackets and dashes (docs/domain.md §7.2-7.3)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import regex

from lint import prose
from lint.analysis.abbreviations import LEADING_NON_NAME
from lint.analysis.sentences import TITLES
from lint.analysis.text import positions
from lint.article import Article
from lint.document import Block
from lint.lazy import LazyPattern, LazyRePattern
from lint.rule import Edit, Option, Options, Problem, Tier, rule
from rules import house_style

# A punctuation mark between two letters; the words around it are read afterwards,
# since scanning for the rare mark is far cheaper than scanning every word.
_MARK_BETWEEN_LETTERS = LazyPattern(r"(?<=\p{L})[,;:.!?](?=\p{L})")
# Where it can match: a mark before an ASCII letter or any non-ASCII character (which
# may be a letter). A look-behind that leads a pattern is tried at every position;
# this cheaper pass finds the few candidates, which the pattern then decides. The
# class says what it is not (the rest of ASCII): `re` builds a class that reaches
# U+10FFFF slowly.
_MARK_BEFORE_LETTER = LazyRePattern(r"[,;:.!?](?=[^\x00-@\[-`{-\x7f])")
# In Latin-1 text (ASCII, and `£` or `é` besides: each character one byte), its
# matches exactly: a mark between two letters of the text's shape (letters `a`,
# marks `.`), which bytes.find locates faster still.
_LETTERS_AND_MARKS = bytes(ord("a") if chr(c).isalpha()
                           else ord(".") if chr(c) in ",;:.!?" else ord(" ")
                           for c in range(256))
# Matched backwards from the mark: it reads the word, where a search for `\p{L}+$`
# tries every position of the window.
_WORD_BEFORE = LazyPattern(r"\p{L}+", regex.REVERSE)
_WORD_AFTER = LazyPattern(r"\p{L}+")
_WORD_WINDOW = 60
_LOWER_PAIR = LazyPattern(r"\p{Ll}{2}$")
_CAPITALISED = LazyPattern(r"\p{Lu}\p{Ll}")
_NAME_SHORT = 4  # `One.Tel`: a capitalised word this short before the stop is a name
# A stop or `@` next to the words, on either side: a dotted name or an address.
_DOTTED_AFTER = LazyPattern(r"[.@]\p{L}")
_DOTTED_BEFORE = LazyPattern(r"\p{L}[.@]$")


def _word_before(text: str, start: int) -> int:
    """Start of the word ending at `start`."""
    return _WORD_BEFORE.match(text, max(0, start - _WORD_WINDOW), start).start()


def _missing_space(article: Article, start: int, mark_at: int, end: int) -> bool:
    """`end`: the end of the word after the mark, which is not in capitals."""
    text = article.text
    left, mark, right = text[start:mark_at], text[mark_at], text[mark_at + 1:end]
    if mark_at in article.addresses:
        return False
    if left.isupper() and len(left) > 1:
        return False  # names written with a mark: CSI:NY, CD:UK, SM:tv
    if mark in ",;:":
        return True
    if left.lower() in TITLES and mark == "." and right[:1].isupper():
        return True  # Mr.Benn
    # After a stop, `!` or `?`: a new sentence typed on (`year.The`, after a word in
    # lower case `film.BBC`), unless the run is a dotted name (`One.Tel`,
    # `Halo.Bungie.Org`, `Bagle.AT`).
    if not (_LOWER_PAIR.search(left)
            and (_CAPITALISED.match(right) or (right.isupper() and left.islower()))):
        return False
    short_name = left[:1].isupper() and len(left) < _NAME_SHORT
    dotted = (_DOTTED_AFTER.match(text, end, end + 2) is not None
              or _DOTTED_BEFORE.search(text, max(start - 2, 0), start) is not None)
    return not dotted and not short_name


def _marks_between_letters(text: str) -> Iterator[int]:
    """Where _MARK_BETWEEN_LETTERS matches (a mark each): read off the text's shape
    in Latin-1 text, else tried at its candidates."""
    try:
        shape = text.encode("latin-1").translate(_LETTERS_AND_MARKS)
    except UnicodeEncodeError:  # a character beyond Latin-1: curly quotes, dashes
        for candidate in _MARK_BEFORE_LETTER.finditer(text):
            if _MARK_BETWEEN_LETTERS.match(text, candidate.start()):
                yield candidate.start()
        return
    at = shape.find(b"a.a")
    while at != -1:
        yield at + 1
        at = shape.find(b"a.a", at + 1)


@rule("missing-space-after-punctuation", category="typography", severity="warning",
      fix="always", fix_safety="safe")
def missing_space_after_punctuation(article: Article, options: Options) -> Iterator[Problem]:
    """No space after a comma, colon, semicolon or full stop: `By:Tom`, `year.The`.

    ## What it does
    Flags a word, a punctuation mark and the next word typed together: a comma,
    semicolon or colon between two letters (`said,the`, `By:Tom`), and a full stop,
    `!` or `?` between a lower-case word and a capitalised one (`year.The`) or one in
    capitals (`film.BBC`). The span covers both words; the replacement adds the
    missing space.

    ## Why is this bad?
    A missing space is a typing slip that a spell checker does not see, and it is
    the first thing a reader notices in a byline or a headline.

    ## Example
    ```
    By:Tom Jervis
    Sales rose last year.The firm said,the plant would stay open.
    ```

    ## Use instead
    ```
    By: Tom Jervis
    Sales rose last year. The firm said, the plant would stay open.
    ```

    ## Fix safety
    The fix inserts one space after the mark. It is safe.

    ## Known limits
    Numbers are never matched (decimals `1.5`, times `10:30`, ratios and scores
    `3:1`), nor are URLs, e-mail addresses and handles, abbreviations (`e.g.`,
    `U.S.`), initials (`U.N`, `A.J`), dotted names (`One.Tel`, `Halo.Bungie.Org`),
    or a comma or colon directly before a quotation mark (`said:"We`), which some
    houses allow. A word in capitals after the mark, the pronoun `I` among them,
    counts only after two lower-case letters (`reliable,ONS`, `film.BBC`,
    `said,I`), never after a colon, and after a stop only after a word all in
    lower case: `CSI:NY`, `Nasdaq:AAPL`, `e.ON` and `Bagle.AT` are names.
    """
    text = article.text
    for mark_at in _marks_between_letters(text):
        after_at = mark_at + 1
        # One capital is an initial (`U.N`, `A.J`), but `I` that no stop and letter
        # follow is the pronoun (`said,I think`, `I'm`, `said,I.`): like a word in
        # capitals, it counts below only after two lower-case letters.
        if (text[after_at].isupper() and not text[after_at + 1:after_at + 2].isalpha()
                and not (text[after_at] == "I"
                         and _DOTTED_AFTER.match(text, after_at + 1) is None)):
            continue
        end = _WORD_AFTER.match(text, after_at).end()
        after = text[after_at:end]
        mark = text[mark_at]
        # Capitals after a word's lower-case end are a word typed on (`reliable,ONS`);
        # after a colon or anything else, a name or a code (CSI:NY, Nasdaq:AAPL, e.ON).
        if after.isupper() and (mark == ":" or not _LOWER_PAIR.search(
                text, max(mark_at - 2, 0), mark_at)):
            continue
        if after[0].islower() and mark in prose.SENTENCE_MARKS:
            continue  # a sentence typed on starts with a capital: `a.m`, `e.g` are none
        start = _word_before(text, mark_at)
        if not _missing_space(article, start, mark_at, end):
            continue
        yield Problem(start, end, f"No space after '{mark}'.",
                      replacements=(f"{text[start:after_at]} {text[after_at:end]}",),
                      edits=(Edit(after_at, after_at, " "),))


# Punctuation that ends a clause after a space, when it is not the start of an
# ellipsis or of a number (`.5`); or a comma or semicolon typed against the next word,
# its space put before it (`market ,following`), where a colon (`:P`) or a mark before
# a digit can be an emoticon or a number; or a sentence's end so typed against a
# word that opens sentences and is never a name (`ended .The`, `why ?The`), where
# another (`.Net`) may be one. The spaces and the word before are read after.
_SENTENCE_OPENERS = "|".join(sorted(w.capitalize() for w in LEADING_NON_NAME))
_SPACED_MARK = LazyPattern(r"(?<=[ \t])(?:[,.;:!?](?![.\w]|[ \t]+\.)|[,;](?=\p{L})"
                           rf"|[.!?](?=(?:{_SENTENCE_OPENERS})(?![\w'’.-])))")
# Where it can match in text without tabs (most): a space and a mark, found in the
# text's shape (marks, and the `?` that encoding makes of non-ASCII characters,
# become `.`) by bytes.find, instead of trying the look-behind at every position.
_MARKS_AFTER_SPACES = bytes(ord(".") if chr(c) in ",.;:!?" else c if c == ord(" ")
                            else ord("x") for c in range(256))
_BEFORE_SPACES = LazyPattern(r"(?:\w+|[\"'”’)\]%])([ \t]+)$")
_FRENCH_SPACED = frozenset(";:!?")
_DIGIT_NEXT = prose.compile(r"\s*\d")


def _spaced_marks(text: str) -> Iterator[regex.Match]:
    """_SPACED_MARK.finditer(text), tried only after spaces when the text has no tab."""
    if "\t" in text:
        yield from _SPACED_MARK.finditer(text)
        return
    shape = text.encode("ascii", "replace").translate(_MARKS_AFTER_SPACES)
    space = shape.find(b" .")
    while space != -1:
        match = _SPACED_MARK.match(text, space + 1)
        if match is not None:
            yield match
        space = shape.find(b" .", space + 1)


@rule("space-before-punctuation", category="typography", severity="warning",
      fix="always", fix_safety="safe", tiers=[
          Tier("minor", "info", "inside a quotation, or before `;`, `:`, `!` or `?` as French "
               "copy spaces them")])
def space_before_punctuation(article: Article, options: Options) -> Iterator[Problem]:
    """A space before a comma or full stop: `word ,`, `end .`.

    ## What it does
    Flags white space between a word and the comma, full stop, semicolon, colon,
    `!` or `?` after it. The span runs from the word to the mark; the replacement
    closes the gap. A space before a comma or full stop in the story's own words
    is a warning; before `;`, `:`, `!` or `?` (a habit of writers used to French
    spacing, or spacing for emphasis), or inside a quotation (words reproduced as
    they were written), it is info. A comma or semicolon typed against the next
    word, its space put before it (`market ,following`), is a slip whatever the
    house spacing: a warning outside quotations, flagged over both words, and the
    replacement moves the space after the mark. So is a full stop, `!` or `?`
    typed against a word that opens sentences and is never a name (`ended .The`,
    `left .Mr`, `why ?The`).

    ## Why is this bad?
    A stray space before punctuation is left over from an edit (a word deleted
    before the comma) and can strand the mark at the start of a printed line.

    ## Example
    ```
    Shares in Commerzbank fell . The market , following the news, slipped ,then rallied.
    ```

    ## Use instead
    ```
    Shares in Commerzbank fell. The market, following the news, slipped, then rallied.
    ```

    ## Fix safety
    The fix deletes the white space (and, for a mark typed against the next word,
    puts one space after the mark). It is safe.

    ## Known limits
    Ellipses (` ...`, ` . . .`) and decimals (` .5`) are not matched, nor is a
    colon typed against the next word (` :P`), nor a full stop, `!` or `?` typed
    against any word but a sentence opener that is never a name (` .Net`). A
    space before `;`, `:`, `!` or `?` inside a quotation is left alone, since French
    sets those marks apart (`"Vive la France !"`), and so is a colon between numbers
    (`3 : 1`).
    """
    text = article.text
    for match in _spaced_marks(text):
        mark_at, mark = match.start(), match.group()
        block = article.document.block_at(mark_at)
        before = _BEFORE_SPACES.search(text, max(block.start, mark_at - _WORD_WINDOW), mark_at)
        if before is None or mark_at in article.addresses:
            continue
        word = text[before.start():before.start(1)]
        quoted = article.quotes.contains(mark_at)
        if mark in _FRENCH_SPACED and quoted:
            continue
        if mark == ":" and word.isdigit() and _DIGIT_NEXT.match(text, match.end()):
            continue
        closing = Edit(before.start(1), mark_at, "")
        after = _WORD_AFTER.match(text, match.end())
        if after is not None:  # the space belongs after the mark: move it there
            yield Problem(before.start(), after.end(),
                          f"Space before '{mark}' instead of after it.",
                          replacements=(f"{word}{mark} {after.group()}",),
                          edits=(closing, Edit(match.end(), match.end(), " ")),
                          tier="minor" if quoted else None)
            continue
        minor = quoted or mark in _FRENCH_SPACED
        yield Problem(before.start(), match.end(), f"Space before '{mark}'.",
                      replacements=(word + mark,), edits=(closing,),
                      tier="minor" if minor else None)


_DOUBLE_SPACE = prose.compile(r"(?<=\S) {2,}(?=\S)")
# Searched backwards from the spaces: a forward `\S+$` would try every start in the
# block before them, quadratic in a long block of double-spaced words.
_TOKEN_BEFORE = prose.compile(r"\S+", regex.REVERSE)
_TOKEN_AFTER = prose.compile(r"\S+")
_SENTENCE_END = LazyPattern(rf"(?:{prose.SENTENCE_MARK}|:){prose.CLOSER}*$")


@rule("double-space", category="typography", severity="info", fix="always", fix_safety="safe")
def double_space(article: Article, options: Options) -> Iterator[Problem]:
    """Two or more spaces between two words of a sentence.

    ## What it does
    Flags a run of two or more spaces inside a sentence. Two spaces after a full
    stop (the typewriter convention) are left alone. The span covers the words on
    both sides; the replacement keeps one space.

    ## Why is this bad?
    A doubled space is usually the trace of a deleted word or a paste, and it shows
    as a gap in print and on screen.

    ## Example
    ```
    The plan was backed by Cruz  and Trump.
    ```

    ## Use instead
    ```
    The plan was backed by Cruz and Trump.
    ```

    ## Fix safety
    The fix replaces the spaces with one. It is safe.

    ## Known limits
    Only plain-text and Markdown input: an HTML page collapses spaces when shown.
    Padding around the `|` of a Markdown table row is not reported.
    """
    if "  " not in article.text:
        return
    for block in article.blocks:
        for match in _DOUBLE_SPACE.finditer(article.text, block.start, block.end):
            before = _TOKEN_BEFORE.search(article.text, block.start, match.start())
            after = _TOKEN_AFTER.match(article.text, match.end())
            if _SENTENCE_END.search(before.group()) or "|" in (before.group(), after.group()):
                continue  # after a sentence, or padding a Markdown table cell
            yield Problem(before.start(), after.end(), "Two or more spaces between words.",
                          replacements=(f"{before.group()} {after.group()}",),
                          edits=(Edit(match.start(), match.end(), " "),))


_PAIRS = {")": "(", "]": "["}
# Brackets that pair with nothing by design: list labels `1)`, `b)` and smileys `:)`.
_LABEL_OR_SMILEY_BEFORE = prose.compile(r"(?:(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})|[:;]-?)$")


def _by_design(article: Article, block: Block, index: int) -> bool:
    return (_LABEL_OR_SMILEY_BEFORE.search(article.text, max(block.start, index - 5), index)
            is not None or index in article.addresses)


def _unmatched_brackets(text: str, brackets: list[int]) -> list[int]:
    """Where the brackets left without their partner stand, in order; `brackets`:
    where one block's brackets stand, in order."""
    open_at: list[int] = []
    unmatched: list[int] = []
    for index in brackets:
        mark = text[index]
        if mark in "([":
            open_at.append(index)
        elif open_at and text[open_at[-1]] == _PAIRS[mark]:
            open_at.pop()
        else:
            unmatched.append(index)
    return sorted(unmatched + open_at)


@rule("unbalanced-brackets", category="typography", severity="warning")
def unbalanced_brackets(article: Article, options: Options) -> Iterator[Problem]:
    """A bracket opened and never closed in its paragraph, or closed and never opened.

    ## What it does
    Pairs `(` with `)` and `[` with `]` within each paragraph and flags each
    bracket left without its partner.

    ## Why is this bad?
    An unclosed bracket leaves the reader unsure where the aside ends; it is
    usually the trace of an edit that cut the closing half.

    ## Example
    ```
    Jaguar Land Rover (JLR said the deal was signed.
    ```

    ## Use instead
    ```
    Jaguar Land Rover (JLR) said the deal was signed.
    ```

    ## Known limits
    Brackets are paired within one paragraph. List labels (`1)`, `b)`) and smileys
    (`:)`) are not counted, nor are brackets inside URLs.
    """
    text = article.text
    # Found by str.find, and each block's found by bisection: most blocks have none.
    brackets = sorted(at for mark in "()[]" for at in positions(text, mark))
    for block in article.blocks if brackets else ():
        first = bisect.bisect_left(brackets, block.start)
        last = bisect.bisect_left(brackets, block.end, first)
        if first == last:
            continue
        for index in _unmatched_brackets(text, brackets[first:last]):
            if _by_design(article, block, index):
                continue
            mark = text[index]
            state = "never closed" if mark in "([" else "never opened"
            yield Problem(index, index + 1, f"'{mark}' is {state} in this paragraph.")


_SPACED_HYPHEN = prose.compile(r"(?<=(\S) )(--?)(?= (\S))")
_DASHES = {"en": "–", "em": "—"}


def house_dash(options: Options) -> str:
    """The house dash: `hyphen` (a spaced hyphen is the dash), `en` or `em`."""
    return house_style.setting(options, "dash", "hyphen")


@rule("spaced-hyphen-dash", category="typography", severity="info",
      fix="always", fix_safety="safe",
      options=[Option("dash", str, house_style.FROM_PROFILE,
                      "The house dash: hyphen, en or em; `profile`: as the profile says.",
                      choices=(house_style.FROM_PROFILE, "hyphen", "en", "em"))])
def spaced_hyphen_dash(article: Article, options: Options) -> Iterator[Problem]:
    """A spaced hyphen ` - ` (or ` -- `) used as a dash where the house dash is a rule.

    ## What it does
    When the house dash is an en rule (`–`) or an em rule (`—`), flags a hyphen or a
    double hyphen with a space on each side and offers the house dash. Silent when
    the house dash is the spaced hyphen, which is also the default with no profile.

    ## Why is this bad?
    A typed hyphen where the house sets a dash looks unedited next to the dashes
    the sub-editors did set, and it can break a line in the wrong place.

    ## Example
    With `profile = "guardian"` (a spaced en rule):
    ```
    The plant - the company's oldest - will stay open.
    ```

    ## Use instead
    ```
    The plant – the company's oldest – will stay open.
    ```

    ## Fix safety
    The fix replaces the hyphen with the house dash and keeps the spaces. It is safe.

    ## Known limits
    BBC copy uses the spaced hyphen as its dash, so the `bbc` profile and the
    default leave it alone. Line-start bullets (`- item`), suspended hyphens
    (`pre- and post-war`), minus signs (`-5C`) and spaced scores or ranges
    (`6 - 4`) are not matched. The dash of each profile is provisional until the
    profile files carry it.
    """
    dash = _DASHES.get(house_dash(options))
    if dash is None:
        return
    for match in _SPACED_HYPHEN.finditer(article.text):
        if match.group(1).isdigit() and match.group(3).isdigit():
            continue
        yield Problem(match.start(2), match.end(2), "A spaced hyphen used as a dash.",
                      replacements=(dash,), edits=(Edit(match.start(2), match.end(2), dash),))
