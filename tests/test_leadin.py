"""The lead-in model: what stands between the headline and the first paragraph."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import examples
from lint.readers import leadin, read


def kinds(text: str, format: str = "text") -> list[str]:
    document = read("article.txt", text, format)
    return [b.kind for b in document.blocks]


STORY = "Jaguar Land Rover has agreed to share its Halewood factory with Chery."


def test_byline_dateline_and_caption() -> None:
    text = (f"Plant deal\n\nBy:Tom Jervis\n\n12 March 2025\n\n"
            f"New Chery Tiggo 9 review - head on\n\n{STORY}\n")
    assert kinds(text) == ["headline", "byline", "dateline", "caption", "paragraph"]


def test_job_title_under_the_byline_and_a_time_stamp_are_not_captions() -> None:
    text = (f"Plant deal\n\nBy Tom Jervis\n\nConsumer reporter\n\nUpdated 14:05 GMT\n\n"
            f"Photo: Getty Images\n\n{STORY}\n")
    assert kinds(text) == ["headline", "byline", "byline", "dateline", "caption", "paragraph"]


def test_standfirst_before_the_byline() -> None:
    text = f"Plant deal\n\nJobs saved on Merseyside\n\nBy Tom Jervis\n\n{STORY}\n"
    assert kinds(text) == ["headline", "standfirst", "byline", "paragraph"]


def test_markdown_lead_in() -> None:
    text = f"# Plant deal\n\nBy Tom Jervis\n\nThe Halewood plant from the air\n\n{STORY}\n"
    assert kinds(text, "markdown") == ["headline", "byline", "caption", "paragraph"]


def test_without_byline_or_dateline_a_short_line_is_body() -> None:
    # Nothing marks the end of the lead-in, so a caption cannot be told from copy.
    assert kinds(f"Plant deal\n\nThe Halewood plant\n\n{STORY}\n") == [
        "headline", "paragraph", "paragraph"]


@pytest.mark.parametrize(("text", "format", "expected"), [
    (f"{STORY}\n", "text", ["paragraph"]),  # one paragraph sent to be checked
    ("Plant deal\n", "text", ["paragraph"]),
    ("# Plant deal\n", "markdown", ["headline"]),  # marked up as one
    (f"Plant deal\n\n{STORY}\n", "text", ["headline", "paragraph"]),
])
def test_a_lone_line_is_body_unless_marked_up_as_a_headline(
        text: str, format: str, expected: list[str]) -> None:
    assert kinds(text, format) == expected


def test_a_sentence_after_the_byline_starts_the_body() -> None:
    assert kinds(f"Plant deal\n\nBy Tom Jervis\n\n{STORY}\n\nConsumer reporter\n") == [
        "headline", "byline", "paragraph", "paragraph"]


@pytest.mark.parametrize("line", ["Consumer reporter", "Business editor, Daily Post",
                                  "Senior correspondent"])
def test_job_titles(line: str) -> None:
    assert leadin.is_job_title(line)


@pytest.mark.parametrize("line", ["The reporter said the deal was done.", "Halewood plant"])
def test_not_job_titles(line: str) -> None:
    assert not leadin.is_job_title(line)


def test_a_pasted_lead_in_block_is_read_line_by_line() -> None:
    text = (f"Plant deal\n\nBy:Tom Jervis\n12 March 2025\nNew Chery Tiggo 9 review - head on\n\n"
            f"{STORY}\n")
    assert kinds(text) == ["headline", "byline", "dateline", "caption", "paragraph"]
    assert kinds(text.replace("# ", ""), "markdown") == kinds(text)


def test_headline_and_byline_in_one_block() -> None:
    assert kinds(f"Plant deal\nBy Tom Jervis\n12 March 2025\n{STORY}\n") == [
        "headline", "byline", "dateline", "paragraph"]


def test_a_block_without_byline_or_dateline_is_not_split() -> None:
    text = f"Plant deal\n\nBy Tom Jervis\n\nThe Halewood plant\nfrom the air\n{STORY}\n"
    assert kinds(text) == ["headline", "byline", "paragraph"]


LEAD_IN_LINES = ["Plant deal", "By Tom Jervis", "Consumer reporter", "12 March 2025",
                 "Updated 14:05 GMT", "Photo: Getty Images", "The Halewood plant", STORY,
                 "Two\nlines", ""]


@given(st.lists(st.sampled_from(LEAD_IN_LINES), max_size=2 * leadin.READ_BLOCKS))
@settings(max_examples=examples(300))
def test_the_kinds_are_read_from_the_first_blocks_alone(blocks: list[str]) -> None:
    # The Markdown reader renders only these blocks for the lead-in model.
    leading = leadin.classify(blocks[:leadin.READ_BLOCKS])
    assert leadin.classify(blocks) == leading + [None] * (len(blocks) - len(leading))
