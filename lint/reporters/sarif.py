"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lint import __version__
from lint.finding import Location
from lint.results import Report
from lint.ruledocs import markdown

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/copydesk/copydesk"


def _uri(path: str) -> str:
    return Path(path).as_posix()


def _region(location: Location) -> dict[str, Any]:
    return {"startLine": location.line, "startColumn": location.column,
            "endLine": location.end_line, "endColumn": location.end_column,
            "charOffset": location.offset, "charLength": location.length}


def _physical(path: str, location: Location) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)},
                                 "region": _region(location)}}


def _rule(rule) -> dict[str, Any]:
    return {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs.get("What it does", rule.summary)},
        "help": {"text": rule.docs.get("Use instead", rule.summary), "markdown": markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category]},
    }


def render(report: Report) -> str:
    names = sorted(report.rules)
    index = {name: i for i, name in enumerate(names)}
    results = []
    notifications = []
    for result in report.results:
        if result.error:
            notifications.append({"level": "error", "message": {"text": result.error.message},
                                  "locations": [{"physicalLocation": {
                                      "artifactLocation": {"uri": _uri(result.path)}}}]})
        for finding in result.findings:
            results.append({
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message},
                "locations": [_physical(result.path, finding.location)],
                "relatedLocations": [
                    {"id": n, "message": {"text": r.message},
                     **_physical(r.document or result.path, r.location)}
                    for n, r in enumerate(finding.related, 1)],
                "partialFingerprints": {"primaryLocationLineHash": finding.fingerprint},
            })
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "copydesk", "version": __version__,
                                "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI,
                                "rules": [_rule(report.rules[n]) for n in names]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
