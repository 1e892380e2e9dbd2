"""Duplicates: paragraphs, sentences and words printed twice."""

import bisect
import itertools
import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

import regex

from lint import prose
from lint.analysis.passages import passage
from lint.analysis.sentences import OPENING_WORDS, some_opening_repeats
from lint.analysis.text import (
    TRAILING,
    WORD,
    comparison_text,
    holds_words,
    joined_words,
    pounds_stood_in,
)
from lint.article import Article
from lint.document import Block
from lint.lazy import LazyPattern
from lint.rule import (
    WORD_COUNTS,
    ArchiveNote,
    ArchiveProblem,
    Edit,
    Fact,
    Option,
    Options,
    Problem,
    Related,
    archive_rule,
    rule,
)

_LIST_MARK = prose.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s")
_TERMINAL = prose.compile(rf"{prose.LINE_END_MARK}\s*$")
_TERMINAL_MARKS = frozenset(prose.LINE_END_MARKS)
_LIST_RUN = 3
_SHORT_LINE_WORDS = 12
NEAR_DUPLICATE_DEFAULT = 90


# The paragraph rules' default `min-words`.
_PARAGRAPH_MIN_WORDS = 8


def _paragraph_texts(article: Article) -> list[str]:
    """Each paragraph's text, in order, shared by the rules of this family."""
    text = article.text
    return [text[b.start:b.end] for b in article.paragraphs]


def _comparison_texts(article: Article) -> dict[Block, str]:
    """Each paragraph's comparison text (case, white space, quote and dash style
    folded), shared by the rules of this family: those of the paragraphs that may hold
    a sentence duplicate-sentence reads (more than OPENING_WORDS words), in order; the
    others are folded on first look (_comparison_text), as only a lower `min-words` or
    the list runs look at them, and a page of thousands of one-word lines is never
    folded."""
    texts = article.shared(_paragraph_texts)
    enough = _may_hold(OPENING_WORDS + 1, texts)
    return dict(zip(itertools.compress(article.paragraphs, enough),
                    map(comparison_text, itertools.compress(texts, enough)), strict=True))


def _comparison_text(article: Article, block: Block) -> str:
    texts = article.shared(_comparison_texts)
    found = texts.get(block)
    if found is None:
        found = texts[block] = comparison_text(article.block_text(block))
    return found


def _paragraphs(article: Article) -> dict[Block, str]:
    """The comparison key of each paragraph of _PARAGRAPH_MIN_WORDS words or more, in
    order, when two have that many (a paragraph rule's finding needs two), shared by
    the rules of this family."""
    # Those folded on first look, after the others, hold too few words to be among these.
    keys = {block: text.rstrip(TRAILING)
            for block, text in article.shared(_comparison_texts).items()
            if holds_words(text, _PARAGRAPH_MIN_WORDS)}
    return keys if len(keys) >= 2 else {}  # a short article: nothing to compare


def _key(article: Article, block: Block) -> str:
    """A paragraph's comparison key."""
    key = article.shared(_paragraphs).get(block)
    return key if key is not None else _comparison_text(article, block).rstrip(TRAILING)


def _fewest_characters(words: int) -> int:
    """The length of the shortest text of `words` white-space separated words: each
    is a character at least, with one between two."""
    return 2 * words - 1


def _may_hold(words: int, texts: list[str]) -> list[bool]:
    """Whether each text is long enough to hold `words` words, told by C-level calls
    alone."""
    return list(map(_fewest_characters(words).__le__, map(len, texts)))


def _may_be_list_mark(text: str) -> bool:
    """False when the first character rules _LIST_MARK out: an ASCII character
    that is no white space, mark or digit (most paragraphs), told without it."""
    first = text[:1]
    return not first.isascii() or first.isspace() or first in "-*" or first.isdigit()


def _list_like(article: Article, block: Block) -> bool:
    text = article.block_text(block)
    return (block.kind == "list-item"
            or (_may_be_list_mark(text) and bool(_LIST_MARK.match(text)))
            or (not _ends_sentence(text)
                and (len(text) < _fewest_characters(_SHORT_LINE_WORDS)
                     or not holds_words(_comparison_text(article, block),
                                        _SHORT_LINE_WORDS))))


def _ends_sentence(text: str) -> bool:
    """_TERMINAL.search(text), told from the last character unless it is white space:
    the search, anchored at the end, would try every position of the text."""
    if text and not text[-1].isspace():
        return text[-1] in _TERMINAL_MARKS
    return bool(_TERMINAL.search(text))


def _in_list_runs(article: Article) -> set[Block]:
    """Paragraphs inside runs of 3+ consecutive list-like ones (results, fixtures)."""
    inside: set[Block] = set()
    run: list[Block] = []
    for block in (*article.paragraphs, None):
        if block is not None and _list_like(article, block):
            run.append(block)
            continue
        if len(run) >= _LIST_RUN:
            inside.update(run)
        run = []
    return inside


def _long_enough(article: Article, min_words: int) -> list[tuple[Block, str]]:
    """The paragraphs of `min_words` words or more, with their keys; perhaps none when
    fewer than two have that many, as no finding of the paragraph rules comes of one."""
    if min_words < _PARAGRAPH_MIN_WORDS:  # a paragraph without a key may have enough
        return [(b, _key(article, b)) for b in article.paragraphs
                if holds_words(_comparison_text(article, b), min_words)]
    keys = article.shared(_paragraphs)
    if min_words == _PARAGRAPH_MIN_WORDS:
        return list(keys.items())
    texts = article.shared(_comparison_texts)
    return [(b, key) for b, key in keys.items() if holds_words(texts[b], min_words)]


@rule("duplicate-paragraph", category="duplicates", severity="error",
      fix="always", fix_safety="safe",
      options=[Option("min-words", int, _PARAGRAPH_MIN_WORDS,
                      "Shorter paragraphs are never reported.", range=WORD_COUNTS)])
def duplicate_paragraph(article: Article, options: Options) -> Iterator[Problem]:
    """A body paragraph that repeats an earlier one word for word.

    ## What it does
    Flags a body paragraph whose text is the same as an earlier paragraph's once
    white space, quote-mark and dash style, letter case and trailing punctuation are
    set aside. The later copy is flagged; the first is given as related.

    ## Why is this bad?
    A paragraph printed twice is the clearest sign of unedited copy: a paste done
    twice, or a stale version left above its rewrite. It happens in print: a real
    published story ran its sales paragraph twice, word for word.

    ## Example
    ```
    Sales rose 12% to 431,733 vehicles in the year to March.

    Sales rose 12% to 431,733 vehicles in the year to March.
    ```

    ## Use instead
    Delete the second copy, or merge what differs into one paragraph:
    ```
    Sales rose 12% to 431,733 vehicles in the year to March.
    ```

    ## Fix safety
    The fix deletes the later copy and the blank line before it. It is safe: the
    text that remains is exactly the first copy.

    ## Known limits
    Paragraphs of fewer than `min-words` words (8) are never reported, so a
    fixtures or results line such as "Winners meet in final match", repeated by
    design in a list, stays quiet.
    """
    first_seen: dict[str, Block] = {}
    for block, key in _long_enough(article, options.min_words):
        first = first_seen.setdefault(key, block)
        if first is block:
            continue
        previous = article.previous_block(block)
        yield Problem(
            block.start, block.end,
            f"Paragraph {block.paragraph} repeats paragraph {first.paragraph} word for word.",
            related=(Related(first.start, first.end, "first occurrence"),),
            edits=(Edit(previous.end, block.end, ""),),
        )


def _word_diff(a: str, b: str) -> str:
    """A short description of the word-level changes from a to b: the stretches
    between the words an edit-distance alignment keeps (rapidfuzz's, which costs
    about the words' product over 64, where difflib's longest-match search grows
    with their square on long paragraphs of common words)."""
    from rapidfuzz.distance import Levenshtein

    words_a = WORD.findall(a, 0, COMPARED_CHARACTERS)
    words_b = WORD.findall(b, 0, COMPARED_CHARACTERS)
    changes = []
    for a0, a1, b0, b1 in _changed_stretches(Levenshtein.opcodes(words_a, words_b)):
        old, new = " ".join(words_a[a0:a1]), " ".join(words_b[b0:b1])
        if old and new:
            changes.append(f"'{old}' became '{new}'")
        elif old:
            changes.append(f"'{old}' dropped")
        else:
            changes.append(f"'{new}' added")
    if not changes:
        return "only punctuation or case differs"
    shown = "; ".join(changes[:3])
    return shown + (f"; and {len(changes) - 3} more changes" if len(changes) > 3 else "")


def _changed_stretches(opcodes) -> Iterator[tuple[int, int, int, int]]:
    """(a0, a1, b0, b1) of each run of edits between two kept stretches."""
    run = None
    for op in opcodes:
        if op.tag == "equal":
            if run is not None:
                yield run
                run = None
        elif run is None:
            run = (op.src_start, op.src_end, op.dest_start, op.dest_end)
        else:
            run = (run[0], op.src_end, run[2], op.dest_end)
    if run is not None:
        yield run


@rule("near-duplicate-paragraph", category="duplicates", severity="warning",
      options=[
          Option("threshold", int, NEAR_DUPLICATE_DEFAULT,
                 "Lowest rapidfuzz ratio reported.", range=(0, 100)),
          Option("min-words", int, _PARAGRAPH_MIN_WORDS,
                 "Both paragraphs need at least this many words.",
                 range=WORD_COUNTS),
      ])
def near_duplicate_paragraph(article: Article, options: Options) -> Iterator[Problem]:
    """A body paragraph that is a lightly reworded copy of an earlier one.

    ## What it does
    Scores pairs of body paragraphs with rapidfuzz's `fuzz.ratio` (an
    insert/delete edit similarity from 0 to 100) after folding case and
    punctuation, and flags the later paragraph of a pair that scores at or above
    `threshold` without being an exact repeat. The message gives the score and the
    words that differ.

    ## Why is this bad?
    A near copy is usually a stale version left above its rewrite, or a quote
    pasted once with and once without `he added`. Readers notice the repetition;
    the difference between the two versions may even be a correction that only one
    of them carries.

    ## Example
    ```
    The plant will build 150,000 cars a year from 2027, the company said.

    The plant will build 150,000 cars a year from 2028, the company said.
    ```

    ## Use instead
    Keep the version that is right and delete the other:
    ```
    The plant will build 150,000 cars a year from 2028, the company said.
    ```

    ## Known limits
    Both paragraphs need `min-words` words, so a short sentence is never matched
    against a long paragraph. Runs of three or more short or bulleted paragraphs
    (results, fixtures, award lists) are lists, whose lines look alike by design:
    pairs inside them are not reported. Parallel sentences ("three reasons to be
    optimistic" / "four reasons to be pessimistic") can score above 90. In a
    document of more than 64 distinct paragraphs (a live page, an archive), only
    paragraphs that share two rare word pairs (two words in a row that at most 16
    paragraphs have), or one when either has fewer than 12 words, are scored, so the
    cost stays in proportion to the length: a near copy whose word pairs are all but
    one common on the page is missed. Paragraphs are
    compared on their first 10,000 characters (no story's paragraph is longer; a
    page pasted without breaks can be): a longer pair is scored, and its changes
    described, from those.
    """
    long_enough = _long_enough(article, options.min_words)
    # Copies of one paragraph score alike: keys are scored once, and a copy's latest
    # occurrence before the later paragraph is the one reported.
    occurrences: dict[str, list[Block]] = {}
    for block, key in long_enough:
        occurrences.setdefault(key, []).append(block)
    keys = list(occurrences)
    similar: dict[int, list[tuple[int, int]]] = {}
    for i, j in candidate_pairs(keys, options.threshold):
        score = _similarity(keys[i], keys[j], options.threshold)
        if score:
            similar.setdefault(j, []).append((score, i))
    if not similar:
        return  # most articles: no need to know their list runs
    listed = article.shared(_in_list_runs)
    for j, scored in similar.items():
        later = occurrences[keys[j]][0]  # the copies after it repeat it exactly
        found = [(score, earlier) for score, i in scored
                 if (earlier := _latest_before(occurrences[keys[i]], later, listed))]
        if not found:
            continue
        score, first = max(found, key=lambda pair: (pair[0], pair[1].start))
        diff = _word_diff(article.block_text(first), article.block_text(later))
        yield Problem(
            later.start, later.end,
            f"Paragraph {later.paragraph} is a near copy of paragraph {first.paragraph} "
            f"(similarity {score}): {diff}.",
            related=(Related(first.start, first.end, "the earlier version"),),
        )


def _latest_before(copies: list[Block], later: Block, listed: set[Block]) -> Block | None:
    """The last of `copies` before `later`; not one in a list run when `later` is in
    one too (list lines look alike by design)."""
    index = bisect.bisect_left(copies, later.start, key=lambda b: b.start)
    for block in itertools.islice(reversed(copies), len(copies) - index, None):
        if not (later in listed and block in listed):
            return block
    return None


# Up to this many distinct paragraphs (every ordinary article) all pairs are scored.
# Beyond, only paragraphs that share rare word pairs (two words in a row, held by at
# most RARE_HOLDERS paragraphs): near copies share nearly all their word pairs, and a
# common one (`of the`, `he said`) tells nothing, so the number of pairs scored grows
# with the document's length, not with its square. Unrelated paragraphs of a long
# page often share one rare word pair (a name, a phrase of the day), seldom two, so
# two are asked of a pair, and one of a pair with a paragraph of fewer than
# FEW_WORDS words, where one changed word leaves few pairs to share.
ALL_PAIRS_UP_TO = 64
RARE_HOLDERS = 16
RARE_PAIRS_SHARED = 2
FEW_WORDS = 12


def candidate_pairs(keys: list[str], threshold: int) -> list[tuple[int, int]]:
    """Index pairs (i, j), i < j, of the keys worth scoring, in order of j then i."""
    lengths = list(map(len, keys))
    if len(keys) <= ALL_PAIRS_UP_TO:
        pairs: Iterable[tuple[int, int]] = _lengths_allowed(range(len(keys)), lengths, threshold)
    else:
        pairs = _sharing_rare_word_pairs(keys, lengths, threshold)
    return sorted(pairs, key=operator.itemgetter(1, 0))


def _sharing_rare_word_pairs(keys: list[str], lengths: list[int],
                             threshold: int) -> Iterator[tuple[int, int]]:
    """The pairs whose lengths allow the threshold that share RARE_PAIRS_SHARED rare
    word pairs, or one if either key has fewer than FEW_WORDS words."""
    shared: Counter[tuple[int, int]] = Counter()
    for holders, word_pairs in _rare_word_pair_holders(keys).items():
        for pair in _lengths_allowed(holders, lengths, threshold):
            shared[pair] += word_pairs
    few_words = [key.count(" ") + 1 < FEW_WORDS for key in keys]
    for (i, j), word_pairs in shared.items():
        if word_pairs >= RARE_PAIRS_SHARED or few_words[i] or few_words[j]:
            yield i, j


def _rare_word_pair_holders(keys: list[str]) -> Counter[tuple[int, ...]]:
    """The indices of the keys that hold a rare word pair, with the number of rare
    word pairs they all hold."""
    # Word pairs by hash: a collision only adds a pair to score. Every pair's
    # holders are gathered in one pass, which costs less than counting them first.
    holding: dict[int, list[int]] = {}
    for index, key in enumerate(keys):
        words = key.split(" ")
        for word_pair in set(map(hash, zip(words, words[1:], strict=False))):
            holders = holding.get(word_pair)
            if holders is None:
                holding[word_pair] = [index]
            else:
                holders.append(index)
    # The word pairs of one shared sentence have the same holders: paired once.
    return Counter(tuple(holders) for holders in holding.values()
                   if 1 < len(holders) <= RARE_HOLDERS)


def _lengths_allowed(group: Sequence[int], lengths: list[int],
                     threshold: int) -> Iterator[tuple[int, int]]:
    """The pairs (i, j), i < j, of the group whose lengths allow the threshold: in
    order of length, each key's partners are the next ones up to the first too long."""
    ordered = sorted(group, key=lengths.__getitem__)
    for n, a in enumerate(ordered):
        for b in itertools.islice(ordered, n + 1, None):
            if not _lengths_allow(lengths[a], lengths[b], threshold):
                break
            yield (a, b) if a < b else (b, a)


# Paragraphs are compared on their first characters: the score and the alignment of
# their words cost the product of the two lengths, and no story's paragraph is this
# long (a page pasted without breaks is), whose start tells enough.
COMPARED_CHARACTERS = 10_000


def _lengths_allow(a: int, b: int, threshold: int) -> bool:
    """fuzz.ratio is at most 200·min/(sum of lengths): whether that reaches threshold."""
    return 200 * min(a, b) >= threshold * (a + b)


def _similarity(a: str, b: str, threshold: int) -> int:
    """fuzz.ratio of the compared characters, rounded half up, or 0 below `threshold`."""
    a, b = a[:COMPARED_CHARACTERS], b[:COMPARED_CHARACTERS]
    # Loading rapidfuzz costs a one-article check more than the bound on shared
    # characters costs on every pair of most articles, and the bound rules out nine
    # pairs in ten; once it is loaded, its ratio is the cheaper test of the two.
    if "rapidfuzz" not in sys.modules and not _characters_allow(a, b, threshold):
        return 0
    from rapidfuzz import fuzz

    score = fuzz.ratio(a, b, score_cutoff=threshold)
    return int(score + 0.5) if score else 0


def _characters_allow(a: str, b: str, threshold: int) -> bool:
    """fuzz.ratio is 200·(longest common subsequence)/(sum of lengths), and that
    subsequence holds each character at most as often as the string with fewer of
    it: whether that bound reaches threshold."""
    shared = sum(min(a.count(c), b.count(c)) for c in set(a) & set(b))
    return 200 * shared >= threshold * (len(a) + len(b))


_FIRST_PERSON = LazyPattern(r"I\b")


@rule("duplicate-sentence", category="duplicates", severity="warning",
      options=[Option("min-words", int, 6, "Shorter sentences are never reported.",
                      range=WORD_COUNTS)])
def duplicate_sentence(article: Article, options: Options) -> Iterator[Problem]:
    """The same sentence printed twice in the body.

    ## What it does
    Flags a body sentence of `min-words` words or more that repeats an earlier body
    sentence (case, white space, quote style and final punctuation aside), unless
    it lies inside a quotation or its whole paragraph is already a duplicate.

    ## Why is this bad?
    A repeated sentence is a paste or rewrite left half done: the story says the
    same thing twice, often a few paragraphs apart where it is easy to miss.

    ## Example
    ```
    The firm employs 4,000 people at the site. Production of the saloon starts next year.

    Production of the saloon starts next year. The first cars are due in the spring.
    ```

    ## Use instead
    Keep the sentence where it belongs and delete the other copy:
    ```
    The firm employs 4,000 people at the site.

    Production of the saloon starts next year. The first cars are due in the spring.
    ```

    ## Known limits
    Sentences that hold or lie inside a quotation (the quote scanner's spans, so
    also a sentence in the middle of a quote) are skipped, since speakers repeat
    themselves and a quote may be reported twice on purpose. So are sentences in the
    first person and questions, which belong to voices (readers' comments, vox
    pops) where two people may well write the same words. So are sentences in
    list runs, and a sentence whose whole paragraph is a copy or near copy of the
    other's, which the paragraph rules report.
    """
    min_words = options.min_words
    # A paragraph too short to hold min-words words holds no sentence that is reported
    # or that a later one repeats.
    texts = article.shared(_paragraph_texts)
    enough = _may_hold(min_words, texts)
    paragraphs = list(itertools.compress(zip(article.paragraphs, texts, strict=True), enough))
    # When a sentence must hold more words than an opening, _comparison_texts holds
    # every paragraph long enough for one.
    folded = article.shared(_comparison_texts)
    if min_words > OPENING_WORDS and not some_opening_repeats(
            map(folded.__getitem__, itertools.compress(article.paragraphs, enough))):
        return  # most articles: told before the list runs and the quotes are read
    listed = article.shared(_in_list_runs)
    if listed:
        paragraphs = [(block, written) for block, written in paragraphs if block not in listed]
        if min_words > OPENING_WORDS and not some_opening_repeats(
                folded[block] for block, _ in paragraphs):
            return
    quotes = article.quotes
    first_seen: dict[str, tuple[Block, int, int]] = {}
    # A pasted page repeats whole paragraphs, and a copy's sentences are the first
    # copy's, moved: each paragraph text is split and keyed once. Whether two
    # paragraphs are alike is asked once for each two keys.
    keyed: dict[str, list[tuple[int, int, str]]] = {}
    alike: dict[tuple[str, str], bool] = {}
    for block, written in paragraphs:
        sentences = keyed.get(written)
        if sentences is None:
            sentences = keyed[written] = _keyed_sentences(article, block, written, min_words)
        for start, end, key in sentences:
            start += block.start
            end += block.start
            if quotes.overlaps(start, end):
                continue
            if key not in first_seen:
                first_seen[key] = (block, start, end)
                continue
            first_block, first_start, first_end = first_seen[key]
            if first_block is not block:
                pair = (_key(article, first_block), _key(article, block))
                if pair not in alike:
                    alike[pair] = _keys_alike(*pair)
                if alike[pair]:
                    continue  # the paragraph rules report the whole copy
            yield Problem(start, end,
                          f"This sentence already appears in paragraph {first_block.paragraph}.",
                          related=(Related(first_start, first_end, "first occurrence"),))


def _keyed_sentences(article: Article, block: Block, written: str, min_words: int,
                     ) -> list[tuple[int, int, str]]:
    """The block's sentences that may be reported or repeated, wherever they stand
    (quotes are asked of each copy): as spans within `written`, the block's text,
    each with its comparison key."""
    keyed = []
    for sentence in article.sentences[block]:
        start, end = sentence.start - block.start, sentence.end - block.start
        sentence_text = written[start:end]
        # The cheap tests first; the regex only for a sentence that starts with `I`.
        if sentence_text.endswith("?") or (sentence_text.startswith("I")
                                           and _FIRST_PERSON.match(sentence_text)):
            continue
        joined, words = joined_words(sentence_text.casefold())
        if words >= min_words:
            keyed.append((start, end, joined.rstrip(".!?")))
    return keyed


def _keys_alike(first: str, second: str) -> bool:
    """Whether two paragraphs with these comparison keys are near duplicates."""
    return (_lengths_allow(len(first), len(second), NEAR_DUPLICATE_DEFAULT)
            and _similarity(first, second, NEAR_DUPLICATE_DEFAULT) > 0)


# Doubles that are English, names or emphasis, not slips (docs/domain.md §7.1).
LEGITIMATE_DOUBLES = frozenset(
    "had that this is can do blah tsk ha no very really please bye knock yeah ho so "
    "chop bang tut dum la tick pom etc".split()
)
# Set aside around words: these, and the ASCII ones of _ASCII_WORDS below.
_NON_ASCII_PUNCTUATION = "“‘…”’"
# A word and every copy of it that follows (`the the the`), so one fix removes them all.
_REPEAT = prose.compile(r"(?<![\w'’-])(\w+)(?:\s+(\1))+(?![\w-]|['’]\w)", regex.IGNORECASE)


def _is_slip(first: str, second: str) -> bool:
    if first.lower() != second.lower() or first.isdigit():
        return False
    if first.lower() in LEGITIMATE_DOUBLES:
        return False
    if first[:1].isupper() and second[:1].isupper():
        return False  # Duran Duran, Bafana Bafana, Boing Boing
    return first == second or (first[:1].isupper() and first[1:] == second[1:])


# The ASCII marks set aside around words and all the white space str.split() knows
# become plain spaces, capitals lower case: bytes.translate does in one C pass over
# ASCII text what casefold and a substitution pattern do in two, and leaves the plain
# space the only white space, which _TWINS finds at C speed.
_ASCII_WORDS = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"'([.,;:!?)]\x1c\x1d\x1e\x1f\t\n\x0b\x0c\r",
    b"abcdefghijklmnopqrstuvwxyz" + b" " * 21)
# Two neighbouring words of a folded text alike, in bytes led by a space: the pattern
# starts with a literal, which the engine skips to, and its possessive runs never
# backtrack, so no list of words is built for the many texts that hold no twins.
_TWINS = re.compile(rb" ([^ ]++) ++\1(?![^ ])")


def _has_adjacent_twins(text: str) -> bool:
    """Whether two neighbouring words are the same once case and punctuation are
    set aside: C-level string work, far cheaper than _REPEAT, which finds the slips
    among them."""
    return _holds_twins(_folded_text(text))


def _holds_twins(folded: bytes | str) -> bool:
    """Whether two neighbouring words of a text folded by _folded_text are the same."""
    if isinstance(folded, bytes):
        return _TWINS.search(b" " + folded) is not None
    words = folded.split()
    return any(map(operator.eq, words, words[1:]))


# Stands in for the pound sign: no mark the byte table drops, and not _BETWEEN_BLOCKS.
_POUND_STAND_IN = "\x01"


def _folded_text(text: str) -> bytes | str:
    """`text` with case and the marks around words set aside: as bytes, where the
    plain space is the only white space (a pound sign perhaps written as its
    stand-in), or, where white space beyond ASCII may part words, as str."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS)
    for mark in _NON_ASCII_PUNCTUATION:
        if mark in text:
            text = text.replace(mark, " ")
    stood_in = pounds_stood_in(text, _POUND_STAND_IN)
    if stood_in is not None:  # nothing beyond ASCII but pound signs
        return stood_in.encode("ascii").translate(_ASCII_WORDS)
    # The ASCII marks by the byte table, which leaves UTF-8's other bytes alone;
    # str.split() for the white space beyond ASCII.
    return (text.casefold().encode("utf-8", "surrogatepass").translate(_ASCII_WORDS)
            .decode("utf-8", "surrogatepass"))


# Between the blocks' texts when all are read in one pass: a word of its own (as its
# folded form is itself), so no two words of different blocks are neighbours.
_BETWEEN_BLOCKS = "\x00"


def _blocks_with_adjacent_twins(text: str, blocks: Sequence[Block]) -> list[Block]:
    """The blocks whose text holds adjacent twins (_has_adjacent_twins), and perhaps a
    few more: the words of all blocks are read and compared in one pass, as a page
    of thousands of one-word paragraphs would cost a call apiece."""
    folded = _folded_text(f" {_BETWEEN_BLOCKS} ".join([text[b.start:b.end] for b in blocks]))
    if not _holds_twins(folded):
        return []  # most articles: told without a list of their words
    words = folded.split()
    twins = list(itertools.compress(itertools.count(), map(operator.eq, words, words[1:])))
    between = _BETWEEN_BLOCKS if isinstance(words[0], str) else _BETWEEN_BLOCKS.encode()
    # The index of the word between each block and the next: a twin before it and
    # after the one before lies in that block.
    ends = list(itertools.compress(itertools.count(),
                                   map(operator.eq, words, itertools.repeat(between))))
    if len(ends) != len(blocks) - 1:  # a block holds that word too: told block by block
        return [b for b in blocks if _has_adjacent_twins(text[b.start:b.end])]
    found = []
    at = 0
    while at < len(twins):
        index = bisect.bisect_left(ends, twins[at])
        found.append(blocks[index])
        if index == len(ends):
            break
        at = bisect.bisect_right(twins, ends[index], at + 1)
    return found


# For the pattern, in ASCII text: word characters and hyphens kept (capitals lower
# case), white space a space, and every other character a mark, which
# _may_hold_repeat makes a word of its own.
_MARK = b"\x00"
_ASCII_WORDS_AND_MARKS = bytes(
    c + 32 if chr(c).isupper() else c if chr(c).isalnum() or chr(c) in "_-"
    else ord(" ") if chr(c).isspace() else _MARK[0]
    for c in range(128)) + _MARK * 128


# Characters beyond ASCII that the pattern takes for neither word characters nor
# white space, and that no case folding makes letters: marks, as ASCII punctuation.
_MARKS_BEYOND_ASCII = "£“”‘’…–—"


def _may_hold_repeat(text: str) -> bool:
    """False when _REPEAT surely finds no slip in `text`: a slip's two words are
    neighbours once every mark stands apart, where _has_adjacent_twins also pairs
    words with a stop or a quote mark between them (`said. Said`). Told for ASCII text
    and text whose only other characters are _MARKS_BEYOND_ASCII (a price in pounds,
    curly quotes); True for any other."""
    if not text.isascii():
        for mark in _MARKS_BEYOND_ASCII:
            if mark in text:
                text = text.replace(mark, _MARK.decode())
        if not text.isascii():
            return True
    words = text.encode("ascii").translate(_ASCII_WORDS_AND_MARKS).replace(
        _MARK, b" " + _MARK + b" ").split()
    twins = set(itertools.compress(words, map(operator.eq, words, islice(words, 1, None))))
    twins.discard(_MARK)
    return bool(twins)


@rule("repeated-word", category="duplicates", severity="warning", fix="always", fix_safety="safe")
def repeated_word(article: Article, options: Options) -> Iterator[Problem]:
    """A word typed twice in a row: `the the`.

    ## What it does
    Flags a word immediately repeated in the body (`the the`, `to to`), also across
    a line break. The span covers the word and all its copies (`the the the`).

    ## Why is this bad?
    The eye skips over the second word while reading, so doubled words survive
    proofreading and reach print; readers who notice them lose trust in the copy.

    ## Example
    ```
    The deal was signed by the the chief executive.
    ```

    ## Use instead
    ```
    The deal was signed by the chief executive.
    ```

    ## Fix safety
    The fix deletes the copies and the spaces before them. It is safe.

    ## Known limits
    Doubles that English allows or that are names or emphasis are not reported:
    `had had`, `that that`, `add to this this`, `is is`, `very very`, `blah blah`,
    `etc etc`, and capitalised pairs such as `Duran Duran`. Numbers (tennis scores
    `6-4 4-6`) are skipped, and nothing is matched across the headline or from one
    paragraph to the next.
    """
    for block in _blocks_with_adjacent_twins(article.text, article.body):
        text = article.block_text(block)
        if not _has_adjacent_twins(text) or not _may_hold_repeat(text):
            continue  # decided without the regular expression
        for match in _REPEAT.finditer(article.text, block.start, block.end):
            first = match.group(1)
            # Each spelling of the copies judged once: a run of one word repeated
            # line after line holds thousands of copies, all alike.
            if not all(_is_slip(first, copy) for copy in set(match.captures(2))):
                continue
            yield Problem(
                match.start(), match.end(), f"'{first}' is repeated.",
                replacements=(first,),
                edits=(Edit(match.start(1) + len(first), match.end(), ""),),
            )


# Across the archive: paragraphs and whole stories that already ran elsewhere.

BOILERPLATE_ARTICLES = 5
# Paragraphs shorter than this are not kept for the archive rules at all: a short
# line recurs across a newsroom's stories by chance ("The company declined to comment.").
_PASSAGE_MIN_WORDS = 8


def _passages(article: Article, options: Options) -> Iterator[Fact]:
    """The body paragraphs the archive rules compare, with their keys and sketches:
    prose only, as a team sheet or a results table recurs by design, and each text
    once. A paragraph the article repeats is duplicate-paragraph's finding; were each
    copy stored, a page pasted together from thousands of copies would pair every
    copy with every other."""
    kept = set()
    for block in article.paragraphs:
        text = article.block_text(block)
        found = passage(text)
        if (found.words >= _PASSAGE_MIN_WORDS and found.exact not in kept
                and not _is_listing(text)):
            kept.add(found.exact)
            yield Fact(block.start, block.end, found)


def _is_listing(text: str) -> bool:
    """Mostly names and figures: more than half its words start with a capital or a
    digit (`G Murphy; G Dempsey, B O'Driscoll, ...`), where prose has a few."""
    words = text.split()
    return sum(1 for w in words if w[0].isupper() or w[0].isdigit()) * 2 > len(words)


def _whole_copies(archive, share: int) -> list[tuple[object, object, float]]:
    """(the copy's first recurring passage, the original's matching passage, the share
    of the copy's words that recur) for each article filed after another article that
    holds at least `share` percent of its words."""
    matched: dict[tuple[str, str], dict[int, tuple]] = {}
    for match in archive.matches(NEAR_DUPLICATE_DEFAULT, _PASSAGE_MIN_WORDS,
                                 BOILERPLATE_ARTICLES):
        later, earlier = ((match.first, match.second) if match.first.is_later_than(match.second)
                          else (match.second, match.first))
        matched.setdefault((later.article, earlier.article), {})[later.id] = (later, earlier)
    totals = archive.article_words(copy for copy, _ in matched)
    copies = []
    for (copy, _), found in matched.items():
        recurring = sum(passage.words for passage, _ in found.values()) / max(totals[copy], 1)
        if recurring * 100 >= share:
            first, other = min(found.values(), key=lambda pair: pair[0].location.offset)
            copies.append((first, other, recurring))
    return copies


@archive_rule("recycled-paragraph", category="duplicates", severity="warning",
              collect=_passages, options=[
                  Option("min-words", int, 25, "Shorter paragraphs are never reported."),
                  Option("threshold", int, NEAR_DUPLICATE_DEFAULT,
                         "Lowest rapidfuzz ratio (0-100) counted as the same paragraph."),
                  Option("boilerplate-articles", int, BOILERPLATE_ARTICLES,
                         "A paragraph in more articles than this is house boilerplate: "
                         "told once in the audit, not flagged in each article."),
              ])
def recycled_paragraph(archive, options: Options) -> Iterator[ArchiveProblem | ArchiveNote]:
    """A body paragraph that already ran, word for word or nearly, in another article.

    ## What it does
    In an audit of an archive, or a check against an index of one (`--index`),
    compares each body paragraph of `min-words` words or more with the paragraphs of
    every other article, and flags each later copy (by publication date when both
    articles have one, else the one read later) once, naming the copy that ran first
    and its paragraph; the finding's related locations list up to five earlier
    copies, the first one first. Paragraphs alike by rapidfuzz's `fuzz.ratio` at `threshold` or more
    after case, white space and punctuation style are folded count as the same.
    Only candidate pairs are scored: paragraphs sharing a value of their MinHash
    sketches, or an exact hash, never all pairs.

    ## Why is this bad?
    A paragraph lifted from last week's story carries last week's facts: a stale
    figure, a superseded quote, a title someone no longer holds. A wire paragraph
    pasted into ten stories reads as padding to a reader who sees two of them.

    ## Example
    Two stories of the archive, the second filed later:
    ```article
    Council tax to rise by 4.9%

    The council approved a 4.9% rise in council tax on Tuesday, taking a Band D bill
    to £2,174 a year, after a four-hour meeting at which opposition councillors walked
    out in protest.
    ```
    ```article
    Councillors plan new vote on tax rise

    Opposition councillors will force a second vote on the budget next month, their leader said.

    The council approved a 4.9% rise in council tax on Tuesday, taking a Band D bill
    to £2,174 a year, after a four-hour meeting at which opposition councillors walked
    out in protest.
    ```

    ## Use instead
    Write the paragraph afresh for the later story, with what is still true:
    ```article
    Councillors plan new vote on tax rise

    Opposition councillors will force a second vote on the budget next month, their leader said.

    They walked out of last week's meeting at which the 4.9% rise, which takes a Band D
    bill to £2,174, was approved.
    ```

    ## Known limits
    Only prose is compared: a paragraph most of whose words start with a capital or
    a digit (a team sheet, a results table) recurs by design. A paragraph found in
    more than `boilerplate-articles` articles (a sign-off, a
    standard disclaimer) is house boilerplate: the audit lists it once with its count
    instead of flagging it everywhere. An article that is as a whole a copy of
    another is reported once, by `duplicate-article`, not paragraph by paragraph.
    """
    for example, count, names in archive.common_texts(options.boilerplate_articles):
        yield ArchiveNote("recycled-paragraph",
                          f"House boilerplate: this paragraph appears in {count} articles.",
                          example.flagged, count, tuple(names))
    whole = {frozenset((copy.article, original.article))
             for copy, original, _ in archive.derived(_whole_copies, _DUPLICATE_SHARE)}
    copies: dict[object, list[tuple[object, float]]] = {}  # later passage -> earlier ones
    for match in archive.matches(options.threshold, options.min_words,
                                 options.boilerplate_articles):
        later, earlier = ((match.first, match.second) if match.first.is_later_than(match.second)
                          else (match.second, match.first))
        if frozenset((later.article, earlier.article)) not in whole:
            copies.setdefault(later, []).append((earlier, match.score))
    for later, earlier_copies in copies.items():
        earlier_copies.insert(0, earlier_copies.pop(_earliest(earlier_copies)))
        earliest, score = earlier_copies[0]
        alike = ("word for word" if later.key == earliest.key
                 else f"nearly word for word (similarity {score:.0f})")
        yield ArchiveProblem(
            later,
            f"Paragraph {later.paragraph} already ran, {alike}, as paragraph "
            f"{earliest.paragraph} of {earliest.describe()}.",
            related=tuple((copy, f"paragraph {copy.paragraph} of {copy.article}")
                          for copy, _ in earlier_copies[:_RELATED_COPIES]))


# The most earlier copies of a recycled paragraph a finding names in `related`.
_RELATED_COPIES = 5


def _earliest(copies: list[tuple[object, float]]) -> int:
    """The index of the copy that ran first."""
    first = 0
    for index, (copy, _) in enumerate(copies):
        if copies[first][0].is_later_than(copy):
            first = index
    return first


_DUPLICATE_SHARE = 80


@archive_rule("duplicate-article", category="duplicates", severity="warning",
              collect=_passages, options=[
                  Option("share", int, _DUPLICATE_SHARE,
                         "Lowest percentage of the article's words that recur in the other."),
              ])
def duplicate_article(archive, options: Options) -> Iterator[ArchiveProblem]:
    """An article most of whose paragraphs recur in one other article: a story filed twice.

    ## What it does
    In an audit of an archive, or a check against an index of one (`--index`), flags
    an article when paragraphs holding at least `share` percent of its words (80)
    recur, word for word or nearly, in one other article. Where each of the two is a
    copy of the other, the later one is flagged. The finding points at its first
    recurring paragraph and names the other article.

    ## Why is this bad?
    The same story filed twice, under two sections or by two desks, splits readers
    and corrections between two pages: a correction made to one copy never reaches
    the other.

    ## Example
    The same story filed twice, the second time under another headline:
    ```article
    Council tax to rise by 4.9%

    The council approved a 4.9% rise in council tax on Tuesday, taking a Band D bill
    to £2,174 a year, after a four-hour meeting.

    Opposition councillors walked out of the meeting in protest before the final vote was taken.
    ```
    ```article
    Walkout as council tax goes up

    The council approved a 4.9% rise in council tax on Tuesday, taking a Band D bill
    to £2,174 a year, after a four-hour meeting.

    Opposition councillors walked out of the meeting in protest before the final vote was taken.
    ```

    ## Use instead
    Keep one story and redirect the other to it, or make the second a different story:
    ```article
    Walkout as council tax goes up

    Opposition councillors say they will force a second vote on the budget next month.
    ```

    ## Known limits
    Paragraphs of fewer than eight words and house boilerplate do not count towards
    the share.
    """
    for copy, original, found in archive.derived(_whole_copies, options.share):
        yield ArchiveProblem(
            copy,
            f"{found:.0%} of this article's words already ran in {original.describe()}: "
            f"the same story filed twice?",
            related=((original, f"the same story: {original.article}"),))
