"""Archive rules across many articles: the persistent index and `check --index`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from invariants import assert_locations_exact
from lint.analysis.passages import SHINGLE_WORDS, SKETCH_SIZE, passage, sketch_probe
from lint.archive import Archive, judge_texts
from lint.cli import main
from lint.config import Config
from lint.engine import Fingerprints, Linter
from lint.finding import Context, LocatedFact, Location
from lint.readers import read

RECYCLED = ("The council approved a 4.9% rise in council tax on Tuesday, taking a Band D bill "
            "to £2,174 a year, after a four-hour meeting at which opposition councillors walked "
            "out in protest.")
BUDGET = f"Council tax to rise by 4.9%\n\n{RECYCLED}\n\nThe rise is the largest allowed.\n"
LIBRARY = ("Library hours cut\n\nThe central library will close on Mondays from June, the "
           "council said, to save £80,000 a year from its budget for the coming year.\n")
STORY = ("Councillors force second budget vote\n\nOpposition councillors will force a second "
         f"vote on the budget next month, their leader said on Monday.\n\n{RECYCLED}\n")


# STORY as markup (a page, a WordPress post, an ANS story), its recycled paragraph
# with a tag and an entity in it: it reads as RECYCLED.
RECYCLED_MARKUP = RECYCLED.replace("Tuesday", "<b>Tuesday</b>").replace("£", "&pound;")
HEADLINE = "Councillors force second budget vote"
LEAD = ("Opposition councillors will force a second vote on the budget next month, their "
        "leader said on Monday.")
STORY_PAGE = (f"<!DOCTYPE html>\n<html><head><title>{HEADLINE}</title></head><body><article>\n"
              f"<h1>{HEADLINE}</h1>\n<p>{LEAD}</p>\n<p>{RECYCLED_MARKUP}</p>\n"
              "</article></body></html>\n")
STORY_POST_BODY = f"<p>{LEAD}</p>\n<p>{RECYCLED_MARKUP}</p>"
STORY_POST = json.dumps({"id": 7, "title": {"rendered": HEADLINE},
                         "content": {"rendered": STORY_POST_BODY}})
STORY_ANS = json.dumps({"_id": "STORY", "type": "story", "headlines": {"basic": HEADLINE},
                        "content_elements": [
                            {"_id": "P1", "type": "text", "content": LEAD},
                            {"_id": "P2", "type": "text", "content": RECYCLED_MARKUP}]})
STORY_READS = f"{HEADLINE}\n\n{LEAD}\n\n{RECYCLED}"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def index(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "budget.txt").write_text(BUDGET, encoding="utf-8")
    (archive / "library.txt").write_text(LIBRARY, encoding="utf-8")
    path = tmp_path / "archive.db"
    result = invoke("index", "build", str(archive), "--index", str(path))
    assert result.exit_code == 0
    assert result.output == f"Indexed 2 articles (2 in {path}).\n"
    return path


def test_check_against_the_index_names_the_other_article(index: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = invoke("check", str(story), "--index", str(index), "--output-format", "concise",
                    "--select", "recycled-paragraph")
    budget = str(tmp_path / "archive" / "budget.txt")
    assert result.output.splitlines()[0] == (
        f"{story}:5:1: warning recycled-paragraph Paragraph 2 already ran, word for word, as "
        f"paragraph 1 of “Council tax to rise by 4.9%” ({budget}).")
    assert result.exit_code == 1
    # The check leaves the index as it was: the story is not added.
    with Archive(index) as archive:
        assert len(archive) == 2


def test_related_location_points_into_the_other_article(index: Path, tmp_path: Path) -> None:
    import json

    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = invoke("check", str(story), "--index", str(index), "--output-format", "json")
    finding = json.loads(result.output)["files"][0]["findings"][0]
    assert STORY[finding["location"]["offset"]:][:finding["location"]["length"]] == RECYCLED
    related = finding["related"][0]
    assert related["document"] == str(tmp_path / "archive" / "budget.txt")
    start = related["location"]["offset"]
    assert BUDGET[start:start + related["location"]["length"]] == RECYCLED


@pytest.mark.parametrize("name, text, source, offset", [
    ("story.html", STORY_PAGE, 0, STORY_PAGE.index(RECYCLED_MARKUP)),
    ("story.json", STORY_POST, 1, len(f"<p>{LEAD}</p>\n<p>")),
    ("story.ans.json", STORY_ANS, 2, 0),
])
def test_a_recycled_paragraph_of_markup_is_flagged_as_it_reads(
        name: str, text: str, source: int, offset: int) -> None:
    """As every finding: `flagged` and `context` as the paragraph reads, `start` where
    it is in the rendered text, the location the source slice, markup and all."""
    linter = Linter(Config(select=["recycled-paragraph"]))
    judged = judge_texts(linter, [("budget.txt", BUDGET, {}), (name, text, {})])
    [finding] = judged.findings[name]
    document = read(name, text)
    assert document.text == STORY_READS
    assert finding.flagged == RECYCLED
    assert finding.start == len(f"{HEADLINE}\n\n{LEAD}\n\n") == 142
    assert finding.context == Context(RECYCLED, 0, len(RECYCLED))
    location = finding.location
    assert (location.source, location.offset, location.length) == (
        source, offset, len(RECYCLED_MARKUP))
    assert document.sources[source].text[offset:offset + location.length] == RECYCLED_MARKUP
    assert finding.text == RECYCLED_MARKUP
    assert_locations_exact(document, [finding])
    # Made from the source slice, as every rule's fingerprint is.
    assert finding.fingerprint == Fingerprints()("recycled-paragraph", RECYCLED_MARKUP)


def test_check_of_a_page_against_the_index_gives_the_span_as_it_reads(
        index: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.html"
    story.write_text(STORY_PAGE, encoding="utf-8")
    result = invoke("check", str(story), "--index", str(index), "--output-format", "json",
                    "--select", "recycled-paragraph")
    [finding] = json.loads(result.output)["files"][0]["findings"]
    offset = STORY_PAGE.index(RECYCLED_MARKUP)
    assert finding["location"]["offset"] == offset
    assert finding["location"]["length"] == len(RECYCLED_MARKUP)
    assert finding["context"] == {"text": RECYCLED, "offset": 0, "length": len(RECYCLED)}
    assert finding["fingerprint"] == Fingerprints()("recycled-paragraph", RECYCLED_MARKUP)


def _fact(text: str, flagged: str, start: int, context: Context | None) -> LocatedFact:
    return LocatedFact(Location(1, 1, 1, len(text) + 1, 0, len(text)), 1, text, flagged, start,
                       context, passage(flagged))


@pytest.mark.parametrize("fact", [
    _fact(RECYCLED, RECYCLED, 30, Context(RECYCLED, 0, len(RECYCLED))),
    _fact(RECYCLED_MARKUP, RECYCLED, 30, Context(RECYCLED, 0, len(RECYCLED))),
    _fact(RECYCLED_MARKUP, RECYCLED, 30, Context(f"{LEAD} {RECYCLED} More.", len(LEAD) + 1,
                                                 len(RECYCLED))),
    _fact(RECYCLED, RECYCLED, 30, None),
], ids=["as-its-source", "markup", "within-its-paragraph", "in-no-block"])
def test_the_archive_gives_back_a_passage_as_it_reads(fact: LocatedFact) -> None:
    with Archive() as archive:
        for name in ("one.txt", "two.txt"):
            archive.add(name, {}, {"recycled-paragraph": (fact,)})
        [(example, count, _)] = archive.common_texts(1)
    assert count == 2
    assert (example.text, example.flagged, example.start, example.context) == (
        fact.text, fact.flagged, fact.start, fact.context)


def test_index_add_replaces_an_article_of_the_same_path(index: Path, tmp_path: Path) -> None:
    budget = tmp_path / "archive" / "budget.txt"
    budget.write_text("Council tax\n\nA different story altogether about the tax rise.\n",
                      encoding="utf-8")
    assert invoke("index", "add", str(budget), "--index", str(index)).exit_code == 0
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = invoke("check", str(story), "--index", str(index), "--select", "duplicates")
    assert result.exit_code == 0, result.output


def test_an_article_is_stored_with_each_text_once(tmp_path: Path) -> None:
    # A page pasted together from a thousand copies of a story stores its two texts,
    # not a thousand passages each pairing with every other; the copy in the story
    # filed later is still found.
    archive_folder = tmp_path / "archive"
    archive_folder.mkdir()
    pasted = BUDGET + f"\n{RECYCLED}\n\nThe rise is the largest allowed, the council said.\n" * 1000
    (archive_folder / "pasted.txt").write_text(pasted, encoding="utf-8")
    path = tmp_path / "archive.db"
    assert invoke("index", "build", str(archive_folder), "--index", str(path)).exit_code == 0
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM passages").fetchone() == (2,)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = invoke("check", str(story), "--index", str(path), "--output-format", "concise",
                    "--select", "recycled-paragraph")
    assert result.output.startswith(f"{story}:5:1: warning recycled-paragraph Paragraph 2 "
                                    "already ran, word for word, as paragraph 1 of")


def test_a_file_that_is_no_index_is_a_one_line_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database at all, just text " * 100)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(story), "--index", str(bogus)])
    assert result.exit_code == 2
    assert result.output.startswith("copydesk: error: ")
    assert "not a copydesk index" in result.output
    assert "Traceback" not in result.output


def test_an_index_hashed_another_way_is_refused(index: Path) -> None:
    with sqlite3.connect(index) as db:
        db.execute("UPDATE meta SET value = '[1, 2, 3]' WHERE name = 'sketch'")
    with pytest.raises(Exception, match="build it again"):
        Archive(index)


# The tables of an index made before passages kept their rendered text (format 1).
FORMAT_1_SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, headline TEXT, date TEXT);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY, article INTEGER NOT NULL, paragraph INTEGER,
    location TEXT NOT NULL, text TEXT NOT NULL, key TEXT NOT NULL,
    words INTEGER NOT NULL, exact INTEGER NOT NULL);
CREATE TABLE sketches (hash INTEGER NOT NULL, passage INTEGER NOT NULL);
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def test_an_index_of_the_format_before_is_refused_in_one_line(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as db:
        db.executescript(FORMAT_1_SCHEMA)
        db.execute("INSERT INTO meta VALUES ('sketch', ?)", (json.dumps(sketch_probe()),))
    story = tmp_path / "story.html"
    story.write_text(STORY_PAGE, encoding="utf-8")
    refused = (f"copydesk: error: {old}: an index of format 1, made by another copydesk version "
               f"(this one reads format 2): build it again\n")
    for command in (["check", str(story)], ["index", "add", str(story)]):
        result = CliRunner().invoke(main, [*command, "--index", str(old)])
        assert (result.exit_code, result.output) == (2, refused), command
    rebuilt = invoke("index", "build", str(story), "--index", str(old))
    assert rebuilt.exit_code == 0
    assert invoke("check", str(story), "--index", str(old)).exit_code == 0


def test_a_sketch_is_the_smallest_shingle_hashes() -> None:
    words = "one two three four five six seven eight nine ten eleven twelve".split()
    found = passage(" ".join(words))
    assert len(found.sketch) == SKETCH_SIZE
    assert list(found.sketch) == sorted(found.sketch)
    assert found.words == 12
    # A copy with different case, quotes and spacing has the same key and sketch.
    assert passage("ONE two  three four five six seven eight nine ten eleven twelve.") == found
    assert len(passage("one two three").sketch) == 1 < SHINGLE_WORDS


def test_a_near_copy_among_many_copies_of_a_common_text_is_found() -> None:
    """An archive whose passages are mostly copies of a common text pairs its other
    passages one by one rather than bucket by bucket: the same pair either way."""
    sign_off = ("This article was produced with the help of the Local Democracy Reporting "
                "Service, which is funded by the BBC and shared with news organisations.")
    near_copy = RECYCLED.replace("Tuesday", "Wednesday")
    articles = [(f"{n:02d}.txt", f"Local story {n}\n\n{sign_off}\n", {}) for n in range(40)]
    articles += [("budget.txt", f"Council tax to rise\n\n{RECYCLED}\n", {}),
                 ("later.txt", STORY.replace(RECYCLED, near_copy), {})]
    judged = judge_texts(Linter(Config()), articles)
    [finding] = judged.findings["later.txt"]
    assert finding.rule == "recycled-paragraph"
    assert finding.text == near_copy
    assert finding.related[0].document == "budget.txt"
    assert [note.count for note in judged.notes] == [40]


def test_house_boilerplate_is_told_as_it_reads() -> None:
    sign_off = ("This article was produced with the help of the Local Democracy Reporting "
                "Service, which is funded by the BBC and shared with news organisations.")
    linked = sign_off.replace("Local Democracy Reporting Service",
                              '<a href="https://example.org/ldrs">Local Democracy Reporting '
                              "Service</a>")
    posts = [(f"{n}.json", json.dumps({"id": n, "title": {"rendered": f"Local story {n}"},
                                       "content": {"rendered": f"<p>{linked}</p>"}}), {})
             for n in range(6)]
    judged = judge_texts(Linter(Config(select=["recycled-paragraph"])), posts)
    assert [(note.text, note.count) for note in judged.notes] == [(sign_off, 6)]
