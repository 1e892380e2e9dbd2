"""Names and spellings: one name, word or compound written two ways in one article.

`name-variant` and `name-misspelling` read the capitalised runs of
`article.abbreviations.names`; `spelling-variant-mix` looks its word list up among
the runs of letters of the masked text, and `hyphenation-variant` starts from the
hyphens. The word lists are data in rules/data/ (spelling-variants.toml,
hyphenation.toml).
"""

import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import regex

from lint import prose
from lint.analysis.abbreviations import A_TO_Z_ONLY, Abbreviations, Name
from lint.article import Article
from lint.data_files import read_toml
from lint.document import LEAD_IN_KINDS
from lint.lazy import LazyPattern
from lint.rule import Edit, Options, Problem, Related, Tier, mostly, rule
from rules.abbreviations import profile_of

_DATA_DIR = Path(__file__).parent / "data"
_NOT_KEY = LazyPattern(r"[^a-z0-9\n]")
_AND = prose.compile(r"\s*&\s*")


def _load(name: str) -> dict:
    return read_toml(_DATA_DIR / name)


# -- name-variant --------------------------------------------------------------------------


# All but a-z, 0-9 and the line break between names, for bytes.translate to delete:
# on ASCII it does what _NOT_KEY.sub does, several times faster.
_NOT_KEY_BYTES = bytes(c for c in range(128) if c not in b"abcdefghijklmnopqrstuvwxyz0123456789\n")


def name_keys(names: list[str]) -> list[str]:
    """`Jaguar-Land Rover`, `jaguar land rover` → `jaguarlandrover`; `&` reads as `and`.

    The keys of all names at once, each step one pass over them joined one to a line:
    an article has dozens of names."""
    if not names:
        return []
    lines = "\n".join(names)
    if lines.count("\n") != len(names) - 1:
        # A line break inside a name (where blanked-out text stood) would split it;
        # a carriage return is as neutral: no key keeps it, and it is no space.
        lines = "\n".join(name.replace("\n", "\r") for name in names)
    lines = "\n" + lines
    folded = lines.casefold() if lines.isascii() else (
        unicodedata.normalize("NFKD", lines).casefold())
    folded = folded.replace("\nthe ", "\n").replace("&", "and")
    if folded.isascii():
        keys = folded.encode("ascii").translate(None, _NOT_KEY_BYTES).decode("ascii")
    else:
        keys = _NOT_KEY.sub("", folded)
    return keys.split("\n")[1:]


_AMPERSAND = "`&` or `and`"
# Title-case connectors (`School Of Rock`) and acronym case (`UEFA Cup`, which
# acronym-case-mix reports) are not name variants.
_LEFT_ALONE = ("connector capitalisation", "acronym capitalisation")
_CONNECTORS = frozenset({"of", "for", "the", "de", "du", "da", "von", "van", "der", "del"})


def _difference(a: str, b: str) -> str:
    if a.casefold() == b.casefold():
        changed = [(x, y) for x, y in zip(a.split(), b.split(), strict=True) if x != y]
        if all(x.casefold() in _CONNECTORS for x, _ in changed):
            return "connector capitalisation"
        if any(x.isupper() or y.isupper() for x, y in changed):
            return "acronym capitalisation"
        return "capitalisation"
    if "&" in a + b:
        return _AMPERSAND
    if ("-" in a + b or "–" in a + b) and a.replace("-", " ") == b.replace("-", " "):
        return "hyphen or space"
    return "spacing or punctuation"


def _name_occurrences(article: Article) -> list[Name]:
    """Names outside quoted titles, plus the `and` spellings of names written with `&`.

    Read through `article.shared`, so the rules that need it compute it once."""
    analysis = article.abbreviations
    names = [n for n in analysis.names if not n.quoted_title]
    spelled_out = {_AND.sub(" and ", n.text): None for n in names if "&" in n.text}
    if not spelled_out:
        return names  # most articles: in text order, as the analysis finds them
    for spelled in spelled_out:
        at = article.text.find(spelled)
        while at != -1:
            block = analysis.block_of(at)
            if block is not None:
                names.append(Name(at, at + len(spelled), spelled, block, False))
            at = article.text.find(spelled, at + 1)
    return sorted(names, key=lambda n: n.start)


@rule("name-variant", category="names", severity="warning", fix="always", fix_safety="unsafe",
      tiers=[Tier("ampersand", "info", "the two forms differ only in `&` against `and`")])
def name_variant(article: Article, options: Options) -> Iterator[Problem]:
    """The same multi-word name written two ways (`Jaguar Land Rover`, `Jaguar-Land Rover`).

    ## What it does
    Compares the proper names of the article once case, hyphens, spaces and `&`/`and`
    are set aside, and flags every use of a less used form; the more used form (on a
    tie, the first) is the replacement and its first use is related. A longer name
    that contains the other (`Chery Jaguar Land Rover`) is another name, not a
    variant. Possessives, datelines, handles, all-capital lines and quoted titles
    are left out, and so is a headline that differs only in capitals.

    ## Why is this bad?
    A company or person named two ways reads as two bodies, and it is the kind of
    slip the subjects of a story notice first.

    ## Example
    ```
    Jaguar Land Rover agrees Halewood plant deal

    Jaguar-Land Rover (JLR) has agreed to share its Halewood factory.
    ```

    ## Use instead
    ```
    Jaguar Land Rover agrees Halewood plant deal

    Jaguar Land Rover (JLR) has agreed to share its Halewood factory.
    ```

    ## Fix safety
    Unsafe: which form is right is the name's owner's choice, not the article's.

    ## Known limits
    Only exact matches after normalising are compared (a misspelling such as
    `Jaguar Land Rovr` is `name-misspelling`'s), except that hyphenated capitalised
    words are also compared with two words inside longer names (`Santa-Barbara`
    against `Santa Barbara County Superior Court`). A name that starts a sentence
    after a capitalised word that is not in the list of sentence openers is missed.
    """
    names = article.shared(_name_occurrences)
    texts = list({n.text: None for n in names})
    keys = name_keys(texts)
    if len(set(keys)) == len(keys):
        yield from _hyphenated_inside_names(names)
        return  # most articles: each name written one way
    key_of = dict(zip(texts, keys, strict=True))
    forms = Counter(keys)  # texts are distinct: the written forms of each key
    groups: dict[str, list[Name]] = {}
    for n in names:
        if forms[key_of[n.text]] > 1:
            groups.setdefault(key_of[n.text], []).append(n)
    for group in groups.values():
        yield from _variants(group)
    yield from _hyphenated_inside_names([n for n in names if forms[key_of[n.text]] == 1])


_HYPHENED_CAPITALS = LazyPattern(r"\p{Lu}[\p{L}'’.]*(?:-\p{Lu}[\p{L}'’.]*)+")


def _hyphenated_inside_names(names: list[Name]) -> Iterator[Problem]:
    """Hyphenated capitalised words (`Santa-Barbara`) whose spaced form is used at
    least as often as two words of another name (`Santa Barbara County Superior
    Court`): the variant a whole-name comparison cannot see. `names` are the uses
    not already reported as variants of a whole name."""
    hyphened = [(n.start + m.start(), n.start + m.end(), m.group())
                for n in names if "-" in n.text for m in _HYPHENED_CAPITALS.finditer(n.text)]
    if not hyphened:
        return
    pairs = _pairs_written(names, {text.replace("-", " ") for *_, text in hyphened})
    spaced = Counter(text for *_, text in pairs)
    first_spaced: dict[str, tuple[int, int, str]] = {}
    for pair in pairs:
        first_spaced.setdefault(pair[2], pair)
    uses = Counter(text for *_, text in hyphened)
    for start, end, text in hyphened:
        plain = text.replace("-", " ")
        if spaced[plain] >= uses[text]:
            first = first_spaced[plain]
            yield Problem(start, end,
                          f"`{text}` is written `{plain}` elsewhere in the article "
                          f"(hyphen or space).",
                          related=(Related(first[0], first[1], f"`{plain}` here"),),
                          replacements=(plain,), edits=(Edit(start, end, plain),), safe=False)


def _variants(group: list[Name]) -> Iterator[Problem]:
    forms = Counter(n.text for n in group)
    first: dict[str, int] = {}  # where in the group each form is first used
    for i, n in enumerate(group):
        first.setdefault(n.text, i)
    main = max(forms, key=lambda f: (forms[f], -first[f]))
    first_main = group[first[main]]
    for n in group:
        if n.text == main:
            continue
        kind = _difference(n.text, main)
        if kind in _LEFT_ALONE or (
                kind == "capitalisation" and not (n.block.is_body and first_main.block.is_body)):
            continue
        yield Problem(n.start, n.end,
                      f"`{n.text}` is written `{main}` elsewhere in the article ({kind}).",
                      related=(Related(first_main.start, first_main.end, f"`{main}` here"),),
                      replacements=(main,), edits=(Edit(n.start, n.end, main),), safe=False,
                      tier="ampersand" if kind == _AMPERSAND else None)


# -- name-misspelling ----------------------------------------------------------------------

_MIN_MISSPELT_LETTERS = 4  # shorter words differ by one letter as different names (Jon/Joe)
# The blocks whose names are not compared: the lead-in's but the headline. Read off
# each name's block kind, not through Block.is_body, a Python call a name.
_LEAD_IN_BUT_HEADLINE = LEAD_IN_KINDS - {"headline"}


def _word_misspelt(a: str, b: str) -> bool:
    """One edit apart (a letter changed, dropped, added or two swapped) inside the
    word, not at its end, where a letter makes another word or name (`African`,
    `Browne`); long enough to be a slip rather than another name; not case alone."""
    if min(len(a), len(b)) < _MIN_MISSPELT_LETTERS or a.casefold() == b.casefold():
        return False
    if a.isupper() or b.isupper() or a[:1] != b[:1]:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if longer.startswith(shorter) or "-" in a + b:
        return False  # a letter added at the end: Africa/African, Brown/Browne, plurals
    from rapidfuzz.distance import OSA  # on the first pair to compare: many articles have none

    return OSA.distance(a, b, score_cutoff=1) <= 1


def _misspelling_candidates(forms: Counter) -> Iterator[tuple[str, str]]:
    """(form, other) pairs of distinct two-word names that share one word and whose
    other word is misspelt, one of them used once (two established forms are two
    names, not a slip): blocked on the shared word, so no name is compared with all
    others."""
    by_first: dict[str, list[str]] = {}
    by_second: dict[str, list[str]] = {}
    for form in forms:
        first, second = form.split(" ")
        # A word too short to be misspelt is left out of its group, where it would
        # only be compared with the others in vain.
        if len(second) >= _MIN_MISSPELT_LETTERS:
            by_first.setdefault(first, []).append(second)
        if len(first) >= _MIN_MISSPELT_LETTERS:
            by_second.setdefault(second, []).append(first)
    for shared, pair in ((by_first, "{} {}"), (by_second, "{1} {0}")):
        for word, group in shared.items():
            if len({other[0] for other in group}) == len(group):
                # Most words: one name holds them, or their names' other words all
                # start differently, and a slip keeps the first letter.
                continue
            for i, j in _one_edit_apart(group):
                x, y = group[i], group[j]
                if x < y:
                    a, b = pair.format(word, x), pair.format(word, y)
                    if (forms[a] < 2 or forms[b] < 2) and _word_misspelt(x, y):
                        yield a, b


def _may_hold_a_slip(texts: Iterable[str]) -> bool:
    """Whether two distinct words of the texts, each long enough to be misspelt, start
    alike and may be one edit apart: the two words in which a slip's forms differ are
    such words, and most articles' names hold none, so their uses are not counted."""
    by_initial: dict[str, list[str]] = {}
    for word in {word for text in texts for word in text.split(" ")}:
        if len(word) >= _MIN_MISSPELT_LETTERS:
            by_initial.setdefault(word[0], []).append(word)
    return any(len(group) > 1 and _one_edit_apart(group) for group in by_initial.values())


def _one_edit_apart(words: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j), i != j and in that order, of the distinct words that may
    be one edit apart: those that share the word itself or a word less one letter
    (a changed letter, a dropped or added one or two swapped leave such a form in
    common), so that a long list is never compared all with all."""
    holders: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        for key in {word, *(word[:k] + word[k + 1:] for k in range(len(word)))}:
            holders.setdefault(key, []).append(index)
    return sorted({pair for group in holders.values() if len(group) > 1
                   for pair in itertools.permutations(group, 2)})


@rule("name-misspelling", category="names", severity="warning",
      fix="always", fix_safety="unsafe")
def name_misspelling(article: Article, options: Options) -> Iterator[Problem]:
    """A name spelled one letter differently from its other uses (`Keir Stramer`).

    ## What it does
    Compares the article's multi-word proper names and flags a form that differs
    from another in one word, by one edit of that word (a letter changed, dropped,
    added, or two letters swapped), when the other form is used more (on a tie, the
    form used first is offered, and the message says the two are used as often).
    Names whose two forms are each used twice or more are different names (`Gordon
    Brown`, `Gordon Browne`) and left alone, and so are words under four letters,
    plurals, possessives and capitalisation.

    ## Why is this bad?
    A misspelt name is the error subjects and readers notice first, and a spelling
    checker passes it: both forms look like names.

    ## Example
    ```
    Keir Starmer visited the plant on Monday. Keir Starmer said the deal was good.
    Keir Stramer then left for London.
    ```

    ## Use instead
    ```
    Keir Starmer visited the plant on Monday. Keir Starmer said the deal was good.
    Keir Starmer then left for London.
    ```

    ## Fix safety
    Unsafe: the less used form may be the right one.

    ## Known limits
    Only names of two words or more are compared (`Starmer` alone is not), and only
    one word may differ. A name spelled wrong as often as right is not reported.
    """
    names = [n for n in article.shared(_name_occurrences)
             if n.block.kind not in _LEAD_IN_BUT_HEADLINE]
    sharing = _texts_sharing_a_word(names)
    if not sharing or not _may_hold_a_slip(sharing):
        return  # most articles: no two names share a word, or none is a slip of another
    names = [n for n in names if n.text in sharing]
    pairs_in = _pairs_by_text(sharing)
    forms = Counter()
    for n in names:
        for _, _, text in pairs_in[n.text]:
            forms[text] += 1
    # Drawn one by one, so that a flood of slips stops where the engine stops
    # drawing findings (`max-findings-per-rule`).
    slips = _misspelling_candidates(forms)
    first = next(slips, None)
    if first is None:
        return  # most articles: no need to place every use of every name
    uses: dict[str, list[tuple[int, int, str]]] = {}
    for pair in _name_word_pairs(names, pairs_in):
        uses.setdefault(pair[2], []).append(pair)
    for a, b in itertools.chain((first,), slips):
        right, wrong = sorted((a, b), key=lambda f: (-forms[f], uses[f][0][0]))
        main = uses[right][0]
        # On a tie the first use is taken as right, which the message must not claim.
        message = (f"`{wrong}` is spelled `{right}` elsewhere in the article, as often: "
                   "check which is right." if forms[a] == forms[b] else
                   f"`{wrong}` is spelled `{right}` elsewhere in the article.")
        for start, end, _ in uses[wrong]:
            yield Problem(start, end, message,
                          related=(Related(main[0], main[1], f"`{right}` here"),),
                          replacements=(right,), edits=(Edit(start, end, right),), safe=False)


_MINOR_NAME_WORDS = _CONNECTORS | {"and", "a", "an", "in", "on", "at", "to"}


def _texts_sharing_a_word(names: list[Name]) -> set[str]:
    """The distinct texts of `names` that hold a word held again (by another text, or
    twice by one) that may be in a two-word form (not `of`). Two distinct forms that
    share a word come from such texts only, and so does every use of either: a text
    that writes a form holds both its words."""
    texts = {n.text: None for n in names}
    words = " ".join(texts).split(" ")
    if len(set(words)) == len(words):
        return set()  # most articles: no word held twice
    held_again = {word for word, count in Counter(words).items()
                  if count > 1 and word.casefold() not in _MINOR_NAME_WORDS}
    return {text for text in texts if not held_again.isdisjoint(text.split(" "))}


def _pairs_by_text(texts: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
    """_word_pairs of each distinct name text (a name is mostly used more than once)."""
    return {text: _word_pairs(text) for text in dict.fromkeys(texts)}


def _name_word_pairs(names: list[Name], pairs_in: dict[str, list[tuple[int, int, str]]],
                     ) -> list[tuple[int, int, str]]:
    """(start, end, text) of the two-word runs of every name use, in text order, from
    the names' `_pairs_by_text`."""
    return [(n.start + a, n.start + b, text) for n in names for a, b, text in pairs_in[n.text]]


def _pairs_written(names: list[Name], forms: set[str]) -> list[tuple[int, int, str]]:
    """The two-word runs of the names' uses (`_name_word_pairs`) that are one of
    `forms`, found only in the names that hold the first word of one."""
    firsts = {form.partition(" ")[0] for form in forms}
    holding = [n for n in names if not firsts.isdisjoint(n.text.split(" "))]
    return [pair for pair in _name_word_pairs(holding, _pairs_by_text(n.text for n in holding))
            if pair[2] in forms]


def _word_pairs(name: str) -> list[tuple[int, int, str]]:
    """(start, end, text) in the name of each two capitalised words in a row, one
    space apart: `Keir Starmer`, and `Six Nations` in `Moving the Six Nations`."""
    pairs = []
    at = 0
    previous: tuple[int, str] | None = None
    for word in name.split(" "):
        if word[:1].isupper() and word.isprintable() and word.casefold() not in _MINOR_NAME_WORDS:
            if previous is not None:
                pairs.append((previous[0], at + len(word), f"{previous[1]} {word}"))
            previous = (at, word)
        else:
            previous = None
        at += len(word) + 1
    return pairs


class Variant(NamedTuple):
    """One spelling: its counterpart, its axis (`variety` or `endings`) and its side."""

    other: str
    axis: str
    side: str


_OUR_ENDINGS = ("", "s", "ed", "ing", "ite", "ites", "able", "ably", "ful", "fully", "less",
                "er", "ers", "hood", "hoods", "al", "ally", "y", "ist", "ists")
_ISE_ENDINGS = ("e", "es", "ed", "ing", "er", "ers", "ation", "ations")


def _spellings() -> dict[str, tuple[str, str, str]]:
    """Each listed spelling's Variant, as a plain tuple: the table of thousands is
    built on every start, a Variant only for a spelling an article uses."""
    data = _load("spelling-variants.toml")
    table: dict[str, tuple[str, str, str]] = {}

    def add(pairs: Iterable[tuple[str, str]], axis: str, sides: tuple[str, str]) -> None:
        british_side, american_side = sides
        for british, american in pairs:
            table[british] = (american, axis, british_side)
            table[american] = (british, axis, american_side)

    varieties = ("british", "american")
    add(data["pairs"].items(), "variety", varieties)
    add(((f"{stem}ur{ending}", f"{stem}r{ending}")
         for stem in data["our-stems"] for ending in _OUR_ENDINGS), "variety", varieties)
    add(((f"{stem}is{ending}", f"{stem}iz{ending}")
         for stem in data["ise-stems"] for ending in _ISE_ENDINGS), "endings", ("ise", "ize"))
    return table


SPELLINGS = _spellings()
# A listed spelling is found where it stands as a whole lower-case word after white
# space, a quote mark or a bracket. Case-sensitive on purpose: capitalised words
# (`World Trade Center`) are names. Every listed word is lower-case ASCII letters,
# so such a use is a maximal run of a-z in the text; bytes.translate blanks all
# else in one C pass, and a set intersection names the few listed words present.
_LISTED = frozenset(" ".join(SPELLINGS).encode("ascii").split())
_MAY_PRECEDE = "\"'‘“(["
# After a whole word: no letter, digit or one of these (`colour-blind` is another word).
_JOINS_WORDS = ("-", "_")
# Up to this many listed words present, each is searched for in the text as written.
_WORDS_SEARCHED_UP_TO = 16
_AXES = ("variety", "endings")
_SIDE_NAMES = {"british": "British", "american": "American", "ise": "-ise", "ize": "-ize"}


@rule("spelling-variant-mix", category="names", severity="warning",
      fix="always", fix_safety="depends")
def spelling_variant_mix(article: Article, options: Options) -> Iterator[Problem]:
    """British and American spellings in one article (`colour` and `color`).

    ## What it does
    Counts the British and American spellings of a curated list of words
    (`colour`/`color`, `centre`/`center`, `travelled`/`traveled`, `defence`/`defense`,
    ...) and flags the spellings of the less used variety; `-ise` and `-ize` are
    compared on their own, since `-ize` is Oxford British spelling too. With a
    profile that names a variety (`bbc`: British, `-ise`; `ap`: American, `-ize`),
    every spelling of the other variety is flagged, even alone. Capitalised words are
    skipped, so official names keep their spelling (`World Trade Center`,
    `Australian Labor Party`); spellings inside quotes neither count nor are
    reported: people are quoted as they speak and write.

    ## Why is this bad?
    Mixed spelling shows copy taken from an agency without editing, and readers
    notice it as carelessness.

    ## Example
    ```
    The colour of the new centre was chosen by a committee that organized the design.
    It will organise a second color scheme.
    ```

    ## Use instead
    ```
    The colour of the new centre was chosen by a committee that organised the design.
    It will organise a second colour scheme.
    ```

    ## Fix safety
    Safe under a profile, which settles the variety; unsafe without one.

    ## Known limits
    Words whose two spellings both exist with different senses (`program`, `disk`,
    `draft`, `tire`, `license`, `check`, `meter`) are not in the list.
    """
    analysis = article.abbreviations
    words = _listed_words_in(analysis)
    if not words:
        return  # most articles: no listed spelling at all
    profile = profile_of(options)
    axes = [axis for axis in _AXES if _may_be_reported(words, axis, _house_side(profile, axis))]
    if not axes:
        return  # most of the rest: spellings of one side only, or of the house's
    found = _spelled_words(analysis, words)
    for axis in axes:
        uses = [(start, end, word, v) for start, end, word, v in found
                if v.axis == axis and not analysis.quoted(start, end)]
        preferred = _house_side(profile, axis)
        sides = Counter(v.side for *_, v in uses)
        if preferred is None:
            if len(sides) < 2:
                continue
            first = uses[0][3].side
            preferred = max(sides, key=lambda s: (sides[s], s == first))
        tie = list(sides.values()).count(sides[preferred]) > 1
        for start, end, word, v in uses:
            if v.side == preferred:
                continue
            spelling = f"{_SIDE_NAMES[preferred]} spelling"
            why = (f"the {profile.label} style uses {spelling}" if _house_side(profile, axis)
                   else f"this article {mostly('uses', spelling, tie)}")
            yield Problem(start, end, f"`{word}` is {_SIDE_NAMES[v.side]} spelling; {why}: "
                                      f"`{v.other}`.",
                          replacements=(v.other,), edits=(Edit(start, end, v.other),),
                          safe=_house_side(profile, axis) is not None)


def _house_side(profile, axis: str) -> str | None:
    if profile is None:
        return None
    side = profile.variety if axis == "variety" else profile.endings
    return None if side in ("any", "either") else side


def _listed_words_in(analysis: Abbreviations) -> set[str]:
    """The listed spellings written as a whole run of `a` to `z` somewhere in the text:
    every use is one, so a word not among them is used nowhere."""
    runs = analysis.masked_bytes.translate(A_TO_Z_ONLY).split()
    return set(map(bytes.decode, _LISTED.intersection(runs)))


def _may_be_reported(words: set[str], axis: str, house_side: str | None) -> bool:
    """Whether uses of `words` could be flagged on the axis: they hold a side other
    than the house's or, without one, two sides. Uses are among the words written,
    so when their words cannot be flagged, neither can they, and where they stand
    (quoted, shouted) need not be asked."""
    sides = {side for _, word_axis, side in map(SPELLINGS.__getitem__, words)
             if word_axis == axis}
    return bool(sides - {house_side}) if house_side else len(sides) > 1


def _spelled_words(analysis: Abbreviations, words: set[str],
                   ) -> list[tuple[int, int, str, Variant]]:
    """Lower-case uses of listed spellings, outside all-capital text, in text order:
    uses of `words` (`_listed_words_in`).

    A use is written in lower case, so it is searched for as written in the masked
    text: the case-blind search of `Abbreviations.find_words` would lower the whole
    text first, and half the articles hold a listed word. Past a few words (a long
    page), one pass of `find_words` finds them all, where a search each would read
    the whole text once a word."""
    text = analysis.masked
    found = []
    for at, end, word in _places(analysis, words):
        if (at > 0 and (text[at - 1].isspace() or text[at - 1] in _MAY_PRECEDE)
                and text[at:end] == word
                and not (text[end:end + 1].isalnum() or text[end:end + 1] in _JOINS_WORDS)
                and not analysis.shouting(at, end)):
            found.append((at, end, word, Variant(*SPELLINGS[word])))
    return sorted(found)


def _places(analysis: Abbreviations, words: set[str]) -> Iterator[tuple[int, int, str]]:
    """Where each of `words` may be used: every place it is written, as a word or
    inside one, or, for many words, every whole word it is in any case."""
    if len(words) > _WORDS_SEARCHED_UP_TO:
        for word, spans in analysis.find_words(words).items():
            yield from ((at, end, word) for at, end in spans)
        return
    text = analysis.masked
    for word in words:
        at = text.find(word)
        while at != -1:
            yield at, at + len(word), word
            # A use starts after a space or mark, so none starts inside another.
            at = text.find(word, at + len(word))


# -- hyphenation-variant -------------------------------------------------------------------

_HYPHEN_DATA = _load("hyphenation.toml")
# A word of letters with one hyphen (not `well-to-do`, nor `to-do` in `well-to-do`):
# matched from its hyphen, which the search finds quickly, with the letters before it
# taken by the look-behind; the two groups hold the whole word.
_ONE_HYPHEN_WORD = regex.compile(r"(?<=(?<![\p{L}-])(\p{L}+))(-\p{L}++)(?!-\p{L})")
DIFFERENT_WORDS = frozenset(_HYPHEN_DATA["different-words"])
SPACED_SECOND_PARTS = frozenset(_HYPHEN_DATA["spaced-second-parts"])
SPACED_COMPOUNDS = frozenset(_HYPHEN_DATA["spaced-compounds"])


@rule("hyphenation-variant", category="names", severity="info", fix="always", fix_safety="unsafe")
def hyphenation_variant(article: Article, options: Options) -> Iterator[Problem]:
    """One compound written with and without a hyphen (`e-mail` and `email`).

    ## What it does
    Flags the less used of the forms of a compound that the article writes both
    hyphenated and closed up (`co-operate`/`cooperate`), or hyphenated and spaced
    when the spaced form is the same noun (`seven-seater`/`seven seater`,
    `vice-president`/`vice president`). The more used form (on a tie, the first) is
    the replacement.

    ## Why is this bad?
    House style picks one form of each compound; two in one story look unedited.

    ## Example
    ```
    Readers can send an e-mail to the desk. The email address is below.
    ```

    ## Use instead
    ```
    Readers can send an email to the desk. The email address is below.
    ```

    ## Fix safety
    Unsafe: the house may prefer the other form.

    ## Known limits
    Spaced forms are compared only for the listed compounds, because a compound
    adjective is hyphenated before a noun and open after it (`a long-term plan`, `in
    the long term`). Pairs where the hyphen makes another word (`re-sign`/`resign`,
    `re-cover`/`recover`) are never reported.
    """
    text = article.text
    analysis = article.abbreviations
    compounds = {}
    hyphenated_words = _hyphenated_words(analysis)
    if not hyphenated_words:
        return
    for hyphenated in hyphenated_words - DIFFERENT_WORDS:
        first, second = hyphenated.split("-")
        variants = [first + second]
        if second in SPACED_SECOND_PARTS or hyphenated in SPACED_COMPOUNDS:
            variants.append(f"{first} {second}")
        if any(map(analysis.may_stand, variants)):
            compounds[hyphenated] = (hyphenated, *variants)
    if not compounds:
        return
    found = analysis.find_words({form for forms in compounds.values() for form in forms})
    for forms in compounds.values():
        used = {form: spans for form in forms
                if (spans := [s for s in found[form] if _plain_word(text, *s)])}
        if len(used) < 2:
            continue
        order = sorted(used, key=lambda f: (-len(used[f]), used[f][0][0]))
        main = order[0]
        main_span = used[main][0]
        for form in order[1:]:
            for start, end in used[form]:
                replacement = _same_case(text[start:end], main)
                yield Problem(start, end,
                              f"`{text[start:end]}` is written `{main}` elsewhere in the article.",
                              related=(Related(*main_span, f"`{main}` here"),),
                              replacements=(replacement,),
                              edits=(Edit(start, end, replacement),), safe=False)


def _hyphenated_words(analysis: Abbreviations) -> set[str]:
    """Words with one hyphen between letters (`e-mail`), in lower case as
    `analysis.lowered` has them. Lower case keeps letters letters and hyphens
    hyphens, so they are found in the masked text and lowered one by one: the whole
    text is lowered only for what lowers otherwise: where it holds `İ`, two
    characters in lower case (so that `analysis.lowered` keeps the whole text as
    written), or `Σ`, which lowers to `σ` or `ς` by the letters around it. Elsewhere
    (most texts) the words are taken as strings, with no match object a word."""
    text = analysis.masked
    if "\u0130" in text or "\u03a3" in text:
        return {analysis.lowered[m.start(1):m.end()] for m in _ONE_HYPHEN_WORD.finditer(text)}
    return {(first + rest).lower() for first, rest in _ONE_HYPHEN_WORD.findall(text)}


def _plain_word(text: str, start: int, end: int) -> bool:
    """Lower case, or capitalised at most on its first letter (not a name like `RK-S`)."""
    return not any(c.isupper() for c in text[start + 1:end])


def _same_case(written: str, form: str) -> str:
    return form[:1].upper() + form[1:] if written[:1].isupper() else form
