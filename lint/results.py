"""What a run produces: one result per checked file, and the report over all of them.

The runner makes these, every front end (CLI, service, audit) and every reporter reads
them; none of them owns the types.
"""

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from lint.finding import Finding, LocatedFact
from lint.rule import SEVERITIES
from lint.source import Source

DEFAULT_FAIL_ON = "warning"


class FileError(NamedTuple):
    """Why a file could not be (fully) checked. `detail` is the traceback of an
    internal failure, shown only when asked for (`--verbose`)."""

    code: str
    message: str
    detail: str | None = None


class FileResult(NamedTuple):
    """What checking one file gave: its findings, or the error that stopped it.
    Never changed once built, so every FileResult shares the empty findings list
    and facts table it defaults to."""

    path: str
    format: str | None
    findings: list[Finding] = []
    error: FileError | None = None
    sources: tuple[Source, ...] = ()
    skipped: tuple[str, ...] = ()  # rules not run because the time budget ran out
    headline: str | None = None
    facts: dict[str, tuple[LocatedFact, ...]] = {}  # archive rules'

    def can_fix(self, finding: Finding) -> bool:
        """Whether `--fix` applies this finding's fix: a safe fix in a file of one
        text (a CMS payload's fields are not rewritten in place)."""
        return bool(finding.fix and finding.fix.safe and len(self.sources) == 1)


class Report(NamedTuple):
    """Everything a reporter may show: the results and the rules that produced them."""

    results: Sequence[FileResult]
    rules: dict  # name -> lint.rule.Rule
    color: bool = False
    verbose: bool = False
    fail_on: Mapping[str, str] = MappingProxyType({})  # path -> failing severity

    def fails(self, result: FileResult, finding: Finding) -> bool:
        """Whether the finding reaches the failing severity of its file."""
        threshold = self.fail_on.get(result.path, DEFAULT_FAIL_ON)
        return SEVERITIES.index(finding.severity) >= SEVERITIES.index(threshold)


def severity_counts(results: Sequence[FileResult]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return counts
