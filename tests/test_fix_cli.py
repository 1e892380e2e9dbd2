"""`--fix` as a subeditor meets it: it says what it changed, fixes standard input to
standard output, and applies unsafe fixes only when asked."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lint.cli import main

PARAGRAPH = "Sales rose 12% to 431,733 vehicles in the year to March, the firm said."
STORY = ("Jaguar Land Rover agrees plant deal\n\nBy Tom Jervis\n\n"
         f"{PARAGRAPH}\n\nIt was the the best year since 2012.\n\n{PARAGRAPH}\n\n"
         "Jaguar-Land Rover will build cars there from 2027, the firm said.\n")
FIXED = ("Jaguar Land Rover agrees plant deal\n\nBy Tom Jervis\n\n"
         f"{PARAGRAPH}\n\nIt was the best year since 2012.\n\n"
         "Jaguar-Land Rover will build cars there from 2027, the firm said.\n")
# name-variant's fix is unsafe: the two spellings may name two different things.
SELECT = ("--select", "duplicates,name-variant")


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(main, [*args, *SELECT], input=input, catch_exceptions=False)


def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_fix_says_what_it_fixed_and_what_remains(tmp_path: Path) -> None:
    path = story(tmp_path)
    result = invoke("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED
    assert result.stdout.endswith(
        "Fixed 2 findings (1 duplicate-paragraph, 1 repeated-word); 1 remains.\n")
    assert f"{path}: fixed" not in result.output
    assert result.exit_code == 1


def test_fix_verbose_says_it_per_file(tmp_path: Path) -> None:
    path = story(tmp_path)
    result = invoke("check", "--fix", "--verbose", "--output-format", "concise", str(path))
    assert f"{path}: fixed 1 duplicate-paragraph, 1 repeated-word\n" in result.stdout


def test_fix_with_nothing_to_fix_says_so(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(f"Plant deal agreed\n\n{PARAGRAPH}\n", encoding="utf-8")
    result = invoke("check", "--fix", str(path))
    assert result.stdout.endswith("No findings.\nNothing fixed; none remain.\n")
    assert result.exit_code == 0


def test_machine_formats_keep_the_summary_off_stdout(tmp_path: Path) -> None:
    result = invoke("check", "--fix", "--output-format", "json", str(story(tmp_path)))
    assert result.stdout.lstrip().startswith("{") and result.stdout.rstrip().endswith("}")
    assert "Fixed 2 findings" in result.stderr


def test_fix_on_stdin_writes_the_fixed_text_to_stdout() -> None:
    result = invoke("check", "-", "--fix", "--stdin-filename", "story.txt", input=STORY)
    assert result.stdout == FIXED
    assert "story.txt:9:1: warning name-variant" in result.stderr
    assert "Fixed 2 findings" in result.stderr
    assert result.exit_code == 1


def test_diff_on_stdin_prints_the_diff() -> None:
    result = invoke("check", "-", "--diff", "--stdin-filename", "story.txt", input=STORY)
    assert result.stdout.startswith("--- a/story.txt\n+++ b/story.txt\n")
    assert "-It was the the best year" in result.stdout
    assert f"-{PARAGRAPH}\n" in result.stdout
    assert result.exit_code == 1


def test_unsafe_fixes_apply_only_when_asked(tmp_path: Path) -> None:
    safe = invoke("check", "-", "--diff", input=STORY).stdout
    assert "-It was the the best year" in safe
    assert "-Jaguar-Land Rover will" not in safe
    unsafe = invoke("check", "-", "--diff", "--unsafe-fixes", input=STORY).stdout
    assert "-Jaguar-Land Rover will build" in unsafe
    assert "+Jaguar Land Rover will build" in unsafe
    path = story(tmp_path)
    result = invoke("check", "--fix", "--unsafe-fixes", str(path))
    assert "\nJaguar Land Rover will build" in path.read_text(encoding="utf-8")
    assert result.stdout.endswith("Fixed 3 findings (1 duplicate-paragraph, 1 name-variant, "
                                  "1 repeated-word); none remain.\n")
