"""`max-findings-per-rule`: a rule lists at most so many findings in one article,
the last saying there are more, and stops being drawn there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from invariants import assert_locations_exact
from lint.cli import main
from lint.config import Config
from lint.engine import Linter
from lint.readers import read
from lint.registry import Registry
from lint.rule import Problem, rule
from lint.runner import fix_text

NOTE = ("(More `unbalanced-brackets` findings in this article are not listed: a rule lists"
        " at most {:,} in one article, `max-findings-per-rule`.)")


def brackets(limit: int | None = None) -> Linter:
    config = Config(select=("unbalanced-brackets",))
    if limit is not None:
        config = Config(select=("unbalanced-brackets",), max_findings_per_rule=limit)
    return Linter(config)


def test_a_rule_lists_200_findings_by_default_the_last_saying_there_are_more() -> None:
    text = "Council budget\n\nThe council met " + "(" * 250 + " and voted.\n"
    document = read("story.txt", text)
    found = brackets().lint(document)
    assert_locations_exact(document, found)
    first = text.index("(")
    assert [f.location.offset for f in found] == list(range(first, first + 200))
    assert {f.message for f in found[:-1]} == {"'(' is never closed in this paragraph."}
    assert found[-1].message == "'(' is never closed in this paragraph. " + NOTE.format(200)
    assert (found[-1].location.line, found[-1].location.column) == (3, 17 + 199)


def test_the_limit_is_set_in_the_configuration_and_holds_in_every_output(
        tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text("max-findings-per-rule = 3\n")
    (tmp_path / "story.txt").write_text(
        "Council budget\n\nIt met (on Monday (or Tuesday (it said (and voted.\n"
        "\nThe the mayor (who spoke) left.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--output-format", "json"],
                                catch_exceptions=False)
    [entry] = json.loads(result.stdout)["files"]
    listed = [(f["rule"], f["location"]["line"], f["location"]["column"], f["message"])
              for f in entry["findings"]]
    assert listed == [
        ("unbalanced-brackets", 3, 8, "'(' is never closed in this paragraph."),
        ("unbalanced-brackets", 3, 19, "'(' is never closed in this paragraph."),
        ("unbalanced-brackets", 3, 31,
         "'(' is never closed in this paragraph. " + NOTE.format(3)),
        ("repeated-word", 5, 1, listed[3][3]),
    ]


@pytest.mark.parametrize("value", ["0", '"200"', "true", "-5"])
def test_a_limit_that_is_not_a_positive_whole_number_is_a_configuration_error(
        tmp_path: Path, value: str) -> None:
    (tmp_path / "copydesk.toml").write_text(f"max-findings-per-rule = {value}\n")
    (tmp_path / "story.txt").write_text("Council budget\n\nIt met.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "story.txt")])
    assert result.exit_code == 2
    assert "`max-findings-per-rule` must be a whole number above 0" in result.output


def test_silenced_findings_do_not_count_towards_the_limit() -> None:
    text = ("Council budget\n\n<!-- copydesk: disable-next=unbalanced-brackets -->\n"
            "It met (on (Monday (and.\n\nIt voted (on (Tuesday.\n")
    found = brackets(limit=2).lint(read("story.md", text))
    assert [f.location.line for f in found] == [6, 6]
    assert not found[0].message.endswith(NOTE.format(2))
    assert found[1].message.endswith("'(' is never closed in this paragraph.")


def test_at_the_limit_exactly_nothing_is_said() -> None:
    found = brackets(limit=3).lint(read("story.txt", "Budget\n\nIt met ((( then.\n"))
    assert [f.message for f in found] == ["'(' is never closed in this paragraph."] * 3


def test_fixing_is_not_limited() -> None:
    text = "Council budget\n\n" + "The  council met. " * 300 + "\n"
    linter = Linter(Config(select=("double-space",), max_findings_per_rule=10))
    assert len(linter.lint(read("story.txt", text))) == 10
    outcome = fix_text("story.txt", text, linter, None)
    assert outcome.text == "Council budget\n\n" + "The council met. " * 300 + "\n"
    assert outcome.fixed == {"double-space": 300}


def test_a_rule_is_not_drawn_past_the_first_finding_over_the_limit() -> None:
    drawn = []

    @rule("every-word", category="testing", severity="info")
    def every_word(article, options):
        """Flags every word."""
        for start in range(0, len(article.text), 2):
            drawn.append(start)
            yield Problem(start, start + 1, "A word.")

    linter = Linter(Config(select=("every-word",), max_findings_per_rule=5),
                    registry=Registry([every_word]))
    found = linter.lint(read("story.txt", "a b c d e f g h i j k l m n o p"))
    assert [f.location.offset for f in found] == [0, 2, 4, 6, 8]
    assert len(drawn) == 6


def test_unused_directives_are_limited_alike() -> None:
    text = "Budget\n\n" + "<!-- copydesk: disable=repeated-word -->\n\nIt met.\n\n" * 5
    linter = Linter(Config(max_findings_per_rule=3))
    found = linter.lint(read("story.md", text))
    assert [(f.rule, f.location.line) for f in found] == [("unused-directive", n)
                                                          for n in (3, 7, 11)]
    assert found[-1].message.endswith("(More `unused-directive` findings in this article are"
                                      " not listed: a rule lists at most 3 in one article,"
                                      " `max-findings-per-rule`.)")
