"""JSON output exactly as docs/findings.md gives it, and JSON Lines (a file result a line)."""

from __future__ import annotations

import json
from typing import Any

from lint import __version__
from lint.results import FileResult, Report, severity_counts

SCHEMA_VERSION = 1


def file_json(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "format": result.format,
        "findings": [f.to_json() for f in result.findings],
        "error": ({"code": result.error.code, "message": result.error.message}
                  if result.error else None),
    }


def document(report: Report) -> dict[str, Any]:
    findings = sum(len(r.findings) for r in report.results)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "copydesk", "version": __version__},
        "files": [file_json(r) for r in report.results],
        "summary": {"files": len(report.results), "findings": findings,
                    **severity_counts(report.results)},
    }


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"


def render_lines(report: Report) -> str:
    return "".join(json.dumps(file_json(r), ensure_ascii=False) + "\n" for r in report.results)
