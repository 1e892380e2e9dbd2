"""Contentful entries and Sanity documents: what the readers take from each payload,
and findings located in the one rich text node or Portable Text span that holds them."""

from __future__ import annotations

import json

from invariants import assert_locations_exact
from lint.engine import Linter
from lint.readers import detect_format, read


def text(value: str, *marks: str) -> dict:
    return {"nodeType": "text", "value": value, "marks": [{"type": m} for m in marks],
            "data": {}}


def node(kind: str, *content: dict, **data) -> dict:
    return {"nodeType": kind, "data": data, "content": list(content)}


def entry(fields: dict) -> str:
    return json.dumps({"sys": {"id": "e1", "type": "Entry"}, "fields": fields})


def blocks(document) -> list[tuple[str, str]]:
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def test_contentful_rich_text_blocks_and_lead_in():
    body = node("document",
                node("paragraph", text("The council voted "), text("7-2", "bold"),
                     text(" on Monday.")),
                node("heading-2", text("What next")),
                node("unordered-list",
                     node("list-item", node("paragraph", text("Ferries from May."))),
                     node("list-item", node("paragraph", text("Fares to rise.")))),
                node("blockquote", node("paragraph", text("It is a good day."))),
                node("embedded-entry-block", target={"sys": {"id": "promo"}}),
                node("hr"),
                node("paragraph", text("Read "),
                     node("hyperlink", text("the plan"), uri="https://example.org"),
                     text(" or run "), text("plan --all", "code"), text(".")))
    document = read("e.json", entry({
        "title": {"de-DE": "Fähre", "en-GB": "Council backs ferry"},
        "description": {"en-GB": "A new route."},
        "slug": {"en-GB": "council-ferry"},
        "body": {"en-GB": body}}))
    assert document.format == "contentful"
    assert blocks(document) == [
        ("headline", "Council backs ferry"), ("standfirst", "A new route."),
        ("paragraph", "The council voted 7-2 on Monday."), ("heading", "What next"),
        ("list-item", "Ferries from May."), ("list-item", "Fares to rise."),
        ("blockquote", "It is a good day."), ("paragraph", "Read the plan or run \ufffc.")]
    fields = {s.field for s in document.sources}
    assert "fields.body.en-GB.content[6].content[1].content[0].value" in fields  # the link
    assert "fields.title.en-GB" in fields and "fields.slug.en-GB" not in fields


def test_contentful_reads_one_locale_a_field():
    english_last = entry({"title": {"fr-FR": "Le titre", "en-US": "The title"}})
    assert blocks(read("e.json", english_last)) == [("headline", "The title")]
    no_english = entry({"title": {"fr-FR": "Le titre", "de-DE": "Der Titel"}})
    assert blocks(read("e.json", no_english)) == [("headline", "Le titre")]


def test_contentful_finding_is_located_in_its_text_node():
    body = node("document", node("paragraph", text("Steel prices rose in the "),
                                 text("north", "italic"), text(" as the U.S tariff began.")))
    content = entry({"body": {"en-US": body}})
    document = read("e.json", content)
    findings = Linter().lint(document)
    (found,) = [f for f in findings if f.rule == "malformed-abbreviation"]
    assert found.location.field == "fields.body.en-US.content[0].content[2].value"
    assert (found.location.offset, found.location.element_index) == (8, 0)
    assert_locations_exact(document, findings)


def test_code_is_masked_not_linted():
    body = node("document", node("paragraph", text("Type "), text("the U.S  flag", "code"),
                                 text(" to see it.")))
    findings = Linter().lint(read("e.json", entry({"body": {"en-US": body}})))
    assert findings == []


def test_contentful_tolerates_odd_shapes_and_deep_nesting():
    deep = node("paragraph", text("Deep."))
    for _ in range(40):  # past the readers' bound, within the JSON depth limit
        deep = node("blockquote", deep)
    body = {"nodeType": "document", "content": [None, 3, {"nodeType": "paragraph"},
                                                {"nodeType": ["paragraph"]},
                                                {"nodeType": "paragraph", "content": "x"},
                                                deep, node("paragraph", text("Kept."))]}
    document = read("e.json", entry({"title": {"en-US": 7}, "body": {"en-US": body},
                                     "tags": {"en-US": ["a"]}, "empty": {}}))
    assert blocks(document) == [("paragraph", "Kept.")]


def span(value: str, *marks: str) -> dict:
    return {"_type": "span", "_key": value[:4], "text": value, "marks": list(marks)}


def block(key: str, *spans: dict, style: str = "normal", **extra) -> dict:
    return {"_type": "block", "_key": key, "style": style, "markDefs": [],
            "children": list(spans), **extra}


def test_sanity_portable_text_blocks_and_lead_in():
    doc = {"_id": "d1", "_type": "article", "title": "Council backs ferry",
           "excerpt": [block("x1", span("A new route."))],
           "slug": {"_type": "slug", "current": "council-ferry"},
           "body": [block("b1", span("The council voted "), span("7-2", "strong"),
                          span(" on Monday.")),
                    block("b2", span("What next"), style="h2"),
                    {"_type": "image", "_key": "i1", "caption": "The harbour."},
                    {"_type": "code", "_key": "c1", "code": "print('x')"},
                    block("b3", span("Ferries from May."), listItem="bullet", level=1),
                    block("b4", span("It is a good day."), style="blockquote"),
                    block("b5", span("Run "), span("plan --all", "code"), span(".")),
                    block("b6", span("Odd style."), style=["h2"]), None]}
    document = read("d.json", json.dumps(doc))
    assert document.format == "sanity"
    assert blocks(document) == [
        ("headline", "Council backs ferry"), ("standfirst", "A new route."),
        ("paragraph", "The council voted 7-2 on Monday."), ("heading", "What next"),
        ("caption", "The harbour."), ("list-item", "Ferries from May."),
        ("blockquote", "It is a good day."), ("paragraph", "Run \ufffc."),
        ("paragraph", "Odd style.")]
    caption = next(s for s in document.sources if s.text == "The harbour.")
    assert (caption.field, caption.element_id, caption.element_index) == \
        ("body[2].caption", "i1", 2)


def test_sanity_finding_is_located_in_its_span():
    doc = {"_id": "d1", "_type": "article",
           "content": [block("p1", span("Fans cheered "), span("loudly", "em"),
                             span(" as the U.S tariff began."))]}
    document = read("d.json", json.dumps(doc))
    findings = Linter().lint(document)
    (found,) = [f for f in findings if f.rule == "malformed-abbreviation"]
    assert (found.location.field, found.location.element_id, found.location.offset) == \
        ("content[0].children[2].text", "p1", 8)
    assert_locations_exact(document, findings)


def test_payloads_are_told_apart():
    assert detect_format("x.json", entry({})) == "contentful"
    assert detect_format("x.json", '{"_id": "d", "_type": "post"}') == "sanity"
    projection = json.dumps({"_type": "post", "body": [block("b", span("Hi."))]})
    assert detect_format("-", projection) == "sanity"
    assert detect_format("-", '{"_type": "post"}') == "text"  # no id, no text: not a document
