"""Inline suppression: `<!-- copydesk: disable=RULE -->` ... `<!-- copydesk: enable=RULE -->`.

`<!-- copydesk: disable-next=RULE -->` (or `disable-next-paragraph`) silences the
next block only. A directive names rules or categories, comma-separated,
and switches off only those; without `=RULE` it applies to every rule. Directives
are source text, so they work the same in plain text, Markdown and HTML.

A directive that does nothing (malformed, naming an unknown rule, or silencing no
finding) is reported by the engine as `unused-directive`, as ruff's RUF100 reports
an unused `noqa`: the copy it was meant to protect is then checked after all. A
category a directive names is used when it silences a finding of any of its rules.
"""

import bisect
import operator
from collections.abc import Callable, Iterable
from typing import NamedTuple

import regex

from lint import prose
from lint.document import Document
from lint.rule import rule

DIRECTIVE = prose.compile(
    r"<!--\s*copydesk:\s*(disable-next-paragraph|disable-next|disable|enable)"
    r"(?:\s*=\s*([\w\s,-]*?))?\s*-->"
)
# Any comment that starts with the tool's name: a directive, or meant as one.
_MEANT_AS_DIRECTIVE = prose.compile(r"<!--\s*copydesk\b(?:(?!-->).)*-->",
                                    regex.IGNORECASE | regex.DOTALL)
EVERY_RULE = "*"
WELL_FORMED = "<!-- copydesk: disable=RULE -->"


class Directive(NamedTuple):
    action: str
    rules: frozenset[str]  # rule names, or {EVERY_RULE}
    start: int
    end: int
    # names that are no rule or category, each with the closest known name
    unknown: tuple[tuple[str, str | None], ...] = ()
    # each known name as written (a rule or a category) and the rules it stands for,
    # which is used as long as one of them is
    named: tuple[tuple[str, frozenset[str]], ...] = ()


class DirectiveProblem(NamedTuple):
    """A directive that does nothing: where it is in which source, and why."""

    source: int
    start: int
    end: int
    message: str


def directives_in(text: str, expand: Callable[[str], Iterable[str]] | None = None,
                  ) -> tuple[list[Directive], list[tuple[int, int]]]:
    """The well-formed directives of a text, and the spans of malformed ones.

    `expand` turns a name into rule names (a category into its rules) and raises
    KeyError for an unknown name; without it names are taken as they are.
    """
    found, malformed = [], []
    for meant in _MEANT_AS_DIRECTIVE.finditer(text):
        m = DIRECTIVE.fullmatch(meant.group())
        if not m:
            malformed.append(meant.span())
            continue
        named = {}
        unknown = []
        for name in (n.strip() for n in (m.group(2) or "").split(",")):
            if not name:
                continue
            try:
                named[name] = frozenset(expand(name) if expand else (name,))
            except KeyError as exc:
                unknown.append((name, getattr(exc, "suggestion", None)))
        names = frozenset().union(*named.values()) if named or unknown else frozenset(
            (EVERY_RULE,))
        found.append(Directive(m.group(1), names, *meant.span(), tuple(unknown),
                               tuple(named.items())))
    return found, malformed


class Suppressions:
    """Answers whether a rule is silenced at an offset of one of a document's sources,
    and remembers which directives silenced something.

    Every answer is a lookup by bisection, as a page may hold thousands of directives
    and findings: the blocks `disable-next` directives silence, by start, and for
    each rule asked about, the `disable` and `enable` directives naming it."""

    def __init__(self, document: Document,
                 expand: Callable[[str], Iterable[str]] | None = None):
        # Per source: the silenced blocks' spans by start, and for each its end and,
        # by name (a rule, a category's rules, or EVERY_RULE), the first of its
        # directives naming it, with that directive's place among them.
        self._ranges: dict[int, tuple[list[int],
                                      list[tuple[int, dict[str, tuple[int, Directive]]]]]] = {}
        self._toggles: dict[int, list[Directive]] = {}
        self._toggles_naming: dict[tuple[int, str], tuple[list[int], list[Directive]]] = {}
        self._directives: dict[int, list[Directive]] = {}
        self._malformed: dict[int, list[tuple[int, int]]] = {}
        self._used: set[tuple[int, int, str]] = set()  # (source, start, rule)
        blocks = None
        for index, source in enumerate(document.sources):
            if "copydesk" not in source.text:
                continue
            directives, malformed = directives_in(source.text, expand)
            if document.code:  # a directive shown in Markdown code is an example
                directives = [d for d in directives if not document.in_code(index, d.start)]
                malformed = [m for m in malformed if not document.in_code(index, m[0])]
            self._directives[index] = directives
            if malformed:
                self._malformed[index] = malformed
            self._toggles[index] = [d for d in directives if d.action in ("disable", "enable")]
            silenced: dict[tuple[int, int], list[Directive]] = {}
            for d in directives:
                if d.action.startswith("disable-next"):
                    blocks = blocks or _BlocksBySource(document)
                    span = blocks.next_block(index, d.end)
                    if span:
                        silenced.setdefault(span, []).append(d)
            if silenced:
                spans = sorted(silenced.items())
                self._ranges[index] = ([start for (start, _), _ in spans],
                                       [(end, _first_naming(ds)) for (_, end), ds in spans])

    def __bool__(self) -> bool:
        return bool(self._directives or self._malformed)

    def silenced(self, rule: str, source: int, offset: int) -> bool:
        if source in self._ranges:
            starts, spans = self._ranges[source]
            at = bisect.bisect_right(starts, offset) - 1
            if at >= 0 and offset < spans[at][0]:  # the silenced blocks do not overlap
                first = spans[at][1]
                naming = [f for f in (first.get(rule), first.get(EVERY_RULE)) if f is not None]
                if naming:
                    _, d = min(naming, key=operator.itemgetter(0))
                    self._used.add((source, d.start, rule))
                    return True
        starts, naming = self._toggles_for(source, rule)
        at = bisect.bisect_right(starts, offset) - 1
        if at >= 0 and naming[at].action == "disable":
            self._used.add((source, naming[at].start, rule))
            return True
        return False

    def _toggles_for(self, source: int, rule: str) -> tuple[list[int], list[Directive]]:
        """The source's `disable` and `enable` directives that name the rule, and their starts."""
        key = (source, rule)
        if key not in self._toggles_naming:
            naming = [d for d in self._toggles.get(source, ()) if _names(d, rule)]
            self._toggles_naming[key] = ([d.start for d in naming], naming)
        return self._toggles_naming[key]

    def problems(self, active: Callable[[str], bool]) -> list[DirectiveProblem]:
        """Directives that did nothing, after every finding has been asked about.

        A rule that is not `active` for the file is not held against a directive:
        it may be switched off by configuration for this file only.
        """
        found = [DirectiveProblem(index, start, end, "Not a copydesk directive as written: "
                                  f"write `{WELL_FORMED}` (or enable, disable-next).")
                 for index, spans in self._malformed.items() for start, end in spans]
        used: dict[tuple[int, int], set[str]] = {}
        for source, start, name in self._used:
            used.setdefault((source, start), set()).add(name)
        for index, directives in self._directives.items():
            disabled: set[str] = set()
            for d in directives:
                if d.action == "enable":
                    idle = _idle_enable(d, disabled)
                    disabled = set() if EVERY_RULE in d.rules else disabled - d.rules
                else:
                    idle = self._idle_disable(used.get((index, d.start), set()), d, active)
                    if d.action == "disable":
                        disabled |= d.rules
                reasons = []
                if d.unknown:
                    listed = ", ".join(f"`{n}`" + (f" (did you mean `{close}`?)" if close else "")
                                       for n, close in d.unknown)
                    reasons.append(f"no rule is called {listed}; `copydesk rules` lists them")
                verb = "enables" if d.action == "enable" else "silences"
                if idle and len(idle) == max(len(d.named), 1) and not d.unknown:
                    reasons.append(f"it {verb} nothing here")
                elif idle:
                    listed = ", ".join(f"`{n}`" for n in sorted(idle))
                    reasons.append(f"it {verb} no {listed} finding here")
                if reasons:
                    message = "Unused directive: " + "; ".join(reasons) + "."
                    found.append(DirectiveProblem(index, d.start, d.end, message))
        return sorted(found, key=lambda p: (p.source, p.start))

    def _idle_disable(self, used: set[str], d: Directive,
                      active: Callable[[str], bool]) -> set[str]:
        """The names (rules, categories) a disable directive holds that silenced no
        finding of any of their rules (it silenced those `used`)."""
        if EVERY_RULE in d.rules:
            return set() if used else {EVERY_RULE}
        return {name for name, rules in d.named
                if not rules & used and any(map(active, rules))}


def _idle_enable(d: Directive, disabled: set[str]) -> set[str]:
    """The names an enable directive holds none of whose rules were switched off
    before it."""
    if EVERY_RULE in d.rules:
        return set() if disabled else {EVERY_RULE}
    if EVERY_RULE in disabled:
        return set()
    return {name for name, rules in d.named if not rules & disabled}


def _names(directive: Directive, rule: str) -> bool:
    return rule in directive.rules or EVERY_RULE in directive.rules


def _first_naming(directives: list[Directive]) -> dict[str, tuple[int, Directive]]:
    """For each name the directives hold, the first directive holding it and its
    place: a block may follow thousands of directives, and hold as many findings."""
    first: dict[str, tuple[int, Directive]] = {}
    for place, d in enumerate(directives):
        for name in d.rules:
            first.setdefault(name, (place, d))
    return first


class _BlocksBySource:
    """The document's blocks as spans of their sources, to find the first block (in
    document order) of a source that starts at or after an offset."""

    def __init__(self, document: Document):
        by_source: dict[int, list[tuple[int, int, int]]] = {}
        for order, block in enumerate(document.blocks):
            index, start, end = document.spans.to_source(block.start, block.end)
            by_source.setdefault(index, []).append((start, order, end))
        self._starts: dict[int, list[int]] = {}
        self._first: dict[int, list[tuple[int, int, int]]] = {}
        for index, spans in by_source.items():
            spans.sort()
            # From each place in start order on, the earliest block in document order.
            earliest, first = [], spans[-1]
            for span in reversed(spans):
                first = span if span[1] < first[1] else first
                earliest.append(first)
            self._starts[index] = [start for start, _, _ in spans]
            self._first[index] = earliest[::-1]

    def next_block(self, source: int, after: int) -> tuple[int, int] | None:
        starts = self._starts.get(source, [])
        at = bisect.bisect_left(starts, after)
        if at == len(starts):
            return None
        start, _, end = self._first[source][at]
        return start, end


@rule("unused-directive", category="directives", severity="warning")
def unused_directive(article, options):
    """A `copydesk:` comment that does nothing: malformed, naming no rule, or silencing nothing.

    ## What it does
    Reports a suppression comment that is not written as a directive
    (`<!-- copydesk disable=... -->` without its colon, a misspelled action), one
    that names a rule or category copydesk does not have, and one that
    silences no finding of the rules it names (the finding was fixed, or the
    directive sits in the wrong place). The engine reports it after every other
    rule has run, as ruff's RUF100 reports an unused `noqa`.

    ## Why is this bad?
    A directive that does nothing looks as if it protects the copy around it: a
    typo in it leaves the finding it was meant to silence in place, and a stale one
    will silently hide a real error the next time the paragraph is edited.

    ## Example
    ```
    <!-- copydesk: disable-next=repeated-wrod -->
    Paris is a city of of light.
    ```

    ## Use instead
    ```
    <!-- copydesk: disable-next=repeated-word -->
    Paris is a city of of light.
    ```
    or delete the directive. Switch this rule off (`ignore = ["unused-directive"]`)
    where articles keep directives on purpose for rules the configuration turns off.
    """
    return ()
