"""The audit's report.html, written by a real `copydesk audit` and opened from disk in
real headless Chromium: charts, filters, a drill-down, and nothing fetched."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

# An article that is hostile markup as well as faulty copy: its `U.S` comes after an
# astral character, so the drill-down must count offsets as the browser does.
HOSTILE = ("Harbour tolls rise for the U.S fleet 🚢\n\n"
           "The council said tolls for 🚢 ships from the U.S would rise by 8% in May, and UK "
           "ships would pay the same. <img src=x onerror=\"window.hacked = 2\"> "
           "</script><script>window.hacked = 1</script>\n\n"
           "The harbour master said the the rise was fair.\n")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    archive = tmp_path_factory.mktemp("archive")
    shutil.copytree(REPO / "fixtures" / "audit" / "folder", archive / "folder")
    shutil.copy(REPO / "fixtures" / "articles" / "plant-deal.txt", archive / "folder")
    (archive / "folder" / "tolls.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("audit")
    subprocess.run([sys.executable, "-m", "lint", "audit", "folder",
                    str(REPO / "fixtures" / "audit" / "stories.ans.jsonl"),
                    "--out", str(out), "--quiet"], cwd=archive, check=True, timeout=120)
    return out / "report.html"


def test_the_hostile_article_stays_data(report):
    html = report.read_text(encoding="utf-8")
    assert "<script>window.hacked" not in html and "<img src=x" not in html
    assert html.count("<script") == 4  # two data blocks, the highlighter, the page


def test_the_findings_figure_counts_each_severity_in_words(report, tmp_path):
    from lint.audit import report as report_module

    for name in ("findings.jsonl", "summary.json"):
        shutil.copy(report.parent / name, tmp_path / name)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    summary["findings"].update(error=1, warning=1_200, info=1)
    (tmp_path / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    html = report_module.write_report(tmp_path).read_text(encoding="utf-8")
    assert ('<span class="n-error">1 error</span>,\n      '
            '<span class="n-warning">1,200 warnings</span>,\n      '
            '<span class="n-info">1 info</span>') in html


@pytest.fixture
def opened(report, page):
    """The report open in the page, every request it makes recorded and all but the
    file itself refused."""
    url = report.as_uri()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url == url
               else route.abort())
    page.goto(url)
    page.wait_for_selector("#rows tr")
    yield page
    assert requests == [url]
    assert page.evaluate("window.hacked") is None


def rows(page):
    return page.locator("#rows tr .id").all_text_contents()


def test_charts_filters_and_drill_down(opened, tmp_path):
    page = opened
    for chart in ("rule", "month", "section", "author"):
        assert page.locator(f"#chart-{chart} svg rect").count() > 0, chart
    labels = page.locator("#chart-rule svg text").all_text_contents()
    assert "duplicate-paragraph" in labels and "malformed-abbreviation" in labels
    every = rows(page)
    assert "folder/tolls.txt" in every and "folder/plant-deal.txt" in every

    page.select_option("select[name=rule]", label="malformed-abbreviation")
    narrowed = rows(page)
    assert set(narrowed) == {"folder/plant-deal.txt", "folder/tolls.txt"}
    assert len(narrowed) < len(every)
    assert page.text_content("#count") == f"2 of {len(every)} articles match"
    page.select_option("select[name=severity]", label="info")
    assert rows(page) == []
    page.click("button[type=reset]")
    page.fill("input[name=from]", "2024-04-01")
    page.wait_for_function("() => document.querySelectorAll('#rows tr').length === 2")
    assert set(rows(page)) == {"7LMN3OPQRSTUVWXYZ2ABCDEFGH", "QX4ZK7TFNBCVLMRA2H6Y3DEPWI"}
    page.click("button[type=reset]")
    page.wait_for_function(f"() => document.querySelectorAll('#rows tr').length === {len(every)}")
    page.screenshot(path=tmp_path / "report.png", full_page=True)

    page.click("#rows tr:has-text('folder/tolls.txt')")
    page.wait_for_selector("dialog[open]")
    assert page.text_content("#d-headline") == "Harbour tolls rise for the U.S fleet 🚢"
    marks = page.locator("#d-text mark")
    assert marks.all_text_contents() == ["U.S", "U.S", "the the"]
    assert page.locator("#d-text").text_content() == HOSTILE
    page.click(".finding:has-text('repeated') >> nth=0")
    assert page.text_content("mark.cd-current") == "the the"
    page.keyboard.press("j")  # to the next finding, the first again
    assert page.text_content("mark.cd-current") == "U.S"
    assert page.locator(".finding.current .rule").text_content() == "malformed-abbreviation"
    assert "this article writes UK: write US." in page.text_content(".finding.current p")
    page.screenshot(path=tmp_path / "report-drill-down.png")


def test_a_chart_bar_filters_the_list(opened):
    page = opened
    page.click("#chart-rule g.row:has-text('duplicate-paragraph')")
    assert page.locator("select[name=rule] option:checked").text_content() == "duplicate-paragraph"
    assert "folder/plant-deal.txt" in rows(page)
    assert "folder/tolls.txt" not in rows(page)


def test_past_the_text_budget_the_drill_down_shows_each_finding_in_context(
        report, page, tmp_path, monkeypatch):
    from lint.audit import report as report_module

    for name in ("findings.jsonl", "summary.json"):
        shutil.copy(report.parent / name, tmp_path / name)
    plant_deal = (REPO / "fixtures" / "articles" / "plant-deal.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(report_module, "TEXT_BUDGET", len(plant_deal))  # the worst article's
    page.goto(report_module.write_report(tmp_path).as_uri())

    page.click("#rows tr:has-text('folder/plant-deal.txt')")
    assert page.locator("#d-text").text_content() == plant_deal
    page.click("#d-close")
    page.click("#rows tr:has-text('folder/tolls.txt')")
    assert page.locator("#d-text .note").count() == 1
    contexts = page.locator("#d-text .context")
    assert contexts.count() == 3
    assert page.locator("#d-text .context mark").all_text_contents() == ["U.S", "U.S", "the the"]
    assert contexts.nth(2).text_content() == "The harbour master said the the rise was fair."


def test_a_month_bar_filters_to_its_own_days_and_undated_or_none_to_those_without(
        opened, tmp_path):
    page = opened
    page.click("#chart-month g.row[data-value='2024-02']")
    assert (page.input_value("input[name=from]"), page.input_value("input[name=to]")) == (
        "2024-02-01", "2024-02-29")
    assert rows(page) == ["folder/2024/library-hours.md"]
    without = {"folder/2024/harbour-bridge.txt", "folder/plant-deal.txt", "folder/tolls.txt",
               f"{REPO}/fixtures/audit/stories.ans.jsonl:3"}
    page.click("#chart-month g.row[data-value='(undated)']")
    assert page.is_checked("input[name=undated]")
    assert set(rows(page)) == without
    page.screenshot(path=tmp_path / "report-undated.png", full_page=True)
    bylined = {"folder/plant-deal.txt"}  # its author is its byline's
    for chart, expected in (("section", without), ("author", without - bylined)):
        page.click(f"#chart-{chart} g.row[data-value='(none)']")
        assert page.locator(f"select[name={chart}] option:checked").text_content() == "(none)"
        assert set(rows(page)) == expected, chart


# A page and a WordPress post whose sources are markup: the drill-down shows the text
# copydesk read (no doctype, SVG, tags or entities), each slip marked where it reads.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry &amp; bus fares rise</title>
<meta name="author" content="Ann Lee"><meta property="article:published_time" content="2024-03-05">
</head><body><article>
<h1>Ferry &amp; bus fares rise for the U.S visitors</h1>
<figure><svg viewBox="0 0 10 10"><path d="M0 0L10 10"/></svg>
<figcaption>The quay at dawn.</figcaption></figure>
<p>The council said fares for ferries &amp; buses would rise by 8% in May, and the <em>U.S</em>
visitors would pay the same.</p>
<p>The harbour master said the <b>the</b> rise was fair &mdash; and overdue.</p>
</article></body></html>
"""
POST = {"id": 42, "date_gmt": "2024-04-02T09:00:00", "link": "https://example.org/p/42",
        "title": {"rendered": "Bridge works &#8211; the the delay"},
        "content": {"rendered": "<p>Work on the bridge &amp; its ramps will start in June, the "
                    "<strong>U.S</strong> firm said.</p>\n<figure class=\"wp-block-image\">"
                    "<img src=\"a.jpg\" alt=\"\"/></figure>\n<p>Residents said the the noise "
                    "would be bad.</p>"}}


def test_the_drill_down_of_markup_shows_its_rendered_text_with_each_finding_in_place(
        page, tmp_path):
    import json

    from lint.document import Document
    from lint.engine import Linter
    from lint.readers import read

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "fares.html").write_text(PAGE, encoding="utf-8")
    (archive / "bridge.json").write_text(json.dumps(POST), encoding="utf-8")
    out = tmp_path / "audit"
    subprocess.run([sys.executable, "-m", "lint", "audit", "fares.html", "bridge.json",
                    "--out", str(out), "--quiet"], cwd=archive, check=True, timeout=120)
    page.goto((out / "report.html").as_uri())
    page.wait_for_selector("#rows tr")
    for name, row, expected_text in (
            ("fares.html", "fares.html", "Ferry & bus fares rise for the U.S visitors\n\n"
             "The quay at dawn.\n\nThe council said fares for ferries & buses would rise by 8%"
             " in May, and the U.S visitors would pay the same.\n\nThe harbour master said the"
             " the rise was fair — and overdue."),
            ("bridge.json", "wp:42", "Bridge works – the the delay\n\nWork on the bridge & its"
             " ramps will start in June, the U.S firm said.\n\nResidents said the the noise"
             " would be bad.")):
        document = read(name, (archive / name).read_text(encoding="utf-8"))
        assert isinstance(document, Document) and document.text == expected_text
        findings = Linter().lint(document)
        assert findings
        page.click(f"#rows tr:has-text('{row}')")
        page.wait_for_selector("dialog[open]")
        shown = page.locator("#d-text").text_content()
        assert shown == expected_text, name
        assert "<" not in shown and "&amp;" not in shown and "&#" not in shown
        assert page.locator("#d-text .source-field").count() == 0
        # Each finding's card and its marks, in order: the marked text is its `flagged`.
        cards = page.locator(".finding")
        assert cards.count() == len(findings)
        for k, finding in enumerate(findings):
            cards.nth(k).click()
            current = page.locator("#d-text mark.cd-current").all_text_contents()
            assert "".join(current) == finding.flagged, (name, finding.rule)
            assert page.locator(".finding.current .rule").text_content() == finding.rule
        page.screenshot(path=tmp_path / f"report-{name}.png")
        page.click("#d-close")


# A story, and a later page that reruns its paragraph with a tag and an entity in it.
RECYCLED = ("The council approved a 4.9% rise in council tax on Tuesday, taking a Band D bill "
            "to £2,174 a year, after a four-hour meeting at which opposition councillors walked "
            "out in protest.")
VOTE_LEAD = ("Opposition councillors will force a second vote on the budget next month, their "
             "leader said on Monday.")
VOTE_PAGE = ("<!DOCTYPE html>\n<html><head><title>Second budget vote</title></head><body>"
             f"<article>\n<h1>Second budget vote</h1>\n<p>{VOTE_LEAD}</p>\n<p>"
             + RECYCLED.replace("Tuesday", "<b>Tuesday</b>").replace("£", "&pound;")
             + "</p>\n</article></body></html>\n")


def test_the_drill_down_marks_a_recycled_paragraph_of_a_page_where_it_reads(
        page, tmp_path, monkeypatch):
    from lint.audit import report as report_module

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "budget.txt").write_text(f"Council tax to rise\n\n{RECYCLED}\n", encoding="utf-8")
    (archive / "vote.html").write_text(VOTE_PAGE, encoding="utf-8")
    out = tmp_path / "audit"
    subprocess.run([sys.executable, "-m", "lint", "audit", "budget.txt", "vote.html",
                    "--out", str(out), "--quiet"], cwd=archive, check=True, timeout=120)
    page.goto((out / "report.html").as_uri())
    page.wait_for_selector("#rows tr")
    page.click("#rows tr:has-text('vote.html')")
    page.wait_for_selector("dialog[open]")
    assert page.locator("#d-text").text_content() == (
        f"Second budget vote\n\n{VOTE_LEAD}\n\n{RECYCLED}")
    page.click(".finding:has-text('recycled-paragraph')")
    assert page.locator(".finding.current .rule").text_content() == "recycled-paragraph"
    assert "".join(page.locator("#d-text mark.cd-current").all_text_contents()) == RECYCLED
    # In the text itself, not in a context box of its own below it.
    assert page.locator("#d-text .context").count() == 0
    page.screenshot(path=tmp_path / "report-recycled.png")
    # A report that keeps no full text shows it in its context, as any finding.
    monkeypatch.setattr(report_module, "TEXT_BUDGET", 0)
    page.goto(report_module.write_report(out).as_uri())
    page.click("#rows tr:has-text('vote.html')")
    page.click(".finding:has-text('recycled-paragraph')")
    assert page.locator("#d-text .context mark.cd-current").all_text_contents() == [RECYCLED]
    page.screenshot(path=tmp_path / "report-recycled-in-context.png")
