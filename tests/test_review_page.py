"""The review page at `/` of a real `copydesk serve`, used in real headless Chromium as
a desk editor uses it: paste, read the highlights, move with the keys, fix, copy."""

from __future__ import annotations

import pytest

from conftest import REPO

ARTICLE = (REPO / "fixtures" / "articles" / "plant-deal.txt").read_text(encoding="utf-8")
DUPLICATE = ("Sales of Chery cars in the UK have risen sharply since the brand arrived in 2023, "
             "and the company now sells more cars here than in any market outside China. Last "
             "year it sold 42,000 cars in the UK, up from 11,000 the year before.")

# Each mark's text and where it starts in the shown article (UTF-16 units).
MARKS = """() => [...document.querySelectorAll("#view mark")].map((mark) => {
  const range = document.createRange();
  range.setStart(document.getElementById("view"), 0);
  range.setEndBefore(mark);
  return [mark.textContent, range.toString().length];
})"""


def check(page, server, text, format_=""):
    page.goto(server.url + "/")
    page.select_option("#format", format_)
    page.fill("#source", text)
    page.click("#check")
    page.wait_for_selector("#view mark")


def test_paste_see_the_findings_in_place_fix_one_and_copy(copydesk_server, page, tmp_path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(copydesk_server.url + "/")
    page.evaluate("text => navigator.clipboard.writeText(text)", ARTICLE)
    page.focus("#source")
    page.keyboard.press("Control+V")  # a paste is checked at once
    page.wait_for_selector("#view mark")
    marks = page.evaluate(MARKS)
    assert [DUPLICATE, ARTICLE.rindex(DUPLICATE)] in marks
    assert ["U.S", ARTICLE.index("the U.S,") + 4] in marks
    assert page.inner_text("#view") == ARTICLE
    # Errors come first in the side list; the rule's explanation is there.
    heading = page.locator(".group h3").first.locator("span").all_text_contents()
    assert heading == ["error", "duplicate-paragraph", "× 1"]
    assert "repeats an earlier one" in page.inner_text(".group details summary >> nth=0")

    page.keyboard.press("j")
    assert page.inner_text("mark.cd-current") == DUPLICATE
    for _ in range(6):
        if "No space after" in page.inner_text(".finding.current"):
            break
        page.keyboard.press("j")
    assert page.inner_text("mark.cd-current") == "By:Tom"
    page.screenshot(path=tmp_path / "review.png")

    page.keyboard.press("Enter")  # apply its safe fix; the page checks the new text
    page.wait_for_function("() => document.getElementById('view').textContent.includes('By: Tom')")
    page.wait_for_selector("#view mark")
    corrected = ARTICLE.replace("By:Tom", "By: Tom", 1)
    assert page.inner_text("#view") == corrected
    assert "By:Tom" not in [text for text, _ in page.evaluate(MARKS)]

    page.click("#copy")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('copied')")
    assert page.evaluate("navigator.clipboard.readText()") == corrected
    page.screenshot(path=tmp_path / "review-fixed.png", full_page=True)


@pytest.mark.parametrize("name, format_, field", [
    ("plant-deal.ans.json", "", "content_elements[8].content"),
    ("plant-deal.contentful.json", "contentful", "fields.body.en-GB.content[8].content[2].value"),
    ("plant-deal.sanity.json", "", "body[7].children[2].text"),
])
def test_a_cms_payload_is_shown_field_by_field(copydesk_server, page, name, format_, field):
    payload = (REPO / "fixtures" / "articles" / name).read_text(encoding="utf-8")
    check(page, copydesk_server, payload, format_)
    assert field in page.locator("#view .field").all_text_contents()
    assert "U.S" in page.locator("#view mark").all_inner_texts()


def test_a_pasted_script_or_image_never_runs(copydesk_server, page):
    article = ('<p>Exports 🚢 to the U.S fell.</p>\n<img src="x" onerror="window.hacked = 1">\n'
               '<script>window.hacked = 2</script>\n<p>Exports 🚢 to the U.S fell.</p>\n')
    check(page, copydesk_server, article, "html")
    assert page.inner_text("#view") == article
    assert page.evaluate("document.querySelectorAll('#view img, #view script').length") == 0
    assert page.evaluate("window.hacked") is None
    # Offsets come in UTF-16 units, as the page counts: the ship before `U.S` is two.
    first = len(article[:article.index("U.S")].encode("utf-16-le")) // 2
    assert ["U.S", first] in page.evaluate(MARKS)
