"""Abbreviations and proper names of an article, found once for every rule that needs them.

A few regex passes over the article's prose (Article.prose: the rendered text
with markup, addresses and the reader's not-prose spans blanked out) find:

* `tokens`: abbreviations written with stops (`U.S.`, `U.S.A.`), without
  (`UK`, `JLR`, `MPs`, `JLR's` as `JLR`), and with an initial capital (`Nato`) where
  the article also writes them in capitals;
* `malformed`: dotted forms missing their final stop (`U.S,`), spaced (`U. S.`)
  or lower-case (`U.s.`);
* `definitions`: `long form (SF)` pairs, matched the Schwartz–Hearst way;
* `names`: runs of capitalised words (`Jaguar Land Rover`, `Bank of England`),
  leading sentence words and possessives trimmed.

Each token carries where it stands: in the headline or other lead-in, inside a
quotation (from the shared quote scanner), or inside shouting (an all-capital
line, quote or run of capitals, a dateline or a speaker label), which most rules
treat differently. Lower-case dotted forms (`e.g.`, `p.m.`) and initials before a name
(`A.J. Smith`) are recognised and left alone; `No. 10` and `St. Louis` are not
abbreviations of this kind at all.
"""

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Generator, Iterator
from typing import NamedTuple

import regex

from lint import prose
from lint.analysis.quotes import QuoteScan
from lint.analysis.text import positions
from lint.document import Block
from lint.lazy import LazyPattern, LazyRePattern, lazy

# The patterns below start with a letter class and leave "what stands before" to
# `_standalone`: a look-behind at the start of a pattern makes the engine try every
# position of the text, several times slower on article-length text.
# Letters with stops, right (`U.S.`) or wrong: no final stop (`U.S`, `U.S.A`),
# spaced (`U. S.`), lower case (`U.s.`). No groups: a group around the alternatives
# would disable the prefix search.
_UPPER = "A-ZÀ-ÖØ-Þ"
_DOTTED = LazyRePattern(r"[A-Z]\.(?:[A-Z]\.)*[A-Z](?![.\w])|[A-Z]\.(?:[A-Z]\.)+"
                     r"|[A-Z]\.(?: [A-Z]\.)+(?!\w)|[A-Z]\.[a-z]\.?(?!\w)")
_CAPITALS = re.compile(r"[A-Z](?:[A-Z\d]|&(?=[A-Z]))*[A-Z](s)?(?![\w&]|\.\w)")
# What _CAPITALS's repeated group takes from a place on: a match from any later
# capital of that stretch could be extended back over it, so when none starts at
# its first capital, none starts inside it.
_CAPITALS_STRETCH = LazyRePattern(r"(?:[A-Z\d]|&(?=[A-Z]))*")
_NOT_BEFORE_CAPITALS = frozenset(".&'’")
# The text's shape (_shape), one byte a character, for finding where _CAPITALS,
# _DOTTED and _NAME can start. Capitals (the Latin-1 ones of _UPPER too) become
# `A`; digits and the characters beyond Latin-1 (`?` after encoding, which may be
# a Unicode digit) `0`; `&`, `.`, `-`, `'` and the space stay, and so does the
# no-break space as a space; other letters and digits and `_` become `a`, and all
# else `,`. The candidates are then matched on the text itself, so a spare
# candidate costs one match and a missed one is impossible.
_LATIN_1_CAPITALS = frozenset(re.findall(f"[{_UPPER}]", bytes(range(256)).decode("latin-1")))
_SHAPE = bytes(ord("A") if chr(c) in _LATIN_1_CAPITALS
               else ord("0") if ord("0") <= c <= ord("9") or c == ord("?")
               else c if c in b"&. -'"
               else ord(" ") if c == 0xA0
               else ord("a") if chr(c).isalnum() or c == ord("_")
               else ord(",") for c in range(256))
_CAPITALS_START = re.compile(rb"A(?=[A0&])")
# Both kinds of definition are found from their opening bracket: `long form (SF)`
# has the short form inside, `SF (long form)` just before.
_SHORT_INSIDE = LazyPattern(r"\(([\p{Lu}][\p{L}&]{1,9})\)")
_LONG_INSIDE = LazyPattern(r"\((?:the |an? )?(\p{L}[^()\d]{2,80})\)")
_SHORT_BEFORE = LazyPattern(r"(?<![\w.])(\p{Lu}[\p{Lu}&]{1,9}s?) $")
_WORD_BACK = LazyPattern(r"[\p{L}\d&][\p{L}\d&'’-]*", regex.REVERSE)
_CAPITALS_GAP = prose.compile(r"(?:[\s,!?'’-]|\b\p{Lu}\b)+")
# What opens a paragraph in capitals by convention: a dateline, its place in
# capitals, perhaps a state and a date after commas and the agency in brackets
# (`LONDON (Reuters) -`, `FLINT, Mich., Oct. 4 (UPI) —`), or a transcript's speaker
# label (`PENCE:`, `"WALLACE:`). Possessive: a stop may end a capital word or lead
# the next, and trying both for each word of a long run of capitals took time
# growing with the run's square.
_CAPITALS_OPENING = prose.compile(
    r"\p{Lu}{2,}+(?:[ .,'’]++\p{Lu}[\p{Lu}.]*+(?!\p{Ll}))*+"
    r"(?:, \p{Lu}[\p{L}.]*+(?: \d{1,2}+)?){0,3}+\s*+(?:\([^)]*\)\s*)?[-–—]"
    rf"|[\"“]?{prose.TRANSCRIPT_LABEL}")
# Possessive quantifiers (`*+`): what follows a run of word characters here is never
# a word character, so giving some back cannot help a match, and not trying saves a
# third of this pass, which starts at every capital of the article. Bounded ones: a
# failed try from each capital of one long word or hyphen chain (`AAAA...`, `A-A-A...`)
# would read on to its end, over and over; no name word is longer than _NAME_CHARS.
_NAME_CHARS = 60
_NAME_LINKS = 8
_REST = rf"\w{{0,{_NAME_CHARS}}}+"
_NAME_WORD = rf"[{_UPPER}](?:['’][{_UPPER}])?{_REST}(?:[-–][{_UPPER}]{_REST}){{0,{_NAME_LINKS}}}+"
# Two or more capitalised words (joined by `of`, `&`, ...), or one hyphenated
# (`Kilroy-Silk`) or CamelCase (`WikiLeaks`) word: single plain words are no name runs.
_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \u00a0](?:(?:of|for|the|de|du|da|von|van|der|del|&)[ \u00a0])?"
    rf"{_NAME_WORD})+"
    rf"|[{_UPPER}]{_REST}[-–][{_UPPER}]{_REST}(?:[-–][{_UPPER}]{_REST}){{0,{_NAME_LINKS}}}+"
    rf"|[{_UPPER}][a-z]++[{_UPPER}]\w*+"
)
# In the shape: the space after a name word, perhaps a joining word of two or three
# letters or `&`, and the next word's capital.
_NAME_GAP_SHAPE = rb" (?:a{2,3}+ |& )?+A"
# Where a _NAME match may start, read off the shape: at a capital whose word (letters,
# digits, hyphens, apostrophes) reaches another capital past a character that is not
# one (`Kilroy-Silk`, `WikiLeaks`, `O'Neill`), or ends before the next word of a name
# (`Bank of England`, `A & E`). A capital followed by capitals (`BBC`) starts one only
# where that word goes on in other characters (`MPs`, `BBC-Led`) or ends so; past
# _NAME_CHARS capitals it is let through, so that no capital of a long run reads on to
# its end. Most capitals of an article start a sentence before a lower-case word, and
# many others an acronym before one or before a mark: they fail this at C speed.
_NAME_START = re.compile(rb"A(?=A{1,%d}+(?:[-a0A]|%s)|[-a0']++(?:A|%s)|%s)"
                         % (_NAME_CHARS, _NAME_GAP_SHAPE, _NAME_GAP_SHAPE, _NAME_GAP_SHAPE))
# A capital followed by more capitals than a name word's _NAME_CHARS, in the shape: no
# _NAME match starts there (the word goes on where the pattern needs a break).
_CAPITALS_PAST_A_NAME_WORD = b"A" * (_NAME_CHARS + 2)
_CAPITALS_IN_SHAPE = LazyRePattern(rb"A*+")
# Words of capitals, each followed by a space and another such word: what
# _trim_name drops in one step.
_CAPITAL_WORDS_BEFORE_ANOTHER = LazyRePattern(rf"(?:[{_UPPER}]++ (?=[{_UPPER}]++ ))++")
_LETTERS = LazyPattern(r"\p{L}+")
_PLAIN_WORD = LazyRePattern(r"[a-z]+(?:[- ][a-z]+)?")
# Searching the text once per word is quicker than one pass over its words up to
# about this many words.
_FEW_SEARCHES = 16
# Bytes `a` to `z` kept, every other byte a space: `.split()` then gives the runs of
# lower-case ASCII letters of an ASCII-encoded text.
A_TO_Z_ONLY = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))
_CAMEL = LazyPattern(r"\p{Ll}\p{Lu}")
# Up to this many keys, initial-capital forms are searched for key by key.
_KEYS_SEARCHED_UP_TO = 16
_CAPITALISED_WORD = LazyPattern(r"(?<![\w.&'’])[A-Z][a-z]+(?![\w&])")
_SEVERAL_WORDS = LazyRePattern(r"[ \u00a0\-–]")
_SENTENCE_END_CHARS = frozenset(prose.SENTENCE_MARKS + ":;\n" + prose.QUOTE_MARKS)

# Words a capitalised run may start with that are not part of the name: capitalised,
# they open a sentence (or a title does), never a name. Besides the words that open
# sentences, more prepositions, times and titles, which may go on a name after a
# dotted form (`U.S. Under Secretary`) and so are no sign of a sentence's end.
LEADING_NON_NAME = prose.SENTENCE_OPENING_WORDS | frozenset(
    "by from to of under over since during despite although though yesterday today "
    "tomorrow last next every lord lady dame prof".split())
# Capitalised job titles before a name (`Prime Minister Tony Blair`).
_TITLE_WORDS = frozenset((
    "prime", "minister", "secretary", "chancellor", "president", "chairman", "chairwoman",
    "chief", "executive", "director", "manager", "coach", "captain", "leader", "senator",
    "governor", "judge", "justice", "deputy", "shadow", "foreign", "home", "education",
    "health", "culture", "defence", "trade", "transport", "environment", "commissioner",
    "spokesman", "spokeswoman", "officer", "chef", "boss", "striker", "midfielder",
    "defender", "goalkeeper", "winger", "fly-half", "scrum-half", "prop", "lock", "centre",
))
# A run's first word that _trim_name may drop, in lower case.
_MAY_BE_TRIMMED = LEADING_NON_NAME | _TITLE_WORDS
SHOUTING_MIN_CHARS = 8
# A block's span, taken from each block by one C call.
_SPAN = operator.attrgetter("start", "end")
_TOKEN_START = operator.attrgetter("start")
_MATCH_START = operator.methodcaller("start")
_MATCH_END = operator.methodcaller("end")
_PLURAL_S = operator.methodcaller("group", 1)

# Abbreviations that houses write with or without stops (`U.S.`/`US`): dotted, these
# letters are never a person's initials, even before a capitalised word.
DOTTABLE = frozenset(["US", "UK", "UN", "EU", "USA", "USSR", "UAE"])
# Pronounceable acronyms that British houses write with an initial capital (`Nato`).
INITIAL_CAP_ACRONYMS = frozenset((
    "NATO", "NASA", "UNESCO", "UNICEF", "OPEC", "AIDS", "SARS", "MERS", "FIFA", "UEFA", "NAFTA",
    "APEC", "ACAS", "OFSTED", "OFCOM", "ACPO", "ISIS", "OFGEM", "OFWAT", "ASBO", "UNHCR",
    "UNAIDS", "INTERPOL", "EUROPOL", "ESA", "COSATU", "WADA",
))


class Token(NamedTuple):
    """One abbreviation as written: its span, its letters (`key`) and its form.

    `form` is "dotted" (`U.S.`), "plain" (`US`) or "initial-cap" (`Nato`).
    `plural` marks `MPs`; the span covers the letters and stops only. Whether it
    stands in a quotation, in shouted capitals or at a sentence's start, few rules
    ask, of few tokens: Abbreviations.quoted, .shouting and .starts_sentence.
    """

    start: int
    end: int
    text: str
    key: str
    form: str
    block: Block
    plural: bool = False

    @property
    def lead_in(self) -> bool:
        return not self.block.is_body


class Malformed(NamedTuple):
    """A dotted abbreviation written wrongly: `U.S,` (`kind` "final-stop"), `U. S.`, `U.s.`."""

    start: int
    end: int
    text: str
    key: str
    kind: str
    block: Block
    quoted: bool


class Definition(NamedTuple):
    """`long form (SHORT)` or `SHORT (long form)`: both parts, and the whole span."""

    short: str
    long: str
    start: int
    end: int


class Name(NamedTuple):
    """A run of capitalised words taken as one proper name."""

    start: int
    end: int
    text: str
    block: Block
    quoted_title: bool


# Tokens and names are built straight from tuples of their fields: a NamedTuple's
# own __new__ is a Python function, and one is called for every token and name.
_new_token = functools.partial(tuple.__new__, Token)
_new_name = functools.partial(tuple.__new__, Name)


class Abbreviations:
    """Everything abbreviation and name rules read, computed once per article."""

    def __init__(self, text: str, blocks: tuple[Block, ...], quotes: QuoteScan,
                 prose: str | None = None):
        """`prose` is the text with what is not prose blanked out (Article.prose)."""
        self.text = text
        self.masked = text if prose is None else prose
        self._blocks = blocks
        self._quote_scan = quotes
        # The masked text one byte a character: Latin-1, `?` for any character beyond.
        self.masked_bytes = self.masked.encode("latin-1", "replace")
        self._shape = shape = _shape(self.masked_bytes)
        self._capitals = [m for m in _capitals_matches(self.masked, shape)
                          if _standalone(self.masked, m.start(), _NOT_BEFORE_CAPITALS)]
        self.tokens: list[Token] = []
        self.malformed: list[Malformed] = []
        self._find_tokens(self._capitals, shape)
        self.definitions: list[Definition] = self._find_definitions()
        self._looks = 0

    # Where blocks start, the quotations and the shouting are found when first asked
    # for: a page of thousands of tiny paragraphs may hold no token and no name that
    # would ask, and each costs a Python step per block or quotation.

    @lazy
    def _block_starts(self) -> list[int]:
        return [b.start for b in self._blocks]

    @lazy
    def _quotes(self) -> list[tuple[int, int]]:
        """Inside a quotation: from the shared quote scanner, its top-level contents."""
        return [(q.content_start, q.content_end) for q in self._quote_scan.top_level()]

    @lazy
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self._quotes]

    @lazy
    def _shouting(self) -> list[tuple[int, int]]:
        """All-capital blocks and quotes, runs of capital words, datelines and speaker
        labels, merged."""
        block_spans = list(map(_SPAN, self._blocks))
        return _merged(self._shouting_with_lower_case + _all_caps(self.masked, block_spans)
                       + _all_caps(self.masked, self._quotes))

    @lazy
    def _shouting_with_lower_case(self) -> list[tuple[int, int]]:
        """The shouting that may hold a lower-case letter: runs of capital words (a
        plural's `s`: `MPs`), datelines (their brackets) and speaker labels, not
        all-capital blocks and quotes."""
        return (_capital_runs(self.masked, self._shape, self._capitals)
                + _capitals_openings(self.masked, self._blocks))

    @lazy
    def _shout_starts(self) -> list[int]:
        return [s for s, _ in self._shouting]

    @lazy
    def lowered(self) -> str:
        """The masked text in lower case, for case-blind word searches."""
        lowered = self.masked.lower()
        # A few characters change length in lower case (`İ`); offsets must not move.
        return lowered if len(lowered) == len(self.masked) else self.masked

    @lazy
    def _ascii_lowered(self) -> bytes:
        """The masked text a byte a character, its ASCII letters lowered: an ASCII word
        stands in `lowered` only where it stands here. Lower case makes ASCII of one
        other letter, the Kelvin sign (`k`), read as such here."""
        masked = self.masked
        if "\u212a" in masked:
            return masked.replace("\u212a", "k").encode("latin-1", "replace").lower()
        return self.masked_bytes.lower()

    @lazy
    def _plain_runs(self) -> tuple[list[str], list[int]]:
        """`lowered` split at every character but `a` to `z` (so runs may be empty),
        and where each run ends less the separators before it."""
        runs = (self.lowered.encode("ascii", "replace").translate(A_TO_Z_ONLY)
                .decode("ascii").split(" "))
        return runs, list(itertools.accumulate(map(len, runs)))

    @lazy
    def _plain_words(self) -> frozenset[str]:
        """The runs of letters `a` to `z` in `lowered`."""
        return frozenset(self._plain_runs[0])

    def may_stand(self, word: str) -> bool:
        """False if `word` (lower case, letters, perhaps two runs of them joined by a
        hyphen or space) surely stands nowhere as a whole word: a quick look before
        `find_words`. The first few looks search the text (an ASCII word first its
        bytes, so that the whole text is lowered only for a word that may be there);
        past them, a set of its words answers, so that many looks cost one pass over
        the text, not many."""
        self._looks += 1
        if self._looks <= _FEW_SEARCHES:
            if word.isascii() and word.encode("ascii") not in self._ascii_lowered:
                return False
            return word in self.lowered
        return all(part in self._plain_words for part in regex.split("[- ]", word)
                   if part.isascii() and part.islower())

    def find_words(self, words: set[str]) -> dict[str, list[tuple[int, int]]]:
        """Spans of each of `words` (lower case, as for `may_stand`; any case in the
        text) standing as a whole word. A few words are each searched for; more, in
        one pass over the text's runs of letters."""
        if len(words) <= _FEW_SEARCHES:
            return {word: self._find_word(word) for word in words}
        found: dict[str, list[tuple[int, int]]] = {word: [] for word in words}
        plain = {word for word in words if _PLAIN_WORD.fullmatch(word)}
        self._find_plain_words(plain, found)
        if len(plain) < len(words):
            self._find_other_words(words - plain, found)
        return found

    def _find_plain_words(self, words: set[str], found: dict) -> None:
        """Words of `a` to `z` (two such runs joined by a hyphen or space at most),
        looked up among the runs of those letters: at C speed but for the runs held."""
        text = self.lowered
        runs, ends = self._plain_runs
        alone = {word for word in words if word.isalpha()}
        firsts = {regex.split("[- ]", word, maxsplit=1)[0] for word in words - alone}
        for i in itertools.compress(itertools.count(), map(alone.__contains__, runs)):
            start = ends[i] - len(runs[i]) + i
            _add_whole_word(text, found[runs[i]], start, start + len(runs[i]))
        for i in itertools.compress(itertools.count(), map(firsts.__contains__, runs)):
            if i + 1 < len(runs):
                start, end = ends[i] - len(runs[i]) + i, ends[i + 1] + i + 1
                if text[start:end] in words:
                    _add_whole_word(text, found[text[start:end]], start, end)

    def _find_other_words(self, words: set[str], found: dict) -> None:
        """Words with letters beyond `a` to `z`, looked up among the runs of letters."""
        text = self.lowered
        firsts = {regex.split("[- ]", word, maxsplit=1)[0] for word in words}
        before = None
        for m in _LETTERS.finditer(text):
            start, end = m.span()
            word = m.group()
            joined = (before is not None and before.end() == start - 1
                      and text[before.end()] in "- ")
            if joined and text[before.start():end] in words:
                _add_whole_word(text, found[text[before.start():end]], before.start(), end)
            if word in words:
                _add_whole_word(text, found[word], start, end)
            before = m if word in firsts else None

    def _find_word(self, word: str) -> list[tuple[int, int]]:
        text, found = self.lowered, []
        at = text.find(word)
        while at != -1:
            _add_whole_word(text, found, at, at + len(word))
            at = text.find(word, at + 1)
        return found

    # -- where a span stands --------------------------------------------------------

    def block_of(self, index: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, index) - 1
        if i >= 0 and index < self._blocks[i].end:
            return self._blocks[i]
        return None

    def quoted(self, start: int, end: int) -> bool:
        return _inside(self._quotes, self._quote_starts, start, end)

    def shouting(self, start: int, end: int) -> bool:
        if not self._shouting:
            return False  # most articles: nothing to search
        return _inside(self._shouting, self._shout_starts, start, end)

    def starts_sentence(self, token: Token) -> bool:
        before = self.masked[max(token.block.start, token.start - 4):token.start].rstrip(" ")
        return not before or before[-1] in _SENTENCE_END_CHARS

    # -- passes ----------------------------------------------------------------------

    def _token(self, start: int, end: int, key: str, form: str, plural: bool = False) -> None:
        block = self.block_of(start)
        if block is None:
            return
        self.tokens.append(_new_token((start, end, self.text[start:end], key, form, block, plural)))

    def _find_tokens(self, capitals: list[re.Match], shape: bytes) -> None:
        self._find_dotted(shape)
        keys = set()
        blocks = _block_walk(self._blocks)
        next(blocks)
        for m in capitals:
            plural = m.group(1) is not None
            key = m.group()[:-1] if plural else m.group()
            keys.add(key)
            start = m.start()
            block = blocks.send(start)
            if block is not None:
                end = start + len(key)
                self.tokens.append(_new_token((start, end, self.text[start:end], key, "plain",
                                               block, plural)))
        self._find_initial_caps(keys)
        self.tokens.sort(key=_TOKEN_START)

    def _find_dotted(self, shape: bytes) -> None:
        text = self.masked
        # By written form, as a page repeats a few: its key, and whether it is the
        # well-formed dotted form (`U.S.`, not `U.S` or `U. S.`).
        forms: dict[str, tuple[str, bool]] = {}
        for m in _dotted_matches(text, shape):
            start, end = m.span()
            if not _standalone(text, start, "."):
                continue
            written = m.group()
            form = forms.get(written)
            if form is None:
                form = forms[written] = (
                    "".join(c for c in written if c.isalpha()).upper(),
                    written[-1] == "." and written.isupper() and " " not in written)
            key, well_formed = form
            if well_formed:
                if not text[end:end + 1].isalnum() and (key in DOTTABLE
                                                        or not before_name(text, end)):
                    self._token(start, end, key, "dotted")
                continue
            block = self.block_of(start)
            if block is None:
                continue
            kind = ("spaced" if " " in written else "lower-case" if not written.isupper()
                    else "final-stop")
            self.malformed.append(Malformed(start, end, self.text[start:end], key, kind, block,
                                            self.quoted(start, end)))

    def _find_initial_caps(self, keys: set[str]) -> None:
        """`Nato` where the article also writes `NATO`. Outside the lexicon of
        pronounceable acronyms only keys of four letters or more count, so that
        `Who` is never taken for `WHO`. Such a word (or its plural) starts with the
        key capitalised: each place where one does is matched as a capitalised word,
        then looked up as a key and, ending in `s`, as a plural. Past a few keys (a
        long page holds thousands), a search of the text per key would cost keys
        times text: then every capitalised word is matched, in one pass."""
        wanted = {key for key in keys
                  if key.isalpha() and len(key) >= (3 if key in INITIAL_CAP_ACRONYMS else 4)}
        if not wanted:
            return
        if len(wanted) > _KEYS_SEARCHED_UP_TO:
            matches: Iterator[re.Match | None] = _CAPITALISED_WORD.finditer(self.masked)
        else:
            starts = {at for key in wanted for at in positions(self.masked, key.capitalize())}
            matches = (_CAPITALISED_WORD.match(self.masked, start) for start in sorted(starts))
        for m in matches:
            if m is None:
                continue
            word = m.group()
            if word.upper() in wanted:
                self._token(m.start(), m.end(), word.upper(), "initial-cap")
            if word.endswith("s") and word[:-1].upper() in wanted:
                self._token(m.start(), m.end() - 1, word[:-1].upper(), "initial-cap",
                            plural=True)

    def _find_definitions(self) -> list[Definition]:
        found = []
        text = self.masked
        # Each bracket with the one before it, after which its line start is looked for.
        for previous, bracket in itertools.pairwise(itertools.chain((0,), positions(text, "("))):
            if not _may_open_definition(text, bracket):
                continue
            inside = _SHORT_INSIDE.match(text, bracket)
            if inside:
                short = _singular(inside.group(1))
                long_span = _long_form(text, bracket, short, previous)
                if long_span is not None and (_acronym_like(short) or initials(
                        text[long_span[0]:long_span[1]]) == short.upper()):
                    found.append(Definition(short, self.text[long_span[0]:long_span[1]],
                                            long_span[0], inside.end()))
                continue
            before = _SHORT_BEFORE.search(text, max(0, bracket - 12), bracket)
            long = _LONG_INSIDE.match(text, bracket) if before else None
            if long is None:
                continue
            block = self.block_of(bracket)
            if block is not None and long.end() > block.end:
                continue  # its brackets close in a later block
            short, words = _singular(before.group(1)), long.group(1)
            if (_acronym_like(short) and len(words.split()) <= _window(short)
                    and words[0].lower() == short[0].lower()
                    and _letters_in_order(words.lower(), short.lower())):
                found.append(Definition(short, self.text[long.start(1):long.end(1)],
                                        before.start(), long.end()))
        found.sort(key=lambda d: d.start)
        return found

    @lazy
    def names(self) -> list[Name]:
        """The capitalised runs taken as names, found when a rule first reads them:
        the abbreviation rules but one never do."""
        names = []
        text = self.masked
        # Names come in text order, so their blocks are found by walking the blocks
        # along with them. A name kept holds a letter in lower or title case (one all
        # in capitals is dropped). The only such letters shouting holds are the `s` of
        # plural capitals (`MPs`) and those inside a dateline's brackets (a dateline
        # opens its block in capitals): a name is asked about only where its letters
        # may be those, so that most articles never work their shouting out.
        plural_capitals = any(map(_PLURAL_S, self._capitals))
        blocks = _block_walk(self._blocks)
        next(blocks)
        block = opens_in_capitals = None
        # The masked text is mostly the text itself, whose slice is then the written run.
        unmasked = self.text is text
        for m in _name_matches(text, self._shape):
            start, end = m.span()
            written = m.group()
            first, space, _ = written.partition(" ")
            # Most runs start with a word that is neither a sentence word, a title nor an
            # acronym: _trim_name would keep them whole, so it is asked only of the rest.
            if not space or first.isupper() or first.casefold() in _MAY_BE_TRIMMED:
                start, end = _trim_name(text, start, end)
                if start is None:
                    continue
                written = text[start:end]
            held_by = blocks.send(start)
            if held_by is None:
                continue
            if held_by is not block:
                block = held_by
                opens_in_capitals = text[block.start:block.start + 2].isupper()
            if written.isupper():
                continue
            if ((plural_capitals and written.replace("s", "").isupper())
                    or (opens_in_capitals and text.find("(", block.start, start) != -1)) and (
                    self.shouting(start, end)):
                continue
            quoted_title = (start > 0 and text[start - 1] in "\"'‘“"
                            and end < len(text) and text[end] in "\"'’”")
            names.append(_new_name((start, end, written if unmasked else self.text[start:end],
                                    block, quoted_title)))
        return names


def _block_walk(blocks: tuple[Block, ...]) -> Generator[Block | None, int, None]:
    """Sent offsets in text order (after a first `next`), gives back the block that
    holds each, or None: the blocks are walked along with the offsets, where
    `block_of` would search them for each, a Python call a token or name."""
    left = iter(blocks)
    block = next(left, None)
    at = yield None
    while True:
        while block is not None and block.end <= at:
            block = next(left, None)
        at = yield block if block is not None and block.start <= at else None


def _shape(one_byte_each: bytes) -> bytes:
    """The text as _SHAPE reads it, from the text one byte a character (Latin-1, `?`
    for any character beyond: Abbreviations.masked_bytes)."""
    return one_byte_each.translate(_SHAPE)


def _capitals_matches(text: str, shape: bytes) -> Iterator[re.Match]:
    """_CAPITALS.finditer(text), tried only where the text's shape (_shape) allows a
    match: the literal-led search over the shape skips the lower-case text at C
    speed, which the pattern's leading class cannot. The search resumes past a
    match, so that the capitals inside one are not visited one by one."""
    candidate = _CAPITALS_START.search(shape)
    while candidate is not None:
        at = candidate.start()
        match = _CAPITALS.match(text, at)
        if match is not None:
            yield match
            at = match.end()
        else:  # capitals run into a word (`NATONATOfollows`), or one not A to Z (`À`)
            at = max(_CAPITALS_STRETCH.match(text, at).end(), at + 1)
        candidate = _CAPITALS_START.search(shape, at)


def _name_matches(text: str, shape: bytes) -> Iterator[re.Match]:
    """_NAME.finditer(text), tried only where the text's shape (_shape) allows a
    match to start (_NAME_START): the pattern itself would be tried at every
    capital. The search for the next start resumes past a match, so that the
    capitals inside a long run are not visited one by one; and past a failed try
    inside a run of capitals, at the first capital that is followed by no more than
    _NAME_CHARS others: at any before it, a name word would run on past its
    _NAME_CHARS characters (`NATONATO...follows` is tried some sixty times, not
    once a capital)."""
    candidate = _NAME_START.search(shape)
    while candidate is not None:
        at = candidate.start()
        match = _NAME.match(text, at)
        if match is not None:
            yield match
            candidate = _NAME_START.search(shape, match.end())
        elif shape.startswith(_CAPITALS_PAST_A_NAME_WORD, at):
            run_end = _CAPITALS_IN_SHAPE.match(shape, at).end()
            candidate = _NAME_START.search(shape, run_end - _NAME_CHARS - 1)
        else:
            candidate = _NAME_START.search(shape, at + 1)


def _dotted_matches(text: str, shape: bytes) -> Iterator[re.Match]:
    """_DOTTED.finditer(text), visiting only the capitals before a stop, where every
    match starts: `A.` in the text's shape (_shape), found at C speed."""
    at = shape.find(b"A.")
    while at != -1:
        match = _DOTTED.match(text, at)
        if match is not None:
            yield match
            at = shape.find(b"A.", match.end())
        else:
            at = shape.find(b"A.", at + 1)


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _add_whole_word(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Add the span if nothing word-like touches it: no letter, digit, `_` or hyphen."""
    if _standalone(text, start, "-") and not (text[end:end + 1].isalnum()
                                              or text[end:end + 1] in ("-", "_")):
        spans.append((start, end))


def _standalone(text: str, start: int, also_not: str | frozenset[str]) -> bool:
    """Nothing word-like before `start`: no letter, digit or one of `also_not`."""
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before == "_" or before in also_not)


def before_name(text: str, end: int) -> bool:
    """`A.J.` before a capitalised word is a person's initials, not an abbreviation."""
    return text[end:end + 1] == " " and text[end + 1:end + 2].isupper()


def _capitals_openings(text: str, blocks: tuple[Block, ...]) -> list[tuple[int, int]]:
    """The datelines (`LONDON (Reuters) -`) and speaker labels (`PENCE:`) that open
    blocks."""
    spans = []
    for start, end in [(s, e) for s, e in map(_SPAN, blocks) if text[s:s + 2].isupper()]:
        opening = _CAPITALS_OPENING.match(text, start, end)
        if opening:
            spans.append((start, opening.end()))
    return spans


def _capital_runs(text: str, shape: bytes, capitals: list[re.Match]) -> list[tuple[int, int]]:
    """Runs of capital words: three or more (`WHAT A GREAT GAME`), or two long ones
    (`SNAKE EATER`), which are shouting rather than acronyms. A gap of one space
    joins two capitals, and the gaps of all capitals are told from that at C
    speed; only the others are read one by one. Such a gap never holds a
    lower-case letter (`a` in the text's shape, `shape`): most are told by that,
    not by the gap's pattern."""
    if not capitals:
        return []
    starts = list(map(_MATCH_START, capitals))
    ends = list(map(_MATCH_END, capitals))
    final = len(capitals) - 1
    gaps = map(text.__getitem__, map(slice, ends, starts[1:]))
    not_one_space = itertools.compress(itertools.count(), map(" ".__ne__, gaps))
    runs = []
    first = 0
    for run_last in itertools.chain(not_one_space, (final,)):
        if run_last < final:
            gap_start, gap_end = ends[run_last], starts[run_last + 1]
            if (shape.find(b"a", gap_start, gap_end) == -1
                    and _CAPITALS_GAP.fullmatch(text, gap_start, gap_end)):
                continue
        words = run_last - first + 1
        if words >= 3 or (words == 2 and min(ends[first] - starts[first],
                                             ends[run_last] - starts[run_last]) >= 4):
            runs.append((starts[first], ends[run_last]))
        first = run_last + 1
    return runs


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _all_caps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with no lower-case letter in text[start:end], each long enough not to
    be one acronym. Most fail on their first few characters, read without slicing
    the whole span; a page of tiny paragraphs fails on the length alone."""
    return [(start, end) for start, end in spans
            if end - start >= SHOUTING_MIN_CHARS
            and (head := text[start:start + SHOUTING_MIN_CHARS]).upper() == head
            and text[start:end].isupper()]


def _trim_name(text: str, start: int, end: int) -> tuple[int | None, int]:
    """Drop leading sentence words (`But`, `The`) from a capitalised run, and job titles
    or acronyms before a name of two words or more (`Education Secretary Ruth Kelly`,
    `RBS Six Nations`)."""
    while True:
        space = text.find(" ", start, end)
        if space == -1:
            single = text[start:end]
            camel = not (single.isascii() and single[1:].islower()) and _CAMEL.search(single)
            return (start, end) if "-" in single or camel else (None, end)
        first = text[start:space]
        folded = first.casefold()
        if folded not in LEADING_NON_NAME and not (
                (folded in _TITLE_WORDS or first.isupper())  # `RBS Six Nations`
                and _SEVERAL_WORDS.search(text, space + 1, end)):
            return start, end
        if text.startswith("&", space + 1, end):
            return start, end  # kept, joined to the next word: `In & Out Burger`, `A & E`
        start = space + 1
        if first.isupper() and (dropped := _CAPITAL_WORDS_BEFORE_ANOTHER.match(text, start, end)):
            # Each is dropped as `first` was: all in capitals, and followed by a
            # space, a capital (not `&`) and another space.
            start = dropped.end()


def _may_open_definition(text: str, bracket: int) -> bool:
    """False where neither _SHORT_INSIDE nor _SHORT_BEFORE can match at the bracket:
    no capital after it, and before it no space after a capital, `&` or plural `s`
    (most brackets of a story: `(£2bn)`, `(pictured)` after a lower-case word)."""
    if text[bracket + 1:bracket + 2].isupper():
        return True
    if bracket < 2 or text[bracket - 1] != " ":
        return False
    last = text[bracket - 2]
    return last.isupper() or last in ("s", "&")


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


def _long_form(text: str, bracket: int, short: str, since: int = 0) -> tuple[int, int] | None:
    """The long form before `(short)`: Schwartz & Hearst's right-to-left letter match.

    The window is min(|SF| + 5, 2·|SF|) words; every short-form letter must be found
    in order, and the first must begin a word. It stops at a line break or bracket,
    looked for back to `since`: 0, or a bracket before this one (so that a long
    line of definitions is not searched back to its start for each).
    """
    window = _window(short)
    line_start = max(text.rfind(stop, since, bracket) + 1 for stop in "\n()")
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
    the first of them at the start of a word. Each letter is looked for by one
    str.rfind over what is left of the long form, not a step per character."""
    end = len(long)  # long[:end] is left to search
    for letter in reversed(short[1:]):
        if letter.isalnum():
            end = long.rfind(letter, 0, end)
            if end == -1:
                return False
    first = short[:1]
    if not first.isalnum():
        return True
    at = long.rfind(first, 0, end)
    while at > 0 and long[at - 1].isalnum():
        at = long.rfind(first, 0, at)
    return at != -1
