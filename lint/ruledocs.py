"""Rendering a rule's documentation: one source for `explain`, `rules`, SARIF and the README."""

from __future__ import annotations

from lint.rule import DOC_SECTIONS, OPTIONAL_DOC_SECTIONS, Rule


def options_section(rule: Rule) -> str:
    if not rule.options:
        return ""
    rows = [f"- `{o.name}` ({o.type.__name__}, default `{o.default!r}`): {o.help}"
            for o in rule.options]
    return "\n".join(rows)


def markdown(rule: Rule) -> str:
    """The rule's page: summary, metadata and every documented section."""
    fix = "safe fix available" if rule.fixable else "no automatic fix"
    meta = f"Category: `{rule.category}`. Default severity: `{rule.severity}`."
    parts = [f"# {rule.name}", "", rule.summary, "", f"{meta} {fix.capitalize()}."]
    if rule.aliases:
        parts.append(f"Also known as: {', '.join(rule.aliases)}.")
    for title in (*DOC_SECTIONS, *OPTIONAL_DOC_SECTIONS):
        if title in rule.docs:
            parts += ["", f"## {title}", rule.docs[title]]
        if title == "Use instead" and rule.options:
            parts += ["", "## Options", options_section(rule)]
    return "\n".join(parts) + "\n"


def missing_sections(rule: Rule) -> list[str]:
    return [s for s in DOC_SECTIONS if not rule.docs.get(s)]


def markdown_table(rules) -> str:
    """The rule list as a Markdown table (the README's)."""
    rows = ["| rule | category | severity | fix | what it flags |", "|---|---|---|---|---|"]
    rows += [f"| `{r.name}` | {r.category} | {r.severity} | {'yes' if r.fixable else ''} "
             f"| {r.summary.replace('|', '/')} |" for r in rules]
    return "\n".join(rows) + "\n"
