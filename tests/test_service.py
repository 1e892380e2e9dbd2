"""`copydesk serve` as a CMS meets it: a real server process on loopback, over HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from lint.engine import Linter  # noqa: E402
from lint.readers import read  # noqa: E402
from lint.service.signatures import sign_arc, sign_sanity, sign_standard  # noqa: E402
from service_server import SECRETS, ServiceServer  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
REPO = FIXTURES.parent.parent

U_S_TEXT = "Steel prices rose.\n\nThe U.S steel tariff took effect on Monday, officials said.\n"


def findings_of(answer):
    assert answer.status == 200, answer.body
    return answer.json["findings"]


def engine_locations(content: str, format: str) -> list[dict]:
    document = read("<request>", content, format)
    return [f.location.to_json() for f in Linter().lint(document)]


@pytest.mark.parametrize("name, format", [
    ("plant-deal.txt", "text"), ("plant-deal.html", "html"),
    ("plant-deal.wp.json", "wordpress"), ("plant-deal.ans.json", "ans"),
    ("plant-deal.contentful.json", "contentful"), ("plant-deal.sanity.json", "sanity"),
])
def test_each_format_locates_findings_exactly_as_the_engine(copydesk_server, name, format):
    content = (FIXTURES / name).read_text(encoding="utf-8")
    body = json.loads(content) if name.endswith(".json") else content
    found = findings_of(copydesk_server.check(content=body, format=format,
                                              offset_encoding="codepoint"))
    assert [f["location"] for f in found] == engine_locations(content, format)
    abbreviation = next(f for f in found if f["rule"] == "malformed-abbreviation")
    assert abbreviation["replacements"][0] == "US"
    if format == "text":
        loc = abbreviation["location"]
        assert (loc["line"], loc["column"]) == (21, 83)
        assert content[loc["offset"]:loc["offset"] + loc["length"]] == "U.S"
    if format == "ans":
        assert abbreviation["location"]["element_id"] == "PLANTDEALP0007"
        source = body["content_elements"][8]["content"]
        loc = abbreviation["location"]
        assert source[loc["offset"]:loc["offset"] + loc["length"]] == "U.S"
    if format in ("contentful", "sanity"):  # the text node after a bold one
        loc = abbreviation["location"]
        node = (body["fields"]["body"]["en-GB"]["content"][8]["content"][2]["value"]
                if format == "contentful" else body["body"][7]["children"][2]["text"])
        assert node[loc["offset"]:loc["offset"] + loc["length"]] == "U.S"


def test_markdown_and_sniffed_formats(copydesk_server):
    markdown = "# Tariffs\n\nThe **U.S** tariff took effect on Monday, officials said.\n"
    answer = copydesk_server.check(content=markdown, format="markdown",
                                   offset_encoding="codepoint")
    (finding,) = [f for f in findings_of(answer) if f["rule"] == "malformed-abbreviation"]
    loc = finding["location"]
    assert markdown[loc["offset"]:loc["offset"] + loc["length"]] == "U.S"
    assert (loc["line"], loc["column"]) == (3, 7)
    assert answer.json["document"]["format"] == "markdown"
    html = "<p>The U.S tariff took effect on Monday, officials said.</p>"
    assert copydesk_server.check(content=html).json["document"]["format"] == "html"
    wordpress = json.loads((FIXTURES / "plant-deal.wp.json").read_text(encoding="utf-8"))
    assert copydesk_server.check(content=wordpress).json["document"] == {
        "source": "check", "id": "4211", "format": "wordpress"}


def test_a_classic_editor_post_is_read_in_paragraphs(copydesk_server):
    # What examples/wordpress sends: content.raw as the writer typed it, no <p> tags.
    paragraph = "The council agreed the budget after a long debate on Monday night."
    raw = f"{paragraph}\n\nIt agreed a rise of 5% for every home.\n\n{paragraph}"
    post = {"id": 7, "title": {"rendered": "Head"}, "content": {"raw": raw}}
    found = findings_of(copydesk_server.check(content=post, offset_encoding="codepoint"))
    assert [(f["rule"], f["paragraph"], f["message"], f["location"]["field"],
             f["location"]["offset"]) for f in found] == [
        ("duplicate-paragraph", 3, "Paragraph 3 repeats paragraph 1 word for word.",
         "content.raw", 108)]


def test_utf16_and_codepoint_offsets_agree_after_astral_characters(copydesk_server):
    text = "Markets 📈🚀 rallied.\n\nFans 😀 cheered as the U.S steel tariff 🎉 took effect.\n"
    by_encoding = {}
    for encoding in ("codepoint", "utf-16"):
        answer = copydesk_server.check(content=text, format="text", offset_encoding=encoding)
        assert answer.json["offset_encoding"] == encoding
        (finding,) = [f for f in findings_of(answer) if f["rule"] == "malformed-abbreviation"]
        by_encoding[encoding] = finding
    points, units = by_encoding["codepoint"], by_encoding["utf-16"]
    loc = points["location"]
    assert text[loc["offset"]:loc["offset"] + loc["length"]] == "U.S"
    utf16 = text.encode("utf-16-le")
    loc16 = units["location"]
    assert utf16[2 * loc16["offset"]:2 * (loc16["offset"] + loc16["length"])] \
        .decode("utf-16-le") == "U.S"
    # Three astral characters come before it (two on line 1, one on line 3).
    assert loc16["offset"] == loc["offset"] + 3
    assert (loc16["line"], loc16["column"]) == (loc["line"], loc["column"] + 1)
    assert loc16["end_column"] - loc16["column"] == 3
    edit16 = units["fix"]["edits"][0]
    assert edit16["offset"] == loc16["offset"]
    context = units["context"]
    assert context["text"].encode("utf-16-le")[
        2 * context["offset"]:2 * (context["offset"] + context["length"])
    ].decode("utf-16-le") == "U.S"
    assert points["fingerprint"] == units["fingerprint"]


def test_utf16_offsets_count_within_the_rich_text_node(copydesk_server):
    # The astral characters of an earlier node do not shift an offset into a later one.
    before, node = "Fans 🎉🎉 cheered ", "as the 😀 U.S steel tariff took effect."
    entry = {"sys": {"id": "astral"}, "fields": {"body": {"en-US": {
        "nodeType": "document", "data": {}, "content": [{"nodeType": "paragraph", "data": {},
        "content": [{"nodeType": "text", "value": before, "marks": [], "data": {}},
                    {"nodeType": "text", "value": node, "marks": [], "data": {}}]}]}}}}
    found = {}
    for encoding in ("codepoint", "utf-16"):
        answer = copydesk_server.check(content=entry, offset_encoding=encoding)
        (found[encoding],) = [f["location"] for f in findings_of(answer)
                              if f["rule"] == "malformed-abbreviation"]
    points, units = found["codepoint"], found["utf-16"]
    assert points["field"] == units["field"] == "fields.body.en-US.content[0].content[1].value"
    assert node[points["offset"]:points["offset"] + 3] == "U.S"
    assert units["offset"] == points["offset"] + 1


def test_fingerprints_survive_edits_elsewhere(copydesk_server):
    edited = "Steel prices rose sharply, traders said.\n\n" + U_S_TEXT.split("\n\n", 1)[1]
    before = {f["rule"]: f for f in findings_of(copydesk_server.check(content=U_S_TEXT))}
    after = {f["rule"]: f for f in findings_of(copydesk_server.check(content=edited))}
    rule = "malformed-abbreviation"
    assert before[rule]["location"]["offset"] != after[rule]["location"]["offset"]
    assert before[rule]["fingerprint"] == after[rule]["fingerprint"]


def test_response_shape_and_rule_docs(copydesk_server):
    answer = copydesk_server.check(content=U_S_TEXT, select=["abbreviations"],
                                   ignore=["abbreviation-style-mix"], profile="reuters")
    data = answer.json
    assert data["schema_version"] == 1 and data["incomplete"] is False
    assert data["tool"]["name"] == "copydesk" and data["tool"]["profile"] == "reuters"
    assert data["tool"]["config_hash"].startswith("sha256:")
    assert data["summary"] == {"error": 1, "warning": 0, "info": 0}
    (finding,) = data["findings"]
    assert finding["url"] == f"{copydesk_server.url}/v1/rules/malformed-abbreviation"
    rule = copydesk_server.request("GET", "/v1/rules/malformed-abbreviation").json
    assert rule["category"] == "abbreviations" and "What it does" in rule["docs"]
    rules = copydesk_server.request("GET", "/v1/rules").json
    assert {"name", "category", "severity", "summary", "fix", "fix_safety", "docs"} <= set(rules[0])
    assert len(rules) == len(Linter().registry.rules)


def test_health_readiness_and_metrics(copydesk_server):
    assert copydesk_server.request("GET", "/healthz").json == {"status": "ok"}
    assert copydesk_server.request("GET", "/readyz").json == {"status": "ready"}
    copydesk_server.check(content=U_S_TEXT)
    metrics = copydesk_server.request("GET", "/metrics")
    assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = metrics.body.decode()
    assert 'copydesk_requests_total{status="200"}' in text
    assert 'copydesk_request_duration_seconds_bucket{le="+Inf"}' in text
    assert 'copydesk_findings_total{rule="malformed-abbreviation"}' in text
    assert "\ncopydesk_checks_pending 0\n" in text


def wait_for_checks_pending(server, count: int) -> None:
    """Until the worker says `count` checks are under way (one worker: the one asked)."""
    for _ in range(600):
        metrics = server.request("GET", "/metrics").body.decode()
        if f"\ncopydesk_checks_pending {count}\n" in metrics:
            return
        time.sleep(0.01)
    raise AssertionError(f"never {count} checks under way")


def test_one_json_log_line_per_request_without_text_or_secrets(copydesk_server):
    answer = copydesk_server.check(content="A secret scoop about the U.S budget, told here.")
    request_id = answer.headers["x-request-id"]
    time.sleep(0.2)
    log = copydesk_server.log.read_text()
    lines = [json.loads(line) for line in log.splitlines() if request_id in line]
    assert len(lines) == 1
    assert lines[0]["method"] == "POST" and lines[0]["path"] == "/v1/check"
    assert lines[0]["status"] == 200 and lines[0]["ms"] > 0
    assert "secret scoop" not in log
    assert not any(secret in log for secret in SECRETS.values())


# Errors: one tagged body, a 4xx for anything a client sends.

def error_of(answer, status):
    assert answer.status == status, answer.body
    error = answer.json["error"]
    assert set(error) == {"code", "message", "details"}
    return error


@pytest.mark.parametrize("body, headers, status, code", [
    (b'{"content": ', {}, 400, "bad_json"),
    (b'{"content": "caf\xe9"}', {}, 400, "bad_json"),
    (b"\x00\x01\x02binary", {}, 400, "bad_json"),
    (b'{"content": "text"}', {"content-type": "text/plain"}, 415, "unsupported_media_type"),
    (b'{"content": "text"}', {"content-type": ""}, 415, "unsupported_media_type"),
    (b"", {}, 400, "bad_json"),
    (b" \r\n\t", {}, 400, "bad_json"),
], ids=["truncated", "latin-1", "binary", "text-plain", "no-type", "empty", "white-space"])
def test_malformed_requests(copydesk_server, body, headers, status, code):
    answer = copydesk_server.request("POST", "/v1/check", body, headers)
    assert error_of(answer, status)["code"] == code


@pytest.mark.parametrize("request_, pointer", [
    ({"content": 5}, "/content"),
    ({}, "/content"),
    ({"content": "x", "format": "docx"}, "/format"),
    ({"content": "x", "select": ["no-such-rule"]}, "/select/0"),
    ({"content": "x", "ignore": ["abbreviations", "nope"]}, "/ignore/1"),
    ({"content": "x", "profile": "../../etc/passwd"}, "/profile"),
    ({"content": "x", "offset_encoding": "utf-8"}, "/offset_encoding"),
    ({"content": "x", "extra": 1}, "/extra"),
    ({"content": {"not": "a payload"}}, "/content"),
    ({"content": {"a": 1}, "format": "html"}, "/format"),
    ({"content": "{\"type\": \"story\"", "format": "ans"}, "/content"),
], ids=["wrong-type", "missing", "format", "select", "ignore", "profile-path", "encoding",
        "extra", "unknown-payload", "object-as-html", "broken-ans"])
def test_wrong_shapes_point_at_the_field(copydesk_server, request_, pointer):
    error = error_of(copydesk_server.request("POST", "/v1/check", request_), 422)
    assert error["details"]["pointer"] == pointer


def test_a_body_nested_past_the_parsers_limit_is_told_so_with_the_limit(copydesk_server):
    deep = b"[" * 100_000 + b"]" * 100_000
    error = error_of(copydesk_server.request("POST", "/v1/check", deep), 422)
    assert (error["code"], error["details"]) == ("too_deep", {})
    assert "nested deeper than 128 levels" in error["message"]
    now = time.time()
    answer = copydesk_server.request("POST", "/v1/webhooks/wordpress", deep,
                                     signed("wordpress", deep, now, f"deep-{now}"))
    assert error_of(answer, 422)["code"] == "too_deep"
    # Arc's delivery id and time are inside the body, read as the signature is checked.
    answer = copydesk_server.request("POST", "/v1/webhooks/arc", deep, signed("arc", deep, now, ""))
    assert error_of(answer, 422)["code"] == "too_deep"


NESTED = '{"a": ' * 200 + "1" + "}" * 200
LONG_NUMBER = "1" * 2000


@pytest.mark.parametrize("content, code, message", [
    (NESTED, "too_deep", "JSON nested deeper than 128 levels (the limit)"),
    (f'{{"type": "story", "n": {LONG_NUMBER}}}', "too_large",
     "a JSON number longer than 1,000 characters (the limit)"),
], ids=["deep", "long-number"])
@pytest.mark.parametrize("format", [None, "ans"])
def test_a_payload_past_a_limit_is_told_the_limit_whether_or_not_its_format_is_given(
        copydesk_server, content, code, message, format):
    # The body is read within the readers' limits, so the limit is told as the body's.
    given = f', "format": "{format}"' if format else ""
    answer = copydesk_server.request("POST", "/v1/check", f'{{"content": {content}{given}}}')
    assert error_of(answer, 422) == {"code": code, "message": message, "details": {}}


@pytest.mark.parametrize("digits", [1001, 5000], ids=["past-the-limit", "past-int"])
@pytest.mark.parametrize("scheme", ["standard", "arc"])
def test_a_long_number_anywhere_in_a_body_is_told_the_limit(copydesk_server, digits, scheme):
    # Python turns at most 4,300 digits into an int: such a body is valid JSON all the
    # same, and one of 1,001 digits is past the readers' limit as well.
    body = f'{{"content": {{"type": "story", "n": {"1" * digits}}}}}'.encode()
    expected = {"code": "too_large", "details": {},
                "message": "a JSON number longer than 1,000 characters (the limit)"}
    assert error_of(copydesk_server.request("POST", "/v1/check", body), 422) == expected
    now = time.time()
    answer = copydesk_server.request("POST", f"/v1/webhooks/{scheme}", body,
                                     signed(scheme, body, now, f"long-{digits}-{now}"))
    assert error_of(answer, 422) == expected


@pytest.mark.parametrize("scheme", ["wordpress", "arc"])
def test_an_authentic_delivery_that_is_not_json_is_told_so(copydesk_server, scheme):
    now = time.time()
    body = b'{"key": "story:update", "time": '
    answer = copydesk_server.request("POST", f"/v1/webhooks/{scheme}", body,
                                     signed(scheme, body, now, f"broken-{now}"))
    assert error_of(answer, 400)["code"] == "bad_json"


def test_nesting_near_the_parsers_limit_is_never_a_500(copydesk_server):
    # A body the parser just takes holds content too deep to encode again for the
    # reader; found between about 950 and 1,000 levels, where exactly depends on the
    # stack.
    for depth in range(900, 1000, 2):
        content = '{"a": ' * depth + "1" + "}" * depth
        answer = copydesk_server.request("POST", "/v1/check", f'{{"content": {content}}}')
        assert answer.status in (400, 422), (depth, answer.body)
        now = time.time()
        event = f'{{"key": "story:update", "time": {int(now)}, "uuid": "deep-{depth}-{now}", ' \
                f'"body": {{"type": "story", "content_elements": {content}}}}}'.encode()
        answer = copydesk_server.request("POST", "/v1/webhooks/arc", event,
                                         signed("arc", event, now, ""))
        assert 400 <= answer.status < 500, (depth, answer.body)


def test_unknown_paths_and_methods_are_tagged(copydesk_server):
    assert error_of(copydesk_server.request("GET", "/v2/nothing"), 404)["code"] == "not_found"
    assert error_of(copydesk_server.request("GET", "/v1/check"), 405)["code"] \
        == "method_not_allowed"
    # Swagger UI and ReDoc would load their scripts from a CDN.
    for page in ("/docs", "/redoc"):
        assert error_of(copydesk_server.request("GET", page), 404)["code"] == "not_found"
    assert error_of(copydesk_server.request("GET", "/v1/rules/nope"), 404)["code"] \
        == "unknown_rule"
    assert error_of(copydesk_server.request("POST", "/v1/webhooks/github", b"{}"), 404) == {
        "code": "unknown_scheme", "details": {"schemes": list(SCHEMES)},
        "message": "no webhook scheme `github`; the schemes are standard, wordpress, arc, "
                   "contentful, sanity"}


# Signed webhooks: each scheme accepts a signed delivery and refuses the rest with 401.

def signed(scheme: str, body: bytes, now: float, delivery: str,
           path: str = "/v1/webhooks/contentful") -> dict[str, str]:
    secret = SECRETS[scheme]
    if scheme in ("standard", "wordpress"):
        return {"webhook-id": delivery, "webhook-timestamp": str(int(now)),
                "webhook-signature": sign_standard(secret, delivery, int(now), body)}
    if scheme == "sanity":
        return {"sanity-webhook-signature": sign_sanity(secret, int(now * 1000), body)}
    if scheme == "arc":
        return {"x-websked-signature": sign_arc(secret, body)}
    from lint.service.signatures import sign_contentful
    headers = {"x-contentful-timestamp": str(int(now * 1000)),
               "x-contentful-signed-headers": "x-contentful-timestamp,x-contentful-topic",
               "x-contentful-topic": "ContentManagement.Entry.publish"}
    signature = sign_contentful(secret, "POST", path,
                                {k: headers[k] for k in ("x-contentful-timestamp",
                                                         "x-contentful-topic")}, body)
    return {**headers, "x-contentful-signature": signature,
            "content-type": "application/vnd.contentful.management.v1+json"}  # as sent


def delivery_body(scheme: str, now: float, delivery: str) -> bytes:
    if scheme == "wordpress":
        return (FIXTURES / "plant-deal.wp.json").read_bytes()
    if scheme == "arc":
        story = json.loads((FIXTURES / "plant-deal.ans.json").read_text(encoding="utf-8"))
        return json.dumps({"key": "story:update", "version": 2, "time": int(now),
                           "uuid": delivery, "body": story}).encode()
    if scheme in ("contentful", "sanity"):  # the CMS's own payload: an entry, a document
        return (FIXTURES / f"plant-deal.{scheme}.json").read_bytes()
    return json.dumps({"content": U_S_TEXT, "format": "text"}).encode()


SCHEMES = ("standard", "wordpress", "arc", "contentful", "sanity")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_webhook_accepts_a_signed_delivery_once(copydesk_server, scheme):
    now = time.time()
    delivery = f"{scheme}-{now}"
    body = delivery_body(scheme, now, delivery)
    path = f"/v1/webhooks/{scheme}"
    headers = signed(scheme, body, now, delivery)
    answer = copydesk_server.request("POST", path, body, headers)
    data = answer.json
    assert answer.status == 200, data
    assert data["document"]["source"] == scheme
    assert any(f["rule"] == "malformed-abbreviation" for f in data["findings"])
    expected = {"arc": ("PLANTDEALSTORY01", "ans"), "wordpress": ("4211", "wordpress"),
                "contentful": ("plantDealStory01", "contentful"),
                "sanity": ("plant-deal-story-01", "sanity")}
    assert (data["document"]["id"], data["document"]["format"]) == expected.get(scheme,
                                                                                (None, "text"))
    replay = copydesk_server.request("POST", path, body, headers)
    assert error_of(replay, 401)["code"] == "replayed"


@pytest.mark.parametrize("scheme", ["contentful", "sanity"])
def test_contentful_and_sanity_also_take_the_check_body(copydesk_server, scheme):
    # A CMS may shape its delivery into the /v1/check body itself (a payload
    # transformation, a GROQ projection).
    now = time.time()
    body = json.dumps({"content": U_S_TEXT, "format": "text"}).encode()
    answer = copydesk_server.request("POST", f"/v1/webhooks/{scheme}", body,
                                     signed(scheme, body, now, f"shaped-{scheme}-{now}"))
    assert [f["location"]["offset"] for f in findings_of(answer)
            if f["rule"] == "malformed-abbreviation"] == [U_S_TEXT.index("U.S")]
    assert answer.json["document"]["format"] == "text"


def test_a_contentful_delivery_without_fields_points_at_them(copydesk_server):
    now = time.time()
    body = json.dumps({"sys": {"type": "DeletedEntry", "id": "plantDealStory01"}}).encode()
    answer = copydesk_server.request("POST", "/v1/webhooks/contentful", body,
                                     signed("contentful", body, now, f"deleted-{now}"))
    assert error_of(answer, 422)["details"]["pointer"] == "/fields"


def arc_event(key: str, now: float, story: dict | None = None) -> bytes:
    event = {"key": key, "version": 2, "time": int(now), "uuid": f"{key}-{now}",
             "body": story or {"_id": "PLANTDEALSTORY01"}}
    return json.dumps(event).encode()


@pytest.mark.parametrize("key", ["story:delete", "story:first-publish", "websked:pitch_create"])
def test_an_arc_event_with_no_story_to_check_is_answered_as_ignored(copydesk_server, key):
    now = time.time()
    body = arc_event(key, now)
    headers = signed("arc", body, now, "")
    # Not recorded as seen: a replay of an event that is not checked is answered alike.
    for _ in range(2):
        answer = copydesk_server.request("POST", "/v1/webhooks/arc", body, headers)
        assert (answer.status, answer.json) == (200, {"ignored": key})
    tampered = body.replace(b"PLANTDEAL", b"PLANTDEAK")
    assert error_of(copydesk_server.request("POST", "/v1/webhooks/arc", tampered, headers),
                    401)["code"] == "bad_signature"
    assert error_of(copydesk_server.request("POST", "/v1/webhooks/arc", body),
                    401)["code"] == "missing_signature"


def test_a_story_event_without_its_story_points_at_the_body(copydesk_server):
    now = time.time()
    body = json.dumps({"key": "story:create", "version": 2, "time": int(now),
                       "uuid": f"storyless-{now}"}).encode()
    answer = copydesk_server.request("POST", "/v1/webhooks/arc", body, signed("arc", body, now, ""))
    assert error_of(answer, 422) == {"code": "invalid_request", "details": {"pointer": "/body"},
                                     "message": "an IFX event carries its story in `body`"}


@pytest.mark.parametrize("key", [None, 5, ["story:update"]], ids=["missing", "number", "list"])
def test_an_arc_event_without_a_key_points_at_it(copydesk_server, key):
    now = time.time()
    story = json.loads((FIXTURES / "plant-deal.ans.json").read_text(encoding="utf-8"))
    event = {"version": 2, "time": int(now), "uuid": f"keyless-{key}-{now}", "body": story}
    if key is not None:
        event["key"] = key
    body = json.dumps(event).encode()
    answer = copydesk_server.request("POST", "/v1/webhooks/arc", body, signed("arc", body, now, ""))
    assert error_of(answer, 422) == {
        "code": "invalid_request", "details": {"pointer": "/key"},
        "message": "an IFX event names itself in `key`, a string such as `story:update`"}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_webhook_refuses_tampered_stale_and_unsigned(copydesk_server, scheme):
    path = f"/v1/webhooks/{scheme}"
    now = time.time()
    body = delivery_body(scheme, now, f"t-{scheme}-{now}")
    headers = signed(scheme, body, now, f"t-{scheme}-{now}")
    tampered = body.replace(b"U.S", b"U.K", 1)
    assert error_of(copydesk_server.request("POST", path, tampered, headers), 401)["code"] \
        == "bad_signature"
    stale_at = now - 400
    stale_body = delivery_body(scheme, stale_at, f"s-{scheme}-{now}")
    stale = signed(scheme, stale_body, stale_at, f"s-{scheme}-{now}")
    assert error_of(copydesk_server.request("POST", path, stale_body, stale), 401)["code"] \
        == "stale"
    assert error_of(copydesk_server.request("POST", path, body), 401)["code"] \
        == "missing_signature"


# Query parameters: /v1/check takes none; a webhook takes `offset_encoding`, leaves the rest.

@pytest.mark.parametrize("query, names", [
    ("offset_encoding=codepoint", ["offset_encoding"]),
    ("token=a&token=b&debug", ["token", "debug"]),
    ("a%0Ab=1", ["a\nb"]),
], ids=["setting", "several", "line-break"])
def test_check_refuses_a_query_and_names_it(copydesk_server, query, names):
    for body in ({"content": U_S_TEXT}, {"content": 5}):  # before the body's shape is judged
        answer = copydesk_server.request("POST", f"/v1/check?{query}", body)
        assert error_of(answer, 400) == {
            "code": "unexpected_query", "details": {"parameters": names},
            "message": f"/v1/check takes no query parameters ({', '.join(map(repr, names))}): "
                       "its settings go in the JSON body"}


ASTRAL_TEXT = "Fans 😀 cheered.\n\nThe U.S steel tariff took effect on Monday, officials said.\n"


def abbreviation_offset(answer) -> int:
    (offset,) = [f["location"]["offset"] for f in findings_of(answer)
                 if f["rule"] == "malformed-abbreviation"]
    return offset


@pytest.mark.parametrize("scheme", ["standard", "contentful"])
def test_a_webhook_takes_offset_encoding_in_its_query_and_leaves_other_parameters(
        copydesk_server, scheme):
    # Contentful signs the path with its query; Standard Webhooks signs no path.
    now = time.time()
    body = json.dumps({"content": ASTRAL_TEXT, "format": "text"}).encode()
    for query, encoding, offset in (("token=abc", "utf-16", ASTRAL_TEXT.index("U.S") + 1),
                                    ("token=abc&offset_encoding=codepoint", "codepoint",
                                     ASTRAL_TEXT.index("U.S")),
                                    ("offset_encoding=codepoint&offset_encoding=codepoint",
                                     "codepoint", ASTRAL_TEXT.index("U.S"))):
        path = f"/v1/webhooks/{scheme}?{query}"
        answer = copydesk_server.request("POST", path, body,
                                         signed(scheme, body, now, f"q-{query}-{now}", path))
        assert answer.json["offset_encoding"] == encoding
        assert abbreviation_offset(answer) == offset


def test_a_webhook_query_encoding_must_agree_with_the_body(copydesk_server):
    now = time.time()
    for given, status in (("codepoint", 200), ("utf-16", 400)):
        body = json.dumps({"content": ASTRAL_TEXT, "offset_encoding": given}).encode()
        headers = signed("standard", body, now, f"agree-{given}-{now}")
        answer = copydesk_server.request(
            "POST", "/v1/webhooks/standard?offset_encoding=codepoint", body, headers)
        assert answer.status == status, answer.body
    assert answer.json["error"] == {
        "code": "bad_query", "details": {"parameter": "offset_encoding"},
        "message": "`offset_encoding` is `codepoint` in the query but `utf-16` in the body"}


@pytest.mark.parametrize("query", ["offset_encoding=utf-8", "offset_encoding=",
                                   "offset_encoding=utf-16&offset_encoding=codepoint"],
                         ids=["unknown", "empty", "twice"])
def test_a_bad_webhook_query_encoding_is_400_once_the_signature_holds(copydesk_server, query):
    now = time.time()
    path = f"/v1/webhooks/wordpress?{query}"
    body = delivery_body("wordpress", now, "")
    assert error_of(copydesk_server.request("POST", path, body), 401)["code"] \
        == "missing_signature"
    answer = copydesk_server.request("POST", path, body,
                                     signed("wordpress", body, now, f"bad-query-{query}-{now}"))
    assert error_of(answer, 400) == {
        "code": "bad_query", "details": {"parameter": "offset_encoding"},
        "message": "`offset_encoding` in the query must be `utf-16` or `codepoint`, the same each"
                   " time it is given"}


# Limits, on servers of their own.

@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    server = ServiceServer(tmp_path_factory.mktemp("strict"), secrets={}, serve={
        "max-body-bytes": 4096, "body-timeout": 1.0, "time-budget": 0.001, "rate-limit": 600})
    yield server
    server.stop()


def test_body_limit(strict_server):
    big = json.dumps({"content": "word " * 2000})
    error = error_of(strict_server.request("POST", "/v1/check", big), 413)
    assert error["details"]["limit"] == 4096
    # Without a Content-Length the limit holds as the body arrives.
    with socket.create_connection(("127.0.0.1", strict_server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"x" * 3000
        for _ in range(2):
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        sock.sendall(b"0\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 413")


def test_trickled_body_is_cut_off(strict_server):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", strict_server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n{")
        reply = b""
        for _ in range(30):
            try:
                sock.sendall(b" ")
            except OSError:
                break
            sock.settimeout(0.1)
            try:
                reply = sock.recv(200)
                if reply:
                    break
            except TimeoutError:
                continue
    assert reply.startswith(b"HTTP/1.1 408"), reply
    assert time.monotonic() - started < 2.5


def test_trickled_headers_are_cut_off(strict_server):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", strict_server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\n")
        sock.settimeout(0.2)
        closed = False
        for _ in range(25):
            try:
                sock.sendall(b"X-Slow: 1\r\n")
                closed = sock.recv(100) == b""
            except TimeoutError:
                continue
            except OSError:
                closed = True
            break
    assert closed
    assert time.monotonic() - started < 3


def test_time_budget_gives_an_incomplete_answer(strict_server):
    article = (FIXTURES / "plant-deal.txt").read_text(encoding="utf-8")[:3000]
    data = strict_server.check(content=article).json
    assert data["incomplete"] is True
    assert "time budget" in data["incomplete_reason"]


def test_webhooks_without_a_secret_refuse_everything(strict_server):
    now = time.time()
    body = delivery_body("standard", now, "n-1")
    answer = strict_server.request("POST", "/v1/webhooks/standard", body,
                                   signed("standard", body, now, "n-1"))
    assert error_of(answer, 401)["code"] == "no_secret"


def test_rate_limit_per_client(tmp_path):
    server = ServiceServer(tmp_path, serve={"rate-limit": 3})
    try:
        statuses = [server.check(content=U_S_TEXT) for _ in range(4)]
        assert [a.status for a in statuses[:3]] == [200, 200, 200]
        error = error_of(statuses[3], 429)
        assert int(statuses[3].headers["retry-after"]) >= 1
        assert error["details"]["retry_after"] == int(statuses[3].headers["retry-after"])
        assert server.request("GET", "/healthz").status == 200
    finally:
        server.stop()


# Long enough (about 400 KB) that a check is still running when the next request comes
# 50 ms later and when the server is told to stop 100 ms after one starts.
LONG_ARTICLE = "\n\n".join(f"Paragraph {i} says the U.S economy grew by {i} per cent in March."
                           for i in range(6000))


def test_overload_answers_503_and_shutdown_finishes_in_flight_work(tmp_path):
    server = ServiceServer(tmp_path, serve={"max-pending": 1})
    answers = []

    def send():
        answers.append(server.check(content=LONG_ARTICLE))
    try:
        threads = [threading.Thread(target=send) for _ in range(3)]
        for thread in threads:
            thread.start()
            time.sleep(0.05)
        for thread in threads:
            thread.join(60)
        statuses = sorted(a.status for a in answers)
        assert statuses[0] == 200 and statuses[-1] == 503, statuses
        overloaded = next(a for a in answers if a.status == 503)
        assert error_of(overloaded, 503)["code"] == "overloaded"
        assert overloaded.headers["retry-after"] == "1"
        in_flight = threading.Thread(target=send)
        in_flight.start()
        wait_for_checks_pending(server, 1)
        assert server.stop() == 0
        in_flight.join(30)
        assert answers[-1].status == 200
    finally:
        server.stop()


def test_a_delivery_refused_as_overloaded_is_checked_when_sent_again(tmp_path):
    server = ServiceServer(tmp_path, serve={"max-pending": 1})
    try:
        busy = threading.Thread(target=server.check, kwargs={"content": LONG_ARTICLE})
        busy.start()
        wait_for_checks_pending(server, 1)
        now = time.time()
        body = delivery_body("standard", now, "msg-retried")
        headers = signed("standard", body, now, "msg-retried")
        refused = server.request("POST", "/v1/webhooks/standard", body, headers)
        assert error_of(refused, 503)["code"] == "overloaded"
        busy.join(60)
        assert server.request("POST", "/v1/webhooks/standard", body, headers).status == 200
        replay = server.request("POST", "/v1/webhooks/standard", body, headers)
        assert error_of(replay, 401)["code"] == "replayed"
    finally:
        server.stop()


# The command line.

def run_copydesk(*args: str, code: str = "") -> subprocess.CompletedProcess:
    script = f"import sys\n{code}\nfrom lint.cli import main\nmain({list(args)!r})"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO, timeout=60)


def test_check_never_imports_the_web_stack():
    code = ("import atexit; atexit.register(lambda: print(sorted(m for m in sys.modules if m in "
            "('fastapi', 'pydantic', 'uvicorn', 'starlette', 'anyio'))))")
    result = run_copydesk("check", "fixtures/articles/plant-deal.txt", code=code)
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("[]")


def test_serve_help_says_how_many_checks_a_worker_runs_at_once():
    from click.testing import CliRunner

    from lint.cli import main
    from lint.service.app import _THREADS

    help_text = " ".join(CliRunner().invoke(main, ["serve", "--help"]).output.split())
    assert f"each checks up to {_THREADS} articles at once, in threads" in help_text


def test_serve_without_the_extra_is_one_line_and_exit_2():
    result = run_copydesk("serve", code="sys.modules['uvicorn'] = None")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "copydesk: error: `copydesk serve` needs the `server` extra (uvicorn is not installed): "
        "pip install 'copydesk[server]'"]


def test_serve_on_a_port_in_use_is_one_line_and_exit_2(copydesk_server):
    result = run_copydesk("serve", "--port", str(copydesk_server.port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"copydesk: error: cannot listen on 127.0.0.1:{copydesk_server.port}: "
        "Address already in use"]


def test_serve_validates_its_configuration_at_start(tmp_path):
    config = tmp_path / "copydesk.toml"
    config.write_text('[serve]\nmax-body-bytes = "big"\n')
    result = run_copydesk("serve", "--config", str(config))
    assert result.returncode == 2
    assert "serve.max-body-bytes" in result.stderr and len(result.stderr.splitlines()) == 1


def test_replays_are_refused_across_workers(tmp_path):
    """Copies sent at once, each on a new connection that any worker may accept: one
    is checked, the others are replays."""
    server = ServiceServer(tmp_path, workers=3)
    try:
        now = time.time()
        body = delivery_body("standard", now, "msg-shared")
        headers = signed("standard", body, now, "msg-shared")
        start = threading.Barrier(6)
        answers = []

        def send():
            start.wait()
            answers.append(server.request("POST", "/v1/webhooks/standard", body, headers))
        copies = [threading.Thread(target=send) for _ in range(6)]
        for copy in copies:
            copy.start()
        for copy in copies:
            copy.join(60)
        assert sorted(a.status for a in answers) == [200, 401, 401, 401, 401, 401]
        assert {a.json["error"]["code"] for a in answers if a.status == 401} == {"replayed"}
    finally:
        assert server.stop() == 0


def test_a_lone_surrogate_in_an_answer_is_escaped_not_a_500():
    from lint.service.app import Json

    assert Json({"text": "caf\u00e9"}).body == '{"text":"caf\u00e9"}'.encode()
    assert Json({"text": "x\udfffy"}).body == b'{"text":"x\\udfffy"}'


def test_a_failed_rule_makes_the_answer_incomplete_not_an_error():
    from lint.results import FileError, FileResult
    from lint.service.response import check_response
    from lint.source import Source

    result = FileResult("<request>", "text", [], FileError("rule-failed", "rule `x` failed: boom"),
                        (Source("An article."),), skipped=("y",))
    body = check_response(result, encoding="utf-16", tool={}, document={"source": "check"},
                          rule_url=str)
    assert body["incomplete"] is True
    assert body["incomplete_reason"] == ("the time budget ran out before 1 rule(s) ran: y; "
                                         "rule `x` failed: boom")
