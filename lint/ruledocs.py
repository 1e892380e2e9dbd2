"""Rendering a rule's documentation: one source for `explain`, `rules`, SARIF and the README."""

from __future__ import annotations

from typing import Any

from lint.rule import DEFAULT_TIER, DOC_SECTIONS, OPTIONAL_DOC_SECTIONS, Rule


def options_section(rule: Rule) -> str:
    if not rule.options:
        return ""
    rows = [f"- `{o.name}` ({o.type.__name__}{', ' + o.allowed if o.allowed else ''}, "
            f"default `{o.default!r}`): {o.help}" for o in rule.options]
    return "\n".join(rows)


def severity_section(rule: Rule) -> str:
    """The rule's severity tiers, and how the configuration sets them."""
    rows = [f"- `{DEFAULT_TIER}` ({rule.severity}): every finding not of a tier below"]
    rows += [f"- `{t.name}` ({t.severity}): {t.help}" for t in rule.tiers]
    example = rule.tiers[0].name
    rows += ["", f'`severity.{rule.name} = "error"` sets every tier; '
             f'`severity.{rule.name} = {{ {DEFAULT_TIER} = "error", {example} = "warning" }}` '
             "sets them one by one (a tier not named keeps its own)."]
    return "\n".join(rows)


_AVAILABILITY = {"always": "a fix for every finding", "sometimes": "a fix for some findings"}
_SAFETY = {"safe": "safe (`--fix` applies it)",
           "unsafe": "unsafe (shown, never applied by `--fix`)",
           "depends": "safe or unsafe by the case (see Fix safety)"}


def fix_summary(rule: Rule) -> str:
    """`No automatic fix.` or how often a fix comes and whether `--fix` applies it."""
    if rule.fix == "never":
        return "No automatic fix."
    return f"Fix: {_AVAILABILITY[rule.fix]}, {_SAFETY[rule.fix_safety]}."


def fix_column(rule: Rule) -> str:
    """The fix in a table cell: `always, safe`, `sometimes, unsafe`, or empty."""
    return "" if rule.fix == "never" else f"{rule.fix}, {rule.fix_safety}"


def markdown(rule: Rule) -> str:
    """The rule's page: summary, metadata and every documented section."""
    meta = f"Category: `{rule.category}`. Default severity: `{rule.severity}`."
    parts = [f"# {rule.name}", "", rule.summary, "", f"{meta} {fix_summary(rule)}"]
    for title in (*DOC_SECTIONS, *OPTIONAL_DOC_SECTIONS):
        if title in rule.docs:
            parts += ["", f"## {title}", rule.docs[title]]
        if title == "Use instead" and rule.options:
            parts += ["", "## Options", options_section(rule)]
        if title == "Use instead" and rule.tiers:
            parts += ["", "## Severity tiers", severity_section(rule)]
    return "\n".join(parts) + "\n"


def as_json(rule: Rule) -> dict[str, Any]:
    """The rule's metadata and documentation as `copydesk rules` and the service give it."""
    return {"name": rule.name, "category": rule.category, "severity": rule.severity,
            "fix": rule.fix, "fix_safety": rule.fix_safety, "default": rule.default,
            "summary": rule.summary,
            "options": [{"name": o.name, "type": o.type.__name__, "default": o.default,
                         "help": o.help} for o in rule.options],
            "tiers": [{"name": t.name, "severity": t.severity, "help": t.help}
                      for t in rule.tiers],
            "docs": dict(rule.docs)}


def missing_sections(rule: Rule) -> list[str]:
    return [s for s in DOC_SECTIONS if not rule.docs.get(s)]


def markdown_table(rules) -> str:
    """The rule list as a Markdown table (the README's)."""
    rows = ["| rule | category | severity | fix | what it flags |", "|---|---|---|---|---|"]
    rows += [f"| `{r.name}` | {r.category} | {r.severity} | {fix_column(r)} "
             f"| {r.summary.replace('|', '/')} |" for r in rules]
    return "\n".join(rows) + "\n"
