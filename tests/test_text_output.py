"""The full and concise output as a journalist reads it: paragraphs numbered as a
reader counts them, a long span marked where it starts, the line shown from its
start, plain plurals, each piece of advice said once, and no "No findings." under
an error."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lint.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
DEFECTIVE = FIXTURES / "plant-deal.txt"
PARAGRAPH = "Sales of Chery cars in the UK have risen sharply since the brand arrived in 2023."


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_subheadings_are_not_counted_as_paragraphs(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(f"# Plant deal agreed\n\nBy Tom Jervis\n\nThe deal was signed.\n\n"
                     f"## What happens next\n\n{PARAGRAPH}\n\nThird paragraph.\n\n{PARAGRAPH}\n",
                     encoding="utf-8")
    result = invoke("check", str(story), "--select", "duplicate-paragraph",
                    "--output-format", "concise")
    assert "Paragraph 4 repeats paragraph 2 word for word." in result.output
    listing = invoke("extract", str(story)).output
    assert "  heading        7:4          What happens next" in listing
    assert "  paragraph 4    13:1" in listing


def test_a_headline_and_standfirst_on_consecutive_lines_are_not_paragraphs(
        tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Plant deal agreed\nThe carmaker will build SUVs at Halewood\n\n"
                     "By Tom Jervis\n\n12 March 2025\n\nThe deal was signed.\n\n"
                     f"{PARAGRAPH}\n\nThird paragraph.\n\n{PARAGRAPH}\n", encoding="utf-8")
    result = invoke("check", str(story), "--select", "duplicate-paragraph",
                    "--output-format", "concise")
    assert "Paragraph 4 repeats paragraph 2 word for word." in result.output
    listing = invoke("extract", str(story)).output.splitlines()
    assert [line.split()[0] for line in listing[1:5]] == [
        "headline", "standfirst", "byline", "dateline"]


def test_a_whole_paragraph_is_marked_where_it_starts() -> None:
    lines = invoke("check", str(DEFECTIVE), "--select", "duplicate-paragraph").output.splitlines()
    at = lines.index(next(line for line in lines if "duplicate-paragraph" in line))
    assert lines[at + 1].startswith("   19 | Sales of Chery cars in the UK have risen sharply")
    assert lines[at + 2] == "      | ^ the whole paragraph"
    assert not any("^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^" in line for line in lines)


def test_the_line_is_shown_from_its_start_when_the_span_fits(tmp_path: Path) -> None:
    output = invoke("check", str(DEFECTIVE), "--select", "malformed-abbreviation").output
    assert "   21 | The deal comes as JLR prepares to sell its first electric Range Rover " \
           "outside the U.S, with models d…" in output
    assert "      | " + " " * 82 + "^^^\n" in output


def test_advice_is_said_once_and_counts_read_as_english() -> None:
    output = invoke("check", str(DEFECTIVE)).output
    assert "write `US`" in output and "write instead: US" not in output
    assert "      = write instead: By: Tom" in output  # the message does not say it
    assert output.endswith("Found 6 findings (2 errors, 4 warnings; 2 fixable with --fix).\n")


def test_an_empty_article_is_no_error_and_has_no_findings(tmp_path: Path) -> None:
    for name, content in (("slot.txt", b""), ("slot.md", b" \n\n"), ("slot.json", b"")):
        (tmp_path / name).write_bytes(content)
        result = invoke("check", str(tmp_path / name))
        assert (result.exit_code, result.output) == (0, "No findings.\n")
    slot = tmp_path / "slot.txt"
    assert invoke("extract", str(slot)).output == f"{slot} (text)\n"


def test_an_error_is_not_followed_by_no_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff not text")
    result = invoke("check", str(bad))
    assert result.exit_code == 2
    assert result.output == f"{bad}: error: not valid UTF-8 (byte 0: 0xff) [invalid-utf8]\n"
    clean = invoke("check", str(bad), str(FIXTURES / "council-budget.txt")).output
    assert clean.endswith("[invalid-utf8]\nNo findings in the other files.\n")


def test_a_list_item_or_quote_near_the_top_keeps_all_its_lines(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("# Plant deal\n\nBy Tom Jervis\nConsumer reporter\n\n"
                     "- The plant will build cars\n  from 2027, the firm said.\n\n"
                     "> Sales rose sharply\n> in March.\n", encoding="utf-8")
    listing = invoke("extract", str(story)).output
    assert "from 2027, the firm said." in listing and "in March." in listing
