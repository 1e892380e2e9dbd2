"""The engine: a pure function from (document, configuration) to findings.

A `Linter` is built once from a Config (rules chosen, options validated, all
errors raised up front) and then lints any number of documents; it holds no
per-document state, pickles cleanly, and so serves a long-running service or a
pool of batch workers as it is.
"""

import functools
import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from lint import collector
from lint.analysis.text import joined_words
from lint.article import Article
from lint.config import Config, ConfigError
from lint.document import Block, Document
from lint.finding import (
    Context,
    Finding,
    Fix,
    LocatedFact,
    Location,
    RelatedLocation,
    SourceEdit,
)
from lint.paths import matches, relative_to_root
from lint.readers import read, rendered_slice
from lint.registry import Registry, UnknownRule, default_registry
from lint.rule import DEFAULT_TIER, Fact, Options, Problem, Rule
from lint.suppress import DirectiveProblem, Suppressions, unused_directive

_CONTEXT_CHARS = 80


class RuleFailure(NamedTuple):
    """A rule that raised on one article: named, with a one-line reason and the traceback."""

    rule: str
    reason: str
    traceback: str


class RuleFailed(Exception):
    """Raised by `Linter.lint` when a rule fails; `Linter.check` records it instead."""

    def __init__(self, failure: RuleFailure):
        super().__init__(f"rule `{failure.rule}` failed: {failure.reason}")
        self.failure = failure

    def __reduce__(self):
        # Pickled (from a worker process) by its failure, not by its message.
        return RuleFailed, (self.failure,)


class Checked(NamedTuple):
    findings: list[Finding]
    failures: list[RuleFailure]
    skipped: tuple[str, ...]  # rules not run: the deadline had passed
    facts: dict[str, tuple[LocatedFact, ...]]  # archive rules'


class ActiveRule(NamedTuple):
    rule: Rule
    severity: str
    options: Options
    tiers: Mapping[str, str]  # tier name -> severity
    # rule.is_archive, read for every rule of every article: a field, not a property call
    archive: bool

    def severity_of(self, problem: Problem) -> str:
        return self.tiers[problem.tier] if problem.tier else self.severity


class Linter:
    def __init__(self, config: Config | None = None, registry: Registry | None = None):
        self.config = config or Config()
        self.registry = registry or default_registry()
        self.rules = self._active_rules()
        self._per_file = {pattern: self._names(names, f"per-file-ignores.{pattern}")
                          for pattern, names in self.config.per_file_ignores.items()}

    def _names(self, selectors, where: str) -> set[str]:
        names: set[str] = set()
        for selector in selectors:
            try:
                names.update(self.registry.expand(selector))
            except UnknownRule as exc:
                raise ConfigError(f"`{where}`: {exc}") from None
        return names

    def _active_rules(self) -> tuple[ActiveRule, ...]:
        cfg, reg = self.config, self.registry
        if cfg.select is None:
            chosen = {name for name, r in reg.rules.items() if r.default}
        else:
            chosen = self._names(cfg.select, "select")
        chosen |= self._names(cfg.extend_select, "extend-select")
        chosen -= self._names(cfg.ignore, "ignore")
        levels = {}
        for selector, level in cfg.severity.items():
            for name in self._names([selector], "severity"):
                levels[name] = level
        profile = cfg.profile
        if profile is not None:
            try:
                profile = reg.check_profile(profile, cfg.root)
            except ValueError as exc:
                raise ConfigError(f"`profile`: {exc}") from None
        options = {}
        for name, values in cfg.rules.items():
            try:
                rule = reg.get(name)
                options[rule.name] = rule.options_from(values, profile)
            except UnknownRule as exc:
                raise ConfigError(f"`rules.{name}`: {exc}") from None
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        active = []
        for name, rule in reg.rules.items():
            if name in chosen:
                severity, tiers = _severities(rule, levels.get(name))
                active.append(ActiveRule(rule, severity, options.get(name)
                                         or rule.options_from({}, profile), tiers,
                                         rule.is_archive))
        return tuple(active)

    def rules_for(self, path: str) -> tuple[ActiveRule, ...]:
        if not self._per_file:
            return self.rules
        relative = relative_to_root(path, self.config.root)
        ignored = set().union(*(names for pattern, names in self._per_file.items()
                                if matches(relative, pattern)))
        return tuple(a for a in self.rules if a.rule.name not in ignored)

    def check(self, document: Document, deadline: float | None = None,
              collect: bool = False, unlimited: bool = False) -> Checked:
        """The document's findings, and the rules that failed on it: one rule's
        exception loses that rule's findings for this document, nothing else.
        Past `deadline` (a `time.monotonic()` value) no further rule starts. With
        `collect`, the archive rules' facts too (for an archive pass or an index).
        A rule lists at most `max-findings-per-rule` findings, the last of them
        saying that there are more, unless `unlimited` (for `--fix`, which fixes
        them all)."""
        limit = None if unlimited else self.config.max_findings_per_rule
        with collector.paused():
            return self._check(document, deadline, collect, limit)

    def _check(self, document: Document, deadline: float | None, collect: bool,
               limit: int | None) -> Checked:
        article = Article(document)
        suppressions = Suppressions(document, self.registry.expand)
        findings = []
        failures = []
        facts = {}
        collected: dict[Callable, tuple[LocatedFact, ...]] = {}  # by collect function
        rules = self.rules_for(document.path)
        skipped: tuple[str, ...] = ()
        fingerprint = Fingerprints()
        # What _placed drops or cuts, asked once for the article rather than once a rule.
        masked = document.is_masked if document.masked else None
        silenced = suppressions.silenced if suppressions else None
        # A span is located in one source string: one that runs on into the next (from
        # one CMS element into another) is cut back to the first.
        cut = document.spans.end_in_source if len(document.sources) > 1 else None
        for index, active in enumerate(rules):
            if deadline is not None and time.monotonic() > deadline:
                skipped = tuple(a.rule.name for a in rules[index:])
                break
            archive = active.archive
            if archive and not collect:
                continue
            try:
                if archive:
                    # Archive rules that share a collect function share its facts: it
                    # runs once, and the same facts go to each (and over the wire once).
                    gather = active.rule.check
                    if gather not in collected:
                        collected[gather] = tuple(_locate_fact(document, fact)
                                                  for fact in gather(article, active.options))
                    facts[active.rule.name] = collected[gather]
                    continue
                placed = _placed(document, article, active, limit, masked, silenced, cut)
                if not placed:
                    continue  # most rules on most articles: nothing to order or build
                more = limit is not None and len(placed) > limit
                if more:
                    del placed[limit:]
                placed.sort()
                findings += [_locate(document, active, problem, location, fingerprint)
                             for *_, location, problem in placed]
                if more:
                    findings[-1] = _with_more_note(findings[-1], limit)
            except Exception as exc:
                import traceback

                reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
                failures.append(RuleFailure(active.rule.name, reason, traceback.format_exc()))
        if suppressions:
            failed = {failure.rule for failure in failures}.union(skipped)
            findings += _directive_findings(
                document, tuple(a for a in rules if a.rule.name not in failed), suppressions,
                fingerprint, limit)
        findings.sort(key=lambda f: f.sort_key)
        return Checked(findings, failures, skipped, facts)

    def lint(self, document: Document) -> list[Finding]:
        """The document's findings; a failing rule raises `RuleFailed`."""
        checked = self.check(document)
        if checked.failures:
            raise RuleFailed(checked.failures[0])
        return checked.findings


def _placed(document: Document, article: Article, active: ActiveRule, limit: int | None,
            masked: Callable[[int], bool] | None,
            silenced: Callable[[str, int, int], bool] | None,
            cut: Callable[[int, int], int] | None) -> list[tuple]:
    """The rule's problems that are reported (not `masked`, not `silenced`), each
    with its source location (its span `cut` to one source), up to one past `limit`:
    a rule's problems are drawn as it finds them, so that one flooding a mangled
    input stops there. Sorted, the entries are in report order (Finding.sort_key
    among one rule's findings, then the rule's own order), so that each finding is
    built once, with the fingerprint that its place among the rule's findings gives
    it."""
    name = active.rule.name
    placed = []
    for number, problem in enumerate(active.rule.check(article, active.options)):
        if masked is not None and masked(problem.start):
            continue
        if cut is not None and (end := cut(problem.start, problem.end)) != problem.end:
            problem = problem._replace(end=end)
        location = source_location(document, problem.start, problem.end)
        if silenced is not None and silenced(name, location.source, location.offset):
            continue
        placed.append((location.source, location.offset, location.length, number, location,
                       problem))
        if limit is not None and len(placed) > limit:
            break
    return placed


def _with_more_note(finding: Finding, limit: int) -> Finding:
    """The last finding a rule lists when it has more than `limit`, saying so."""
    return finding._replace(message=f"{finding.message} (More `{finding.rule}` findings in"
                            f" this article are not listed: a rule lists at most {limit:,}"
                            " in one article, `max-findings-per-rule`.)")


def _severities(rule: Rule, level: str | Mapping[str, str] | None,
                ) -> tuple[str, dict[str, str]]:
    """The rule's severity and each tier's, under the configured `level`: a severity
    for every finding of the rule, or a table of them by tier (`default` for the
    findings of no tier; a tier not named keeps its own)."""
    tiers = {t.name: t.severity for t in rule.tiers}
    if level is None:
        return rule.severity, tiers
    if isinstance(level, str):
        return level, dict.fromkeys(tiers, level)
    known = (DEFAULT_TIER, *tiers)
    for name in level:
        if name not in known:
            raise ConfigError(f"`severity.{rule.name}`: rule {rule.name!r} has no tier {name!r}"
                              f" (its tiers: {', '.join(known)})")
    return (level.get(DEFAULT_TIER, rule.severity),
            {name: level.get(name, severity) for name, severity in tiers.items()})


def source_location(document: Document, start: int, end: int) -> Location:
    """Where the rendered span [start, end) is in the document's original source."""
    index, src_start, src_end = document.spans.to_source(start, end)
    source = document.sources[index]
    line, column, end_line, end_column = source.span_position(src_start, src_end)
    return Location(line, column, end_line, end_column, src_start, src_end - src_start, index,
                    source.field, source.element_id, source.element_index)


def _context(document: Document, block: Block | None, start: int, end: int) -> Context | None:
    """The text around [start, end) in its block."""
    if block is None:
        return None
    text, block_start, block_end = document.text, block.start, block.end
    left = start - _CONTEXT_CHARS
    if left > block_start:
        space = text.find(" ", left, start)
        if space != -1:
            left = space + 1
    else:
        left = block_start
    right = (end if end > start else start) + _CONTEXT_CHARS
    if right < block_end:
        space = text.rfind(" ", end, right)
        if space != -1:
            right = space
    else:
        right = block_end
    return Context(text[left:right], start - left, (end if end < right else right) - start)


def _edits_in_span(document: Document, problem: Problem) -> bool:
    """Whether a rule's fix edits only what it flagged: every edit lies inside the
    flagged span (widened over the white space on either side, so that deleting a
    paragraph can take the blank line before it), cuts the source where it cuts
    the rendered text, spans no markup that does not render (a tag inside it), has
    none of the document's marks read with their neighbours beside it (Markdown's
    `*` and `_` shown as written), and no two edits overlap. A fix that does not is
    dropped: the finding is still reported, and `--fix` leaves it alone."""
    text, spans = document.text, document.spans
    beside = document.marks_read_with_neighbours
    start, end = problem.start, problem.end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    cursor = start
    edits = problem.edits
    if len(edits) > 1:
        edits = sorted(edits, key=lambda e: (e.start, e.end))
    for edit in edits:
        if not (cursor <= edit.start <= edit.end <= end and spans.cuts_exactly(edit.start)
                and spans.cuts_exactly(edit.end) and spans.renders_whole(edit.start, edit.end)):
            return False
        if beside and (text[edit.start - 1:edit.start] in beside
                       or text[edit.end:edit.end + 1] in beside):
            return False
        cursor = edit.end if edit.end > edit.start else edit.end + 1
    return True


def _locate_fact(document: Document, fact: Fact) -> LocatedFact:
    location = source_location(document, fact.start, fact.end)
    source = document.sources[location.source]
    block = document.block_at(fact.start)
    return LocatedFact(location, block.paragraph if block else None,
                       source.text[location.offset:location.offset + location.length],
                       document.text[fact.start:fact.end], fact.start,
                       _context(document, block, fact.start, fact.end), fact.data)


def _locate(document: Document, active: ActiveRule, problem: Problem, location: Location,
            fingerprint: "Fingerprints") -> Finding:
    """The finding of `problem`, found at `location`; a rule's findings are located
    in report order, which numbers their fingerprints."""
    source = document.sources[location.source]
    text = source.text[location.offset:location.offset + location.length]
    block = document.block_at(problem.start)
    fix = None
    if problem.edits is not None and _edits_in_span(document, problem):
        edits = []
        for edit in problem.edits:
            index, s, e = document.spans.to_source(edit.start, edit.end)
            edits.append(SourceEdit(s, e - s, edit.text, index))
        if all(e.source == location.source for e in edits):
            fix = Fix(problem.safe, tuple(edits))
    return Finding(
        rule=active.rule.name,
        category=active.rule.category,
        severity=active.severity_of(problem),
        message=problem.message,
        location=location,
        text=text,
        flagged=document.text[problem.start:problem.end],
        paragraph=block.paragraph if block else None,
        field=block.kind if block and block.paragraph is None else None,
        context=_context(document, block, problem.start, problem.end),
        related=tuple(RelatedLocation(r.message, source_location(document, r.start, r.end))
                      for r in problem.related) if problem.related else (),
        replacements=problem.replacements,
        fix=fix,
        fingerprint=fingerprint(active.rule.name, text),
        start=problem.start,
    )


def _directive_findings(document: Document, rules: tuple[ActiveRule, ...],
                        suppressions: Suppressions, fingerprint: "Fingerprints",
                        limit: int | None) -> list[Finding]:
    """`unused-directive`, once every other rule's findings have been silenced or not."""
    active = next((a for a in rules if a.rule is unused_directive), None)
    if active is None:
        return []
    names = {a.rule.name for a in rules}
    problems = [problem for problem in suppressions.problems(names.__contains__)
                if not suppressions.silenced(active.rule.name, problem.source, problem.start)]
    problems.sort(key=lambda p: (p.source, p.start, p.end - p.start))  # report order
    more = limit is not None and len(problems) > limit
    findings = [_directive_finding(document, active, problem, fingerprint)
                for problem in problems[:limit]]
    if more:
        findings[-1] = _with_more_note(findings[-1], limit)
    return findings


def _directive_finding(document: Document, active: ActiveRule, problem: DirectiveProblem,
                       fingerprint: "Fingerprints") -> Finding:
    """A finding on a directive: source text that no reader renders as prose."""
    source = document.sources[problem.source]
    line, column = source.position(problem.start)
    end_line, end_column = source.position(problem.end)
    text = source.text[problem.start:problem.end]
    location = Location(line, column, end_line, end_column, problem.start,
                        problem.end - problem.start, problem.source, source.field,
                        source.element_id, source.element_index)
    return Finding(rule=active.rule.name, category=active.rule.category,
                   severity=active.severity, message=problem.message, location=location,
                   text=text,
                   flagged=rendered_slice(document, problem.source, problem.start, problem.end),
                   fingerprint=fingerprint(active.rule.name, text))


class Fingerprints:
    """The fingerprints of one article's findings, asked for in report order: a hash
    of rule, flagged text (case and white space folded) and occurrence index.

    The hash ignores where the finding is, so editing other parts of an article
    does not turn a known finding into a new one.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], int] = {}

    def __call__(self, rule: str, text: str) -> str:
        folded = joined_words(text.casefold())[0]
        key = (rule, folded)
        occurrence = self._seen.get(key, 0)
        self._seen[key] = occurrence + 1
        return _sha1()(f"{rule}\0{folded}\0{occurrence}".encode()).hexdigest()[:16]


@functools.cache
def _sha1() -> Callable[[bytes], Any]:
    """SHA-1, imported on an article's first finding (most clean copy has none), and
    CPython's own where it has it: hashlib's loads OpenSSL, which costs a one-article
    check more than hashing all its findings."""
    try:
        from _sha1 import sha1
    except ImportError:  # an interpreter without it
        from hashlib import sha1
    return sha1


def with_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Findings built without their fingerprint (the archive rules'), in report
    order, stamped with it."""
    fingerprint = Fingerprints()
    return [f._replace(fingerprint=fingerprint(f.rule, f.text)) for f in findings]


def lint_text(text: str, path: str = "<text>", config: Config | None = None,
              format: str | None = None) -> list[Finding]:
    """Convenience for tests and scripts: read `text` and lint it with `config`."""
    return Linter(config).lint(read(path, text, format))

