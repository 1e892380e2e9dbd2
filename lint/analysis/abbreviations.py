"""Abbreviations and proper names of an article, found once for every rule that needs them.

One pass over a masked copy of the rendered text (URLs, e-mail addresses, handles,
hashtags and inline code blanked out, same length) finds:

* `tokens`: abbreviations written with stops (`U.S.`, `U.S.A.`), without
  (`UK`, `JLR`, `MPs`, `JLR's` as `JLR`), and Nato-style acronyms from a lexicon;
* `malformed`: dotted forms missing their final stop (`U.S,`), spaced (`U. S.`)
  or lower-case (`U.s.`);
* `definitions`: `long form (SF)` pairs, matched the Schwartz–Hearst way;
* `names`: runs of capitalised words (`Jaguar Land Rover`, `Bank of England`),
  leading sentence words and possessives trimmed.

Each token carries where it stands: in the headline or other lead-in, inside a
direct quote, or inside shouting (an all-capital line, quote or run of capitals,
or a dateline), which most rules treat differently. Lower-case dotted forms
(`e.g.`, `p.m.`) and initials before a name (`A.J. Smith`) are recognised and left
alone; `No. 10` and `St. Louis` are not abbreviations of this kind at all.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

import regex

from lint.document import Block

_MASK = regex.compile(
    r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])[@#]\w+|`[^`\n]*`"
)
_DOTTED = regex.compile(r"(?<![\w.])((?:\p{L}\.){2,})(?=[^\w]|$)")
_STOPLESS = regex.compile(r"(?<![\w.])((?:\p{Lu}\.)+\p{Lu})(?![.\w])")
_LOWER_CASE = regex.compile(r"(?<![\w.])\p{Lu}\.\p{Ll}\.?(?!\w)")
_SPACED = regex.compile(r"(?<![\w.])\p{Lu}\.(?: \p{Lu}\.)+(?!\w)")
_CAPITALS = regex.compile(
    r"(?<![\w.&'’])(\p{Lu}(?:[\p{Lu}\d]|&(?=\p{Lu}))*\p{Lu})(s)?(?![\w&]|\.\p{L})")
_DEFINITION = regex.compile(r"\(([\p{Lu}][\p{L}&]{1,9})\)")
_REVERSE_DEFINITION = regex.compile(
    r"(?<![\w.])(\p{Lu}[\p{Lu}&]{1,9}s?) \((?:the |an? )?(\p{L}[^()\d]{2,80})\)")
_WORD_BACK = regex.compile(r"[\p{L}\d&][\p{L}\d&'’-]*", regex.REVERSE)
_QUOTE_MARK = regex.compile(r"[\"“”]")
_SHOUT_RUN = regex.compile(r"\b\p{Lu}{2,}\b(?:[\s,!?'’-]+\b\p{Lu}{2,}\b){2,}"
                           r"|\b\p{Lu}{4,}\b[\s,!?'’-]+\b\p{Lu}{4,}\b")
_DATELINE = regex.compile(r"^\p{Lu}{2,}(?:[ .,'’]+\p{Lu}[\p{Lu}.]*)*\s*(?:\([^)]*\)\s*)?[-–—]")
_LETTER = regex.compile(r"\p{L}")
_UPPER = regex.compile(r"\p{Lu}")
_NAME = regex.compile(
    r"(?:\p{Lu}['’])?\p{Lu}[\p{L}\d]*(?:[-–]\p{Lu}[\p{L}\d]*)*"
    r"(?:(?:[ \u00a0]|[ \u00a0](?:of|for|the|de|du|da|von|van|der|del|&)[ \u00a0])"
    r"(?:\p{Lu}['’])?\p{Lu}[\p{L}\d]*(?:[-–]\p{Lu}[\p{L}\d]*)*)*"
)
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
_WORD = re.compile(r"[^\W\d_]+(?:[-–][^\W\d_]+)*")
_SENTENCE_END_BEFORE = regex.compile(r"(?:^|[.!?:;\"“”'‘]\s*|\n)$")

# Words a capitalised run may start with that are not part of the name.
_LEADING_NON_NAME = frozenset((
    "the", "a", "an", "but", "and", "or", "so", "yet", "if", "when", "while", "as", "after",
    "before", "however", "meanwhile", "in", "on", "at", "for", "with", "by", "from", "to", "of",
    "under", "over", "since", "during", "despite", "although", "though", "this", "that",
    "these", "those", "there", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its",
    "their", "our", "my", "what", "why", "how", "who", "where", "yesterday", "today",
    "tomorrow", "last", "next", "every", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "prof",
))
SHOUTING_SHARE = 0.7

# Abbreviations that houses write with or without stops (`U.S.`/`US`): dotted, these
# letters are never a person's initials, even before a capitalised word.
DOTTABLE = frozenset(["US", "UK", "UN", "EU", "USA", "USSR", "UAE"])
# Pronounceable acronyms that British houses write with an initial capital (`Nato`).
INITIAL_CAP_ACRONYMS = frozenset((
    "NATO", "NASA", "UNESCO", "UNICEF", "OPEC", "AIDS", "SARS", "MERS", "FIFA", "UEFA", "NAFTA",
    "APEC", "ACAS", "OFSTED", "OFCOM", "ACPO", "ISIS", "OFGEM", "OFWAT", "ASBO", "UNHCR",
    "UNAIDS", "INTERPOL", "EUROPOL", "ESA", "COSATU", "WADA",
))


@dataclass(frozen=True, slots=True)
class Token:
    """One abbreviation as written: its span, its letters (`key`) and its form.

    `form` is "dotted" (`U.S.`), "plain" (`US`) or "initial-cap" (`Nato`).
    `plural` marks `MPs`; the span covers the letters and stops only.
    """

    start: int
    end: int
    text: str
    key: str
    form: str
    block: Block
    quoted: bool
    shouting: bool
    sentence_start: bool = False
    plural: bool = False

    @property
    def lead_in(self) -> bool:
        return not self.block.is_body


@dataclass(frozen=True, slots=True)
class Malformed:
    """A dotted abbreviation written wrongly: `U.S,` (`kind` "final-stop"), `U. S.`, `U.s.`."""

    start: int
    end: int
    text: str
    key: str
    kind: str
    block: Block
    quoted: bool


@dataclass(frozen=True, slots=True)
class Definition:
    """`long form (SHORT)` or `SHORT (long form)`: both parts, and the whole span."""

    short: str
    long: str
    start: int
    end: int
    short_start: int


@dataclass(frozen=True, slots=True)
class Name:
    """A run of capitalised words taken as one proper name."""

    start: int
    end: int
    text: str
    block: Block
    quoted_title: bool


class Abbreviations:
    """Everything abbreviation and name rules read, computed in one pass per article."""

    def __init__(self, text: str, blocks: tuple[Block, ...]):
        self.text = text
        self.masked = mask(text)
        self._blocks = blocks
        self._block_starts = [b.start for b in blocks]
        self._quotes = _quote_spans(self.masked, blocks)
        self._quote_starts = [s for s, _ in self._quotes]
        self._shouting = _shouting_spans(self.masked, blocks, self._quotes)
        self._shout_starts = [s for s, _ in self._shouting]
        self.malformed: list[Malformed] = []
        self.tokens: list[Token] = self._find_tokens()
        self.definitions: list[Definition] = self._find_definitions()
        self.names: list[Name] = self._find_names()

    @cached_property
    def words(self) -> dict[str, list[tuple[int, int]]]:
        """Every word of the masked text (hyphenated words whole), lower-cased, with its
        spans; for the spelling and hyphenation checks."""
        index: dict[str, list[tuple[int, int]]] = {}
        for m in _WORD.finditer(self.masked):
            index.setdefault(m.group().lower(), []).append(m.span())
        return index

    # -- where a span stands --------------------------------------------------------

    def block_of(self, index: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, index) - 1
        if i >= 0 and index < self._blocks[i].end:
            return self._blocks[i]
        return None

    def quoted(self, start: int, end: int) -> bool:
        return _inside(self._quotes, self._quote_starts, start, end)

    def shouting(self, start: int, end: int) -> bool:
        return _inside(self._shouting, self._shout_starts, start, end)

    def _sentence_start(self, start: int, block: Block) -> bool:
        before = self.masked[max(block.start, start - 4):start]
        return start == block.start or bool(_SENTENCE_END_BEFORE.search(before.rstrip(" ")
                                                                       or "\n"))

    # -- passes ----------------------------------------------------------------------

    def _token(self, start: int, end: int, key: str, form: str, plural: bool = False) -> None:
        block = self.block_of(start)
        if block is None:
            return
        self.tokens.append(Token(start, end, self.text[start:end], key, form, block,
                                 self.quoted(start, end), self.shouting(start, end),
                                 self._sentence_start(start, block), plural))

    def _find_tokens(self) -> list[Token]:
        self.tokens = []
        text = self.masked
        for m in _DOTTED.finditer(text):
            letters = m.group(1).replace(".", "")
            if letters.isupper() and (letters in DOTTABLE or not _before_name(text, m.end())):
                self._token(m.start(1), m.end(1), letters, "dotted")
        for m in _CAPITALS.finditer(text):
            self._token(m.start(1), m.end(1), m.group(1), "plain", plural=bool(m.group(2)))
        for m in _INITIAL_CAP.finditer(text):
            self._token(m.start(1), m.end(1), m.group(1).upper(), "initial-cap",
                        plural=bool(m.group(2)))
        self._find_initial_caps_of_capitals()
        self._find_malformed()
        self.tokens.sort(key=lambda t: t.start)
        return self.tokens

    def _find_initial_caps_of_capitals(self) -> None:
        """`Unite` where the article also writes `UNITE`: acronyms outside the lexicon
        of four letters or more, so that `Who` is never taken for `WHO`."""
        keys = {t.key for t in self.tokens if t.form == "plain" and len(t.key) >= 4
                and t.key.isalpha() and t.key not in INITIAL_CAP_ACRONYMS}
        for key in keys:
            word = key.capitalize()
            for m in regex.finditer(rf"(?<![\w.&'’]){word}(s)?(?![\w&])", self.masked):
                self._token(m.start(), m.start() + len(word), key, "initial-cap",
                            plural=bool(m.group(1)))

    def _find_malformed(self) -> None:
        text = self.masked
        for m in _STOPLESS.finditer(text):
            self._malformed(m.start(1), m.end(1), "final-stop")
        for kind, pattern in (("spaced", _SPACED), ("lower-case", _LOWER_CASE)):
            for m in pattern.finditer(text):
                self._malformed(m.start(), m.end(), kind)

    def _malformed(self, start: int, end: int, kind: str) -> None:
        block = self.block_of(start)
        if block is None:
            return
        written = self.text[start:end]
        key = regex.sub(r"[^\p{L}]", "", written).upper()
        self.malformed.append(Malformed(start, end, written, key, kind, block,
                                        self.quoted(start, end)))

    def _find_definitions(self) -> list[Definition]:
        found = []
        for m in _DEFINITION.finditer(self.masked):
            short = _singular(m.group(1))
            long_span = _long_form(self.masked, m.start(), short)
            if long_span is not None and (_acronym_like(short) or initials(
                    self.masked[long_span[0]:long_span[1]]) == short.upper()):
                found.append(Definition(short, self.text[long_span[0]:long_span[1]],
                                        long_span[0], m.end(), m.start(1)))
        for m in _REVERSE_DEFINITION.finditer(self.masked):
            short, long = _singular(m.group(1)), m.group(2)
            if (_acronym_like(short) and len(long.split()) <= _window(short)
                    and long[0].lower() == short[0].lower()
                    and _letters_in_order(long.lower(), short.lower())):
                found.append(Definition(short, self.text[m.start(2):m.end(2)], m.start(), m.end(),
                                        m.start(1)))
        found.sort(key=lambda d: d.start)
        return found

    def _find_names(self) -> list[Name]:
        names = []
        text = self.masked
        for m in _NAME.finditer(text):
            start, end = _trim_name(text, m.start(), m.end())
            if start is None:
                continue
            block = self.block_of(start)
            if block is None or self.shouting(start, end) or _is_caps(text[start:end]):
                continue
            quoted_title = (start > 0 and text[start - 1] in "\"'‘“"
                            and end < len(text) and text[end] in "\"'’”")
            names.append(Name(start, end, self.text[start:end], block, quoted_title))
        return names


def mask(text: str) -> str:
    """`text` with URLs, e-mail addresses, @handles, #hashtags and `code` blanked out."""
    return _MASK.sub(lambda m: " " * len(m.group()), text)


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _before_name(text: str, end: int) -> bool:
    """`A.J.` before a capitalised word is a person's initials, not an abbreviation."""
    return text[end:end + 1] == " " and text[end + 1:end + 2].isupper()


_INITIAL_CAP = regex.compile(
    r"(?<![\w.&'’])(" + "|".join(sorted((w.capitalize() for w in INITIAL_CAP_ACRONYMS),
                                         key=len, reverse=True)) + r")(s)?(?![\w&])"
)


def _quote_spans(text: str, blocks: tuple[Block, ...]) -> list[tuple[int, int]]:
    """Spans inside double quote marks, paired within each block; an odd last mark runs
    to the end of its block (a quote continued in the next paragraph)."""
    spans = []
    for block in blocks:
        marks = [m.start() for m in _QUOTE_MARK.finditer(text, block.start, block.end)]
        for i in range(0, len(marks), 2):
            close = marks[i + 1] if i + 1 < len(marks) else block.end
            spans.append((marks[i] + 1, close))
    return spans


def _shouting_spans(text: str, blocks: tuple[Block, ...],
                    quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """All-capital blocks, quotes and runs of three capital words, and datelines."""
    spans = [(b.start, b.end) for b in blocks if _is_caps(text[b.start:b.end])]
    spans += [(s, e) for s, e in quotes if _is_caps(text[s:e])]
    spans += [(m.start(), m.end()) for m in _SHOUT_RUN.finditer(text)]
    for block in blocks:
        dateline = _DATELINE.match(text, block.start, block.end)
        if dateline:
            spans.append((block.start, dateline.end()))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _is_caps(chunk: str) -> bool:
    letters = len(_LETTER.findall(chunk))
    return letters >= 8 and len(_UPPER.findall(chunk)) >= SHOUTING_SHARE * letters


def _trim_name(text: str, start: int, end: int) -> tuple[int | None, int]:
    """Drop leading sentence words (`But`, `The`, `On Monday`) from a capitalised run."""
    while True:
        space = text.find(" ", start, end)
        if space == -1:
            single = text[start:end]
            return (start, end) if "-" in single or _CAMEL.search(single) else (None, end)
        if text[start:space].casefold() not in _LEADING_NON_NAME:
            return start, end
        start = space + 1


def _singular(short: str) -> str:
    """`MPs` → `MP`; `Nats` stays (a final small s only marks a plural of capitals)."""
    return short[:-1] if short.endswith("s") and short[:-1].isupper() else short


_LINK_WORDS = frozenset({"of", "and", "the", "for", "&", "de"})


def initials(words: str) -> str:
    """`Jaguar-Land Rover` → `JLR`; `Association of Chief Police Officers` → `ACPO`."""
    split = words.replace("-", " ").replace("–", " ").split()
    return "".join(w[0] for w in split if w.casefold() not in _LINK_WORDS).upper()


def _acronym_like(short: str) -> bool:
    return sum(c.isupper() for c in short) >= 2 or short.upper() in INITIAL_CAP_ACRONYMS


def _window(short: str) -> int:
    return min(len(short) + 5, 2 * len(short))


def _long_form(text: str, bracket: int, short: str) -> tuple[int, int] | None:
    """The long form before `(short)`: Schwartz & Hearst's right-to-left letter match.

    The window is min(|SF| + 5, 2·|SF|) words; every short-form letter must be found
    in order, and the first must begin a word.
    """
    window = _window(short)
    line_start = max(text.rfind(stop, 0, bracket) + 1 for stop in "\n()")
    words = []
    for m in _WORD_BACK.finditer(text, line_start, bracket):
        words.append((m.start(), m.end()))
        if len(words) >= window:
            break
    if not words:
        return None
    words.reverse()
    end = words[-1][1]
    letters = short.lower()
    for first in range(len(words)):
        start = words[len(words) - 1 - first][0]
        candidate = text[start:end].lower()
        if candidate[0] == letters[0] and _letters_in_order(candidate, letters):
            return start, end
    return None


def _letters_in_order(long: str, short: str) -> bool:
    """Schwartz & Hearst: short-form letters appear right to left in the long form,
    the first of them at the start of a word."""
    li = len(long) - 1
    for si in range(len(short) - 1, -1, -1):
        ch = short[si]
        if not ch.isalnum():
            continue
        while li >= 0 and (long[li] != ch or (si == 0 and li > 0 and long[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True
