"""Reporters: pure functions from file results to text, one per output format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lint.finding import Finding
from lint.source import Source


@dataclass(frozen=True)
class FileError:
    code: str
    message: str


@dataclass
class FileResult:
    path: str
    format: str | None
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    sources: tuple[Source, ...] = ()

    def can_fix(self, finding: Finding) -> bool:
        """Whether `--fix` applies this finding's fix: a safe fix in a file of one
        text (a CMS payload's fields are not rewritten in place)."""
        return bool(finding.fix and finding.fix.safe and len(self.sources) == 1)


@dataclass(frozen=True)
class Report:
    """Everything a reporter may show: the results and the rules that produced them."""

    results: Sequence[FileResult]
    rules: dict  # name -> lint.rule.Rule
    color: bool = False


Reporter = Callable[[Report], str]


def severity_counts(results: Sequence[FileResult]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return counts


def reporters() -> dict[str, Reporter]:
    from lint.reporters import github, json, junit, sarif, text
    return {
        "full": text.full,
        "concise": text.concise,
        "json": json.render,
        "json-lines": json.render_lines,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }


FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "junit")
