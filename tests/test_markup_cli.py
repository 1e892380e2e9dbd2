"""`copydesk extract` and the CLI on HTML and CMS payloads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from lint.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
VERSIONS = ("plant-deal.html", "plant-deal.wp.json", "plant-deal.ans.json")
HEADLINE = "Jaguar Land Rover agrees Halewood plant deal with Chery"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_extract_lists_each_block_with_its_place() -> None:
    result = invoke("extract", str(FIXTURES / "plant-deal.html"))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].endswith("plant-deal.html (html)")
    assert lines[1].split()[:2] == ["headline", "14:13"]
    assert any(line.split()[:3] == ["paragraph", "6", "30:12"] for line in lines)


def test_extract_json_has_the_documented_shape() -> None:
    result = invoke("extract", "--output-format", "json", *(str(FIXTURES / v) for v in VERSIONS))
    files = json.loads(result.output)["files"]
    assert [f["format"] for f in files] == ["html", "wordpress", "ans"]
    for extracted in files:
        assert extracted["headline"]["text"] == HEADLINE
        assert len(extracted["paragraphs"]) == 10
        assert extracted["captions"][0]["text"] == "New Chery Tiggo 9 2025 UK review - head on"
    assert files[2]["paragraphs"][5]["location"]["element_id"] == "PLANTDEALP0006"
    assert files[1]["paragraphs"][5]["location"]["field"] == "content.rendered"


def test_check_walks_folders_for_html_and_json(tmp_path: Path) -> None:
    for version in VERSIONS:
        shutil.copy(FIXTURES / version, tmp_path / version)
    result = invoke("check", "--output-format", "json", str(tmp_path))
    report = json.loads(result.output)
    assert sorted(f["format"] for f in report["files"]) == ["ans", "html", "wordpress"]
    assert all(any(x["rule"] == "duplicate-paragraph" for x in f["findings"])
               for f in report["files"])


def test_named_bad_json_is_an_error_and_the_other_files_are_still_read(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"title": ', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"items": []}', encoding="utf-8")
    shutil.copy(FIXTURES / "plant-deal.html", tmp_path / "story.html")
    named = [str(tmp_path / n) for n in ("broken.json", "other.json", "story.html")]
    result = invoke("check", "--output-format", "json", *named)
    assert result.exit_code == 2
    errors = {Path(f["path"]).name: f["error"] for f in json.loads(result.output)["files"]}
    assert errors["broken.json"]["code"] == "invalid-json"
    assert errors["other.json"]["code"] == "unknown-json"
    assert errors["story.html"] is None
    extracted = invoke("extract", *named)
    assert extracted.exit_code == 2 and "story.html (html)" in extracted.output


def test_a_folder_walk_skips_the_valid_json_that_is_no_cms_payload(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "site"}', encoding="utf-8")
    (tmp_path / "tsconfig.json").write_text("{// comments\n}", encoding="utf-8")
    shutil.copy(FIXTURES / "plant-deal.ans.json", tmp_path / "story.json")
    result = invoke("check", "--output-format", "json", str(tmp_path))
    assert [(Path(f["path"]).name, f["error"] and f["error"]["code"])
            for f in json.loads(result.output)["files"]] == [("story.json", None),
                                                             ("tsconfig.json", "invalid-json")]


def test_format_can_be_forced() -> None:
    result = invoke("extract", "--format", "text", str(FIXTURES / "plant-deal.html"))
    assert "(text)" in result.output.splitlines()[0]


def test_fix_on_html_removes_the_copy_and_keeps_the_markup_around_it(tmp_path: Path) -> None:
    para = ("Sales of Chery cars in the UK have risen sharply since the brand arrived in 2023, "
            "and the company now sells more cars here than in any market outside China.")
    page = tmp_path / "story.html"
    page.write_text(f"<div class='box'><p>{para}</p></div>\n<aside>Keep me</aside>\n"
                    f"<p>{para}</p>\n<p>Between the copies.</p>\n<p>{para}</p>\n",
                    encoding="utf-8")
    invoke("check", "--fix", str(page))
    assert page.read_text(encoding="utf-8") == (
        f"<div class='box'><p>{para}</p></div>\n<aside>Keep me</aside>\n"
        f"<p></p>\n<p>Between the copies.</p>\n")
