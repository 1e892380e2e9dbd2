"""What copy is made of, defined once for readers, analyses and rules: white space,
quote marks, the marks that end a sentence, the words that open one, and month
names.

White space is what `str.isspace()` says, so `str.split()`, `str.strip()` and the
`re` module agree with it. The `regex` module's `\\s` leaves out the four
information separators U+001C to U+001F, so every `regex` pattern that speaks of
white space is compiled with `compile` here, which makes its `\\s` and `\\S` mean
the same as `str.isspace()`.
"""

from __future__ import annotations

import re

import regex

from lint.lazy import LazyPattern, lazy

SPACE = r"[\s\x1c-\x1f]"
NOT_SPACE = r"[^\s\x1c-\x1f]"
_CLASS_SPACE = r"\s\x1c-\x1f"

# White space as HTML and CommonMark know it, which a browser collapses: not U+00A0,
# which it keeps.
MARKUP_SPACE = " \t\n\r\f"

# Quotation marks: straight and curly, double and single (the single ones double as
# apostrophes).
DOUBLE_QUOTES = "\"“”"
SINGLE_QUOTES = "'‘’"
QUOTE_MARKS = DOUBLE_QUOTES + SINGLE_QUOTES

# A sentence ends with one of these marks, perhaps followed by closing quote marks
# and brackets; as patterns, one mark, one closer, and a whole sentence end.
SENTENCE_MARKS = ".!?…"
CLOSERS = "\"'”’»)]"
SENTENCE_MARK = f"[{regex.escape(SENTENCE_MARKS)}]"
CLOSER = f"[{regex.escape(CLOSERS)}]"
SENTENCE_END = f"{SENTENCE_MARK}{CLOSER}*"
# What the last mark of a finished line may be: a sentence's end, or a colon or
# semicolon that hands over to what follows.
LINE_END_MARKS = SENTENCE_MARKS + CLOSERS + ":;"
LINE_END_MARK = f"[{regex.escape(LINE_END_MARKS)}]"

# Words that open sentences and never a name (capitalised, in lower case here):
# articles, pronouns, conjunctions, some prepositions and adverbs, and the titles
# that stand before a name.
SENTENCE_OPENING_WORDS = frozenset(
    "the a an he she it they we i you his her its their our my this that these those there "
    "but and or so yet if when while as after before however meanwhile in on at for with "
    "mr mrs ms dr sir what why how who where".split()
)

# A transcript's speaker label (`WALLACE: `, `MR. TRUMP: `): capitals, with the
# spaces, stops and marks of a name, then a colon and white space.
TRANSCRIPT_LABEL = r"\p{Lu}[\p{Lu} .'’-]{2,30}:\s"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                       "Nov", "Dec")
# A month written out or abbreviated (`March`, `Mar`), as a pattern.
MONTH = f"(?:{'|'.join(MONTHS + MONTH_ABBREVIATIONS)})"


def compile(pattern: str, flags: int = 0) -> LazyPattern:  # noqa: A001 - regex.compile's twin
    """regex.compile, with `\\s` and `\\S` meaning white space as str.isspace() knows it,
    on first use."""
    return _WhiteSpacePattern(pattern, flags)


class _WhiteSpacePattern(LazyPattern):
    """A LazyPattern whose source `_isspace_classes` rewrites when it is first read:
    a check reads few of the patterns made with `compile`, and the rewriting is a
    Python loop over the escapes and brackets of each."""

    def __init__(self, source: str, flags: int = 0):
        self._source = source
        self._flags = flags

    @lazy
    def pattern(self) -> str:
        return _isspace_classes(self._source)

    def __reduce__(self):
        return LazyPattern, (self.pattern, self._flags)


# What `_isspace_classes` reads of a pattern: escapes, and the brackets of classes.
_ESCAPE_OR_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)


def _isspace_classes(pattern: str) -> str:
    if "\\s" not in pattern and "\\S" not in pattern:
        return pattern
    out: list[str] = []
    copied = 0  # pattern[:copied] is in out
    in_class = False
    members_until = 0  # a `^` and a `]` straight after `[` are members of the class
    for token in _ESCAPE_OR_BRACKET.finditer(pattern):
        at, text = token.start(), token.group()
        if at < members_until:
            continue
        if text == "[":
            if not in_class:
                in_class = True
                members_until = at + 1
                for opener in ("^", "]"):
                    if pattern.startswith(opener, members_until):
                        members_until += 1
        elif text == "]":
            in_class = False
        elif text in (r"\s", r"\S"):
            if text == r"\S" and in_class:
                raise ValueError(r"\S inside a character class: write the class out")
            out += (pattern[copied:at],
                    NOT_SPACE if text == r"\S" else _CLASS_SPACE if in_class else SPACE)
            copied = token.end()
    out.append(pattern[copied:])
    return "".join(out)
