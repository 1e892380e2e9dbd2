"""Names and spellings: one name, word or compound written two ways in one article.

`name-variant` reads the capitalised runs of `article.abbreviations.names`;
`spelling-variant-mix` scans its masked text with one pattern built from the word
list, and `hyphenation-variant` starts from the hyphens. The word lists are data in
rules/data/ (spelling-variants.toml, hyphenation.toml).
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from lint.analysis.abbreviations import Abbreviations, Name
from lint.article import Article
from lint.rule import Edit, Options, Problem, Related, rule
from rules.abbreviations import profile_of

_DATA_DIR = Path(__file__).parent / "data"
_NOT_KEY = regex.compile(r"[^a-z0-9]")
_AND = regex.compile(r"\s*&\s*")


def _load(name: str) -> dict:
    return tomllib.loads((_DATA_DIR / name).read_text("utf-8"))


# -- name-variant --------------------------------------------------------------------------


# All but a-z and 0-9, for bytes.translate to delete: on ASCII names it does what
# _NOT_KEY.sub does, several times faster.
_NOT_KEY_BYTES = bytes(c for c in range(128) if c not in b"abcdefghijklmnopqrstuvwxyz0123456789")


def name_key(name: str) -> str:
    """`Jaguar-Land Rover`, `jaguar land rover` → `jaguarlandrover`; `&` reads as `and`."""
    folded = name.casefold() if name.isascii() else unicodedata.normalize("NFKD", name).casefold()
    if folded.startswith("the "):
        folded = folded[4:]
    folded = folded.replace("&", "and")
    if folded.isascii():
        return folded.encode("ascii").translate(None, _NOT_KEY_BYTES).decode("ascii")
    return _NOT_KEY.sub("", folded)


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
    """Names outside quoted titles, plus the `and` spellings of names written with `&`."""
    analysis = article.abbreviations
    names = [n for n in analysis.names if not n.quoted_title]
    for n in names[:]:
        if "&" not in n.text:
            continue
        spelled = _AND.sub(" and ", n.text)
        at = article.text.find(spelled)
        while at != -1:
            block = analysis.block_of(at)
            if block is not None:
                names.append(Name(at, at + len(spelled), spelled, block, False))
            at = article.text.find(spelled, at + 1)
    return sorted(names, key=lambda n: n.start)


@rule("name-variant", category="names", severity="warning", fix="always", fix_safety="unsafe")
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
    Only exact matches after normalising are compared: a misspelling
    (`Jaguar Land Rovr`) is not caught, and neither is a name that starts a sentence
    after a capitalised word that is not in the list of sentence openers.
    """
    groups: dict[str, list[Name]] = {}
    keys: dict[str, str] = {}
    for n in _name_occurrences(article):
        if n.text not in keys:
            keys[n.text] = name_key(n.text)
        groups.setdefault(keys[n.text], []).append(n)
    for group in groups.values():
        if len({n.text for n in group}) > 1:
            yield from _variants(group)


def _variants(group: list[Name]) -> Iterator[Problem]:
    forms = Counter(n.text for n in group)
    main = max(forms, key=lambda f: (forms[f], -next(i for i, n in enumerate(group)
                                                       if n.text == f)))
    first_main = next(n for n in group if n.text == main)
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
                      severity="info" if kind == _AMPERSAND else None)


# -- spelling-variant-mix ------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One spelling: its counterpart, its axis (`variety` or `endings`) and its side."""

    other: str
    axis: str
    side: str


def _spellings() -> dict[str, Variant]:
    data = _load("spelling-variants.toml")
    table: dict[str, Variant] = {}

    def pair(british: str, american: str, axis: str, sides: tuple[str, str]) -> None:
        table[british] = Variant(american, axis, sides[0])
        table[american] = Variant(british, axis, sides[1])

    for british, american in data["pairs"].items():
        pair(british, american, "variety", ("british", "american"))
    for stem in data["our-stems"]:
        for ending in ("", "s", "ed", "ing", "ite", "ites", "able", "ably", "ful", "fully",
                       "less", "er", "ers", "hood", "hoods", "al", "ally", "y", "ist", "ists"):
            pair(f"{stem}ur{ending}", f"{stem}r{ending}", "variety", ("british", "american"))
    for stem in data["ise-stems"]:
        for ending in ("e", "es", "ed", "ing", "er", "ers", "ation", "ations"):
            pair(f"{stem}is{ending}", f"{stem}iz{ending}", "endings", ("ise", "ize"))
    return table


SPELLINGS = _spellings()
# A listed spelling is found where it stands as a whole lower-case word after white
# space, a quote mark or a bracket. Case-sensitive on purpose: capitalised words
# (`World Trade Center`) are names. Every listed word is lower-case ASCII letters,
# so such a use is a maximal run of a-z in the text; bytes.translate blanks all
# else in one C pass, and a set intersection names the few listed words present.
_LISTED = frozenset(word.encode("ascii") for word in SPELLINGS)
_A_TO_Z_ONLY = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))
_MAY_PRECEDE = "\"'‘“(["
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
    `Australian Labor Party`); spellings inside quotes are reported at info.

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
    profile = profile_of(options)
    found = _spelled_words(analysis)
    for axis in ("variety", "endings"):
        uses = [(start, end, word, v) for start, end, word, v in found if v.axis == axis]
        preferred = _house_side(profile, axis)
        sides = Counter(v.side for *_, v in uses)
        if preferred is None:
            if len(sides) < 2:
                continue
            first = uses[0][3].side
            preferred = max(sides, key=lambda s: (sides[s], s == first))
        for start, end, word, v in uses:
            if v.side == preferred:
                continue
            why = (f"the {profile.label} style uses {_SIDE_NAMES[preferred]} spelling"
                   if _house_side(profile, axis) else
                   f"this article mostly uses {_SIDE_NAMES[preferred]} spelling")
            yield Problem(start, end, f"`{word}` is {_SIDE_NAMES[v.side]} spelling; {why}: "
                                      f"`{v.other}`.",
                          replacements=(v.other,), edits=(Edit(start, end, v.other),),
                          safe=_house_side(profile, axis) is not None,
                          severity="info" if analysis.quoted(start, end) else None)


def _house_side(profile, axis: str) -> str | None:
    if profile is None:
        return None
    side = profile.variety if axis == "variety" else profile.endings
    return None if side in ("any", "either") else side


def _spelled_words(analysis: Abbreviations) -> list[tuple[int, int, str, Variant]]:
    """Lower-case uses of listed spellings, outside all-capital text, in text order."""
    text = analysis.masked
    # Non-ASCII characters become one `?` each, so offsets and runs are kept.
    runs = text.encode("ascii", "replace").translate(_A_TO_Z_ONLY).split()
    found = []
    for word in map(bytes.decode, _LISTED.intersection(runs)):
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if (at > 0 and (text[at - 1].isspace() or text[at - 1] in _MAY_PRECEDE)
                    and not (end < len(text) and (text[end].isalnum() or text[end] in "_-"))
                    and not analysis.shouting(at, end)):
                found.append((at, end, word, SPELLINGS[word]))
            at = text.find(word, end)
    return sorted(found)


# -- hyphenation-variant -------------------------------------------------------------------

_HYPHEN_DATA = _load("hyphenation.toml")
_HYPHENATED = regex.compile(r"\p{L}+(?:-\p{L}+)+")
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
    for hyphenated in _hyphenated_words(analysis.lowered):
        if hyphenated in DIFFERENT_WORDS:
            continue
        first, second = hyphenated.split("-")
        variants = [first + second]
        if second in SPACED_SECOND_PARTS or hyphenated in SPACED_COMPOUNDS:
            variants.append(f"{first} {second}")
        if not any(v in analysis.lowered for v in variants):
            continue
        forms = {form: [s for s in analysis.find_word(form) if _plain_word(text, *s)]
                 for form in (hyphenated, *variants)}
        used = {form: spans for form, spans in forms.items() if spans}
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


def _hyphenated_words(lowered: str) -> set[str]:
    """Words with one hyphen between letters (`e-mail`), found from the hyphens."""
    found = set()
    at = lowered.find("-")
    while at != -1:
        if 0 < at < len(lowered) - 1 and lowered[at - 1].isalpha() and lowered[at + 1].isalpha():
            start = at - 1
            while start > 0 and lowered[start - 1].isalpha():
                start -= 1
            word = _HYPHENATED.match(lowered, start)
            if word and word.group().count("-") == 1 and lowered[start - 1:start] != "-":
                found.add(word.group())
            at = lowered.find("-", word.end() if word else at + 1)
        else:
            at = lowered.find("-", at + 1)
    return found


def _plain_word(text: str, start: int, end: int) -> bool:
    """Lower case, or capitalised at most on its first letter (not a name like `RK-S`)."""
    return not any(c.isupper() for c in text[start + 1:end])


def _same_case(written: str, form: str) -> str:
    return form[:1].upper() + form[1:] if written[:1].isupper() else form
