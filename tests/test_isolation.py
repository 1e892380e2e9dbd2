"""One failing rule or reader is one article's error: the others are still checked,
and run policy such as `fail-on` means the same wherever it is set."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.engine import Linter, RuleFailed
from lint.readers import read
from lint.registry import default_registry
from lint.runner import check_text, fix_text

HEADLINE = "Carmaker plans new plant\n\n"
TRIGGER = "BOOM"


@pytest.fixture
def failing_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """`repeated-word` raises on any article that contains the trigger word."""
    registry = default_registry()
    original = registry.rules["repeated-word"]

    def check(article, options):
        if TRIGGER in article.text:
            raise RuntimeError("the rule broke")
        return original.check(article, options)

    monkeypatch.setitem(registry.rules, "repeated-word",
                        original._replace(check=check))


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_failing_rule_is_that_articles_error_and_the_rest_is_reported(
        failing_rule, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HEADLINE + f"{TRIGGER} tariffs on U.S steel rose.\n")
    (tmp_path / "b.txt").write_text(HEADLINE + "The the plant will open in May.\n")
    result = invoke("check", str(tmp_path), "--output-format", "concise")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"{tmp_path / 'a.txt'}: error: rule `repeated-word` failed: RuntimeError: the rule " \
           "broke [rule-failed]" in lines
    # The other rules still ran on the failing article, and the other article was checked.
    assert any(line.startswith(f"{tmp_path / 'a.txt'}:3:") and "malformed-abbreviation" in line
               for line in lines)
    assert any(line.startswith(f"{tmp_path / 'b.txt'}:3:1:") and "repeated-word" in line
               for line in lines)
    assert "Traceback" not in result.output
    verbose = invoke("check", str(tmp_path), "--output-format", "concise", "--verbose")
    assert "Traceback (most recent call last)" in verbose.output
    assert "RuntimeError: the rule broke" in verbose.output


def test_a_failing_rule_is_reported_in_json_with_the_other_findings(failing_rule) -> None:
    result = check_text("a.txt", HEADLINE + f"{TRIGGER} on U.S steel.\n", Linter(), None)
    assert result.error.code == "rule-failed"
    assert [f.rule for f in result.findings] == ["malformed-abbreviation"]
    with pytest.raises(RuleFailed, match="rule `repeated-word` failed"):
        Linter().lint(read("a.txt", HEADLINE + TRIGGER + "\n", None))


def test_a_failing_rule_stops_fixing_and_changes_nothing(failing_rule) -> None:
    text = HEADLINE + f"{TRIGGER} the the U.S steel.\n"
    assert fix_text("a.txt", text, Linter(), None).text == text


def test_a_failing_reader_is_an_error_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise AssertionError("parser state")

    monkeypatch.setattr("lint.runner.read", broken)
    result = check_text("page.html", "<p>Hello</p>", Linter(), None)
    assert result.error.code == "reader-failed"
    assert result.error.message == ("copydesk could not read this article "
                                    "(AssertionError: parser state)")
    assert "Traceback" in result.error.detail


def test_fix_text_counts_the_findings_it_fixed() -> None:
    text = HEADLINE + "The the deal covers steel and and aluminium ,  he said.\n"
    outcome = fix_text("a.txt", text, Linter(), None)
    assert outcome.text == HEADLINE + "The deal covers steel and aluminium, he said.\n"
    assert dict(outcome.fixed) == {"repeated-word": 2, "space-before-punctuation": 1,
                                   "double-space": 1}


@pytest.mark.parametrize("named", [False, True])
def test_fail_on_in_a_discovered_config_counts_as_when_named(tmp_path: Path, named: bool) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.copydesk]\nfail-on = "error"\n')
    story = tmp_path / "story.txt"
    story.write_text(HEADLINE + "The the plant will open in May.\n")  # a warning only
    args = ["check", str(story)] + (["--config", str(config)] if named else [])
    assert invoke(*args).exit_code == 0
    assert invoke(*args, "--fail-on", "warning").exit_code == 1
