"""Human-readable output: `concise` (one line a finding) and `full` (with the source line)."""

from __future__ import annotations

import click

from lint.finding import Finding, Location
from lint.results import FileResult, Report, severity_counts

_WINDOW = 100
_MARGIN = 20  # characters of the line kept before a span that is far along it
_AFTER = 10  # characters kept after a span before the line is cut
_LONG_SPAN = 60  # a longer span is marked where it starts, not underlined
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


def _frame(result: FileResult, finding: Finding, color: bool) -> list[str]:
    """The source line, from its start where the span allows (the opening words
    orient a reader), with the span underlined; a long span is marked where it
    starts, not underlined to the end."""
    if not result.sources:
        return []
    location = finding.location
    source = result.sources[location.source]
    line = source.line_text(location.line).replace("\t", " ")
    start = location.column - 1
    one_line = location.end_line == location.line
    end = max(location.end_column - 1 if one_line else len(line), start + 1)
    long = not one_line or end - start > _LONG_SPAN
    shown_to = start + 1 if long else end
    left = 0 if shown_to + _AFTER <= _WINDOW else max(0, start - _MARGIN)
    right = min(len(line), max(left + _WINDOW, shown_to))
    shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
    pad = (1 if left else 0) + start - left
    marks = f"^ {_extent(finding, line, start, end)}" if long else "^" * (end - start)
    if color:
        marks = click.style(marks, fg="red")
    gutter = f"{location.line:>5} | "
    return [f"{gutter}{shown}", f"{' ' * (len(gutter) - 2)}| {' ' * pad}{marks}"]


def _extent(finding: Finding, line: str, start: int, end: int) -> str:
    """Words for a long span's reach, shown beside the mark where it starts."""
    location = finding.location
    if location.end_line != location.line:
        return f"from here to line {location.end_line}"
    if start == len(line) - len(line.lstrip()) and end == len(line.rstrip()):
        return "the whole paragraph" if finding.paragraph else "the whole line"
    return f"from here, {end - start} characters"


def _advice(finding: Finding) -> list[str]:
    """`write instead`, unless the message already says what to write."""
    if not finding.replacements or any(f"`{r}`" in finding.message for r in finding.replacements):
        return []
    return [f"      = write instead: {' / '.join(finding.replacements)}"]


def plural(count: int, noun: str) -> str:
    """`1 finding`, `2 findings`, `1,200 findings`; `info` is a mass noun (`3 info`)."""
    return f"{count:,} {noun}" if count == 1 or noun == "info" else f"{count:,} {noun}s"


def _summary(report: Report) -> str:
    total = sum(len(r.findings) for r in report.results)
    if not total:
        failed = sum(1 for r in report.results if r.error)
        if not failed:
            return "No findings."
        # "No findings." after an error line would read as if all were well.
        return "No findings in the other files." if failed < len(report.results) else ""
    fixable = sum(1 for r in report.results for f in r.findings if r.can_fix(f))
    counts = severity_counts(report.results)
    detail = ", ".join(plural(n, s) for s, n in counts.items() if n)
    fixes = f"; {fixable} fixable with --fix" if fixable else ""
    return f"Found {plural(total, 'finding')} ({detail}{fixes})."


def error_lines(results, verbose: bool) -> list[str]:
    """A line for each file that could not be checked (and its traceback, `verbose`)."""
    lines = []
    for result in results:
        if result.error:
            lines.append(f"{result.path}: error: {result.error.message} [{result.error.code}]")
            if verbose and result.error.detail:
                lines.append(result.error.detail.rstrip())
    return lines


def concise(report: Report) -> str:
    lines = [_header(report, r, f) for r in report.results for f in r.findings]
    return _close(lines, report)


def _close(lines: list[str], report: Report) -> str:
    """The findings' lines, then the error lines and the summary."""
    lines += error_lines(report.results, report.verbose)
    summary = _summary(report)
    if summary:
        lines.append(summary)
    return "".join(line + "\n" for line in lines)


def full(report: Report) -> str:
    lines: list[str] = []
    for result in report.results:
        for finding in result.findings:
            lines.append(_header(report, result, finding))
            lines += _frame(result, finding, report.color)
            for related in finding.related:
                where = _place(related.document or result.path, related.location)
                lines.append(f"      = {related.message} at {where}")
            lines += _advice(finding)
            lines.append("")
    return _close(lines, report)
