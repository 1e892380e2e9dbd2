"""Inputs that once crashed a reader or a rule (issue 9), each pinned by what it must do now."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from invariants import assert_locations_exact
from lint.cli import main
from lint.config import Config
from lint.engine import Linter, RuleFailed, RuleFailure
from lint.readers import MAX_JSON_DEPTH, MAX_JSON_NUMBER_CHARS, InputError, read
from lint.readers.markup import render
from lint.runner import check_text, fix_text

EVERY_RULE = Linter(Config(select=("ALL",)))


def findings(text: str, fmt: str, linter: Linter = EVERY_RULE) -> list:
    document = read("story", text, fmt)
    found = linter.lint(document)
    assert_locations_exact(document, found)
    return found


def wordpress(content: str, title: str = "Council sets its budget") -> str:
    return json.dumps({"title": {"rendered": title}, "content": {"rendered": content}})


@pytest.mark.parametrize("fmt, text", [
    ("html", "<p>The council <![x[ met ]]> on Monday and voted.</p>"),
    ("wordpress", wordpress("<p>The council <![x[ met ]]> on Monday and voted.</p>")),
])
def test_an_unknown_marked_section_is_a_bogus_comment_as_in_a_browser(fmt, text) -> None:
    document = read("story", text, fmt)
    assert document.block_text(document.body[0]) == "The council on Monday and voted."
    findings(text, fmt)


def test_cdata_in_html_ends_at_the_first_angle_bracket() -> None:
    document = read("page.html", "<p>a <![CDATA[x > y]]> b</p>", "html")
    assert document.block_text(document.body[0]) == "a y]]> b"


def test_a_paragraph_ending_in_a_no_break_space_flags_its_last_word() -> None:
    text = "Council budget\n\nThe council said it would\u00a0\n\nvote on the budget next week."
    [found] = [f for f in findings(text, "markdown") if f.rule == "paragraph-break-mid-sentence"]
    assert found.text == "would"


@pytest.mark.parametrize("space", ["\x1c", "\x1d", "\x1e", "\x1f", "\u00a0"])
def test_space_inside_quote_agrees_with_the_scanner_on_every_space(space: str) -> None:
    text = f'Council budget\n\nThe leader called it "a fair deal{space}" on Monday.'
    [found] = [f for f in findings(text, "text") if f.rule == "space-inside-quote"]
    assert found.text == f'{space}"'
    assert found.fix.edits[0].length == 1


def test_a_quote_mark_after_a_separator_control_at_the_edge_of_a_text() -> None:
    found = findings('0\x1f"', "text")
    assert [f.text for f in found if f.rule == "space-inside-quote"] == ['\x1f"']


@pytest.mark.parametrize("text, value", [("The firm hired ſix engineers.", "six"),
                                         ("It cost £2 mİllion last year.", "million")])
def test_number_words_that_case_fold_to_something_else(text: str, value: str) -> None:
    linter = Linter(Config(select=("headline-number-mismatch",)))
    headline = "Firm hires six engineers" if value == "six" else "Plan cost £2m"
    assert findings(f"{headline}\n\n{text}", "text", linter) == []


def test_a_figure_of_thousands_of_digits_is_not_a_small_number() -> None:
    linter = Linter(Config(select=("number-style",), profile="bbc"))
    huge = "1" * 5000
    text = f"Budget\n\nThe council counted {huge} votes. The clerk found 3 spoilt papers."
    found = findings(text, "text", linter)
    assert [f.text for f in found] == ["3"]


def test_a_lone_surrogate_escaped_in_json_reads_as_a_replacement_character(tmp_path) -> None:
    path = tmp_path / "post.json"
    path.write_text('{"title": {"rendered": "Budget \\udfff"}, "content": {"rendered": '
                    '"<p>The council would would \\udfff\\ud800 cut the budget.</p>"}}')
    result = CliRunner().invoke(main, ["check", str(path), "--output-format", "json"],
                                catch_exceptions=False)
    data = json.loads(result.stdout)
    [finding] = data["files"][0]["findings"]
    assert finding["rule"] == "repeated-word"
    assert finding["context"]["text"] == "The council would would \ufffd\ufffd cut the budget."
    assert read("story", "Headline\n\nA \udfff b.", "text").text == "Headline\n\nA \ufffd b."


def test_a_long_json_number_is_an_input_error_naming_the_limit() -> None:
    number = "1" * 100_000
    payload = f'{{"id": {number}, "title": {{"rendered": "Budget"}}, "content": {{}}}}'
    with pytest.raises(InputError) as raised:
        read("post.json", payload)
    assert raised.value.code == "too-large"
    assert f"{MAX_JSON_NUMBER_CHARS:,} characters" in raised.value.message
    fine = f'{{"id": {"9" * MAX_JSON_NUMBER_CHARS}, "title": {{"rendered": "Budget"}}}}'
    assert read("post.json", fine).format == "wordpress"


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_deep_json_is_an_input_error_naming_the_limit(depth: int) -> None:
    payload = '{"type": "story", "content_elements": [], "x": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(InputError) as raised:
        read("story.json", payload)
    assert raised.value.code == "too-deep"
    assert f"{MAX_JSON_DEPTH} levels" in raised.value.message


def test_json_at_the_depth_limit_is_read() -> None:
    inner = "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1)
    payload = '{"type": "story", "content_elements": [], "x": ' + inner + "}"
    assert read("story.json", payload).format == "ans"


def test_the_cli_reports_a_huge_number_as_a_file_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": ' + "1" * 100_000 + ', "title": {"rendered": "Budget"}}')
    good = tmp_path / "good.txt"
    good.write_text("Council budget\n\nThe council met on Monday.\n")
    result = CliRunner().invoke(main, ["check", str(bad), str(good), "--output-format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["bad.json"]["error"]["code"] == "too-large"
    assert files["good.txt"]["error"] is None


def test_an_article_over_the_size_limit_is_an_error_and_the_others_are_checked(
        tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text("max-document-bytes = 1000\n")
    (tmp_path / "long.txt").write_text("Long read\n\n" + "The council met. " * 100)
    (tmp_path / "wide.txt").write_text("Wide\n\n" + "é" * 600)  # 1,200 bytes, 600 characters
    (tmp_path / "short.txt").write_text("Council budget\n\nThe the council met on Monday.\n")
    (tmp_path / "big.json").write_text('{"data": "' + "x" * 2000 + '"}')
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--output-format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["long.txt"]["error"] == {
        "code": "too-large",
        "message": "the article is 1,711 bytes, over the 1,000-byte limit (`max-document-bytes`)"}
    assert files["wide.txt"]["error"]["message"].startswith("the article is 1,206 bytes")
    assert files["big.json"]["error"]["code"] == "too-large"  # too large to tell its shape
    assert files["short.txt"]["error"] is None
    assert [f["rule"] for f in files["short.txt"]["findings"]] == ["repeated-word"]


def test_the_size_limit_holds_for_text_given_as_a_string_and_for_fixing() -> None:
    linter = Linter(Config(max_document_bytes=100))
    text = "Council budget\n\n" + "The the council met. " * 10
    result = check_text("story.txt", text, linter, None)
    assert result.error.code == "too-large" and result.findings == []
    assert fix_text("story.txt", text, linter, None).text == text
    assert check_text("story.txt", text[:90], linter, None).error is None


def _at_stack_depth(depth: int, work):
    return _at_stack_depth(depth - 1, work) if depth else work()


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
def test_markup_nested_thousands_deep_is_read_without_deep_recursion(fmt: str) -> None:
    markup = "<div><span>" * 5_000 + "The council met on Monday."
    text = wordpress(markup) if fmt == "wordpress" else markup
    document = _at_stack_depth(400, lambda: read("story", text, fmt))  # a deep caller
    assert [document.block_text(b) for b in document.body] == ["The council met on Monday."]
    assert _at_stack_depth(400, lambda: EVERY_RULE.check(document)).failures == []


def test_a_run_of_comments_between_paragraphs_is_read_in_one_pass() -> None:
    """The gap between two blocks was matched with a lazy comment pattern that tried
    every split of a run of comments: exponential when the run is not followed by a
    sibling tag (the campaign's input hung)."""
    comments = "<!-- copydesk: disable=quotes -->" * 3_000
    text = f"<p>The council met.</p>{comments}<!x<p>It voted on Monday.</p>"
    document = read("story.html", text, "html")
    assert [document.block_text(b) for b in document.body] == [
        "The council met.", "It voted on Monday."]


def test_extract_keeps_to_the_size_limit_too(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text("max-document-bytes = 100\n")
    (tmp_path / "long.txt").write_text("Long read\n\n" + "The council met. " * 10)
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "long.txt"),
                                       "--output-format", "json"], catch_exceptions=False)
    assert result.exit_code == 2
    [entry] = json.loads(result.stdout)["files"]
    assert entry["error"]["code"] == "too-large"


def test_a_rule_failure_crosses_process_boundaries_whole() -> None:
    failure = RuleFailure("repeated-word", "ValueError: boom", "Traceback ...")
    copy = pickle.loads(pickle.dumps(RuleFailed(failure)))
    assert copy.failure == failure and str(copy) == "rule `repeated-word` failed: ValueError: boom"


def test_an_empty_list_item_among_lead_in_lines_is_no_block() -> None:
    text = "`\n\n-\ne\n\nr\ne"  # found by the campaign, shrunk
    document = read("story.md", text, "markdown")
    assert document.block_text(document.blocks[-1]) == "r\ne"
    findings(text, "markdown")


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
def test_a_decimal_reference_of_thousands_of_digits_is_a_replacement_character(fmt) -> None:
    huge = "9" * 5_000
    markup = f'<p title="&#{huge};">Prices rose &#{huge}; and &#00065; fell.</p>'
    text = wordpress(markup) if fmt == "wordpress" else markup
    document = read("story", text, fmt)
    assert document.block_text(document.body[0]) == "Prices rose \ufffd and A fell."
    findings(text, fmt)


def test_an_escaped_tag_at_the_end_of_a_text_is_text() -> None:
    """`&lt;yea` reaches the tokenizer's text handler as `<yea`, which looked like a
    tag left open (found by the campaign as a location error)."""
    document = read("story.html", "<p>Rates rose &lt;yea</p>", "html")
    assert document.block_text(document.body[0]) == "Rates rose <yea"
    assert render("&lt;yea") == "<yea"
    assert render("x <p") == "x "  # a tag left open at the end is dropped, as a browser does
