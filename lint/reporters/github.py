"""GitHub Actions workflow annotations (`::error file=…::message`)."""

from __future__ import annotations

from lint.results import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for result in report.results:
        if result.error:
            lines.append(f"::error file={escape_property(result.path)}::"
                         f"{escape_data(result.error.message)}")
        for f in result.findings:
            loc = f.location
            props = ",".join([
                f"file={escape_property(result.path)}",
                f"line={loc.line}", f"endLine={loc.end_line}",
                f"col={loc.column}", f"endColumn={loc.end_column}",
                f"title={escape_property(f'copydesk ({f.rule})')}",
            ])
            lines.append(f"::{COMMANDS[f.severity]} {props}::{escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)
