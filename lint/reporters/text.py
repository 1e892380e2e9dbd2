"""Human-readable output: `concise` (one line a finding) and `full` (with the source line)."""

from __future__ import annotations

import click

from lint.finding import Finding, Location
from lint.results import FileResult, Report, severity_counts

_WINDOW = 100
_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _place(path: str, loc: Location) -> str:
    """`path:line:column`, plus the CMS field and element the line and column are in."""
    place = f"{path}:{loc.line}:{loc.column}"
    if loc.field:
        element = f" #{loc.element_id}" if loc.element_id else ""
        place += f" [{loc.field}{element}]"
    return place


def _header(report: Report, result: FileResult, finding: Finding) -> str:
    where = _place(result.path, finding.location) + ":"
    severity = finding.severity
    rule = finding.rule
    fixable = " [*]" if result.can_fix(finding) else ""
    if report.color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=_COLORS[severity], bold=True)
        rule = click.style(rule, fg=_COLORS[finding.severity])
    return f"{where} {severity} {rule}{fixable} {finding.message}"


def _frame(result: FileResult, location: Location, color: bool) -> list[str]:
    """The source line with the span underlined, clipped to a window around it."""
    if not result.sources:
        return []
    source = result.sources[location.source]
    line = source.line_text(location.line).replace("\t", " ")
    start = location.column - 1
    end = location.end_column - 1 if location.end_line == location.line else len(line)
    end = max(end, start + 1)
    left = max(0, min(start - 20, len(line) - _WINDOW))
    right = min(len(line), max(left + _WINDOW, start + 1))
    shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
    pad = (1 if left else 0) + start - left
    marks = "^" * max(1, min(end, right) - start)
    if color:
        marks = click.style(marks, fg="red")
    gutter = f"{location.line:>5} | "
    return [f"{gutter}{shown}", f"{' ' * (len(gutter) - 2)}| {' ' * pad}{marks}"]


def _summary(report: Report) -> str:
    total = sum(len(r.findings) for r in report.results)
    if not total:
        return "No findings."
    fixable = sum(1 for r in report.results for f in r.findings if r.can_fix(f))
    counts = severity_counts(report.results)
    detail = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    noun = "finding" if total == 1 else "findings"
    return f"Found {total} {noun} ({detail}; {fixable} fixable with --fix)."


def _errors(report: Report) -> list[str]:
    lines = []
    for result in report.results:
        if result.error:
            lines.append(f"{result.path}: error: {result.error.message} [{result.error.code}]")
            if report.verbose and result.error.detail:
                lines.append(result.error.detail.rstrip())
    return lines


def concise(report: Report) -> str:
    lines = [_header(report, r, f) for r in report.results for f in r.findings]
    lines += _errors(report)
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def full(report: Report) -> str:
    lines: list[str] = []
    for result in report.results:
        for finding in result.findings:
            lines.append(_header(report, result, finding))
            lines += _frame(result, finding.location, report.color)
            for related in finding.related:
                where = _place(result.path, related.location)
                lines.append(f"      = {related.message} at {where}")
            if finding.replacements:
                lines.append(f"      = write instead: {' / '.join(finding.replacements)}")
            lines.append("")
    lines += _errors(report)
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"
