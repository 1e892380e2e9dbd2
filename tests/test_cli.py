"""The command line as users meet it: exit codes, outputs, fixes, errors and config."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
DEFECTIVE = FIXTURES / "plant-deal.txt"
CLEAN = FIXTURES / "council-budget.txt"
DUPLICATE = (
    "Sales of Chery cars in the UK have risen sharply since the brand arrived in 2023, and the "
    "company now sells more cars here than in any market outside China. Last year it sold 42,000 "
    "cars in the UK, up from 11,000 the year before."
)


def invoke(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    shutil.copy(DEFECTIVE, path)
    return path


def test_clean_article_exits_zero() -> None:
    result = invoke("check", str(CLEAN))
    assert result.exit_code == 0
    assert "No findings." in result.output


def test_findings_exit_one_and_point_at_the_later_copy() -> None:
    result = invoke("check", "--select", "duplicate-paragraph", "--output-format", "concise",
                    str(DEFECTIVE))
    assert result.exit_code == 1
    assert f"{DEFECTIVE}:19:1: error duplicate-paragraph [*] Paragraph 6 repeats" in result.output


def test_fail_on_and_exit_zero() -> None:
    near = str(FIXTURES / "council-budget-near.txt")
    assert invoke("check", near).exit_code == 1
    assert invoke("check", "--fail-on", "error", near).exit_code == 0
    assert invoke("check", "--exit-zero", near).exit_code == 0


def test_json_output_follows_the_contract() -> None:
    result = invoke("check", "--select", "duplicates", "--output-format", "json", str(DEFECTIVE))
    data = json.loads(result.output)
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "copydesk", "version": "0.1.0"}
    finding = data["files"][0]["findings"][0]
    text = DEFECTIVE.read_text(encoding="utf-8")
    loc = finding["location"]
    assert text[loc["offset"]:loc["offset"] + loc["length"]] == DUPLICATE
    assert (loc["line"], loc["column"], loc["end_line"]) == (19, 1, 19)
    assert finding["related"][0]["location"]["line"] == 15
    assert finding["fix"]["safe"] is True
    assert data["summary"] == {"files": 1, "findings": 1, "error": 1, "warning": 0, "info": 0}


def test_fix_removes_only_the_later_copy(article: Path) -> None:
    before = article.read_text(encoding="utf-8")
    result = invoke("check", "--fix", "--select", "duplicate-paragraph", str(article))
    assert result.exit_code == 0
    after = article.read_text(encoding="utf-8")
    second = before.index(DUPLICATE, before.index(DUPLICATE) + 1)
    assert after == before[:second - 2] + before[second + len(DUPLICATE):]


def test_diff_shows_the_fix_and_writes_nothing(article: Path) -> None:
    before = article.read_bytes()
    result = invoke("check", "--diff", "--select", "duplicate-paragraph", str(article))
    assert result.exit_code == 1
    assert f"-{DUPLICATE}" in result.output
    assert article.read_bytes() == before


def test_diff_exits_1_for_a_fix_shown_whatever_fail_on_and_0_with_exit_zero(
        article: Path) -> None:
    select = ("--select", "duplicate-paragraph")
    assert invoke("check", "--diff", *select, "--fail-on", "error", str(article)).exit_code == 1
    quiet = invoke("check", "--diff", *select, "--exit-zero", str(article))
    assert (quiet.exit_code, f"-{DUPLICATE}" in quiet.output) == (0, True)
    assert invoke("check", "--diff", "--select", "double-space", str(article)).exit_code == 0


def test_diff_names_the_files_it_could_not_read_on_standard_error(
        article: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = invoke("check", "--diff", "--select", "duplicate-paragraph", str(article),
                    str(missing))
    assert result.exit_code == 2
    assert result.stdout.startswith("--- a/") and f"-{DUPLICATE}" in result.stdout
    assert result.stderr == f"{missing}: error: no such file [not-found]\n"


def test_the_report_file_gets_its_folder_made_or_a_one_line_error(
        article: Path, tmp_path: Path) -> None:
    report = tmp_path / "new" / "folder" / "report.json"
    made = invoke("check", "--output-format", "json", "-o", str(report), str(article))
    assert made.exit_code == 1 and json.loads(report.read_text())["files"]
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    refused = invoke("check", "-o", str(blocked / "report.json"), str(article))
    assert refused.exit_code == 2
    assert refused.stderr == (f"copydesk: error: cannot write the report to "
                              f"{blocked / 'report.json'}: Not a directory\n")


def test_fix_keeps_crlf_line_endings_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = DEFECTIVE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    invoke("check", "--fix", "--select", "duplicate-paragraph", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.decode("utf-8-sig").count(DUPLICATE) == 1


@pytest.mark.parametrize(("mark", "codec"), [
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
])
def test_unicode_text_with_a_byte_order_mark_is_read_and_fixed_in_its_encoding(
        tmp_path: Path, mark: bytes, codec: str) -> None:
    # What Windows editors save as "Unicode". Locations count characters, as in UTF-8.
    path = tmp_path / "story.txt"
    text = "Plant deal\n\nThe “deal”  was done.\n"
    path.write_bytes(mark + text.encode(codec))
    found = json.loads(invoke("check", "--output-format", "json", "--select", "double-space",
                              str(path)).output)["files"][0]["findings"]
    locations = [f["location"] for f in found]
    assert [(at["line"], at["column"]) for at in locations] == [(3, 5)]
    assert [text[at["offset"]:at["offset"] + at["length"]] for at in locations] == [
        "“deal”  was"]
    invoke("check", "--fix", "--select", "double-space", str(path))
    assert path.read_bytes() == mark + "Plant deal\n\nThe “deal” was done.\n".encode(codec)


def test_stdin_with_a_filename() -> None:
    result = invoke("check", "-", "--stdin-filename", "story.md", "--output-format", "json",
                    input=DEFECTIVE.read_bytes())
    data = json.loads(result.output)
    assert data["files"][0]["path"] == "story.md"
    assert data["files"][0]["format"] == "markdown"


@pytest.mark.parametrize(("content", "code"), [
    (b"\xff not text", "invalid-utf8"),
    (b"ab\x00cd", "binary"),
    (b"\xff\xfe" + "odd bytes".encode("utf-16-le") + b"!", "invalid-charset"),
])
def test_bad_files_are_errors_and_the_others_are_still_checked(
        tmp_path: Path, content: bytes, code: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = invoke("check", "--output-format", "json", str(bad), str(DEFECTIVE))
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert files["bad.txt"]["error"]["code"] == code
    assert files["bad.txt"]["findings"] == []
    assert files["plant-deal.txt"]["findings"]


def test_missing_file_is_an_error() -> None:
    result = invoke("check", "--output-format", "concise", "no/such/story.txt")
    assert result.exit_code == 2
    assert "no/such/story.txt: error: no such file" in result.output


def test_directories_are_walked_and_exclude_honoured(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    shutil.copy(DEFECTIVE, tmp_path / "drafts" / "old.md")
    shutil.copy(CLEAN, tmp_path / "clean.txt")
    (tmp_path / "notes.csv").write_text("a,b\n")
    (tmp_path / "copydesk.toml").write_text('exclude = ["drafts"]\n')
    result = invoke("check", "--output-format", "json", str(tmp_path))
    assert [Path(f["path"]).name for f in json.loads(result.output)["files"]] == ["clean.txt"]
    forced = invoke("check", "--force-exclude", "--output-format", "json",
                    str(tmp_path / "drafts" / "old.md"))
    assert json.loads(forced.output)["files"] == []


@pytest.mark.parametrize(("config", "message"), [
    ('selct = ["duplicates"]\n', "unknown configuration key `selct`"),
    ('select = ["no-such-rule"]\n', "unknown rule or category 'no-such-rule'"),
    ('[rules.near-duplicate-paragraph]\nthreshhold = 80\n', "has no option 'threshhold'"),
    ('[rules.near-duplicate-paragraph]\nthreshold = "high"\n', "expects int"),
    ('[severity]\nrepeated-word = "fatal"\n', "must be one of info, warning, error"),
    ('select = "duplicates"\n', "`select` must be a list of strings"),
    ("select = [\n", "invalid TOML"),
    ("max-document-bytes = 0\n", "`max-document-bytes` must be a whole number above 0"),
    ('max-document-bytes = "5MB"\n', "`max-document-bytes` must be a whole number above 0"),
])
def test_configuration_errors_exit_two_with_one_line(
        tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "copydesk.toml").write_text(config)
    shutil.copy(CLEAN, tmp_path / "story.txt")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "story.txt")])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_pyproject_configuration_is_discovered(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.copydesk]\nselect = ["near-duplicate-paragraph"]\n'
        '[tool.copydesk.rules.near-duplicate-paragraph]\nthreshold = 95\n')
    shutil.copy(FIXTURES / "council-budget-near.txt", tmp_path / "story.txt")
    assert invoke("check", str(tmp_path / "story.txt")).exit_code == 0


def test_a_pyproject_named_without_a_copydesk_table_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "desk"\n')
    shutil.copy(CLEAN, tmp_path / "story.txt")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "pyproject.toml"),
                                       str(tmp_path / "story.txt")])
    assert (result.exit_code, result.output) == (
        2, f"copydesk: error: {tmp_path / 'pyproject.toml'}: no [tool.copydesk] table\n")


def test_severity_override_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "live").mkdir()
    shutil.copy(FIXTURES / "council-budget-near.txt", tmp_path / "live" / "blog.txt")
    shutil.copy(FIXTURES / "council-budget-near.txt", tmp_path / "story.txt")
    (tmp_path / "copydesk.toml").write_text(
        '[severity]\nnear-duplicate-paragraph = "info"\n'
        '[per-file-ignores]\n"live/**" = ["duplicates"]\n')
    result = invoke("check", "--output-format", "json", str(tmp_path))
    files = {Path(f["path"]).name: f["findings"] for f in json.loads(result.output)["files"]}
    assert files["blog.txt"] == []
    assert [f["severity"] for f in files["story.txt"]] == ["info"]
    assert result.exit_code == 0


def test_statistics() -> None:
    result = invoke("check", "--statistics", "--select", "duplicates", str(DEFECTIVE))
    assert result.output == (
        "1\tduplicate-paragraph\t[*] A body paragraph that repeats an earlier one word for word.\n"
        "1\ttotal\tin 1 of 1 file\n")


def test_rules_and_explain() -> None:
    listing = invoke("rules", "--output-format", "json")
    names = {r["name"] for r in json.loads(listing.output)}
    assert {"duplicate-paragraph", "near-duplicate-paragraph"} <= names
    page = invoke("explain", "near-duplicate-paragraph").output
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead",
                    "## Options", "`threshold`"):
        assert section in page
    unknown = CliRunner().invoke(main, ["explain", "no-such-rule"])
    assert unknown.exit_code == 2
    assert "unknown rule" in unknown.output


def test_explain_a_category_lists_its_rules() -> None:
    lines = invoke("explain", "duplicates").output.splitlines()
    assert lines[0] == "duplicates: 6 rules; `copydesk explain RULE` shows one."
    assert [line.split()[0] for line in lines[1:]] == [
        "duplicate-article", "duplicate-paragraph", "duplicate-sentence",
        "near-duplicate-paragraph", "recycled-paragraph", "repeated-word"]
    assert lines[-1].endswith("A word typed twice in a row: `the the`.")


def test_module_entry_point_and_version() -> None:
    done = subprocess.run([sys.executable, "-m", "lint", "--version"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "copydesk, version 0.1.0"


def test_no_colour_outside_a_terminal() -> None:
    assert "\x1b[" not in invoke("check", str(DEFECTIVE)).output


def test_worker_processes_give_the_same_report() -> None:
    one = invoke("check", "--jobs", "1", "--output-format", "json", str(FIXTURES))
    two = invoke("check", "--jobs", "2", "--output-format", "json", str(FIXTURES))
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output
    assert len(json.loads(two.output)["files"]) >= 6


def test_fix_writes_a_page_back_in_its_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_bytes('<html><head><meta charset="windows-1252"></head><body>'
                     '<h1>Caf\u00e9 deal</h1><p>The caf\u00e9 owner signed the the lease on '
                     'Monday after a long search for a site in the town centre.</p>'
                     '<p>The lease runs for ten years from next month, the landlord said on '
                     'Tuesday.</p></body></html>'.encode("cp1252"))
    result = invoke("check", "--fix", str(page))
    assert result.exit_code == 0, result.output
    assert page.read_bytes().decode("cp1252").count("the the") == 0
    assert "caf\u00e9 owner signed the lease" in page.read_bytes().decode("cp1252")
