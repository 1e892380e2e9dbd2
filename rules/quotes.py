"""Quotes: direct quotations without a speaker, and quotation marks set wrongly.

Every rule here reads the shared quote scanner (`article.quotes`,
lint/analysis/quotes.py); the attribution cues are data in data/attribution.toml.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Iterator
from pathlib import Path

import regex

from lint import prose
from lint.analysis.quotes import (
    AMBIGUOUS,
    CLOSE,
    CURLY,
    DOUBLE,
    OPEN,
    Quotation,
    QuoteMark,
    is_credit_line,
)
from lint.analysis.text import WORD, shingles, word_count
from lint.article import Article
from lint.data_files import read_toml
from lint.document import LEAD_IN_KINDS, Block
from lint.lazy import LazyPattern, lazy
from lint.prose import SPACE
from lint.rule import (
    WORD_COUNTS,
    Edit,
    Option,
    Options,
    Problem,
    Related,
    Tier,
    mostly,
    rule,
)

_CUES = read_toml(Path(__file__).parent / "data" / "attribution.toml")
# Blocks outside the running copy: the lead-in and subheadings. Their quotations
# are not read for attribution, and a quotation's neighbours are looked for past them.
_NOT_ATTRIBUTED = LEAD_IN_KINDS | {"heading"}


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                           reverse=True))


_CUE_WORDS = frozenset(c for c in _CUES["reporting_cues"] if " " not in c)
_CUE_PHRASES = prose.compile(
    rf"\b(?:{_alternation([c for c in _CUES['reporting_cues'] if ' ' in c])})\b", regex.I)
_WORDS = LazyPattern(r"\w+(?:-\w+)*")
_COMMON_CUES = (" said", " says", " told", " added")


def _has_cue(text: str) -> bool:
    """Whether text holds a reporting cue."""
    return _has_common_cue(text) or _has_other_cue(text)


def _has_common_cue(text: str) -> bool:
    """Whether text holds one of the commonest cues (`said` alone is 90% of BBC
    attributions), tried as plain substrings, in the text as written and then lowered.
    This runs on every quoting paragraph."""
    if any(cue in text for cue in _COMMON_CUES):
        return True
    lowered = " " + text.lower()
    return any(cue in lowered for cue in _COMMON_CUES)


def _has_other_cue(text: str) -> bool:
    """Whether text holds a cue word or phrase: a set lookup per word, several times
    faster than one big alternation, then the phrases. An ASCII text (most copy) is
    read at C speed (_has_ascii_other_cue); any other takes the patterns, which read
    the whole text, some ten times what the common cues cost."""
    if text.isascii():
        return _has_ascii_other_cue(text)
    return (not _CUE_WORDS.isdisjoint(_WORDS.findall(" " + text.lower()))
            or bool(_CUE_PHRASES.search(text)))


# Lowered ASCII text a byte a character: the characters of a word (letters, digits,
# `_`) and the hyphen kept, all else a space.
_WORD_AND_HYPHEN_SHAPE = bytes(c if chr(c).isalnum() or chr(c) in "_-" else ord(" ")
                               for c in range(128)).lower() + b" " * 128
_ASCII_CUE_WORDS = frozenset(word.encode("ascii") for word in _CUE_WORDS)
_ASCII_CUE_PHRASES = tuple(frozenset(phrase.encode("ascii").split())
                           for phrase in _CUES["reporting_cues"] if " " in phrase)


def _has_ascii_other_cue(text: str) -> bool:
    """_has_other_cue of an ASCII text. Its words (_WORDS) are the runs of word
    characters and hyphens once every hyphen that does not join two word characters
    is a space. The phrases are searched for only when each word of one of them
    stands somewhere as a run of word characters, as it must for the phrase to match."""
    shape = b" " + text.encode("ascii").translate(_WORD_AND_HYPHEN_SHAPE) + b" "
    # A run of hyphens is pairs and at most one more; that one then has a space beside it.
    words = shape.replace(b"--", b"  ").replace(b"- ", b"  ").replace(b" -", b"  ").split()
    if not _ASCII_CUE_WORDS.isdisjoint(words):
        return True
    runs = set(shape.replace(b"-", b" ").split())
    return any(runs.issuperset(phrase) for phrase in _ASCII_CUE_PHRASES) and bool(
        _CUE_PHRASES.search(text))


_TITLE_CUE = prose.compile(
    rf"\b(?:{_alternation(_CUES['title_cues'])})\b[,:]?(?:\s+[\w'’-]+){{0,3}}[\s,:]*$", regex.I)
_MINOR_WORDS = frozenset(_CUES["title_case_minor_words"])
_LONGEST_TITLE = 12  # words: longer quoted words in title case are still speech

# Who speaks and how, for the open-class adjacency patterns (E2, E3 of §6.6): the
# verb slot takes any past or present-tense verb, which catches fumed, barked, sang.
_SPEAKER = (r"(?:(?i:he|she|they|we|i|you|it|one)"
            r"|\p{Lu}[\w'’.-]*(?:\s+(?:\p{Lu}[\w'’.-]*|de|van|von|al|bin))*"
            r"|(?i:the|a|an|his|her|their|its|our|my|one)(?:\s+[\w'’-]+){1,4})")
_VERB = (r"(?:\w+ed|\w+s|said|told|wrote|sang|spoke|thought|shot\s+back|went\s+on|put\s+it"
         r"|began|gave|took|swore|hit\s+back|fired\s+back|say|state|write|add|ask|tell)")
_AFTER_CLOSE = prose.compile(
    rf"\s*[,—–―-]?\s*(?:{_SPEAKER}\s+(?:\w+ly\s+)?{_VERB}|{_VERB}\s+{_SPEAKER})\b")
_BEFORE_OPEN = prose.compile(
    rf"{_SPEAKER}\s+(?:\w+ly\s+)?{_VERB}\b(?:\s+\S+){{0,6}}\s*[,:]\s*$")
_TRANSCRIPT_LABEL = prose.compile(rf"\s*{prose.TRANSCRIPT_LABEL}")
# How far a label may reach. The `regex` engine looks for the pattern's `:` up to the
# end it is given before it tries to match, so an unbounded end would read the rest
# of the paragraph for each quotation.
_LABEL_REACH = 64
_CREDIT_AFTER = prose.compile(r"\s*(?:,\s*)?(?:[—–―-]+\s*[\p{Lu}@]|\(|,?\s*by\s+\p{Lu})")
_DELAYED = LazyPattern(r"(?:That|This|So|Those|These)\b[^.!?]*")
# A mark and nothing but non-word characters after it to the end, matched backwards
# from the end: searched for forwards, the pattern would read the rest of a run of
# marks (`.....`) from each of them.
_ENDS_SENTENCE = LazyPattern(rf"{prose.SENTENCE_MARK}\W*", regex.REVERSE)
_SENTENCE_GAP = prose.compile(rf"{prose.SENTENCE_END}\s+$")
_SENTENCE_GAP_BACKWARDS = prose.compile(rf"{prose.SENTENCE_END}\s+", regex.REVERSE)
_NARRATIVE_WORDS_BEFORE_PARTIAL = 2
_ENDS_PHRASE = LazyPattern(r"[.,;:!?…]\W*", regex.REVERSE)
_TERM_SUBJECT = prose.compile(r"\s+(?:is|was|are|were|has|had|have|remains)\b")
# The white space the quote scanner tells a spaced mark by; the gap before a closer
# is matched backwards from the mark.
_SPACE_AFTER = LazyPattern(rf"{SPACE}+")
_SPACE_BEFORE = LazyPattern(rf"{SPACE}+", regex.REVERSE)
_EVERYDAY_SPEECH = frozenset(_CUES["everyday_speech_verbs"])
_SPEECH_VERB = _alternation(_CUES["speech_verbs"])
_PERSON_ROLE = r"\p{Ll}+(?:er|ers|or|ors|ist|ists|ian|ians|man|men|woman|women|person|ent|ents)"
# A capitalised word as a subject is bounded: matched from every capital of a long
# stretch of letters and stops (`U.N.U.N.…`), an unbounded word would read the rest
# of the stretch from each. It is taken whole (possessive): the white space that must
# follow it is none of its characters, so giving some back never helps.
_LONGEST_NAME_WORD = 40
_SPEAKING_SUBJECT = (
    rf"(?:(?i:\b(?:he|she|they|we|i|you|it))|\p{{Lu}}[\p{{L}}'’.-]{{0,{_LONGEST_NAME_WORD}}}+"
    rf"|,|\b{_PERSON_ROLE}"
    rf"|(?i:\b(?:{_alternation(_CUES['speaker_nouns'])})))")
_AUXILIARY = r"(?:(?:has|have|had|also|then|later|will|would|\w+ly)\s+){0,2}"
_FORMAL_CUE = r"\b(?i:according\s+to|in\s+a\s+statement)\b"
# Subject and verb, or the verb and a speaker after it (`said the company`).
_SPEAKING = prose.compile(
    rf"(?P<subject>{_SPEAKING_SUBJECT})\s+{_AUXILIARY}(?P<verb>{_SPEECH_VERB})\b"
    rf"|\b(?P<verb>{_SPEECH_VERB})\s+(?:\p{{Lu}}|(?i:the|a|an|he|she|they|it|we|i)\b)"
    rf"|{_FORMAL_CUE}")
# Every match of _SPEAKING holds a verb of speaking or a formal cue as a whole word: a
# sentence without either is passed over in two fast scans (one pattern for both would
# try every position), where _SPEAKING would try a subject from every capital.
_SPEECH_VERB_WORD = prose.compile(rf"\b(?:{_SPEECH_VERB})\b")
_FORMAL_CUE_WORDS = prose.compile(_FORMAL_CUE)
_PASSIVE_BEFORE = prose.compile(r"\b(?i:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$")
_SPEECH_GOES_ON = prose.compile(r"\s*[,:\"“]|\s+that\b|\W*$")
# A person as the subject, at the start of a sentence (after a conjunction or an
# opening clause ending in a comma) and before a lower-case word: a pronoun, a title
# and name, two or more capitalised words, or one capitalised word to check against
# the article's full names.
_PERSON_SUBJECT = prose.compile(
    r"(?:^|,\s+)(?:(?:But|And|So|Then|Now|Later|However|Also|Yet),?\s+)?"
    r"(?:(?:he|she|i|we|they|He|She|I|We|They)"
    r"|(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady|Dame)\.?\s+\p{Lu}[\p{L}'’-]*"
    r"|\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+"
    r"|(?P<single>\p{Lu}\p{Ll}+))\s+(?:\w+ly\s+)?\p{Ll}")
_FULL_NAME = prose.compile(r"(?<=\p{Lu}[\p{L}.]*\s)(\p{Lu}\p{Ll}+)\b")
_PRONOUN_OR_NAME = LazyPattern(r"(?i:he|she|they|we|i|you|it)|\p{Lu}[\p{L}'’.-]*|,")


def _fewest_characters(words: int) -> int:
    """The fewest characters that hold `words` words: a character each and a gap
    between each two."""
    return 2 * words - 1


@functools.lru_cache(maxsize=16)
def _words(count: int) -> regex.Pattern:
    """Matches the first `count` words of WORD at the start of a text that has them:
    each word taken whole (atomic), as WORD.finditer takes it, and the characters
    between words skipped without giving back, so a match is found or refused in
    one pass over the words it needs."""
    return regex.compile(rf"(?:\W*+(?>{WORD.pattern})){{{count}}}")


class _Attribution:
    """Which top-level quotations of an article are attributed, and how (§6.6)."""

    def __init__(self, article: Article, min_words: int):
        self.article = article
        self.min_words = min_words
        self.text = article.text
        self.scan = article.quotes
        self.top: dict[int, Quotation] = {}
        self.in_block: dict[Block, list[int]] = {}
        for i, q in enumerate(self.scan.quotations):
            if q.depth == 0 and q.kind == DOUBLE and q.block.kind not in _NOT_ATTRIBUTED:
                self.top[i] = q
                self.in_block.setdefault(q.block, []).append(i)
        # Per paragraph, found once: asked again for each of its quotations.
        self._outside: dict[Block, str] = {}
        self._starts: dict[Block, list[int]] = {}
        self._ends: dict[Block, list[tuple[int, int]]] = {}
        self._block_attributed: dict[Block, bool] = {}
        self._as_written: dict[Block, bool] = {}
        self._chain_attributed: dict[int, bool] = {}

    def outside(self, block: Block) -> str:
        """The block's text with its quoted words blanked out (marks kept)."""
        if block not in self._outside:
            self._outside[block] = self._blank_quotes(block)
        return self._outside[block]

    def _blank_quotes(self, block: Block) -> str:
        parts, at = [], block.start
        for i in self.in_block.get(block, ()):
            q = self.top[i]
            start, end = max(q.content_start, at), max(q.content_end, at)
            parts += [self.text[at:start], " " * (end - start)]
            at = end
        parts.append(self.text[at:block.end])
        return "".join(parts)

    @lazy
    def blocks(self) -> list[Block]:
        """The running copy's blocks, where a quotation's neighbours are found: asked
        only for a quotation with no common cue in its paragraph."""
        return [b for b in self.article.body if b.kind not in _NOT_ATTRIBUTED]

    @lazy
    def position(self) -> dict[Block, int]:
        return {b: i for i, b in enumerate(self.blocks)}

    def neighbour(self, block: Block, step: int) -> Block | None:
        index = self.position[block] + step
        return self.blocks[index] if 0 <= index < len(self.blocks) else None

    def attributed(self, i: int) -> bool:
        """Whether top-level quotation i is attributed. Found on demand, as most
        quotations are too short to be speech and never ask."""
        q = self.top[i]
        return self.block_attributed(q.block) or self.chain_attributed(self.scan.chain_head(i))

    def block_attributed(self, block: Block) -> bool:
        """A reporting verb outside the quotes attributes all of a paragraph's
        quotations, and so does one attributed quotation (E9)."""
        if block not in self._block_attributed:
            if self.block_attributed_as_written(block):
                return True
            # The rarer cues are read last: they cost more than the quotations' own
            # evidence.
            outside = self.outside(block)
            self._block_attributed[block] = _has_common_cue(outside) or any(
                self._span_evidence(self.top[i], block) for i in self.in_block[block]
            ) or _has_other_cue(outside)
        return self._block_attributed[block]

    def block_attributed_as_written(self, block: Block) -> bool:
        """Whether the block is attributed by a common cue outside its quotations, told
        where the cue is written (below); asked once a block."""
        if block not in self._as_written:
            self._as_written[block] = self._common_cue_unquoted(block)
            if self._as_written[block]:
                self._block_attributed[block] = True
        return self._as_written[block]

    def _common_cue_unquoted(self, block: Block) -> bool:
        """Whether the first place a common cue is written as it stands (` said`) in
        the block lies outside all its quoted words, and so is in `outside(block)`:
        most quoting paragraphs name their speaker so, and are told without the copy
        that blanks their quotations out. Only each cue's first place is looked at,
        so that a paragraph quoting `said` again and again costs no more; where it
        is quoted, the blanked copy decides."""
        text, end, top = self.text, block.end, self.top
        for cue in _COMMON_CUES:
            at = text.find(cue, block.start, end)
            if at == -1:
                continue
            cue_end = at + len(cue)
            for i in self.in_block[block]:
                if top[i].content_start < cue_end and at < top[i].content_end:
                    break  # quoted
            else:
                return True
        return False

    def chain_attributed(self, head: int) -> bool:
        """A multi-paragraph quote is attributed when any of its parts is (E7)."""
        if head not in self._chain_attributed:
            self._chain_attributed[head] = any(
                self.block_attributed(block) for block in self._chain_blocks[head])
        return self._chain_attributed[head]

    @functools.cached_property
    def _chain_blocks(self) -> dict[int, list[Block]]:
        """The paragraphs of each chain, by the chain's first quotation."""
        chains: dict[int, list[Block]] = {}
        for i, q in self.top.items():
            blocks = chains.setdefault(self.scan.chain_head(i), [])
            if not blocks or blocks[-1] != q.block:
                blocks.append(q.block)
        return chains

    def _span_evidence(self, q: Quotation, block: Block) -> str | None:
        text = self.text
        if _TRANSCRIPT_LABEL.match(text, q.content_start,
                                   min(q.content_end, q.content_start + _LABEL_REACH)) or (
                _TRANSCRIPT_LABEL.match(text, block.start,
                                        min(q.start, block.start + _LABEL_REACH))):
            return "a transcript label"
        closes_clause = not _ENDS_SENTENCE.match(text, q.content_start, q.content_end)
        after = _AFTER_CLOSE.match(text, q.end, block.end)
        if after and (closes_clause or _has_cue(after.group())):
            return "a speaker and verb after the quote"
        before = text[max(block.start, q.start - 160):q.start]
        last = before.rstrip()[-1:]
        if last == ":":
            return "a colon before the quote"
        # _BEFORE_OPEN ends in `,` or `:` and white space; its search tries every
        # position, so it runs only where the text before the quote ends in a comma.
        if last == "," and _BEFORE_OPEN.search(before):
            return "a speaker and verb before the quote"
        if _CREDIT_AFTER.match(text, q.end, block.end):
            return "a credit after the quote"
        if q.start == block.start:
            previous = self.neighbour(block, -1)
            if previous is not None and self.text[previous.start:previous.end].endswith(":"):
                return "a colon ending the previous paragraph"
        following = self.neighbour(block, 1)
        if following is not None and q.end >= block.end - 1:
            if is_credit_line(text, following):
                return "a dash credit on the next line"
            delayed = _DELAYED.match(text, following.start, following.end)
            if delayed and _has_cue(delayed.group()):
                return "an attribution in the next paragraph"
        return None

    def attributed_before(self, q: Quotation) -> Quotation | None:
        """The nearest attributed quotation before q, for context."""
        count = bisect.bisect_right(self._attributed_ends, q.start)
        return self.top[self._latest_attributed[count - 1]] if count else None

    @functools.cached_property
    def _attributed_ends(self) -> list[int]:
        return [end for end, _ in self._attributed_by_end]

    @functools.cached_property
    def _latest_attributed(self) -> list[int]:
        """For each attributed quotation by end, the latest of those ending by it."""
        return list(itertools.accumulate((i for _, i in self._attributed_by_end), max))

    @functools.cached_property
    def _attributed_by_end(self) -> list[tuple[int, int]]:
        return sorted((q.end, i) for i, q in self.top.items() if self.attributed(i))

    def implied_by_previous(self, q: Quotation) -> bool:
        """A quote that opens its paragraph (or a sentence of it) right after text
        that ends with someone speaking (W1, W2 of §6.6): usually the same voice.

        The text before is the previous paragraph, or for a quote opening a
        sentence mid-paragraph (the BBC corpus merged web paragraphs) the sentence
        before it. A quote there need not be attributed itself: in a run of quote
        paragraphs the first one missing a speaker is the warning, the rest go on
        with the same voice."""
        block = q.block
        if q.start != block.start:
            if not _SENTENCE_GAP.search(self.text, block.start, q.start):
                return False
            return self.ends_with_speaker(block, q.start, narrative=True)
        previous = self.neighbour(block, -1)
        return previous is not None and self.ends_with_speaker(previous, previous.end)

    def ends_with_speaker(self, block: Block, end: int, narrative: bool = False) -> bool:
        """Whether the block's text up to `end` really ends with someone speaking:
        its last sentence quotes speech, or has a person, pronoun or organisation as
        the subject of a verb of speaking (or named after it: `said the company`).
        With `narrative` (a quote in the same paragraph as that sentence), a
        sentence about a person does too: the reporter set the two together."""
        starts = self._sentence_starts(block)
        at = bisect.bisect_left(starts, end)
        last = starts[at - 1] if at else block.start
        ends = self._quote_ends(block)
        if any(self.is_speech(self.top[i]) for _, i in
               ends[bisect.bisect_right(ends, (last, math.inf)):
                    bisect.bisect_right(ends, (end, math.inf))]):
            return True
        sentence = self.outside(block)[last - block.start:end - block.start]
        return (((_SPEECH_VERB_WORD.search(sentence) or _FORMAL_CUE_WORDS.search(sentence))
                 and any(self._speaks(sentence, m) for m in _SPEAKING.finditer(sentence)))
                or (narrative and self.about_a_person(sentence)))

    def _sentence_starts(self, block: Block) -> list[int]:
        if block not in self._starts:
            self._starts[block] = [s.start for s in self.article.sentences[block]]
        return self._starts[block]

    def _quote_ends(self, block: Block) -> list[tuple[int, int]]:
        """(end, index) of the block's top-level quotations, by end."""
        if block not in self._ends:
            self._ends[block] = sorted((self.top[i].end, i) for i in self.in_block.get(block, ()))
        return self._ends[block]

    def about_a_person(self, sentence: str) -> bool:
        """A sentence whose subject is a person: a personal pronoun, a titled or full
        name, or a surname the article gives in full elsewhere (`Campbell signalled
        his intent to move abroad.`). The narrative names the likely speaker (W2 of
        §6.6); a company or a sales figure is no speaker."""
        return any(subject.group("single") is None or subject.group("single") in self.surnames
                   for subject in _PERSON_SUBJECT.finditer(sentence))

    @functools.cached_property
    def surnames(self) -> frozenset[str]:
        """Words that follow a capitalised word or a title somewhere in the article."""
        return frozenset(m.group(1) for m in _FULL_NAME.finditer(self.text))

    @staticmethod
    def _speaks(sentence: str, match: regex.Match) -> bool:
        verb = match.group("verb")
        if verb is None:
            return True  # according to, in a statement
        if _PASSIVE_BEFORE.search(sentence, 0, match.start("verb")):
            return False
        if verb.lower() not in _EVERYDAY_SPEECH:
            return True
        subject = match.group("subject")
        return (subject is not None and bool(_PRONOUN_OR_NAME.fullmatch(subject))
                and bool(_SPEECH_GOES_ON.match(sentence, match.end())))

    def has_enough_words(self, q: Quotation) -> bool:
        """Whether the quotation holds its minimum of words (read no further)."""
        start, end = q.content_start, q.content_end
        if end - start < _fewest_characters(self.min_words):
            return False
        return _words(self.min_words).match(self.text, start, end) is not None

    def is_speech(self, q: Quotation) -> bool:
        """Quoted words that read as speech: not a short phrase, title, name or term."""
        return self.has_enough_words(q) and self.reads_as_speech(q)

    def reads_as_speech(self, q: Quotation) -> bool:
        """Whether a quotation of enough words is speech, not a title, name or term."""
        if _TITLE_CUE.search(self.text, max(q.block.start, q.start - 60), q.start):
            return False
        content = self.text[q.content_start:q.content_end]
        if not _ENDS_PHRASE.match(content) and _TERM_SUBJECT.match(self.text, q.end):
            return False  # "Taking responsibility" is this year's theme
        words = WORD.findall(content)
        if len(words) > _LONGEST_TITLE:
            return True
        major = (w for w in words if w.lower() not in _MINOR_WORDS)
        return not all(w[:1].isupper() or w[:1].isdigit() for w in major)

    def requoted(self, q: Quotation) -> bool:
        """A quotation whose words an earlier one holds, each run of _REQUOTE_WORDS of
        them (`“… Fares have increased …”` after `Uber tweeted: “We are all
        concerned. Fares have increased …”`): quoted again to discuss it, its
        speaker named, or its want of one reported, where it first stood."""
        runs = _word_runs(self.text, q)
        return bool(runs) and all(self._first_quoted.get(run, q.start) < q.start
                                  for run in runs)

    @functools.cached_property
    def _first_quoted(self) -> dict[tuple[str, ...], int]:
        """Where the first top-level quotation holding each run of words starts: built
        once, when a quotation is about to be reported."""
        first: dict[tuple[str, ...], int] = {}
        for q in self.top.values():  # in the order of the text
            for run in _word_runs(self.text, q):
                first.setdefault(run, q.start)
        return first

    def is_partial(self, q: Quotation) -> bool:
        """A quote that starts mid-sentence after narrative words, not after `,` or `:`."""
        gap = _SENTENCE_GAP_BACKWARDS.search(self.text, q.block.start, q.start)
        lead = self.text[gap.end() if gap else q.block.start:q.start]
        if lead.rstrip().endswith((",", ":")):
            return False
        lead_words = word_count(lead)
        ends_phrase = _ENDS_PHRASE.match(self.text, q.content_start, q.content_end)
        return lead_words >= _NARRATIVE_WORDS_BEFORE_PARTIAL or (lead_words and not ends_phrase)


# A requoted quotation repeats an earlier one's every run of this many words.
_REQUOTE_WORDS = 4


def _word_runs(text: str, q: Quotation) -> list[tuple[str, ...]]:
    """The runs of _REQUOTE_WORDS words of a quotation, case folded."""
    words = [w.casefold() for w in WORD.findall(text, q.content_start, q.content_end)]
    return list(shingles(words, _REQUOTE_WORDS))


@rule("unattributed-quote", category="quotes", severity="warning",
      options=[Option("min-words", int, 4, "Shorter quotations are never reported.",
                      range=WORD_COUNTS)],
      tiers=[Tier("may-continue", "info", "the quote stands as its own paragraph after one "
                  "whose speaker may go on speaking"),
             Tier("partial", "info", "a partial quotation: a few quoted words in a sentence")])
def unattributed_quote(article: Article, options: Options) -> Iterator[Problem]:
    """A direct quotation that does not say who said it.

    ## What it does
    Flags a quotation of `min-words` words or more in the body that nothing
    attributes: no reporting verb outside the quote marks in its paragraph (`said`,
    `told`, `according to`, `in a statement`, ...), no speaker and verb right after
    the closing mark or before the opening one (`"...," Smith fumed`, `He added: "..."`),
    no colon introducing it, no dash credit (`"..." - Jane Smith`), no transcript
    label (`WALLACE: ...`), no attributed quote it continues. The warning becomes
    info when the quote opens a paragraph after one that really ends with someone
    speaking (its last sentence quotes speech, or has a person, pronoun or
    organisation as the subject of a verb of speaking: `the company announced`),
    or opens a sentence after one about a person in its own paragraph: usually the
    same person goes on talking, but the reader has to guess. A partial quote
    mid-sentence is reported at info at most. A quote over several paragraphs is
    reported once, and a quote that only repeats words quoted earlier in the
    article (quoted again to discuss them) is reported where they first stand, if
    at all.

    ## Why is this bad?
    An unattributed quote leaves the reader asking who said it. Style guides are
    blunt: "Never use a quote without first identifying the speaker". It is also
    the trace of an edit gone wrong: an attribution clause cut when a paragraph
    was trimmed, or a quote pasted from elsewhere.

    ## Example
    ```
    The council will vote on the budget next week.

    "We cannot keep raising taxes on people who are already struggling."
    ```

    ## Use instead
    ```
    The council will vote on the budget next week.

    "We cannot keep raising taxes on people who are already struggling," said
    council leader Jane Smith.
    ```

    ## Known limits
    Quotes of fewer than `min-words` words, quotes after a title word (`the book
    "..."`, `so-called`) and quotes whose words are all in Title Case are treated
    as names, titles and terms, not speech. A reporting verb anywhere in the
    quote's own paragraph counts as attribution, so a paragraph that quotes two
    people and names one is not reported. A quote standing as its own paragraph
    after narrative about its speaker with no verb of speaking (`Howard pressed
    his attack.`) is a warning.
    """
    attribution = _Attribution(article, options.min_words)
    reported_chains: set[int] = set()
    top, fewest = attribution.top, _fewest_characters(options.min_words)
    for block, indices in attribution.in_block.items():
        if all(top[i].content_end - top[i].content_start < fewest for i in indices):
            continue  # too short to report, as a page of one-word quotes: no cue to seek
        if attribution.block_attributed_as_written(block):
            continue  # as most quoting paragraphs: no words of its quotations to count
        for i in indices:
            q = top[i]
            if not attribution.has_enough_words(q):
                continue
            # Most quotations with words enough to be speech are attributed, and a
            # paragraph's attribution is found once for all its quotations: asking it
            # first spares the tests for titles and terms, and once it is found, the
            # words of the paragraph's other quotations need no counting.
            if attribution.block_attributed(block):
                break
            if attribution.attributed(i) or not attribution.reads_as_speech(q):
                continue
            head = attribution.scan.chain_head(i)
            if head in reported_chains or attribution.requoted(q):
                continue
            reported_chains.add(head)
            yield _unattributed(attribution, q)


def _unattributed(attribution: _Attribution, q: Quotation) -> Problem:
    context = attribution.attributed_before(q)
    related = (Related(context.start, context.end, "the nearest attributed quote"),
               ) if context else ()
    if attribution.implied_by_previous(q):
        message = ("Quotation has no attribution of its own; the previous paragraph's "
                   "speaker may go on, but say who is speaking.")
        return Problem(q.start, q.end, message, related=related, tier="may-continue")
    if attribution.is_partial(q):
        return Problem(q.start, q.end, "Partial quotation with no speaker in its sentence.",
                       related=related, tier="partial")
    return Problem(q.start, q.end, "Quotation has no attribution: nothing nearby says "
                   "who said it.", related=related)


@rule("unbalanced-quote", category="quotes", severity="warning")
def unbalanced_quote(article: Article, options: Options) -> Iterator[Problem]:
    """A quotation mark that opens and never closes, or closes what never opened.

    ## What it does
    Flags an opening mark whose quotation is still open at the end of its
    paragraph when the next paragraph does not reopen it (the convention for a
    quote running over several paragraphs), and a closing mark that closes
    nothing.

    ## Why is this bad?
    The reader cannot tell where the speaker stops and the reporter resumes. A
    missing mark usually means a quote was cut or spliced in editing.

    ## Example
    ```
    "We will appeal against the ruling, Smith said.
    ```

    ## Use instead
    ```
    "We will appeal against the ruling," Smith said.
    ```

    ## Known limits
    A straight single mark that opens and never closes is taken for an
    apostrophe (`'em`, `'90s`) and not reported. A paragraph followed by a short
    dash credit line (`- Jane Smith`) may end inside its quote. A double quote
    of the other style inside a double quote (`"the question: “Do you?” she
    asked"`) is read as a quote inside it; an opener of the same style while one
    is open starts the next paragraph of merged copy.
    """
    scan = article.quotes
    for q in scan.unclosed:
        yield Problem(q.opener.start, q.opener.end,
                      "Quotation mark opens a quote that is never closed.")
    for mark in scan.stray:
        yield Problem(mark.start, mark.end,
                      "Closing quotation mark with no opening mark before it.")


def _style(mark: QuoteMark) -> str:
    return "curly" if mark.curly else "straight"


def _restyled(mark: QuoteMark, style: str) -> str | None:
    if style == "straight":
        return '"'
    if mark.role == AMBIGUOUS:
        return None
    return CURLY[DOUBLE][0 if mark.role == OPEN else 1]


@rule("mixed-quote-marks", category="quotes", severity="info", fix="sometimes", fix_safety="safe")
def mixed_quote_marks(article: Article, options: Options) -> Iterator[Problem]:
    """Straight and curly double quotation marks mixed in one article.

    ## What it does
    Counts the article's straight (`"`, and `''` used as a double mark) and curly
    (`“ ”`) double quotation marks and, when both are used, flags each mark of the
    less used style.

    ## Why is this bad?
    Mixed marks show copy pasted from different sources and look untidy in print;
    a house uses one style throughout.

    ## Example
    ```
    “We will appeal,” Smith said. "The ruling is wrong."
    ```

    ## Use instead
    ```
    “We will appeal,” Smith said. “The ruling is wrong.”
    ```

    ## Fix safety
    The fix turns each minority mark into the majority style, choosing `“` or `”`
    by the mark's role. It is safe; a straight mark whose direction the scanner
    could not decide is reported without a fix.
    """
    if article.text.isascii():
        return  # no curly mark to mix with straight ones
    doubles = [m for m in article.quotes.marks if m.kind == DOUBLE]
    curly = sum(m.curly for m in doubles)
    straight = len(doubles) - curly
    if not curly or not straight:
        return
    majority = "curly" if curly > straight or (curly == straight and doubles[0].curly) else (
        "straight")
    counts = f"{max(curly, straight)} to {min(curly, straight)}"
    for mark in doubles:
        if _style(mark) == majority:
            continue
        replacement = _restyled(mark, majority)
        yield Problem(mark.start, mark.end,
                      f"{_style(mark).capitalize()} quotation mark in an article that "
                      f"{mostly('uses', f'{majority} ones', curly == straight)} ({counts}).",
                      replacements=(replacement,) if replacement else (),
                      edits=(Edit(mark.start, mark.end, replacement),) if replacement else None)


@rule("wrong-direction-quote", category="quotes", severity="warning",
      fix="always", fix_safety="safe")
def wrong_direction_quote(article: Article, options: Options) -> Iterator[Problem]:
    """A curly quotation mark turned the wrong way: `here,“ said`, `”Mr Trump`.

    ## What it does
    Flags an opening curly mark (`“`, `‘`) where a quote closes (after a word or
    punctuation, before a space) and a closing one (`”`) at the start of a word.

    ## Why is this bad?
    A backwards mark is a typesetting slip that readers notice; it usually comes
    from a smart-quote feature guessing wrong after an edit.

    ## Example
    ```
    “It is a problem for her here,“ said Jim Clyburn.
    ```

    ## Use instead
    ```
    “It is a problem for her here,” said Jim Clyburn.
    ```

    ## Fix safety
    The fix turns the mark round. It is safe: the scanner only reports a mark
    whose neighbours leave no doubt about its role.
    """
    if article.text.isascii():
        return  # no curly mark to turn
    for mark in article.quotes.marks:
        if not mark.wrong_direction:
            continue
        right = CURLY[mark.kind][0 if mark.role == OPEN else 1]
        wrong = article.text[mark.start:mark.end]
        does = "opens" if mark.role == OPEN else "closes"
        yield Problem(mark.start, mark.end,
                      f"{wrong} points the wrong way: this mark {does} a quote, so use {right}.",
                      replacements=(right,), edits=(Edit(mark.start, mark.end, right),))


@rule("space-inside-quote", category="quotes", severity="warning", fix="always", fix_safety="safe")
def space_inside_quote(article: Article, options: Options) -> Iterator[Problem]:
    """White space just inside a quotation mark: `" We will`, `mean? " Clinton asked`.

    ## What it does
    Flags an opening mark followed by a space and a closing mark preceded by one.

    ## Why is this bad?
    The stray space detaches the mark from the quote; with straight marks it makes
    a closing mark look like an opening one, and the line may break between the
    mark and its words.

    ## Example
    ```
    He said the scheme was " very important to the region".
    ```

    ## Use instead
    ```
    He said the scheme was "very important to the region".
    ```

    ## Fix safety
    The fix deletes the white space between the mark and the quoted words. It is
    safe.
    """
    text = article.text
    for mark in article.quotes.marks:
        if not mark.spaced or mark.role not in (OPEN, CLOSE):
            continue
        if mark.role == OPEN:
            gap = _SPACE_AFTER.match(text, mark.end)
            start, end, side = mark.start, gap.end(), "after the opening"
        else:
            gap = _SPACE_BEFORE.match(text, 0, mark.start)
            start, end, side = gap.start(), mark.end, "before the closing"
        yield Problem(start, end, f"Space {side} quotation mark.",
                      edits=(Edit(gap.start(), gap.end(), ""),))
