"""Small things a newsroom meets: statistics with totals (text and JSON), JUnit that
fails exactly when the run does, option ranges, "did you mean", which configuration
file wins, files of other kinds, and walks past FIFOs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.registry import UnknownRule, default_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
DEFECTIVE = FIXTURES / "plant-deal.txt"
CLEAN = FIXTURES / "council-budget.txt"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_statistics_give_totals() -> None:
    output = invoke("check", "--statistics", str(DEFECTIVE), str(CLEAN)).output
    lines = output.splitlines()
    assert lines[0].startswith("2\tstray-boilerplate\t")
    assert lines[-1] == "6\ttotal\tin 1 of 2 files"


def test_statistics_as_json() -> None:
    output = invoke("check", "--statistics", "--output-format", "json", str(DEFECTIVE)).output
    data = json.loads(output)
    assert data["rules"][0] == {"rule": "stray-boilerplate", "count": 2, "fixable": False,
                                "summary": data["rules"][0]["summary"]}
    assert {"rule": "duplicate-paragraph", "count": 1, "fixable": True}.items() <= \
        next(r for r in data["rules"] if r["rule"] == "duplicate-paragraph").items()
    assert data["total"] == {"findings": 6, "files": 1, "files_with_findings": 1,
                             "files_with_errors": 0, "error": 2, "warning": 4, "info": 0}


def test_statistics_mark_a_rule_fixable_only_where_fix_would_fix_it(tmp_path: Path) -> None:
    # Without a house style, --fix leaves a spelling mix alone: no `[*]`, though the
    # rule has fixes under a profile. The file that could not be read is named.
    story = tmp_path / "story.txt"
    story.write_text("Plant deal\n\nThey organise it and organize it in the the end.\n",
                     encoding="utf-8")
    missing = tmp_path / "missing.txt"
    output = invoke("check", "--statistics", str(story), str(missing)).output
    assert output.splitlines() == [
        "1\trepeated-word\t[*] A word typed twice in a row: `the the`.",
        "1\tspelling-variant-mix\tBritish and American spellings in one article "
        "(`colour` and `color`).",
        "2\ttotal\tin 1 of 2 files; 1 could not be checked",
        f"{missing}: error: no such file [not-found]",
    ]
    under_profile = invoke("check", "--statistics", "--output-format", "json", "--profile",
                           "bbc", str(story)).output
    assert {r["rule"]: r["fixable"] for r in json.loads(under_profile)["rules"]} == {
        "repeated-word": True, "spelling-variant-mix": True}


def test_statistics_refuse_a_format_they_do_not_print() -> None:
    result = invoke("check", "--statistics", "--output-format", "sarif", str(CLEAN))
    assert (result.exit_code, result.output) == (
        2, "copydesk: error: --statistics prints text (--output-format full or concise) "
           "or json, not sarif\n")


def test_junit_fails_exactly_when_the_run_does(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Plant deal\n\nSales rose  sharply in March, the firm said.\n",
                     encoding="utf-8")
    result = invoke("check", "--output-format", "junit", str(story))
    assert result.exit_code == 0  # one info finding: double-space
    suites = ET.fromstring(result.output.split("\n", 1)[1])
    assert (suites.get("tests"), suites.get("failures")) == ("1", "0")
    case = suites.find("testsuite/testcase")
    assert case.find("failure") is None
    assert case.find("system-out").text == "line 3, col 7, info: Two or more spaces between words."
    failing = invoke("check", "--output-format", "junit", "--fail-on", "info", str(story))
    assert failing.exit_code == 1
    assert ET.fromstring(failing.output.split("\n", 1)[1]).get("failures") == "1"


def test_an_option_out_of_range_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text(
        "[rules.near-duplicate-paragraph]\nthreshold = 500\n", encoding="utf-8")
    shutil.copy(CLEAN, tmp_path / "story.txt")
    result = invoke("check", str(tmp_path / "story.txt"))
    assert result.exit_code == 2
    assert result.output == (
        f"copydesk: error: {tmp_path / 'copydesk.toml'}: option 'threshold' of rule "
        "'near-duplicate-paragraph' must be from 0 to 100, not 500\n")


def test_a_mistyped_rule_gets_a_suggestion() -> None:
    result = invoke("check", "--select", "duplicats", str(CLEAN))
    assert result.exit_code == 2
    assert result.output == ("copydesk: error: `select`: unknown rule or category 'duplicats' "
                             "(did you mean 'duplicates'?)\n")
    assert "did you mean 'repeated-word'" in invoke("explain", "repeated-wrod").output


def test_a_category_asked_for_as_one_rule_is_named_a_category() -> None:
    with pytest.raises(UnknownRule) as raised:
        default_registry().get("quotes")
    assert str(raised.value) == (
        "'quotes' is a category, not one rule: mixed-quote-marks, space-inside-quote, "
        "unattributed-quote, unbalanced-quote, wrong-direction-quote")


def test_copydesk_toml_wins_over_pyproject_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.copydesk]\nselect = ["stray-boilerplate"]\n',
                                             encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text('select = ["duplicate-paragraph"]\n',
                                            encoding="utf-8")
    shutil.copy(DEFECTIVE, tmp_path / "story.txt")
    data = json.loads(invoke("check", "--output-format", "json", str(tmp_path)).output)
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"duplicate-paragraph"}


def test_a_named_file_of_another_kind_is_an_error_entry(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text("print('hello hello')\n", encoding="utf-8")
    result = invoke("check", "--output-format", "json", str(script), str(CLEAN))
    assert result.exit_code == 2
    files = json.loads(result.output)["files"]
    assert files[0]["error"]["code"] == "unsupported-format"
    assert ".txt, .text, .md, .markdown, .html, .htm, .json" in files[0]["error"]["message"]
    assert files[1]["error"] is None
    assert invoke("check", "--format", "text", str(script)).exit_code == 0
    assert invoke("extract", str(script)).exit_code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_folder_walk_skips_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    shutil.copy(CLEAN, tmp_path / "story.txt")
    data = json.loads(invoke("check", "--output-format", "json", str(tmp_path)).output)
    assert [Path(f["path"]).name for f in data["files"]] == ["story.txt"]


@pytest.mark.parametrize(("a", "b", "described"), [
    ("The plant will open in 2027, it said.", "The plant will open in 2028, it said.",
     "'2027' became '2028'"),
    ("a b c d e", "a x y e", "'b c d' became 'x y'"),
    ("a b c", "a c", "'b' dropped"),
    ("a c", "a b c", "'b' added"),
    ("a b c d e f g h", "x b c y e f z h w", "'a' became 'x'; 'd' became 'y'; 'g' became 'z';"
     " and 1 more changes"),
    ("It is.", "It is!", "only punctuation or case differs"),
])
def test_a_near_duplicate_names_the_words_that_differ(a: str, b: str, described: str) -> None:
    from rules.duplicates import _word_diff

    assert _word_diff(a, b) == described
