"""Abbreviations: malformed and mixed forms, undefined and redefined acronyms, case mixes.

All rules read `article.abbreviations` (lint/analysis/abbreviations.py). With a
house-style profile (rules/profiles/) the profile decides which form is right;
without one, the form the article uses most is taken as its style.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import regex

from lint.analysis.abbreviations import (
    DOTTABLE,
    INITIAL_CAP_ACRONYMS,
    Definition,
    Token,
    before_name,
    initials,
)
from lint.analysis.text import comparison_key, positions
from lint.article import Article
from lint.data_files import read_toml
from lint.lazy import LazyPattern
from lint.rule import QUOTED, Edit, Options, Problem, Related, Tier, mostly, rule
from rules.profile import Profile, load_profile

_DATA = read_toml(Path(__file__).parent / "data" / "abbreviations.toml")
PROPER_NAMES = tuple(n.casefold() for n in _DATA["proper-names"])
WELL_KNOWN = frozenset(_DATA["well-known"])
NOT_ACRONYMS = frozenset(_DATA["not-acronyms"])
MAX_ACRONYM = 6


def profile_of(options: Options) -> Profile | None:
    return load_profile(options.profile) if options.profile else None


def dotted(key: str) -> str:
    return "".join(f"{letter}." for letter in key)


def written(key: str, stops: bool) -> str:
    return dotted(key) if stops else key


def _in_proper_name(text: str, token: Token) -> bool:
    return text[token.start:token.start + 24].casefold().startswith(PROPER_NAMES)


def _dottable_tokens(article: Article) -> tuple[list[Token], list[Token]]:
    """Dotted and stop-less tokens of the abbreviations houses write either way: those
    standing alone, and those inside a name that keeps its own form (`US Open`).

    Read through `article.shared`, so the two rules that need it compute it once.
    """
    analysis = article.abbreviations
    dotted_keys = {t.key for t in analysis.tokens if t.form == "dotted"}
    alone: list[Token] = []
    in_names: list[Token] = []
    for t in analysis.tokens:
        if t.form in ("dotted", "plain") and (t.key in DOTTABLE or t.key in dotted_keys):
            (in_names if _in_proper_name(article.text, t) else alone).append(t)
    return alone, in_names


def _copy_forms(article: Article) -> tuple[Counter[tuple[str, bool]], dict[str, bool]]:
    """How often the body writes each key with stops and without, and whether its
    first use there has them. Read through `article.shared`: both rules weigh it."""
    counts: Counter[tuple[str, bool]] = Counter()
    first: dict[str, bool] = {}
    for t in article.shared(_dottable_tokens)[0]:
        if not t.lead_in:
            stops = t.form == "dotted"
            counts[t.key, stops] += 1
            first.setdefault(t.key, stops)
    return counts, first


def _tied(article: Article, key: str) -> bool:
    """Whether the body writes `key` as often with stops as without."""
    counts = article.shared(_copy_forms)[0]
    return counts[key, True] == counts[key, False]


def _article_forms(article: Article) -> dict[str, bool]:
    """For each key, whether the article's body mostly writes it with stops (ties: first use)."""
    counts, first = article.shared(_copy_forms)
    return {key: counts[key, True] > counts[key, False]
            or (counts[key, True] == counts[key, False] and stops)
            for key, stops in first.items()}


@rule("malformed-abbreviation", category="abbreviations", severity="error",
      fix="always", fix_safety="depends")
def malformed_abbreviation(article: Article, options: Options) -> Iterator[Problem]:
    """A dotted abbreviation missing its final stop, spaced out or half lower case.

    ## What it does
    Flags `U.S`, `U.K` and `U.N` without the final stop (before a space, comma,
    apostrophe, hyphen or the end of the paragraph), `U.S.A` half-dotted, `U. S.` with
    spaces and `U.s.` in lower case, and initials missing their last stop
    (`J.K Rowling`). The replacement is the form the article (or the profile) uses:
    in a story that writes `UK`, `U.S` becomes `US`.

    ## Why is this bad?
    A half-dotted abbreviation is a typing slip that no house style allows, and it
    is easy to miss when proofreading because the eye fills in the stop.

    ## Example
    ```
    Sales in the UK rose, but outside the U.S, with models due in Europe, they fell.
    ```

    ## Use instead
    ```
    Sales in the UK rose, but outside the US, with models due in Europe, they fell.
    ```

    ## Fix safety
    The fix is safe when the form is settled: by the profile, or because the article
    writes the same abbreviation one way throughout. When it is only inferred from
    other abbreviations (`UK` suggests `US`), the fix is offered as unsafe.

    ## Known limits
    `U.S.` at the end of a sentence carries a single stop and is correct; so `U.S`
    followed by a full stop cannot be told from it and is never reported.
    """
    analysis = article.abbreviations
    if not analysis.malformed:
        return  # most articles: nothing to weigh the article's forms for
    profile = profile_of(options)
    own = article.shared(_article_forms)
    counts = article.shared(_copy_forms)[0]
    for bad in analysis.malformed:
        if bad.key in DOTTABLE:
            stops, settled, basis = _form_for(bad.key, bad.block.kind == "headline", profile,
                                              own, counts)
            choices = [written(bad.key, stops), written(bad.key, not stops)]
        elif bad.kind == "final-stop" and (bad.key in own or before_name(article.text, bad.end)):
            settled, basis = True, "the other initials have stops"
            choices = [dotted(bad.key)]
        else:
            continue
        yield Problem(bad.start, bad.end,
                      f"`{bad.text}` is malformed ({_DESCRIBE[bad.kind]}); {basis}: "
                      f"write `{choices[0]}`.",
                      replacements=tuple(choices),
                      edits=(Edit(bad.start, bad.end, choices[0]),), safe=settled)


_DESCRIBE = {"final-stop": "the final stop is missing", "spaced": "spaces between the letters",
             "lower-case": "a letter in lower case"}


def _form_for(key: str, headline: bool, profile: Profile | None, own: dict[str, bool],
              counts: Counter[tuple[str, bool]]) -> tuple[bool, bool, str]:
    """(stops?, settled?, why) for writing `key`: profile, then the article's own usage
    (`counts`: _copy_forms's); settled when the body writes it one way only."""
    house = profile.stops(key, headline) if profile is not None else None
    if house is not None:
        return house, True, f"the {profile.label} style is `{written(key, house)}`"
    if key in own:
        one_way = not (counts[key, True] and counts[key, False])
        return own[key], one_way, f"this article writes `{written(key, own[key])}`"
    if own:
        others = set(own.values())
        stops = others == {True}
        example = written(next(iter(own)), stops)
        return stops, False, f"this article writes `{example}`"
    return True, False, "the stops go after every letter"


@rule("abbreviation-style-mix", category="abbreviations", severity="warning",
      fix="always", fix_safety="depends", tiers=[QUOTED])
def abbreviation_style_mix(article: Article, options: Options) -> Iterator[Problem]:
    """The same abbreviation written with and without stops (`U.S.` and `US`).

    ## What it does
    Without a profile, it compares the forms of each abbreviation in the body
    (`U.S.`≡`US`, `U.K.`≡`UK`, `U.N.`≡`UN`; `U.S.A.`≡`USA` is its own) and flags the
    less used one; the more used (or, on a tie, the first) form is the replacement
    and the first use of it is related. With a profile, the profile decides for each
    abbreviation, so Reuters copy may write `U.S.` beside `UK` and BBC copy reports
    every `U.S.`. Forms inside direct quotes are reported at info only. Courtesy
    titles are one abbreviation here: `Mr.` and `Dr` in one story are reported the
    same way (the article's more used style, any profile aside).

    ## Why is this bad?
    Two forms of one abbreviation in a story show two hands (a wire story merged with
    local copy) and look careless; house style fixes one form.

    ## Example
    ```
    The U.S. economy grew. Exports to the US fell.
    ```

    ## Use instead
    ```
    The US economy grew. Exports to the US fell.
    ```

    ## Fix safety
    Safe under a profile, which settles the form; unsafe without one.

    ## Known limits
    Names that keep their own form (`US Airways`, `USA Today`, `U.S. Steel`) are
    compared only with each other (`U.S. Open` beside `US Opens` is reported). AP
    headlines may write `US` (the `ap` profile allows it); without a
    profile, headlines and other lead-in lines are not compared.
    """
    yield from _title_stop_mix(article)
    yield from _proper_name_mix(article)
    tokens = article.shared(_dottable_tokens)[0]
    if not tokens:
        return
    profile = profile_of(options)
    own = article.shared(_article_forms)
    first_uses: dict[bool, dict[tuple[str, bool], Token]] = {}  # found at the first problem
    for t in tokens:
        decided = (profile.stops(t.key, t.block.kind == "headline") if profile is not None
                   else None)
        if decided is not None:
            right = decided
        elif t.lead_in or t.key not in own:
            continue
        else:
            right = own[t.key]
        if (t.form == "dotted") == right:
            continue
        replacement = written(t.key, right)
        why = (f"the {profile.label} style writes `{replacement}`" if decided is not None
               else f"this article {mostly('writes', f'`{replacement}`', _tied(article, t.key))}")
        in_copy = decided is None
        if in_copy not in first_uses:
            first_uses[in_copy] = _first_uses(tokens, in_copy)
        first_other = first_uses[in_copy].get((t.key, right))
        related = (Related(first_other.start, first_other.end, f"`{replacement}` used here"),
                   ) if first_other else ()
        # A full stop after `UN` ends the sentence and `U.N.` alike: one stop, not two.
        typed = replacement[:-1] if right and article.text.startswith(".", t.end) else replacement
        yield Problem(t.start, t.end, f"`{t.text}`: {why}.", related=related,
                      replacements=(replacement,), edits=(Edit(t.start, t.end, typed),),
                      safe=decided is not None,
                      tier="quoted" if article.abbreviations.quoted(t.start, t.end) else None)


def _first_uses(tokens: list[Token], in_copy: bool) -> dict[tuple[str, bool], Token]:
    """The first token of each key and form; with `in_copy`, the first outside a lead-in."""
    first: dict[tuple[str, bool], Token] = {}
    for t in tokens:
        if not (in_copy and t.lead_in):
            first.setdefault((t.key, t.form == "dotted"), t)
    return first


def _proper_name_mix(article: Article) -> Iterator[Problem]:
    """An abbreviation inside a name that keeps its own form (`U.S. Open`, `US Open`)
    written both ways in the body: the name's less used form is reported."""
    named: dict[str, list[Token]] = {}
    for t in article.shared(_dottable_tokens)[1]:
        if t.key in DOTTABLE and not t.lead_in:
            named.setdefault(t.key, []).append(t)
    for key, uses in named.items():
        styles = Counter(t.form == "dotted" for t in uses)
        if len(styles) < 2:
            continue
        dotted_more = styles[True] > styles[False] or (
            styles[True] == styles[False] and uses[0].form == "dotted")
        example = next(t for t in uses if (t.form == "dotted") == dotted_more)
        right = written(key, dotted_more)
        for t in uses:
            if (t.form == "dotted") != dotted_more:
                yield Problem(t.start, t.end,
                              f"`{t.text}`: this article writes the name with `{right}` "
                              f"elsewhere.",
                              related=(Related(example.start, example.end,
                                               f"`{right}` used here"),),
                              replacements=(right,), edits=(Edit(t.start, t.end, right),),
                              safe=False)


# A courtesy title before a name, with or without its stop: `Mr. Smith`, `Dr Brown`.
_TITLE = LazyPattern(r"\b(?:Mr|Mrs|Ms|Dr)(\.?)(?= \p{Lu})")
# What every title starts with (`Mrs` with `Mr`): found by str.find, far cheaper
# than the pattern, which tries its alternatives at every character.
_TITLE_STARTS = ("Mr", "Ms", "Dr")
# Every title with its stop: where none of these stands, no title has one.
_TITLES_WITH_STOP = ("Mr.", "Mrs.", "Ms.", "Dr.")


def _titles(article: Article) -> list[regex.Match]:
    """The courtesy titles of the body, in order: each body block's _TITLE matches."""
    analysis = article.abbreviations
    masked = analysis.masked
    titles = []
    for at in sorted(at for start in _TITLE_STARTS for at in positions(masked, start)):
        block = analysis.block_of(at)
        if block is not None and block.is_body and (title := _TITLE.match(masked, at, block.end)):
            titles.append(title)
    return titles


def _title_stop_mix(article: Article) -> Iterator[Problem]:
    """Courtesy titles written both with and without a stop in the body: the less used
    style is reported (on a tie, the one not used first)."""
    masked = article.abbreviations.masked
    if not any(title in masked for title in _TITLES_WITH_STOP):
        return  # every title is written one way: without a stop
    titles = _titles(article)
    styles = Counter(bool(m.group(1)) for m in titles)
    if len(styles) < 2:
        return
    first = bool(titles[0].group(1))
    tie = styles[True] == styles[False]
    dotted = styles[True] > styles[False] or (tie and first)
    example = next(m for m in titles if bool(m.group(1)) == dotted)
    style = f"titles {'with' if dotted else 'without'} a stop"
    for m in titles:
        if bool(m.group(1)) == dotted:
            continue
        title = m.group().rstrip(".")
        right = title + "." if dotted else title
        yield Problem(m.start(), m.end(),
                      f"`{m.group()}`: this article {mostly('writes', style, tie)} (`{right}`).",
                      related=(Related(example.start(), example.end(),
                                       f"`{example.group()}` used here"),),
                      replacements=(right,), edits=(Edit(m.start(), m.end(), right),), safe=False)


def _acronym_tokens(article: Article) -> list[Token]:
    """Body acronyms that may need spelling out: 2-6 letters, not shouted or quoted titles."""
    analysis = article.abbreviations
    return [t for t in analysis.tokens
            if not t.lead_in and t.form != "dotted" and t.key.isalpha()
            and 2 <= len(t.key) <= MAX_ACRONYM and t.key not in NOT_ACRONYMS
            and (t.form == "plain" or t.key in INITIAL_CAP_ACRONYMS)
            and not analysis.shouting(t.start, t.end)]


@rule("undefined-acronym", category="abbreviations", severity="info", default=False)
def undefined_acronym(article: Article, options: Options) -> Iterator[Problem]:
    """An acronym used without being spelled out at its first use.

    ## What it does
    Reports the first body use of an acronym (`ACPO`, `JLR`) when the article has not
    given its long form before: neither `Association of Chief Police Officers (Acpo)`
    nor a name whose initials spell it (`Jaguar Land Rover` before `JLR`). The
    headline is skipped, and so are the acronyms the profile calls well known (a
    built-in list without a profile: `BBC`, `EU`, `MP`, `Nato`, `TV`, ...).

    ## Why is this bad?
    Every style guide asks for abbreviations to be explained unless readers know
    them: an unexplained acronym shuts out the reader who does not.

    ## Example
    ```
    The LTA said the tournament would go ahead.
    ```

    ## Use instead
    ```
    The Lawn Tennis Association (LTA) said the tournament would go ahead.
    ```

    ## Known limits
    Time zones, US state codes, Roman numerals, honours and common words set in
    capitals (`AND`, `WILL`) are never reported; other words set in capitals for
    emphasis are only skipped in runs of three or more. Off by default: which
    acronyms readers know is a newsroom's call (on clean BBC copy it reports a
    third of articles, mostly `BT`, `FA`, `UKIP`); select it to use it.
    """
    analysis = article.abbreviations
    profile = profile_of(options)
    known = profile.well_known if profile is not None else WELL_KNOWN
    # A definition anywhere counts: one after the first use is acronym-defined-after-use.
    defined = {d.short.upper() for d in analysis.definitions}
    seen: set[str] = set()
    for t in _acronym_tokens(article):
        if t.key in seen:
            continue
        seen.add(t.key)
        if t.key in known or t.key in defined or _spelled_out_before(article, t):
            continue
        advice = _FIRST_USE[profile.first_use if profile is not None else "bracket"]
        yield Problem(t.start, t.end, f"`{t.text}` is not spelled out at its first use; {advice}.")


_FIRST_USE = {
    "bracket": "give the full name first, with the abbreviation in brackets after it",
    "spell-out": "give the full name first (no abbreviation in brackets)",
    "label": "spell it out, or say what it is (`the public sector union Unite`)",
}


def _spelled_out_before(article: Article, token: Token) -> bool:
    first = article.shared(_first_name_by_initials).get(token.key)
    return first is not None and first < token.start


def _first_name_by_initials(article: Article) -> dict[str, int]:
    """Where the first name with each set of initials starts (`JLR` for Jaguar Land
    Rover): asked for every acronym, found once."""
    first: dict[str, int] = {}
    for name in article.abbreviations.names:
        key = initials(name.text)
        first[key] = min(first.get(key, name.start), name.start)
    return first


@rule("acronym-defined-after-use", category="abbreviations", severity="warning",
      tiers=[QUOTED])
def acronym_defined_after_use(article: Article, options: Options) -> Iterator[Problem]:
    """An acronym used in the body before the paragraph that spells it out.

    ## What it does
    Flags the first body use of a short form that the article only later defines as
    `long form (SF)`; the definition is related. A headline use before the body
    definition is normal and not counted.

    ## Why is this bad?
    The reader meets the acronym unexplained, and the explanation comes too late.

    ## Example
    ```
    JLR will build the cars at Halewood.

    Jaguar Land Rover (JLR) agreed the deal on Monday.
    ```

    ## Use instead
    ```
    Jaguar Land Rover (JLR) will build the cars at Halewood.

    JLR agreed the deal on Monday.
    ```
    """
    analysis = article.abbreviations
    if not analysis.definitions:
        return  # most articles: no token can come before a definition
    first_definition: dict[str, Definition] = {}
    for d in analysis.definitions:
        first_definition.setdefault(d.short.upper(), d)
    reported: set[str] = set()
    for t in analysis.tokens:
        d = first_definition.get(t.key)
        if d is None or t.lead_in or t.key in reported or t.start >= d.start:
            continue
        reported.add(t.key)
        yield Problem(t.start, t.end,
                      f"`{t.text}` is used before it is spelled out as `{d.long}`.",
                      related=(Related(d.start, d.end, "spelled out here"),),
                      tier="quoted" if analysis.quoted(t.start, t.end) else None)


@rule("acronym-redefined", category="abbreviations", severity="warning", tiers=[
    Tier("repeated", "info", "the acronym is spelled out again the same way, not redefined")])
def acronym_redefined(article: Article, options: Options) -> Iterator[Problem]:
    """The same acronym spelled out twice, or with two different long forms.

    ## What it does
    Flags a second `long form (SF)` (or `SF (long form)`) for a short form the article
    has already defined; the first definition is related. Two different long forms
    are a warning; the same long form given twice is reported at info.

    ## Why is this bad?
    Two expansions of one acronym confuse the reader about which body is meant; the
    same expansion twice is a sign of paragraphs pasted from two versions.

    ## Example
    ```
    The Lawn Tennis Association (LTA) agreed. Later the League of Tennis Academies (LTA) objected.
    ```

    ## Use instead
    Define each acronym once and give a second body its own short form, or none:
    ```
    The Lawn Tennis Association (LTA) agreed. Later the League of Tennis Academies objected.
    ```
    """
    first: dict[str, Definition] = {}
    for d in article.abbreviations.definitions:
        earlier = first.setdefault(d.short.upper(), d)
        if earlier is d:
            continue
        same = _expansion_key(earlier.long) == _expansion_key(d.long)
        message = (f"`{d.short}` is spelled out again" if same else
                   f"`{d.short}` is redefined as `{d.long}`; it was first `{earlier.long}`")
        yield Problem(d.start, d.end, message + ".",
                      related=(Related(earlier.start, earlier.end, "first definition"),),
                      tier="repeated" if same else None)


def _expansion_key(long: str) -> str:
    """Long forms compared without case, hyphens or spaces (`High-Speed`, `High Speed`)."""
    return "".join(c for c in comparison_key(long) if c.isalnum())


@rule("acronym-case-mix", category="abbreviations", severity="warning",
      fix="always", fix_safety="unsafe")
def acronym_case_mix(article: Article, options: Options) -> Iterator[Problem]:
    """The same acronym in capitals and with an initial capital (`NATO` and `Nato`).

    ## What it does
    Flags the less used of the two cases of one acronym in the body (ties: the
    first form wins). With a profile the profile decides for the pronounceable
    acronyms it knows: `bbc` and `guardian` write `Nato`, `Aids`; `reuters`, `ap` and
    `economist` write `NATO`, `AIDS`.

    ## Why is this bad?
    One organisation written two ways in one story looks like two organisations and
    shows the copy was not made consistent.

    ## Example
    ```
    Nato ministers met on Monday. NATO said the talks went well.
    ```

    ## Use instead
    ```
    Nato ministers met on Monday. Nato said the talks went well.
    ```

    ## Fix safety
    Unsafe: an official title (`Business and HIV/AIDS`) may keep its own case.

    ## Known limits
    All-capital headlines, datelines and shouted quotes are skipped, and so are forms
    beside a slash (`HIV/AIDS`) and capitalised words at the start of a sentence that
    are not known acronyms (`Who` is not `WHO`).
    """
    analysis = article.abbreviations
    if not any(t.form == "initial-cap" for t in analysis.tokens):
        return  # no case to mix with the capitals
    profile = profile_of(options)
    tokens = [t for t in analysis.tokens
              if t.form in ("plain", "initial-cap") and 3 <= len(t.key) <= MAX_ACRONYM
              and not t.lead_in
              and not analysis.shouting(t.start, t.end) and not _beside_slash(article.text, t)
              and (t.form == "plain" or t.key in INITIAL_CAP_ACRONYMS
                   or not analysis.starts_sentence(t))]
    by_key: dict[str, list[Token]] = {}
    for t in tokens:
        by_key.setdefault(t.key, []).append(t)
    for key, group in by_key.items():
        forms = Counter(t.form for t in group)
        if len(forms) < 2:
            continue
        if profile is not None and (key in INITIAL_CAP_ACRONYMS
                                    or key in profile.acronym_case_exceptions):
            right = "initial-cap" if profile.initial_cap(key) else "plain"
        else:  # the profile rules pronounceable acronyms only, not `BBC`
            right = max(forms, key=lambda f: (forms[f], f == group[0].form))
        first_right = next(t for t in group if t.form == right)
        for t in group:
            if t.form == right:
                continue
            yield Problem(t.start, t.end,
                          f"`{t.text}` is written `{first_right.text}` elsewhere in the article.",
                          related=(Related(first_right.start, first_right.end, "other case"),),
                          replacements=(first_right.text,),
                          edits=(Edit(t.start, t.end, first_right.text),), safe=False)


def _beside_slash(text: str, token: Token) -> bool:
    return text[token.start - 1:token.start] == "/" or text[token.end:token.end + 1] == "/"
