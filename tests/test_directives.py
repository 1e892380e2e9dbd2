"""Directives in plain text and Markdown alike: they switch off only the rules they
name, never hide copy from the check, and never join the paragraph they sit by."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.cli import main
from lint.readers import read
from lint.registry import default_registry
from lint.suppress import Suppressions, _names

PARAGRAPH = "Sales rose 12% to 431,733 vehicles in the year to March, the firm said."
SLIP = "The deal comes as JLR plans to sell the the car outside the U.S, the firm said."


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(tmp_path: Path, suffix: str, *blocks: str) -> Path:
    path = tmp_path / f"story{suffix}"
    path.write_text("Plant deal agreed\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def read_paragraphs(path: Path) -> list[str]:
    data = json.loads(invoke("extract", str(path), "--output-format", "json").output)
    return [p["text"] for p in data["files"][0]["paragraphs"]]


def reported(path: Path) -> list[tuple[str, str]]:
    """(rule, flagged source text) of each finding, in order."""
    data = json.loads(invoke("check", str(path), "--output-format", "json").output)
    text = path.read_text(encoding="utf-8")
    return [(f["rule"], text[f["location"]["offset"]:][:f["location"]["length"]])
            for f in data["files"][0]["findings"]]


@pytest.fixture(params=[".txt", ".md"])
def suffix(request: pytest.FixtureRequest) -> str:
    return request.param


def test_a_range_directly_around_a_paragraph_silences_only_its_rule(
        tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, suffix, "<!-- copydesk: disable=repeated-word -->\n"
                 f"{SLIP}\n<!-- copydesk: enable=repeated-word -->")
    assert read_paragraphs(path) == [SLIP]
    assert reported(path) == [("malformed-abbreviation", "U.S")]


def test_any_comment_directly_around_a_paragraph_leaves_it_in_the_copy(
        tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, suffix, f"<!-- an editor's note -->\n{SLIP}\n<!-- end of note -->")
    assert read_paragraphs(path) == [SLIP]
    assert [rule for rule, _ in reported(path)] == ["repeated-word", "malformed-abbreviation"]


def test_disable_next_directly_above_is_not_part_of_the_paragraph(
        tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, suffix, PARAGRAPH,
                 f"<!-- copydesk: disable-next=repeated-word -->\n{PARAGRAPH}", PARAGRAPH)
    assert read_paragraphs(path) == [PARAGRAPH] * 3
    rules = [rule for rule, _ in reported(path)]
    assert rules.count("duplicate-paragraph") == 2
    assert "unused-directive" in rules  # it names a rule with nothing to silence there


def test_disable_next_silences_the_next_paragraph_only(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, suffix, PARAGRAPH,
                 f"<!-- copydesk: disable-next=duplicate-paragraph -->\n{PARAGRAPH}", PARAGRAPH)
    found = json.loads(invoke("check", str(path), "--output-format", "json").output)
    lines = [f["location"]["line"] for f in found["files"][0]["findings"]]
    assert lines == [8]


def test_a_directive_inside_a_paragraph_works_from_where_it_stands(
        tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, suffix, "The fair opens on on Saturday. "
                 "<!-- copydesk: disable=repeated-word --> It runs until until Monday.",
                 "The food food was good.")
    assert reported(path) == [("repeated-word", "on on")]


def test_of_directives_above_one_paragraph_the_first_naming_a_rule_silences_it(
        tmp_path: Path, suffix: str) -> None:
    first, every, again = ("<!-- copydesk: disable-next=repeated-word -->",
                           "<!-- copydesk: disable-next -->",
                           "<!-- copydesk: disable-next=repeated-word -->")
    path = write(tmp_path, suffix, f"{first}\n{every}\n{again}\nIt was the the end.")
    # The first silences the slip; the others silence nothing.
    data = json.loads(invoke("check", str(path), "--output-format", "json").output)
    found = [(f["rule"], f["location"]["offset"]) for f in data["files"][0]["findings"]]
    text = path.read_text(encoding="utf-8")
    assert found == [("unused-directive", text.index(every)),
                     ("unused-directive", text.rindex(again))]


def test_unknown_and_malformed_directives_are_reported(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, suffix, f"<!-- copydesk: disable=no-such-rule -->\n{SLIP}",
                 f"<!-- copydesk disable=repeated-word -->\n{PARAGRAPH}")
    assert read_paragraphs(path) == [SLIP, PARAGRAPH]
    assert reported(path) == [
        ("unused-directive", "<!-- copydesk: disable=no-such-rule -->"),
        ("repeated-word", "the the"), ("malformed-abbreviation", "U.S"),
        ("unused-directive", "<!-- copydesk disable=repeated-word -->")]
    ignored = json.loads(invoke("check", str(path), "--ignore", "unused-directive",
                                "--output-format", "json").output)
    assert "unused-directive" not in {f["rule"] for f in ignored["files"][0]["findings"]}


def test_a_crlf_file_keeps_its_paragraph_lines_together(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Headline\r\n\r\nFirst line\r\nsecond line.\r\n\r\nNext.\r\n")
    assert read_paragraphs(path) == ["First line\r\nsecond line.", "Next."]


def test_a_directive_shown_as_markdown_code_is_an_example(tmp_path: Path) -> None:
    path = write(tmp_path, ".md", "Write `<!-- copydesk: disable=repeated-word -->` above it.",
                 "```html\n<!-- copydesk: disable-next=no-such-rule -->\n```",
                 "    <!-- copydesk disable -->", "It was the the best year.")
    assert reported(path) == [("repeated-word", "the the")]


# Directives and paragraphs in any order, in every reader that keeps comments.
_PIECES = st.sampled_from([
    "<!-- copydesk: disable -->", "<!-- copydesk: enable -->",
    "<!-- copydesk: disable=repeated-word -->", "<!-- copydesk: enable=repeated-word -->",
    "<!-- copydesk: disable=typography -->", "<!-- copydesk: disable-next -->",
    "<!-- copydesk: disable-next=repeated-word -->", "<!-- copydesk: disable-next-paragraph -->",
    "<!-- copydesk disable -->", PARAGRAPH, SLIP, "Short one.", "\n\n", "\n", " ",
])


def _silenced_by_definition(document, suppressions: Suppressions, rule: str, source: int,
                            offset: int) -> bool:
    """Whether a directive silences `rule` at `offset`, found by reading them all: the
    `disable-next` directives whose next block of the source holds the offset, and
    the last `disable` or `enable` naming the rule at or before it."""
    for d in suppressions._directives.get(source, ()):
        if d.action.startswith("disable-next") and _names(d, rule):
            spans = [document.spans.to_source(b.start, b.end) for b in document.blocks]
            following = next(((s, e) for i, s, e in spans if i == source and s >= d.end), None)
            if following and following[0] <= offset < following[1]:
                return True
    toggles = [d for d in suppressions._directives.get(source, ())
               if d.action in ("disable", "enable") and d.start <= offset and _names(d, rule)]
    return bool(toggles) and toggles[-1].action == "disable"


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["text", "markdown", "html"]),
       st.lists(st.tuples(st.sampled_from(["repeated-word", "missing-space-after-punctuation",
                                           "unused-directive"]), st.integers(0, 3000)),
                max_size=20))
def test_a_rule_is_silenced_where_its_directives_say(text: str, fmt: str,
                                                     asked: list[tuple[str, int]]) -> None:
    document = read("story", text, fmt)
    suppressions = Suppressions(document, default_registry().expand)
    for rule, offset in asked:
        offset = min(offset, len(text))
        assert (suppressions.silenced(rule, 0, offset)
                == _silenced_by_definition(document, suppressions, rule, 0, offset))
