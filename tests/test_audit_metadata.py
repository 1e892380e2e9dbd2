"""Article metadata for audits: front matter, HTML <meta> tags, CMS fields and dates,
from the forms sources write, and nothing (never an exception) from odd input."""

from __future__ import annotations

import pytest

from lint.audit import metadata


def test_front_matter_reads_the_flat_subset_of_yaml() -> None:
    text = ("---\ntitle: 'Quoted: with a colon'\ndate: 2024-02-14 09:30\n"
            "authors: [Ann Lee, Bo Ma]\n"
            "tags:\n  - ignored\ncategories:\n  - Local\n  - Politics\nseo:\n  title: nested\n"
            "permalink: /local/story/\n---\n\n# Heading\n")
    assert metadata.front_matter(text) == {
        "headline": "Quoted: with a colon", "date": "2024-02-14T09:30", "author": "Ann Lee",
        "section": "Local", "url": "/local/story/"}


def test_front_matter_reads_the_top_level_values_of_toml() -> None:
    # Hugo's: dates are TOML's own type, tables are skipped.
    text = ('+++\ntitle = "Council approves 12 homes"\ndate = 2024-03-01T09:30:00Z\n'
            'draft = false\nauthors = ["Ann Lee", "Bo Ma"]\ncategories = []\nsection = "Local"\n'
            '[params]\nurl = "/nested/"\n+++\n\nThe council met.\n')
    assert metadata.front_matter(text) == {
        "headline": "Council approves 12 homes", "date": "2024-03-01T09:30:00+00:00",
        "author": "Ann Lee", "section": "Local", "url": None}


@pytest.mark.parametrize("text", ["# No front matter\n", "---\ntitle: never closed\n", "",
                                  "---\n: no key\n---\n", '+++\ntitle = "never closed"\n',
                                  '+++\ntitle = "unterminated\n+++\n',
                                  "+++\na = " + "[" * 50_000 + "\n+++\n"])
def test_no_front_matter_gives_nothing(text: str) -> None:
    assert metadata.front_matter(text) == metadata.empty()


def test_html_meta_tags_in_the_head_only() -> None:
    page = ("<html><head><meta content='2024-03-05T07:30:00+01:00' property='og:x'>"
            "<META NAME=author CONTENT=\"Owen &amp; Ann\">"
            "<meta property=\"article:author\" content=\"https://example.org/owen\">"
            "<meta itemprop=datePublished content=\"2024-03-05\">"
            "<link href=\"https://example.org/a\" rel=\"canonical\"></head>"
            "<body><meta property=\"article:section\" content=\"Body\"></body></html>")
    assert metadata.html_page(page) == {"headline": None, "date": "2024-03-05",
                                        "author": "Owen & Ann", "section": None,
                                        "url": "https://example.org/a"}


@pytest.mark.parametrize("value, date", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05 10:00:00", "2024-03-05T10:00:00"),
    ("2024-03-05T10:00:00.000Z", "2024-03-05T10:00:00.000Z"),
    ("Tue, 05 Mar 2024 10:00:00 +0000", "2024-03-05T10:00:00+00:00"),
    ("last Tuesday", None), (20240305, None), (None, None), ({"a": 1}, None),
])
def test_dates_are_iso_or_nothing(value, date) -> None:
    assert metadata.iso_date(value) == date


def test_months_of_dates() -> None:
    assert metadata.month("2024-03-05T10:00:00Z") == "2024-03"
    assert metadata.month("2024-13-01") is None and metadata.month(None) is None


def test_odd_cms_payloads_give_no_metadata_and_no_exception() -> None:
    odd = {"id": [1], "title": "plain", "_embedded": {"author": "x", "wp:term": [["y"], 3]},
           "credits": {"by": "Ann"}, "taxonomy": [], "headlines": None, "link": 5}
    assert metadata.wordpress(odd) == (None, {"headline": None, "date": None, "author": None,
                                              "section": None, "url": "5"})
    assert metadata.ans(odd) == (None, metadata.empty())


def test_bylines_give_the_name() -> None:
    assert metadata.byline_author("By:Tom Jervis") == "Tom Jervis"
    assert metadata.byline_author("by  Ann Lee, Political Correspondent") == (
        "Ann Lee, Political Correspondent")
    assert metadata.byline_author("Bylines editor") == "Bylines editor"
