"""The archive rules in an audit: a recycled paragraph, house boilerplate and a story
filed twice, each located in both articles in every output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

RECYCLED = ("The council approved a 4.9% rise in council tax on Tuesday, taking a Band D bill "
            "to £2,174 a year, after a four-hour meeting at which opposition councillors walked "
            "out in protest.")
SIGN_OFF = ("This article was produced with the help of the Local Democracy Reporting Service, "
            "which is funded by the BBC and shared with news organisations across the country.")
TWICE = ("The harbour wall will be rebuilt over the winter at a cost of £3m, the port authority "
         "said on Friday.\n\nWork starts in November and the quay will stay open to fishing "
         "boats throughout, it added.\n")
ARTICLES = {
    "2026/05/03-budget.md": f"---\ndate: 2026-05-03\n---\n# Council tax to rise\n\n{RECYCLED}\n",
    "2026/05/12-vote.md": "---\ndate: 2026-05-12\n---\n# Second budget vote\n\nOpposition "
                          "councillors will force a second vote on the budget next month, their "
                          f"leader said on Monday.\n\n{RECYCLED}\n",
    "2026/06/01-harbour.md": f"---\ndate: 2026-06-01\n---\n# Harbour wall to be rebuilt\n\n{TWICE}",
    "2026/06/02-harbour.md": f"---\ndate: 2026-06-02\n---\n# £3m for harbour wall\n\n{TWICE}",
    **{f"2026/07/{n:02d}-local.md": f"---\ndate: 2026-07-{n:02d}\n---\n# Local story {n}\n\n"
       f"Story number {n} is about something else entirely in the town.\n\n{SIGN_OFF}\n"
       for n in range(1, 7)},
}


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("recycling")
    for name, text in ARTICLES.items():
        path = root / "archive" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    out = root / "out"
    result = CliRunner().invoke(main, ["audit", str(root / "archive"), "--out", str(out),
                                       "--jobs", "1", "--quiet", "--select", "duplicates"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "archive", out


def _records(out: Path) -> dict[str, dict]:
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(r["id"]).name: r for r in map(json.loads, lines)}


def _flagged(record: dict, rule: str) -> list[tuple[str, dict]]:
    text = record["sources"][0]["text"]
    return [(text[f["location"]["offset"]:][:f["location"]["length"]], f)
            for f in record["findings"] if f["rule"] == rule]


def test_the_later_copy_of_a_paragraph_is_flagged_naming_the_earlier(audited) -> None:
    archive, out = audited
    records = _records(out)
    assert _flagged(records["03-budget.md"], "recycled-paragraph") == []
    [(span, finding)] = _flagged(records["12-vote.md"], "recycled-paragraph")
    assert span == RECYCLED
    assert finding["message"] == ("Paragraph 2 already ran, word for word, as paragraph 1 of "
                                  f"“Council tax to rise” ({archive}/2026/05/03-budget.md, "
                                  "2026-05-03).")
    related = finding["related"][0]
    assert related["document"] == f"{archive}/2026/05/03-budget.md"
    other = records["03-budget.md"]["sources"][0]["text"]
    where = related["location"]
    assert other[where["offset"]:where["offset"] + where["length"]] == RECYCLED


def test_a_story_filed_twice_is_one_finding_on_the_later_filing(audited) -> None:
    archive, out = audited
    records = _records(out)
    assert _flagged(records["01-harbour.md"], "duplicate-article") == []
    [(span, finding)] = _flagged(records["02-harbour.md"], "duplicate-article")
    assert span == TWICE.split("\n\n")[0]
    assert finding["related"][0]["document"] == f"{archive}/2026/06/01-harbour.md"
    assert _flagged(records["02-harbour.md"], "recycled-paragraph") == []


def test_house_boilerplate_is_told_once_in_the_summary(audited) -> None:
    _, out = audited
    records = _records(out)
    assert not any(_flagged(r, "recycled-paragraph") for n, r in records.items()
                   if "local" in n)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    [note] = summary["boilerplate"]
    assert (note["text"], note["count"], len(note["examples"])) == (SIGN_OFF, 6, 5)
    assert summary["by_rule"]["recycled-paragraph"]["warning"] == 1
    assert summary["by_rule"]["duplicate-article"]["warning"] == 1


def test_articles_csv_counts_the_archive_findings(audited) -> None:
    _, out = audited
    with open(out / "articles.csv", encoding="utf-8") as table:
        rows = {Path(row["id"]).name: row for row in csv.DictReader(table)}
    assert rows["12-vote.md"]["recycled-paragraph"] == "1"
    assert rows["02-harbour.md"]["duplicate-article"] == "1"
    assert rows["03-budget.md"]["recycled-paragraph"] == "0"


def test_the_audit_folder_serves_as_an_index(audited, tmp_path: Path) -> None:
    archive, out = audited
    story = tmp_path / "story.md"
    story.write_text(f"# Tax rise\n\nThe council leader defended the budget in a letter to "
                     f"residents published on Thursday morning.\n\n{RECYCLED}\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(story), "--index", str(out / "archive.db"),
                                       "--output-format", "sarif", "--select", "duplicates"])
    sarif = json.loads(result.output)["runs"][0]["results"]
    [recycled] = [r for r in sarif if r["ruleId"] == "recycled-paragraph"]
    assert [Path(related["physicalLocation"]["artifactLocation"]["uri"]).name
            for related in recycled["relatedLocations"]] == ["03-budget.md", "12-vote.md"]


def test_resuming_a_finished_audit_changes_nothing(audited, tmp_path: Path) -> None:
    archive, out = audited
    again = tmp_path / "out"
    options = ["--jobs", "1", "--quiet", "--select", "duplicates", "--no-report"]
    for resume in ([], ["--resume"]):
        result = CliRunner().invoke(main, ["audit", str(archive), "--out", str(again), *options,
                                           *resume], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    for name in ("findings.jsonl", "articles.csv"):
        assert (again / name).read_text(encoding="utf-8") == (out / name).read_text(
            encoding="utf-8"), name


def test_resuming_over_an_archive_hashed_another_way_is_a_one_line_error(
        audited, tmp_path: Path) -> None:
    import sqlite3

    archive, _ = audited
    out = tmp_path / "out"
    options = ["--out", str(out), "--jobs", "1", "--quiet", "--select", "duplicates",
               "--no-report"]
    assert CliRunner().invoke(main, ["audit", str(archive), *options]).exit_code == 0
    with sqlite3.connect(out / "archive.db") as db:  # as another Python version hashes
        db.execute("UPDATE meta SET value = '[1, 2, 3]' WHERE name = 'sketch'")
    result = CliRunner().invoke(main, ["audit", str(archive), *options, "--resume"])
    assert (result.exit_code, result.output) == (2, (
        f"copydesk: error: {out / 'archive.db'}: built with another way of hashing passages "
        "(another copydesk or Python version): build it again (leave out --resume to start "
        "over)\n"))


def _post(post_id: int, title: str, body: str) -> str:
    return json.dumps({"id": post_id, "date_gmt": "2026-05-01T09:00:00",
                       "title": {"rendered": title}, "content": {"rendered": body}}) + "\n"


def test_articles_of_two_exports_with_the_same_id_stay_apart(tmp_path: Path) -> None:
    """Site B's post 1 is a copy of its post 2; site A's post 1 is a story of its own."""
    own = ("The mill on Station Road will become forty homes under plans lodged with the "
           "council this week by its owner, who bought it in the spring.")
    copy = "".join(f"<p>{paragraph}</p>" for paragraph in TWICE.strip().split("\n\n"))
    (tmp_path / "a.jsonl").write_text(_post(1, "Mill to become homes", f"<p>{own}</p>"),
                                      encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_post(2, "Harbour wall", copy) + _post(1, "Harbour", copy),
                                      encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "a.jsonl"),
                                       str(tmp_path / "b.jsonl"), "--out", str(out), "--jobs",
                                       "1", "--quiet", "--select", "duplicates", "--no-report"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "findings.jsonl").open(encoding="utf-8")]
    assert [(r["id"], r["origin"]) for r in records] == [
        ("wp:1", f"{tmp_path}/a.jsonl:1"), ("wp:2", f"{tmp_path}/b.jsonl:1"),
        ("wp:1 #3", f"{tmp_path}/b.jsonl:2")]
    assert [[(f["rule"], f["related"][0]["document"]) for f in r["findings"]]
            for r in records] == [[], [], [("duplicate-article", "wp:2")]]
    with open(out / "articles.csv", encoding="utf-8") as table:
        assert [row["id"] for row in csv.DictReader(table)] == ["wp:1", "wp:2", "wp:1 #3"]


def test_a_paragraph_in_four_articles_is_one_finding_in_each_later_one(tmp_path: Path) -> None:
    """Each later copy names the first to run; the copies before it are related."""
    archive = tmp_path / "archive"
    archive.mkdir()
    own = {1: "The leader of the council defended the budget in a long letter to residents.",
           2: "Opposition members say they will force a second vote before the summer recess.",
           3: "Parents fear the rise will fall hardest on families already struggling with rent.",
           4: "A petition against the increase has gathered several thousand names online."}
    for day in (4, 1, 3, 2):  # read in another order than they ran
        (archive / f"{day}.md").write_text(
            f"---\ndate: 2026-05-0{day}\n---\n# Story {day}\n\n{own[day]}\n\n{RECYCLED}\n",
            encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["audit", str(archive), "--out", str(out), "--jobs", "1",
                                       "--quiet", "--select", "recycled-paragraph",
                                       "--no-report"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    found = {}
    for record in _records(out).values():
        for span, finding in _flagged(record, "recycled-paragraph"):
            assert span == RECYCLED
            found.setdefault(Path(record["id"]).name, []).append(
                (finding["message"], [Path(r["document"]).name for r in finding["related"]]))
    first = f"“Story 1” ({archive}/1.md, 2026-05-01)"
    assert found == {
        "2.md": [(f"Paragraph 2 already ran, word for word, as paragraph 2 of {first}.",
                  ["1.md"])],
        "3.md": [(f"Paragraph 2 already ran, word for word, as paragraph 2 of {first}.",
                  ["1.md", "2.md"])],
        "4.md": [(f"Paragraph 2 already ran, word for word, as paragraph 2 of {first}.",
                  ["1.md", "2.md", "3.md"])],
    }


def test_a_fresh_audit_into_the_folder_of_another_leaves_no_archive_of_it(audited) -> None:
    archive, out = audited
    again = out.parent / "again"
    options = ["--jobs", "1", "--quiet", "--no-report"]
    for selected in ("duplicates", "repeated-word"):  # the second keeps no archive
        result = CliRunner().invoke(main, ["audit", str(archive), "--out", str(again),
                                           "--select", selected, *options],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert sorted(path.name for path in again.iterdir()) == [
        "articles.csv", "findings.jsonl", "summary.json"]


def test_the_report_shows_house_boilerplate_once(audited, page, tmp_path, monkeypatch) -> None:
    from lint.audit import report

    archive, out = audited
    page.goto((out / "report.html").as_uri())
    examples = ", ".join(f"{archive}/2026/07/0{n}-local.md" for n in range(1, 6))
    assert page.locator("#boilerplate li").all_inner_texts() == [
        f"{SIGN_OFF}\nin 6 articles, as {examples}"]
    assert page.locator("#boilerplate-more").count() == 0
    page.screenshot(path=tmp_path / "boilerplate.png", full_page=True)
    for name in ("findings.jsonl", "summary.json"):
        (tmp_path / name).write_bytes((out / name).read_bytes())
    monkeypatch.setattr(report, "BOILERPLATE_ROWS", 0)
    page.goto(report.write_report(tmp_path).as_uri())
    assert page.locator("#boilerplate li").count() == 0
    assert page.inner_text("#boilerplate-more") == "and 1 more in summary.json"


# The vote story as a page and as a WordPress post, its recycled paragraph with a tag
# and an entity in it.
RECYCLED_MARKUP = RECYCLED.replace("Tuesday", "<b>Tuesday</b>").replace("£", "&pound;")
VOTE_LEAD = ("Opposition councillors will force a second vote on the budget next month, their "
             "leader said on Monday.")
VOTE_PAGE = ("<!DOCTYPE html>\n<html><head><title>Second budget vote</title>\n"
             '<meta property="article:published_time" content="2026-05-12"></head>\n'
             f"<body><article><h1>Second budget vote</h1>\n<p>{VOTE_LEAD}</p>\n"
             f"<p>{RECYCLED_MARKUP}</p>\n</article></body></html>\n")
VOTE_POST_BODY = f"<p>{VOTE_LEAD}</p>\n<p>{RECYCLED_MARKUP}</p>"


def test_in_markup_the_archive_finding_is_marked_where_the_paragraph_reads(
        tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "budget.md").write_text(ARTICLES["2026/05/03-budget.md"], encoding="utf-8")
    (archive / "vote.html").write_text(VOTE_PAGE, encoding="utf-8")
    export = tmp_path / "posts.jsonl"
    export.write_text(json.dumps({"id": 12, "date_gmt": "2026-05-13T09:00:00",
                                  "title": {"rendered": "Second budget vote"},
                                  "content": {"rendered": VOTE_POST_BODY}}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["audit", str(archive), str(export), "--out", str(out),
                                       "--jobs", "1", "--quiet", "--select", "recycled-paragraph",
                                       "--no-report"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    records = _records(out)
    reads = f"Second budget vote\n\n{VOTE_LEAD}\n\n{RECYCLED}"
    start = len(f"Second budget vote\n\n{VOTE_LEAD}\n\n")
    for name, source, offset in (("vote.html", 0, VOTE_PAGE.index(RECYCLED_MARKUP)),
                                 ("wp:12", 1, len(f"<p>{VOTE_LEAD}</p>\n<p>"))):
        record = records[name]
        assert record["text"] == reads
        [finding] = record["findings"]
        assert finding["rule"] == "recycled-paragraph"
        assert finding["rendered"] == {"offset": start, "length": len(RECYCLED)}
        assert finding["context"] == {"text": RECYCLED, "offset": 0, "length": len(RECYCLED)}
        location = finding["location"]
        assert (location["source"], location["offset"], location["length"]) == (
            source, offset, len(RECYCLED_MARKUP))
        assert record["sources"][source]["text"][offset:][:len(RECYCLED_MARKUP)] == (
            RECYCLED_MARKUP)
