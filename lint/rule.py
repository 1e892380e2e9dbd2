"""The rule API: what a rule declares about itself, and what it reports.

A rule is a plain function from an `Article` and its validated options to
`Problem`s, wrapped by the `@rule(...)` decorator into a `Rule` that carries its
metadata. An archive rule (`@archive_rule(...)`) looks across many articles: its
`collect` function gathers `Fact`s from each article in the per-article pass, and
the decorated function judges them all afterwards, given a `lint.archive.Archive`
(docs/architecture.md). Its docstring is its documentation: a one-line summary, then the
sections in DOC_SECTIONS, which drive `copydesk explain`, `copydesk rules`, SARIF
help and the README. The engine, not the rule, stamps names and severities, maps
spans to source locations and applies suppressions.
"""

import functools
import importlib
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from lint.lazy import LazyRePattern

if TYPE_CHECKING:
    from lint.article import Article

SEVERITIES = ("info", "warning", "error")  # ascending
WORD_COUNTS = (1, float("inf"))  # the range of a `min-words` option
DEFAULT_TIER = "default"  # in a per-tier severity table: the rule's findings of no tier
# Whether a rule's findings carry a fix, and whether `--fix` may apply it unasked:
# `depends` means some of its fixes are safe and others not (a profile settles it).
FIX_AVAILABILITY = ("always", "sometimes", "never")
FIX_SAFETY = ("safe", "unsafe", "depends")

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
OPTIONAL_DOC_SECTIONS = ("Fix safety", "Known limits")

_SECTION = LazyRePattern(r"^## (.+)$", re.MULTILINE)


class Option(NamedTuple):
    """A typed rule option with its default, validated before the rule runs.

    A `list` option is held as a tuple (so options stay hashable and immutable);
    its default is written as a tuple.
    """

    name: str
    type: type
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    range: tuple[float, float] | None = None  # inclusive bounds of a number

    @property
    def allowed(self) -> str:
        """The values accepted, in words, for the docs and error messages."""
        if self.choices is not None:
            return f"one of {', '.join(map(str, self.choices))}"
        if self.range is not None:
            low, high = self.range
            return f"from {low} to {high}" if high != float("inf") else f"at least {low}"
        return ""

    def validate(self, value: Any) -> Any:
        expected = {float: (int, float), list: (list, tuple)}.get(self.type, self.type)
        if isinstance(value, bool) and self.type is not bool:
            raise ValueError(f"expects {self.type.__name__}, got a boolean")
        if not isinstance(value, expected):
            raise ValueError(f"expects {self.type.__name__}, got {type(value).__name__}")
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"must be {self.allowed}")
        if self.range is not None and not self.range[0] <= value <= self.range[1]:
            raise ValueError(f"must be {self.allowed}, not {value!r}")
        return tuple(value) if isinstance(value, (list, tuple)) else value


class Options(Mapping[str, Any]):
    """A rule's validated options, readable as attributes (`min-words` as
    `min_words`); `profile` is always there."""

    def __init__(self, values: Mapping[str, Any], profile: str | None = None):
        self._values = dict(values)
        # Plain attributes, each read one lookup: a __getattr__ would be reached only
        # after the ordinary lookup had failed and built its AttributeError, which
        # costs a rule more than reading many an article's lines.
        attributes = {key.replace("-", "_"): value for key, value in self._values.items()}
        taken = set(attributes).intersection({*dir(self), "profile"})
        if taken:
            raise ValueError(f"option names that Options itself uses: {', '.join(sorted(taken))}")
        self.__dict__.update(attributes)
        self.profile = profile

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self):
        return (Options, (self._values, self.profile))


# What rules report, and what they are declared with: values never changed once
# built, as named tuples (docs/architecture.md).
class Edit(NamedTuple):
    """Replace the rendered span [start, end) with `text`."""

    start: int
    end: int
    text: str


class Related(NamedTuple):
    """The other place a finding concerns (the first copy, the form used first)."""

    start: int
    end: int
    message: str


class Tier(NamedTuple):
    """A softer kind of a rule's finding (`inside a quotation`), with its own default
    severity; the configuration can set each tier's severity (docs/configuration.md)."""

    name: str
    severity: str
    help: str


# The tier several rules share: copy inside a quotation is as the speaker said or wrote it.
QUOTED = Tier("quoted", "info", "the text is inside a quotation, as the speaker said or wrote it")


def mostly(verb: str, what: str, tie: bool) -> str:
    """How a message names the form an article keeps to: `mostly writes `US``; on a
    tie, which the first use breaks, `writes `US` as often, and first`, as `mostly`
    would claim a majority there is not."""
    return f"{verb} {what} as often, and first" if tie else f"mostly {verb} {what}"


class Problem(NamedTuple):
    """What a rule reports: a span of the rendered article text and what is wrong.

    `edits` is a fix the engine may apply (None when the rule offers none);
    `tier` names one of the rule's tiers when the problem is of a softer kind.
    """

    start: int
    end: int
    message: str
    related: tuple[Related, ...] = ()
    replacements: tuple[str, ...] = ()
    edits: tuple[Edit, ...] | None = None
    safe: bool = True
    tier: str | None = None


class Fact(NamedTuple):
    """What an archive rule keeps of an article: a span of its rendered text and
    data the judging step compares across articles (picklable)."""

    start: int
    end: int
    data: Any


class ArchiveProblem(NamedTuple):
    """What an archive rule reports: a passage of one article, and the other articles'
    passages it concerns, each with what to say of it (the finding's `related`)."""

    fact: Any  # lint.archive.StoredPassage
    message: str
    related: tuple[tuple[Any, str], ...] = ()  # (lint.archive.StoredPassage, message)


class ArchiveNote(NamedTuple):
    """What an archive rule says of the archive as a whole (house boilerplate): told
    once in an audit's summary, not as a finding on each article."""

    rule: str
    message: str
    text: str
    count: int
    examples: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message, "text": self.text,
                "count": self.count, "examples": list(self.examples)}


Check = Callable[["Article", Options], Iterable[Problem]]
Collect = Callable[["Article", Options], Iterable[Fact]]
Judge = Callable[[Any, Options], Iterable[ArchiveProblem | ArchiveNote]]


class Rule(NamedTuple):
    """A rule: its metadata, and the function that checks (or, for an archive rule,
    collects from) one article."""

    name: str
    category: str
    severity: str
    check: Check  # an archive rule's `collect`: facts, not problems
    options: tuple[Option, ...] = ()
    fix: str = "never"
    fix_safety: str | None = None
    default: bool = True
    tiers: tuple[Tier, ...] = ()
    judge: Judge | None = None

    def __reduce__(self):
        # The decorated function's module-level name is bound to this Rule, so a
        # Rule pickles as a reference to that name (for process pools).
        named = self.judge or self.check
        return (_import_rule, (named.__module__, named.__name__))

    @property
    def is_archive(self) -> bool:
        return self.judge is not None

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return _documentation(self.judge or self.check)[0]

    @property
    def docs(self) -> Mapping[str, str]:
        """The `## ` sections of the rule's docstring, by title."""
        return _documentation(self.judge or self.check)[1]

    def options_from(self, values: Mapping[str, Any], profile: str | None) -> Options:
        """Validated options: defaults overlaid with `values`; ValueError names a bad one."""
        declared = {o.name: o for o in self.options}
        merged = {name: option.default for name, option in declared.items()}
        for key, value in values.items():
            if key not in declared:
                raise ValueError(f"rule {self.name!r} has no option {key!r}")
            try:
                merged[key] = declared[key].validate(value)
            except ValueError as exc:
                raise ValueError(f"option {key!r} of rule {self.name!r} {exc}") from None
        return Options(merged, profile)


def _import_rule(module: str, name: str) -> Rule:
    return getattr(importlib.import_module(module), name)


@functools.cache
def _documentation(documented: Callable) -> tuple[str, Mapping[str, str]]:
    """A rule docstring's summary line and `## ` sections, read when first asked for:
    a check asks for none of them."""
    text = inspect.cleandoc(documented.__doc__ or "")
    summary = text.split("\n", 1)[0].strip()
    parts = _SECTION.split(text)
    sections = {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    return summary, MappingProxyType(sections)


def rule(name: str, *, category: str, severity: str, options: Iterable[Option] = (),
         fix: str = "never", fix_safety: str | None = None, default: bool = True,
         tiers: Iterable[Tier] = ()) -> Callable[[Check], Rule]:
    """Declare a rule; the decorated function's docstring is its documentation.

    `fix` says whether its findings carry a fix (always, sometimes, never) and
    `fix_safety` whether those fixes are safe, unsafe, or either (depends). `tiers`
    are the softer kinds of finding its problems may name."""
    tiers = tuple(tiers)
    for level in (severity, *(t.severity for t in tiers)):
        if level not in SEVERITIES:
            raise ValueError(f"unknown severity {level!r} for rule {name!r}")
    if any(t.name == DEFAULT_TIER for t in tiers):
        raise ValueError(f"rule {name!r}: `{DEFAULT_TIER}` names the rule's own severity")
    if fix not in FIX_AVAILABILITY:
        raise ValueError(f"unknown fix availability {fix!r} for rule {name!r}")
    if (fix == "never") != (fix_safety is None) or fix_safety not in (None, *FIX_SAFETY):
        raise ValueError(f"rule {name!r}: a fix that is never offered has no safety, "
                         f"and one that is offered is {', '.join(FIX_SAFETY)}")

    def wrap(check: Check) -> Rule:
        return Rule(name=name, category=category, severity=severity, check=check,
                    options=tuple(options), fix=fix, fix_safety=fix_safety, default=default,
                    tiers=tiers)

    return wrap


def archive_rule(name: str, *, category: str, severity: str, collect: Collect,
                 options: Iterable[Option] = ()) -> Callable[[Judge], Rule]:
    """Declare an archive rule: `collect` runs on each article, the decorated function
    judges the facts of the whole archive; its docstring is its documentation."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r} for rule {name!r}")

    def wrap(judge: Judge) -> Rule:
        return Rule(name=name, category=category, severity=severity, check=collect,
                    options=tuple(options), judge=judge)

    return wrap
