"""HTML, WordPress and ANS readers: what is read, where it points, and bad input."""

from __future__ import annotations

import json
import sys
from unittest import mock

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fuzzing import examples
from invariants import assert_blocks_exact, assert_exact, assert_locations_exact
from lint.config import Config
from lint.document import Document, Run
from lint.engine import Linter, source_location
from lint.readers import MAX_JSON_DEPTH, InputError, detect_format, read
from lint.readers.markup import parse, parse_elements, render

PARAGRAPH = "Sales rose sharply in the year to March, and the company now sells more cars here."


def blocks(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def test_inline_markup_entities_and_white_space_render_as_a_browser_shows_them() -> None:
    html = "<p>AT&amp;T <em>said</em>\n   it&#8217;s  <a href='x'>fine</a>&nbsp;now.<br>\nNext</p>"
    document = read("a.html", html)
    assert blocks(document) == [("paragraph", "AT&T said it’s fine\u00a0now.\nNext")]
    assert_blocks_exact(document)


def test_an_end_tag_with_no_name_is_dropped_as_a_browser_drops_it() -> None:
    # The standard parser drops `</>` telling no handler: the text on either side
    # is two texts, and `</>` shows in neither.
    html = "<p>He said the the deal</>was done.</p>"
    document = read("a.html", html)
    assert blocks(document) == [("paragraph", "He said the the dealwas done.")]
    assert_blocks_exact(document)
    finding, = Linter(Config(select=("repeated-word",))).lint(document)
    assert (finding.location.offset, finding.text) == (html.index("the the"), "the the")
    assert render(html[html.index("deal"):html.index(" done")]) == "dealwas"


def test_a_span_over_markup_covers_its_tags_and_renders_back() -> None:
    html = (f"<p>Intro.</p>\n<p>{PARAGRAPH}</p>\n"
            "<p>Sales rose <b>sharply</b> in the year to March,\n"
            "  and the company now sells more cars here.</p>")
    document = read("a.html", html)
    findings = Linter(Config(select=("duplicate-paragraph",))).lint(document)
    assert len(findings) == 1
    assert "<b>sharply</b>" in findings[0].text and "\n  and" in findings[0].text
    assert_locations_exact(document, findings)


def test_scripts_styles_navigation_forms_and_footers_are_not_read() -> None:
    html = ("<nav>Home News</nav><script>var a = 'x';</script><style>p {}</style>"
            "<form><label>Search the site</label></form><p>Body text here.</p>"
            "<footer>Copyright</footer><div class='share-bar'>Share on Facebook</div>")
    assert blocks(read("a.html", html)) == [("paragraph", "Body text here.")]


def test_code_is_one_masked_placeholder_and_pre_is_not_read() -> None:
    html = "<p>Type <code>the the</code> then press enter.</p><pre>not prose</pre>"
    document = read("a.html", html)
    assert blocks(document) == [("paragraph", "Type \ufffc then press enter.")]
    assert document.masked == ((5, 6),)


def test_captions_block_quotes_and_lists_are_read_as_what_they_are() -> None:
    html = ("<h1>Headline here</h1><figure><img src=x><figcaption>A caption</figcaption>"
            "</figure><blockquote><p>Quoted words.</p></blockquote><ul><li>One item<li>Two</ul>"
            "<h2>Cross</h2>")
    assert blocks(read("a.html", html)) == [
        ("headline", "Headline here"), ("caption", "A caption"), ("blockquote", "Quoted words."),
        ("list-item", "One item"), ("list-item", "Two"), ("heading", "Cross")]


def test_text_for_screen_readers_only_is_not_read() -> None:
    html = "<figcaption><span class='off-screen'>Media caption </span>The scene</figcaption>"
    assert blocks(read("a.html", html)) == [("caption", "The scene")]


def test_a_photo_credit_is_not_read_and_ends_the_caption_before_it() -> None:
    html = ("<figure><figcaption><span>Workers under the street.</span><span "
            "itemprop='copyrightHolder'>Credit Ann Smith</span></figcaption></figure>")
    assert blocks(read("a.html", html)) == [("caption", "Workers under the street.")]


def test_a_block_quote_footer_is_its_attribution() -> None:
    html = "<blockquote><p>We will build it.</p><footer>Ann Smith, chief executive</footer>" \
           "</blockquote>"
    assert blocks(read("a.html", html)) == [("blockquote", "We will build it."),
                                            ("caption", "Ann Smith, chief executive")]


def test_a_page_is_read_from_its_article_body_with_its_lead_in() -> None:
    prose = "".join(f"<p>{PARAGRAPH} Paragraph {n} goes on, as it should.</p>" for n in range(4))
    html = (f"<html><head><title>The headline | Site</title></head><body>"
            f"<div class='menu'><p>{'Menu entry. ' * 30}</p></div>"
            f"<article><h1>The headline</h1><p class='byline'>By Ann Smith</p>"
            f"<div class='body'>{prose}</div><div class='related'><p>{PARAGRAPH}</p></div>"
            f"</article><div id='comments'><p>{PARAGRAPH}</p></div></body></html>")
    document = read("page.html", html)
    kinds = [k for k, _ in blocks(document)]
    assert kinds == ["headline", "byline"] + ["paragraph"] * 4
    assert_blocks_exact(document)


def test_the_title_less_the_site_name_is_the_headline_when_no_heading_matches() -> None:
    html = (f"<html><head><title>Plant deal agreed at Halewood | Daily Post</title></head>"
            f"<body><h1>Daily Post</h1><p>{PARAGRAPH}</p></body></html>")
    document = read("page.html", html)
    assert blocks(document)[0] == ("headline", "Plant deal agreed at Halewood")
    assert_blocks_exact(document)


def test_html_comments_stay_in_the_source_so_suppressions_work() -> None:
    html = (f"<p>Intro.</p><p>{PARAGRAPH}</p>\n"
            f"<!-- copydesk: disable-next-paragraph=duplicate-paragraph -->\n<p>{PARAGRAPH}</p>")
    assert Linter(Config(select=("duplicate-paragraph",))).lint(read("a.html", html)) == []


def test_wordpress_fields_are_separate_sources() -> None:
    post = {"title": {"rendered": "Talks on the Rock&#8217;s future"},
            "excerpt": {"rendered": "<p>A summary written by the desk.</p>"},
            "content": {"rendered": f"<p>{PARAGRAPH}</p>\n<p>{PARAGRAPH}</p>\n"}}
    document = read("post.json", json.dumps(post))
    assert document.format == "wordpress"
    assert [s.field for s in document.sources] == ["title.rendered", "excerpt.rendered",
                                                   "content.rendered"]
    findings = Linter(Config(select=("duplicate-paragraph",))).lint(document)
    assert [(f.location.field, f.location.line, f.location.column) for f in findings] == [
        ("content.rendered", 2, 4)]
    assert_locations_exact(document, findings)


def test_the_automatic_wordpress_excerpt_is_not_a_standfirst() -> None:
    post = {"title": {"rendered": "T"},
            "excerpt": {"rendered": "<p>Sales rose sharply [&hellip;]</p>"},
            "content": {"rendered": f"<p>{PARAGRAPH}</p>"}, "id": 1}
    assert [k for k, _ in blocks(read("post.json", json.dumps(post)))] == ["headline", "paragraph"]


def test_content_raw_is_preferred_when_present() -> None:
    post = {"title": {"rendered": "T"},
            "content": {"raw": '<!-- wp:paragraph -->\n<p>Raw "text".</p>\n<!-- /wp:paragraph -->',
                        "rendered": "<p>Raw &#8220;text&#8221;.</p>"}}
    document = read("post.json", json.dumps(post))
    assert blocks(document)[1] == ("paragraph", 'Raw "text".')
    assert document.sources[1].field == "content.raw"


def test_raw_content_with_no_paragraph_tags_is_read_as_wpautop_reads_it() -> None:
    # A classic-editor post: blank lines part its paragraphs; inline HTML stays inline,
    # and a single line break is white space, as in the HTML WordPress makes of it.
    repeated = "The council agreed the budget after a long debate on Monday night."
    raw = (f"{repeated}\n\nIt <em>agreed</em> a rise\nof 5% &amp; more.\r\n \r\n{repeated}\n")
    post = {"title": {"rendered": "Head"}, "content": {"raw": raw}}
    document = read("post.json", json.dumps(post))
    assert blocks(document) == [("headline", "Head"), ("paragraph", repeated),
                                ("paragraph", "It agreed a rise of 5% & more."),
                                ("paragraph", repeated)]
    found = Linter(Config(select=("ALL",))).lint(document)
    assert [(f.rule, f.paragraph, f.location.field, f.location.offset, f.location.length)
            for f in found] == [("duplicate-paragraph", 3, "content.raw", 116, 66)]
    assert_locations_exact(document, found)
    assert_blocks_exact(document)
    # The fix takes the copy and the blank lines before it.
    assert [(e.offset, e.length) for e in found[0].fix.edits] == [(111, 71)]


def test_raw_content_with_paragraph_tags_keeps_them() -> None:
    post = {"title": {"rendered": "Head"},
            "content": {"raw": "<p>One\n\ntwo</p>\n<p>Three</p>"}}
    assert blocks(read("post.json", json.dumps(post)))[1:] == [
        ("paragraph", "One two"), ("paragraph", "Three")]


def test_ans_elements_carry_their_id_index_and_path() -> None:
    story = {"type": "story", "headlines": {"basic": "A headline"}, "content_elements": [
        {"_id": "A1", "type": "text", "content": "<dateline>PARIS —</dateline> First."},
        {"_id": "R1", "type": "raw_html", "content": "<p>Not prose.</p>"},
        {"_id": "Q1", "type": "quote", "content_elements": [{"type": "text", "content": "Said."}],
         "citation": {"type": "text", "content": "A person"}},
        {"_id": "L1", "type": "list", "items": [{"_id": "I1", "type": "text", "content": "Item"}]},
        {"_id": "C1", "type": "correction", "text": "An earlier version was wrong."}]}
    document = read("story.json", json.dumps(story))
    assert document.format == "ans"
    assert blocks(document) == [
        ("headline", "A headline"), ("paragraph", "PARIS — First."), ("blockquote", "Said."),
        ("caption", "A person"), ("list-item", "Item"),
        ("paragraph", "An earlier version was wrong.")]
    located = [(s.field, s.element_id, s.element_index) for s in document.sources]
    assert located[2] == ("content_elements[2].content_elements[0].content", "Q1", 2)
    assert located[4] == ("content_elements[3].items[0].content", "I1", 3)
    assert_blocks_exact(document)


@pytest.mark.parametrize(("content", "code", "words"), [
    ("{not json", "invalid-json", "WordPress REST post"),
    ('{"hello": "world"}', "unknown-json", "Arc XP ANS story"),
    ("[1, 2]", "unknown-json", "WordPress REST post"),
    ("[" * 100_000, "too-deep", f"{MAX_JSON_DEPTH} levels"),
])
def test_bad_json_is_a_one_line_error_naming_what_was_expected(content, code, words) -> None:
    with pytest.raises(InputError) as caught:
        read("payload.json", content)
    assert caught.value.code == code and words in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(("fields", "message"), [
    ({"content": "<p>Body.</p>"},
     "the WordPress post's `content` is a string, not an object with `rendered` or `raw`"),
    ({"content": {"rendered": 5}},
     "the WordPress post's `content.rendered` is a number, not a string"),
    ({"excerpt": [], "content": {"rendered": "<p>Body.</p>"}},
     "the WordPress post's `excerpt` is an array, not an object with `rendered` or `raw`"),
])
def test_a_wordpress_field_of_another_shape_is_an_error_not_left_unread(fields, message) -> None:
    # Read as missing, a bare-string body would leave the headline checked alone.
    with pytest.raises(InputError) as caught:
        read("post.json", json.dumps({"title": {"rendered": "Vote"}, **fields}))
    assert (caught.value.code, caught.value.message) == ("unknown-json", message)


def nested_story(levels: int) -> str:
    element: dict = {"type": "text", "content": "Deep."}
    for _ in range(levels):
        element = {"type": "quote", "content_elements": [element]}
    return json.dumps({"type": "story", "content_elements": [
        {"type": "text", "content": "Top."}, element]})


def test_deeply_nested_ans_elements_are_read_to_a_limit() -> None:
    assert blocks(read("deep.json", nested_story(40))) == [("paragraph", "Top.")]
    with pytest.raises(InputError) as caught:
        read("deep.json", nested_story(400))  # two JSON levels an element
    assert caught.value.code == "too-deep"


def test_formats_are_detected_by_extension_and_content() -> None:
    assert detect_format("a.htm", "<p>x</p>") == "html"
    assert detect_format("a.json", '{"type": "story", "content_elements": []}') == "ans"
    assert detect_format("a.json", '{"title": {"rendered": "x"}}') == "wordpress"
    assert detect_format("article", "<!DOCTYPE html><p>x</p>") == "html"
    assert detect_format("article", "Plain words.") == "text"


# --- random and malformed markup -----------------------------------------------------

@pytest.mark.parametrize("opener", ["<b>", "<div>", "<p><span>", "<ul>", "<q>"])
def test_very_deep_markup_is_read_nested_as_written(opener: str) -> None:
    # Nested 5,000 deep, a hidden span still hides its words, and a quotation its
    # marks: nothing is opened as a sibling past some depth.
    html = opener * 5_000 + "deep <i hidden>hidden</i>text"
    document = read("deep.html", html)
    marks = "“" + "‘" * 4_999 if opener == "<q>" else ""
    assert [t for _, t in blocks(document)] == [marks + "deep text"]
    assert_blocks_exact(document)


def test_a_quotation_inside_another_is_located_exactly() -> None:
    # The inner <q> shows a single mark, which its tag's slice alone cannot tell: the
    # invariant reads the slice in its source, as the reader does.
    document = read("q.html", "<h1>Vote</h1><p>He said <q>it was <q>fine")
    found = Linter(Config(select=("unbalanced-quote",))).lint(document)
    assert [f.flagged for f in found] == ["“", "‘"]
    assert_locations_exact(document, found)


@pytest.mark.parametrize(("html", "shown"), [
    # `</em>` closes the `<code>` inside it, as in a browser, so the second `<code>`
    # is a sibling: alone, the slice has no `<em>` to close and nests them. Its end
    # falls inside the unclosed second one, which shows nothing past its placeholder.
    ("<p><em><code></em><code></p>", ["￼￼"]),
    # `</q>` closes the hidden span that the quotation holds: where the slice starts,
    # inside that span, nothing shows, but the end tag shows the closing mark.
    ("<p><q><span hidden>x</q>y</p>", ["“”y"]),
])
def test_a_span_opened_inside_elements_it_closes_is_located_exactly(
        html: str, shown: list[str]) -> None:
    document = read("nested.html", html)
    assert [t for _, t in blocks(document)] == shown
    assert_blocks_exact(document)
    for start in range(document.blocks[0].start, document.blocks[0].end + 1):
        for end in range(start, document.blocks[0].end + 1):
            assert_exact(document, source_location(document, start, end),
                         document.text[start:end])


def test_code_or_a_quotation_holding_a_block_renders_as_the_reader_walks_it() -> None:
    # The reader walks an inline element that holds a block, as it walks a block:
    # the code's words show, and the outer quotation shows no marks. Rendered in
    # its source, the inner quotation's slice shows what the reader shows of it,
    # not one code placeholder.
    html = "<div><code><q>Run<div>it <q>now</q></div></q></code></div>"
    document = read("holder.html", html)
    assert [t for _, t in blocks(document)] == ["Run", "it ‘now’"]
    assert render(html) == "Run\n\nit ‘now’"
    assert_blocks_exact(document)

@pytest.mark.parametrize(("content", "shown"), [
    ("It ended.<p>New words here.</p>", "It ended.\nNew words here."),
    # The second <li> closes the first, and the hidden <span> in it.
    ("<li>Yes <span hidden>x<li>!", "Yes\n!"),
    ("<p>by John Wagner\n</p>\n<p>and Dan Balz</p>", "by John Wagner\nand Dan Balz"),
    ("<div>One<br></div><div>Two</div>", "One\nTwo"),
])
def test_a_block_pasted_into_a_cms_string_starts_a_new_line(content: str, shown: str) -> None:
    # A browser shows each block on a line of its own: `ended.New` is no missing space.
    story = {"type": "story", "headlines": {"basic": "Vote"},
             "content_elements": [{"type": "text", "content": content}]}
    document = read("story.ans.json", json.dumps(story))
    assert blocks(document)[1] == ("paragraph", shown)
    assert_blocks_exact(document)
    rules = ("missing-space-after-punctuation", "space-before-punctuation")
    assert Linter(Config(select=rules)).lint(document) == []


_PIECES = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<em>", "</em>", "<a href='x'>", "</a>", "<br>", "<br/>",
    "<li>", "<ul>", "</ul>", "<blockquote>", "<h1>", "</h1>", "<script>", "</script>",
    "<style>", "<!--", "-->", "<!-- c -->", "&amp;", "&#8217;", "&nbsp;", "&bogus;", "&",
    "<", ">", " ", "\n", "\r\n", "\t", "word", "Word.", "<code>", "</code>", "<figcaption>",
    "<b", "'", '"', "<!DOCTYPE html>", "<html>", "<body>", "</body>", "<nav>", "</nav>",
    "<table><tr><td>", "&#x1F600;", "&#0;", "<p class='share'>", "<span hidden>",
    "<i aria-hidden='true'>", "<span class='off-screen'>", "</span>", "</i>",
    "<nav role='navigation'>", "<a role='menu'>",
])
_MARKUP = st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=200))


@settings(max_examples=examples(300), deadline=None)
@given(_MARKUP)
def test_any_markup_reads_without_error_and_maps_back_exactly(html: str) -> None:
    document = read("random.html", html)
    assert_blocks_exact(document)
    for block in document.blocks:
        for start in range(block.start, block.end, 7):
            _, src_start, src_end = document.spans.to_source(start, min(start + 5, block.end))
            assert 0 <= src_start <= src_end <= len(html)


@settings(max_examples=examples(500), deadline=None)
@given(_MARKUP)
def test_elements_are_listed_as_made_in_document_order(html: str) -> None:
    # The HTML reader takes the order the tree builder makes elements in for the
    # tree's document order (parents before children) instead of walking it.
    elements = parse_elements(html)
    assert [id(e) for e in elements] == [id(e) for e in elements[0].iter()]
    assert [(e.tag, e.start, e.end) for e in elements] == \
        [(e.tag, e.start, e.end) for e in parse(html).iter()]


def test_text_cut_at_each_lone_angle_bracket_is_one_run() -> None:
    # The standard parser hands over the text at every `<`: 100,000 of them in a row
    # were 100,000 runs for the reader to map.
    paragraph = parse("<p>a < b << 3 <= 4</p>").children[0]
    assert [(c.start, c.end) for c in paragraph.children] == [(3, 18)]
    document = read("lt.html", "<h1>Vote</h1><p>" + "<" * 1_000 + " b</p>")
    assert [t for _, t in blocks(document)] == ["Vote", "<" * 1_000 + " b"]
    assert len(document.spans.pieces) < 10  # not one a bracket


@settings(max_examples=examples(200), deadline=None)
@given(_MARKUP)
def test_rendering_a_whole_fragment_never_fails(html: str) -> None:
    assert isinstance(render(html), str)


@settings(max_examples=examples(300), deadline=None)
@given(_MARKUP, st.data())
def test_any_span_inside_a_block_renders_back_from_its_source_slice(html: str, data) -> None:
    document = read("random.html", html)
    if not document.blocks:
        return
    block = data.draw(st.sampled_from(document.blocks))
    start = data.draw(st.integers(block.start, block.end))
    end = data.draw(st.integers(start, block.end))
    if _cuts_a_wide_piece(document, start) or _cuts_a_wide_piece(document, end):
        return  # a two-character entity (`&NotEqualTilde;`) maps as a whole
    _, src_start, src_end = document.spans.to_source(start, end)
    assert render(html[src_start:src_end]) == document.text[start:end]


# Inline elements closed out of order, in and around blocks: an end tag closes the
# elements opened inside its element, so a slice alone may nest what its source
# does not.
_MISNESTED = st.lists(st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<li>", "<blockquote>", "<table><tr><td>", "<td>",
    "<em>", "</em>", "<b>", "</b>", "<q>", "</q>", "<code>", "</code>", "<span hidden>",
    "</span>", "<a href='x'>", "</a>", "<script>", "</script>", "<br>", "x", " ", "y.",
    "&amp;",
]), max_size=14).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(_MISNESTED, st.data())
def test_any_span_of_misnested_markup_renders_back_in_its_source(html: str, data) -> None:
    document = read("random.html", html)
    assert_blocks_exact(document)
    if not document.blocks:
        return
    block = data.draw(st.sampled_from(document.blocks))
    start = data.draw(st.integers(block.start, block.end))
    end = data.draw(st.integers(start, block.end))
    assume(not (_cuts_a_wide_piece(document, start) or _cuts_a_wide_piece(document, end)))
    assert_exact(document, source_location(document, start, end), document.text[start:end])


def _cuts_a_wide_piece(document: Document, index: int) -> bool:
    return any(p.start < index < p.start + p.length and not p.exact
               for p in document.spans.pieces)


_PROSE = st.sampled_from([
    "the", "The", "U.S.", "Mr", "said", '"', "“", "”", "’", ",", ".", " ", "  ", "\n",
    "Sales rose 12% to 431,733 vehicles in the year to March.", "By Tom", "12 March 2025",
    "<p>", "</p>", "<em>", "</em>", "<a href='x'>", "</a>", "<br>", "&amp;", "&#8220;",
    "&#8221;", "&nbsp;", "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<li>",
    "<figcaption>", "<!-- copydesk: disable -->", "<code>x</code>",
])
_LINTER = Linter(Config(select=("ALL",)))


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_PROSE, max_size=80).map("".join))
def test_every_rule_locates_exactly_in_random_html(html: str) -> None:
    document = read("random.html", html)
    findings = _LINTER.lint(document)
    assert_locations_exact(document, findings)
    for f in findings:
        assert 0 <= f.location.offset <= f.location.offset + f.location.length <= len(html)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    | st.sampled_from(["story", "text", "quote", "list", "<p>x</p>", "a &amp; b"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "content", "content_elements", "items", "citation", "_id",
                         "headlines", "basic", "title", "rendered", "raw", "excerpt", "caption",
                         "text"]), inner, max_size=5),
    max_leaves=30)


@settings(max_examples=examples(300), deadline=None)
@given(_JSON, st.sampled_from(["payload.json", "payload.ans.json"]))
def test_any_json_is_read_or_is_an_input_error(data, name: str) -> None:
    try:
        document = read(name, json.dumps(data))
    except InputError:
        return
    assert document.format in ("wordpress", "ans")
    assert_blocks_exact(document)


def test_a_bare_ampersand_before_a_line_break_leaves_no_carriage_return() -> None:
    document = read("page.html", "<p>Fish &\r\nchips</p>")
    assert document.text == "Fish & chips"


def test_a_page_in_its_declared_charset_is_decoded_as_declared() -> None:
    from lint.readers import decode, encode
    page = ('<html><head><meta charset="windows-1252"></head><body><h1>Caf\u00e9 deal</h1>'
            '<p>\u201cWe will appeal,\u201d the caf\u00e9 owner said.</p></body></html>')
    data = page.encode("cp1252")
    assert decode(data) == page
    assert encode(decode(data), like=data) == data
    latin = page.replace("windows-1252", "ISO-8859-1").encode("cp1252")
    assert decode(latin) == page.replace("windows-1252", "ISO-8859-1")  # read as browsers do
    http_equiv = data.replace(b'<meta charset="windows-1252">',
                              b'<meta http-equiv="Content-Type" content="text/html; '
                              b'charset=windows-1252">')
    assert "\u201cWe will appeal" in decode(http_equiv)


def test_an_unknown_or_wrong_charset_is_a_clear_error() -> None:
    from lint.readers import InputError, decode
    with pytest.raises(InputError, match="unknown charset"):
        decode('<meta charset="klingon"><p>Caf\u00e9</p>'.encode("cp1252"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode("<p>Caf\u00e9</p>".encode("cp1252"))


@given(st.text(), st.sampled_from([("\ufeff", "utf-16-le"), ("\ufeff", "utf-16-be"),
                                   ("\ufeff", "utf-32-le"), ("\ufeff", "utf-32-be")]))
@settings(max_examples=examples(200))
def test_unicode_text_after_a_byte_order_mark_round_trips(text: str, marked) -> None:
    from lint.readers import decode, encode
    mark, codec = marked
    # After the little-endian UTF-16 mark, a NUL would make it the UTF-32 one.
    assume(not (codec == "utf-16-le" and text.startswith("\x00")))
    data = (mark + text).encode(codec)
    assert decode(data) == text
    assert encode(text.upper(), like=data) == (mark + text.upper()).encode(codec)


# What `_markup` replaces: one pattern, its code spans opened at the start of a run
# of backticks only (CommonMark), which read the rest of the line from every backtick
# of a long unpaired run.
_ONE_PATTERN = regex.compile(
    r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)"
    r"|(?<=\])\([^()\s]*(?:\s+\"[^\"]*\")?\)"
    r"|<(?:https?|mailto):[^>\s]*>"
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?>"
    r"|\{\{[^{}]*?\}\}|\{%[^{}]*?%\}"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|\\[!-/:-@\[-`{-~]"
)


@given(st.lists(st.sampled_from(["`", "``", "```", "a", " ", "](", "(", ")", "[x]", "<b>", "<",
                                 ">", "<http://x>", '"', "é", "{", "}", "{{", "}}", "{%", "%}",
                                 "%", "&", "&amp;", "#", "x4", ";", "\\", "\\\\"]),
                max_size=40))
def test_markdown_finds_what_one_pattern_finds_outside_prose(pieces: list[str]) -> None:
    from lint.readers.markdown import _markup

    line = "".join(pieces)
    assert list(_markup(line, 0, len(line))) == [
        m.span() for m in _ONE_PATTERN.finditer(line)]


def test_template_tags_of_static_site_generators_are_shown_but_not_linted() -> None:
    # Hugo shortcodes and Jekyll (Liquid) tags: their quoted parameters are no prose.
    # One on lines of its own is no paragraph; one inside a line is shown, masked.
    shortcode = '{{< figure src="harbour.jpg" caption="The harbour at dawn" >}}'
    tags = '{% include note.html text="Updated" %} in {{ page.title }}'
    text = (f"# Harbour plan approved\n\nThe council approved the plan.\n\n{shortcode}\n\n"
            f"The work starts in May. {tags} says so.\n\n"
            '{{< figure\n  src="bus.jpg"\n  caption="A bus"\n>}}\n\n'
            '{% include figure.html\n   src="bus.jpg" %}\nIt was approved.\n')
    document = read("a.md", text)
    assert [document.block_text(b) for b in document.body] == [
        "The council approved the plan.", f"The work starts in May. {tags} says so.",
        "It was approved."]
    assert [document.text[s:e] for s, e in document.masked] == [
        '{% include note.html text="Updated" %}', "{{ page.title }}"]
    assert Linter(Config(select=("ALL",))).lint(document) == []


@pytest.mark.parametrize(("text", "first"), [
    ('{{< figure\n  src="bus.jpg"\n\n  caption="A bus" >}}\n', '{{< figure\nsrc="bus.jpg"'),
    ('{{< figure src="bus.jpg" >}} and "more\n', '{{< figure src="bus.jpg" >}} and "more'),
    ('{{< figure src="bus.jpg"\n', '{{< figure src="bus.jpg"'),  # never closed
])
def test_a_template_tag_that_does_not_fill_its_lines_is_text(text: str, first: str) -> None:
    # A blank line before the closer, or text after it: the lines are a paragraph.
    document = read("a.md", "# Vote\n\n" + text)
    assert document.block_text(document.body[0]) == first


@pytest.mark.parametrize("front", [
    '---\ntitle: "Council approves 12 homes"\ndate: 2024-03-01\n---\n',
    '+++\ntitle = "Council approves 12 homes"\ntags = ["council", "housing"]\n+++\n',
])
def test_front_matter_holds_the_title_and_the_body_starts_below_it(front: str) -> None:
    # The first paragraph is the intro, not a headline; a byline is still a byline,
    # and a heading under the front matter is still the headline.
    body = "\nBy Ann Smith\n\nThe council approved 15 new homes on Monday.\n\nWork starts in May.\n"
    assert blocks(read("a.md", front + body)) == [
        ("byline", "By Ann Smith"), ("paragraph", "The council approved 15 new homes on Monday."),
        ("paragraph", "Work starts in May.")]
    assert blocks(read("a.md", front + "\n# Homes approved\n" + body))[:2] == [
        ("headline", "Homes approved"), ("byline", "By Ann Smith")]


def test_markdown_character_references_show_their_characters() -> None:
    # As CommonMark renders them: `&nbsp;km` is no missing space after `;`, and
    # `&quot;` a quotation mark; an unknown name, or one in code, stays as written.
    text = ("# Fares\n\nThe route is 10&nbsp;km &mdash; AT&amp;T said it was &quot;fine.\n\n"
            "It rose 5&#37; and 3&#x25;; `&amp;` and &madeup; stay.\n")
    document = read("a.md", text)
    assert [document.block_text(b) for b in document.body] == [
        "The route is 10\u00a0km — AT&T said it was \"fine.", "It rose 5% and 3%; `&amp;` and "
        "&madeup; stay."]
    found = Linter(Config(select=("ALL",))).lint(document)
    assert [(f.rule, f.flagged, f.text) for f in found] == [
        ("unbalanced-quote", '"', "&quot;")]
    assert_locations_exact(document, found)
    assert_blocks_exact(document)


def test_markdown_backslash_escapes_show_the_mark_they_escape() -> None:
    # As CommonMark renders them: `\"` is a quotation mark like any other, so
    # `said \"yes\"` quotes `yes`; a backslash before a letter, or in code, stays.
    text = ('# Vote\n\nHe said \\"yes\\" to the \\[first\\] plan\\. ' "It\\'s \\*done\\*.\n\n"
            'A \\q stays, as does `a \\" in code` and \\\\ one.\n\n'
            'She said \\"no.\n')
    document = read("a.md", text)
    assert [document.block_text(b) for b in document.body] == [
        'He said "yes" to the [first] plan. It\'s *done*.',
        'A \\q stays, as does `a \\" in code` and \\ one.', 'She said "no.']
    found = Linter(Config(select=("ALL",))).lint(document)
    assert [(f.rule, f.flagged, f.text, f.location.line, f.location.column) for f in found] == [
        ("unbalanced-quote", '"', '\\"', 7, 10)]
    assert_locations_exact(document, found)
    assert_blocks_exact(document)


def test_a_span_that_ends_inside_a_code_span_is_located_as_its_source_shows_it() -> None:
    # The reference is code, shown as written; the span's slice alone has no closing
    # backtick and would show `&`: the invariant reads the slice in its source.
    document = read("a.md", "Vote\n\nSee `a &amp; b` here.\n")
    start = document.body[0].start
    end = document.text.index("&amp;") + len("&amp;")
    location = source_location(document, start, end)
    assert document.sources[0].text[location.offset:location.offset + location.length] == (
        "See `a &amp;")
    assert_exact(document, location, "See `a &amp;")


def test_markdown_white_space_references_at_a_block_edge_show_nothing() -> None:
    # A paragraph of `&nbsp;` alone is no block (a rule read it as one with no word),
    # and one at either end of a block goes with the line break beside it.
    text = "The vote\n\n&nbsp;\n\nThe council met.&Tab;\n&nbsp;\n\n&nbsp; &#32;It voted.\n"
    document = read("a.md", text)
    assert [document.block_text(b) for b in document.blocks] == [
        "The vote", "The council met.", "It voted."]
    assert_blocks_exact(document)
    assert Linter(Config(select=("ALL",))).lint(document) == []


def test_a_long_unpaired_run_of_backticks_is_text() -> None:
    line = "Some " + "`" * 1707 + " words " + "`" * 2793 + " and `code` here."
    document = read("a.md", "Headline\n\n" + line + "\n")
    start = document.text.index("`code`")
    assert document.masked == ((start, start + len("`code`")),)


# What `_starts_text` lets a line skip: blank lines and the block patterns.
def _block_patterns() -> tuple[regex.Pattern, ...]:
    from lint.readers import markdown
    return (markdown._FENCE, markdown._COMMENT_START, markdown._HTML_LINE,
            markdown._TEMPLATE_START, markdown._SETEXT, markdown._BREAK, markdown._ATX,
            markdown._QUOTE, markdown._ITEM, markdown._INDENTED)


def _assert_text_only_if_no_pattern_matches(line: str) -> None:
    from lint.readers.markdown import _INDENT, _starts_text

    if _starts_text(line):
        assert line.strip(), repr(line)
        assert line.lstrip(_INDENT) == line, repr(line)
        assert not any(p.match(line) for p in _block_patterns()), repr(line)


def test_a_line_told_text_by_its_first_character_matches_no_block_pattern() -> None:
    # Every code point, then every ASCII character before the tails the patterns read.
    for code in range(sys.maxunicode + 1):
        _assert_text_only_if_no_pattern_matches(chr(code) + ". x")
    tails = ["", " ", "x", "1. x", ". x", ") x", "# x", "#", "==", "--", "- - -", "***", "__ _",
             "> x", "``` x", "~~~", "<!-- x", "<b>", "</p> ", "\t", "    x", "\u00a0x", "{ x",
             "% x"]
    for code in range(128):
        for tail in tails:
            _assert_text_only_if_no_pattern_matches(chr(code) + tail)
    for first in ["\u00a0", "\u2028", "\u3000", "\u0661", "\uff11", "\u2007", "\ufeff", "\u200b",
                  "\u1680", "\x85", "\U00010d40", "“", "é", "Ж"]:
        for tail in tails:
            _assert_text_only_if_no_pattern_matches(first + tail)


@given(st.text(st.sampled_from([" ", "\t", "`", "~", "<", "!", "-", "=", "*", "_", "#", ">", "+",
                                "1", "9", ".", ")", "a", "Z", "/", "\u00a0", "\u3000", "\u0663",
                                "\x1c"]), max_size=12)
       | st.text(max_size=12))
def test_any_line_told_text_matches_no_block_pattern(line: str) -> None:
    _assert_text_only_if_no_pattern_matches(line)


@given(st.lists(st.sampled_from(["`", "``", "a", " ", "](", "]", "(", ")", "[x]", "<b>", "<",
                                 ">", "<http://x>", '"', "é", "\n", "{{", "}}", "{%", "%}",
                                 "&", "&amp;", "&#37;"]),
                max_size=12))
def test_markdown_markup_is_looked_for_only_where_a_mark_may_start_it(pieces: list[str]) -> None:
    from lint.readers.markdown import _markup, _may_show_markup

    text = "".join(pieces)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            if not _may_show_markup(text, start, end):
                assert list(_markup(text, start, end)) == [], (text, start, end)


def _line_by_line(runs: list[Run]) -> list[Run]:
    """The runs with every line of prose its own run: each exact run cut at its line
    breaks, and each break a run that maps as a whole, as a break that drops
    something from the source does."""
    cut = []
    for run in runs:
        if not run.exact or run.masked:
            cut.append(run)
            continue
        offset = 0
        for i, line in enumerate(run.text.split("\n")):
            if i:
                cut.append(Run("\n", run.src_start + offset - 1, 1, exact=False))
            cut.append(Run(line, run.src_start + offset, len(line)))
            offset += len(line) + 1
    return cut


def test_markdown_lines_joined_by_a_lone_line_feed_are_one_run() -> None:
    document = read("a.md", "Headline\n\nOne\ntwo  \nthree\n> four\n> five\n\nsix\r\nseven\n")
    assert [document.text[p.start:p.start + p.length] for p in document.spans.pieces] == [
        "Headline", "\n\n", "One\ntwo", "\n", "three", "\n\n", "four", "\n", "five", "\n\n",
        "six", "\n", "seven"]


_MARKDOWN_LINES = st.lists(st.sampled_from([
    "a", "Word", "a\nb", "Word\n", " ", "  ", "\t", "\n", "\n", "\n\n", "\r\n", "\r", "> ", ">",
    "- ", "1. ", "    ", "# ", "---", "`", "`x`", "<b>", "<http://x>", "[x](y)", "](", "é",
    "\u00a0"]), max_size=40).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(_MARKDOWN_LINES)
def test_markdown_lines_run_together_map_as_they_do_line_by_line(text: str) -> None:
    from lint.readers import markdown

    together = read("a.md", text, "markdown")
    runs = markdown._runs
    with mock.patch.object(markdown, "_runs", lambda *args: _line_by_line(runs(*args))):
        by_line = read("a.md", text, "markdown")
    assert (together.text, together.blocks, together.masked, together.code) == (
        by_line.text, by_line.blocks, by_line.masked, by_line.code)
    length = len(together.text)
    for start in range(length + 1):
        assert together.spans.cuts_exactly(start) == by_line.spans.cuts_exactly(start)
        for end in {*range(start, min(start + 12, length) + 1), length}:
            assert together.spans.to_source(start, end) == by_line.spans.to_source(start, end)


@pytest.mark.parametrize(("html", "shown"), [
    ("<p>Shares rose 15 <b>cents</b> <a", "Shares rose 15 cents"),
    ("<p>Shares rose 15</ cents - 1.1% - on Nasdaq.", "Shares rose 15"),
    ("<p>Shares rose <!-- a comment never closed < 5 <b", "Shares rose"),
    ("<p>Shares rose by < 5%, <i>so</i> <a <a <a <a", "Shares rose by < 5%, so"),
    ("<p>Text " + "<a " * 5000, "Text"),
])
def test_a_tag_or_comment_left_open_at_the_end_hides_the_rest_as_a_browser_does(
        html: str, shown: str) -> None:
    document = read("page.html", html, "html")
    assert document.text == shown
    findings = Linter(Config(select=("ALL",))).lint(document)
    assert_locations_exact(document, findings)


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="3.11's late specialisation")
def test_the_long_while_loops_of_a_page_read_run_specialised_from_the_first_page() -> None:
    import dis
    from html.parser import HTMLParser

    from lint.readers import markup

    for function in (HTMLParser.goahead, markup._runs):
        assert next(dis.get_instructions(function, adaptive=True)).opname == "RESUME_QUICK"
