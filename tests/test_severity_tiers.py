"""Severity overrides cover every tier of a rule, unless the configuration sets the
tiers one by one; `explain` documents each rule's tiers."""

from __future__ import annotations

import pytest

from lint.config import ConfigError, from_mapping
from lint.engine import Linter
from lint.readers import read
from lint.registry import default_registry
from lint.ruledocs import markdown

ARTICLE = """Council sets budget

The town centre has been "left to decline for far too many years" under the present rules.

The budget for next year runs to £40m, up from £38m.

"We cannot keep raising taxes on people who are already struggling."
"""


def severities(severity: dict) -> list[tuple[str, str]]:
    config = from_mapping({"select": ["unattributed-quote"], "severity": severity})
    findings = Linter(config).lint(read("story.txt", ARTICLE))
    return [(f.text.split()[0], f.severity) for f in findings]


def test_without_an_override_each_tier_has_its_own_severity() -> None:
    assert severities({}) == [('"left', "info"), ('"We', "warning")]


def test_an_override_covers_every_tier() -> None:
    assert severities({"unattributed-quote": "error"}) == [('"left', "error"), ('"We', "error")]
    assert severities({"quotes": "info"}) == [('"left', "info"), ('"We', "info")]


def test_tiers_can_be_set_one_by_one() -> None:
    assert severities({"unattributed-quote": {"default": "error"}}) == [
        ('"left', "info"), ('"We', "error")]
    assert severities({"unattributed-quote": {"partial": "warning", "default": "info"}}) == [
        ('"left', "warning"), ('"We', "info")]


def test_an_unknown_tier_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="rule 'unattributed-quote' has no tier 'parital' "
                                          r"\(its tiers: default, may-continue, partial\)"):
        severities({"unattributed-quote": {"parital": "warning"}})
    with pytest.raises(ConfigError, match="must be one of info, warning, error"):
        severities({"unattributed-quote": {"partial": "loud"}})


def test_explain_documents_every_tier() -> None:
    for rule in default_registry().rules.values():
        page = markdown(rule)
        for tier in rule.tiers:
            assert f"- `{tier.name}` ({tier.severity}): {tier.help}" in page
        assert ("## Severity tiers" in page) == bool(rule.tiers)
