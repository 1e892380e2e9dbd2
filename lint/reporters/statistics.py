"""`--statistics`: a count a rule, with the totals, as text or JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from lint.reporters.text import error_lines
from lint.results import Report, severity_counts


def document(report: Report) -> dict[str, Any]:
    counts = Counter(f.rule for r in report.results for f in r.findings)
    # A rule is fixable here when `--fix` would apply some of these findings' fixes:
    # a rule whose fix depends on a house style has none without one.
    fixable = {f.rule for r in report.results for f in r.findings if r.can_fix(f)}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {
        "rules": [{"rule": name, "count": count, "fixable": name in fixable,
                   "summary": report.rules[name].summary} for name, count in ordered],
        "total": {"findings": sum(counts.values()),
                  "files": len(report.results),
                  "files_with_findings": sum(1 for r in report.results if r.findings),
                  "files_with_errors": sum(1 for r in report.results if r.error),
                  **severity_counts(report.results)},
    }


def render_json(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"


def render(report: Report) -> str:
    data = document(report)
    lines = [f"{row['count']}\t{row['rule']}\t{'[*] ' if row['fixable'] else ''}{row['summary']}"
             for row in data["rules"]]
    total = data["total"]
    files = total["files"]
    lines.append(f"{total['findings']}\ttotal\tin {total['files_with_findings']} of {files} "
                 f"file{'' if files == 1 else 's'}" + (
                     f"; {total['files_with_errors']} could not be checked"
                     if total["files_with_errors"] else ""))
    lines += error_lines(report.results, report.verbose)
    return "".join(line + "\n" for line in lines)
