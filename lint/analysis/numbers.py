"""Numbers as the copy writes them: `400`, `42,000`, `£1.2bn`, `1.2 billion`, `five`, `40%`.

Each mention carries its value and the precision it was written to, so that
`£2bn` can be matched by a body's `£1.97bn` (rounded to the headline's precision)
but `400` is not matched by `450`. Years (`2025`), ordinals (`3rd`) and figures
inside names or codes (`Tiggo9`, `MP3`) are not mentions.
"""

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import regex

from lint import prose
from lint.lazy import LazyPattern

_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9,
           "tn": 1e12, "trillion": 1e12}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_CURRENCY = "£$€"
_MENTION = prose.compile(
    r"""
    (?<![\w.,/&#-]|[\w.,]-)
    """ + f"[{_CURRENCY}]?" + r"""
    (?:
        (?P<figure>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)(?![.,][0-9])
      | (?P<word>"""
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r""")\b
    )
    (?:[\s-]?(?P<scale>bn|tn|m|k|billion|million|thousand|trillion)\b)?
    (?:\s?(?:%|per\s?cent|percent))?
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# The groups of _MENTION, read by number: the `regex` module looks a group's name up
# at each call, several times what the call by number costs.
_FIGURE, _WORD, _SCALE = 1, 2, 3
_YEAR = LazyPattern(r"(?:19|20)[0-9][0-9]")


def _by_first_letter(words: Iterable[str]) -> str:
    """The words as an alternation of groups, one per first letter: `re` skips a group
    on its letter, where a word's start would have it weigh every word in turn."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Where a mention may start, found at C speed so that the case-blind _MENTION is tried
# only there: a mention's number (a digit, or a number word that no letter, digit or
# underscore follows) comes after no ASCII letter, digit or underscore, with at most a
# currency sign before it. The segment is read one byte a character, those characters
# kept (in lower case) and every other one a space, with a space put before it.
_WORD_SHAPE = bytes(c if chr(c).isalnum() or chr(c) == "_" else ord(" ")
                    for c in range(128)).lower() + b" " * 128
_NUMBER_START = re.compile(
    rb" (?:[0-9]|(?:" + _by_first_letter(NUMBER_WORDS).encode("ascii") + rb")(?![a-z0-9_]))")
# The characters beyond ASCII that _MENTION, case-blind, reads as ASCII letters, and
# the letter each stands for: a segment holding one is read with that letter instead.
_FOLDED_TO_ASCII = {"İ": "i", "ſ": "s", "\u212a": "k"}  # the last the Kelvin sign


class NumberMention(NamedTuple):
    start: int
    end: int
    value: float
    mantissa: float
    decimals: int
    scale: float
    word: bool


def number_mentions(text: str, start: int, end: int) -> list[NumberMention]:
    """The number mentions in text[start:end]."""
    mentions = []
    for match in mention_matches(text, start, end):
        figure, word, scale_name = match.group(_FIGURE, _WORD, _SCALE)
        scale = _entry(_SCALES, scale_name) if scale_name else 1.0
        if figure is not None:
            figure_end = match.end(_FIGURE)
            if scale_name is None and text[figure_end:figure_end + 1].isalpha():
                continue  # 3rd, 9am, 3G: not a count
            if (_YEAR.fullmatch(figure) and scale_name is None
                    and text[match.start()] not in _CURRENCY):
                continue
            mantissa = float(figure.replace(",", ""))
            decimals = len(figure.partition(".")[2])
        else:
            mantissa, decimals = float(_entry(NUMBER_WORDS, word)), 0
        mentions.append(NumberMention(match.start(), match.end(), mantissa * scale, mantissa,
                                      decimals, scale, figure is None))
    return mentions


def mention_matches(text: str, start: int, end: int) -> Iterator[regex.Match]:
    """What `_MENTION.finditer(text, start, end)` finds, trying the pattern only where
    a mention may start."""
    segment = text[start:end]
    if not segment.isascii():
        for folded, letter in _FOLDED_TO_ASCII.items():
            if folded in segment:
                segment = segment.replace(folded, letter)
    shape = b" " + segment.encode("ascii", "replace").translate(_WORD_SHAPE)
    after = start  # where the last match ended: no match starts before it
    for number_start in _NUMBER_START.finditer(shape):
        number = start + number_start.start()  # the shape's space stands one place early
        match = None
        if number > after and text[number - 1] in _CURRENCY:
            match = _MENTION.match(text, number - 1, end)
        if match is None and number >= after:
            match = _MENTION.match(text, number, end)
        if match is not None:
            yield match
            after = match.end()


def _entry(table: dict[str, float], written: str) -> float:
    """The value of a number word or scale as the case-blind pattern matched it: a
    few letters match there but lower-case to something else (`ſix`, `mİllion`)."""
    value = table.get(written.lower())
    if value is None:
        value = next(v for key, v in table.items()
                     if regex.fullmatch(key, written, regex.IGNORECASE))
    return value


def matches_any(mention: NumberMention, others: list[NumberMention]) -> bool:
    """Whether some other mention gives the same number, allowing for rounding to
    the precision `mention` is written to (`£2bn` is `£1.97bn`, `400` is not `450`)."""
    for other in others:
        if abs(other.value - mention.value) < 1e-9 * max(1.0, mention.value):
            return True
        rounded = round(other.value / mention.scale, mention.decimals)
        if rounded == mention.mantissa and (mention.scale > 1 or other.decimals > 0):
            return True
    return False
