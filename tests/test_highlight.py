"""The shared in-place highlighter (lint/web), run in real headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from lint.web import inline

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta data-head>
<style data-asset="highlight.css"></style></head>
<body><div id="box"></div><script data-asset="highlight.js"></script></body></html>"""

# Render `text` with spans given in code points; answer each key's marked text and
# the marks' texts and classes in document order.
RENDER = """([text, spans]) => {
  const toUtf16 = CopydeskHighlight.codePointOffsets(text);
  const box = document.getElementById("box");
  const marks = CopydeskHighlight.render(box, text, spans.map(([start, end, severity], key) =>
    ({start: toUtf16(start), end: toUtf16(end), severity, key})));
  return {
    byKey: [...marks.values()].map((ms) => ms.map((m) => m.textContent).join("")),
    pieces: [...box.querySelectorAll("mark")].map((m) => [m.textContent, m.className]),
    text: box.textContent,
  };
}"""


@pytest.fixture
def highlighter(page, tmp_path):
    path = tmp_path / "highlight.html"
    path.write_text(inline(PAGE), encoding="utf-8")
    page.goto(path.as_uri())
    return lambda text, spans: page.evaluate(RENDER, [text, spans])


def test_code_point_offsets_after_astral_characters(highlighter):
    text = "🗞️ Exports to the 🇺🇸 U.S fell; 𝒰.𝒮 too."
    spans = [(text.index("U.S"), text.index("U.S") + 3, "error"),
             (text.index("𝒰.𝒮"), text.index("𝒰.𝒮") + 3, "warning")]
    result = highlighter(text, spans)
    assert result["byKey"] == ["U.S", "𝒰.𝒮"]
    assert result["pieces"] == [["U.S", "cd-mark cd-error"], ["𝒰.𝒮", "cd-mark cd-warning"]]
    assert result["text"] == text


def test_overlapping_spans_split_into_pieces_marked_by_the_most_severe(highlighter):
    text = "The Jaguar-Land Rover deal was agreed."
    name = (text.index("Jaguar"), text.index(" deal"), "warning")
    phrase = (text.index("Rover"), text.index(" was"), "error")
    result = highlighter(text, [name, phrase])
    assert result["byKey"] == ["Jaguar-Land Rover", "Rover deal"]
    assert result["pieces"] == [["Jaguar-Land ", "cd-mark cd-warning"],
                                ["Rover", "cd-mark cd-error cd-overlap"],
                                [" deal", "cd-mark cd-error"]]


def test_an_empty_span_is_an_empty_mark_at_its_place(highlighter):
    result = highlighter("By:Tom", [(3, 3, "warning")])
    assert result["pieces"] == [["", "cd-mark cd-warning cd-empty"]]
    assert result["text"] == "By:Tom"


def test_article_text_never_becomes_markup(highlighter, page):
    text = '<img src=x onerror="window.hacked=1"> and <script>window.hacked=2</script> end'
    result = highlighter(text, [(0, 5, "error"), (text.index("<script>"), len(text) - 4, "info")])
    assert result["text"] == text
    assert result["byKey"] == ["<img ", "<script>window.hacked=2</script>"]
    assert page.evaluate("document.querySelectorAll('#box img, #box script').length") == 0
    assert page.evaluate("window.hacked") is None


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_puts_the_assets_in_and_allows_only_their_hashes():
    page = inline(PAGE)
    assert "data-asset" not in page and "CopydeskHighlight" in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'none'"
    assert directives["script-src"] == " ".join(map(_hash, scripts))
    assert directives["style-src"] == " ".join(map(_hash, styles))
