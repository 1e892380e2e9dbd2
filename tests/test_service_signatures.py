"""Webhook signature verification, without a server: published vectors, tampering,
freshness in both directions, rotation and replays."""

import hashlib
import hmac
import os
import time

import pytest

from lint.readers import InputError
from lint.service.signatures import (
    Delivery,
    ReplayCache,
    Request,
    SignatureError,
    sign_arc,
    sign_contentful,
    sign_sanity,
    sign_standard,
    verify,
)

# Standard Webhooks' published test vector (the spec's reference libraries test it).
SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SW_TIME = 1614265330
SW_BODY = b'{"test": 2432232314}'
SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

# sanity-io/webhook-toolkit's test vector: secret `test`, milliseconds in `t`.
SANITY_BODY = b'{"_id":"resume"}'
SANITY_HEADER = "t=1633519811129,v1=tLa470fx7qkLLEcMOcEUFuBbRSkGujyskxrNXcoh0N0"
SANITY_TIME = 1633519811.129


def standard(body=SW_BODY, signature=SW_SIGNATURE, delivery_id=SW_ID, timestamp=SW_TIME):
    return Request("POST", "/v1/webhooks/standard", {
        "webhook-id": delivery_id, "webhook-timestamp": str(timestamp),
        "webhook-signature": signature}, body)


def refused(code, scheme, request, secrets, now):
    with pytest.raises(SignatureError) as caught:
        verify(scheme, request, secrets, now)
    assert caught.value.code == code


def test_standard_webhooks_published_vector():
    assert sign_standard(SW_SECRET, SW_ID, SW_TIME, SW_BODY) == SW_SIGNATURE
    delivery = verify("standard", standard(), [SW_SECRET], SW_TIME)
    assert delivery == Delivery("standard", SW_ID, SW_TIME)


def test_standard_webhooks_any_listed_signature_and_any_active_secret():
    several = standard(signature="v1,bm90LXRoaXMtb25l v2,ignored " + SW_SIGNATURE)
    assert verify("standard", several, ["whsec_b2xkLXNlY3JldC1yb3RhdGVkLW91dA==", SW_SECRET],
                  SW_TIME).id == SW_ID


@pytest.mark.parametrize("request_", [
    standard(body=b'{"test": 2432232315}'),
    standard(delivery_id="msg_other"),
    standard(timestamp=SW_TIME + 1),
    standard(signature=SW_SIGNATURE.replace("v1,", "v2,")),
], ids=["body", "id", "timestamp", "version"])
def test_standard_webhooks_tampering(request_):
    refused("bad-signature", "standard", request_, [SW_SECRET], SW_TIME)


def test_standard_webhooks_freshness_both_ways():
    assert verify("standard", standard(), [SW_SECRET], SW_TIME + 300)
    assert verify("standard", standard(), [SW_SECRET], SW_TIME - 300)
    refused("stale", "standard", standard(), [SW_SECRET], SW_TIME + 301)
    refused("stale", "standard", standard(), [SW_SECRET], SW_TIME - 301)


def test_unsigned_and_unconfigured():
    bare = Request("POST", "/", {}, SW_BODY)
    refused("missing-signature", "standard", bare, [SW_SECRET], SW_TIME)
    refused("no-secret", "standard", standard(), [], SW_TIME)
    for scheme in ("sanity", "contentful", "arc", "wordpress"):
        refused("missing-signature", scheme, bare, ["secret"], SW_TIME)


def sanity(body=SANITY_BODY, header=SANITY_HEADER):
    return Request("POST", "/", {"sanity-webhook-signature": header}, body)


def test_sanity_published_vector_in_milliseconds():
    assert sign_sanity("test", 1633519811129, SANITY_BODY) == SANITY_HEADER
    delivery = verify("sanity", sanity(), ["test"], SANITY_TIME)
    assert delivery.timestamp == pytest.approx(SANITY_TIME)
    # The window is in seconds although `t` counts milliseconds.
    assert verify("sanity", sanity(), ["test"], SANITY_TIME + 299)
    refused("stale", "sanity", sanity(), ["test"], SANITY_TIME + 301)
    refused("stale", "sanity", sanity(), ["test"], SANITY_TIME - 301)


def test_sanity_tampering():
    refused("bad-signature", "sanity", sanity(body=b'{"_id":"resumE"}'), ["test"], SANITY_TIME)
    refused("bad-signature", "sanity", sanity(header=SANITY_HEADER.replace("129,", "128,")),
            ["test"], SANITY_TIME)
    refused("bad-signature", "sanity", sanity(), ["not-the-secret"], SANITY_TIME)
    refused("bad-signature", "sanity", sanity(header="v1=abc"), ["test"], SANITY_TIME)


def test_sanity_delivery_id_is_the_signature_however_it_is_sent():
    # An unsigned idempotency key, spaces or base64 padding in the header do not make
    # a captured delivery a new one.
    ids = {verify("sanity", Request("POST", "/", headers, SANITY_BODY), ["test"], SANITY_TIME).id
           for headers in ({"sanity-webhook-signature": SANITY_HEADER},
                           {"sanity-webhook-signature": SANITY_HEADER, "idempotency-key": "k-2"},
                           {"sanity-webhook-signature": SANITY_HEADER.replace(",", " , ")},
                           {"sanity-webhook-signature": SANITY_HEADER + "="})}
    assert ids == {SANITY_HEADER}


def contentful(now_ms, body=b'{"sys": {}}', secret="s" * 64, path="/v1/webhooks/contentful"):
    headers = {"x-contentful-timestamp": str(now_ms),
               "x-contentful-signed-headers": "x-contentful-signed-headers,"
                                              "x-contentful-timestamp,x-contentful-topic",
               "x-contentful-topic": "ContentManagement.Entry.publish"}
    # The canonical request as contentful-labs/request-verification-examples builds it.
    canonical = "\n".join(["POST", path, ";".join(
        f"{name}:{headers[name]}" for name in headers["x-contentful-signed-headers"].split(",")),
        body.decode()])
    headers["x-contentful-signature"] = hmac.new(secret.encode(), canonical.encode(),
                                                 hashlib.sha256).hexdigest()
    return Request("POST", path, headers, body)


def test_contentful_canonical_request():
    now = 1_700_000_000.0
    request = contentful(int(now * 1000))
    signed = {name: request.headers[name]
              for name in request.headers["x-contentful-signed-headers"].split(",")}
    assert sign_contentful("s" * 64, "POST", request.path, signed, request.body) \
        == request.headers["x-contentful-signature"]
    assert verify("contentful", request, ["s" * 64], now).timestamp == now
    refused("stale", "contentful", request, ["s" * 64], now + 301)
    tampered = Request("POST", request.path, {**request.headers, "x-contentful-topic": "x"},
                       request.body)
    refused("bad-signature", "contentful", tampered, ["s" * 64], now)
    moved = Request("POST", "/elsewhere", request.headers, request.body)
    refused("bad-signature", "contentful", moved, ["s" * 64], now)


def test_contentful_delivery_id_is_the_signature_in_lower_case():
    request = contentful(1_700_000_000_000)
    upper = Request("POST", request.path, {**request.headers, "x-contentful-signature":
                                           request.headers["x-contentful-signature"].upper()},
                    request.body)
    assert verify("contentful", upper, ["s" * 64], 1.7e9).id \
        == verify("contentful", request, ["s" * 64], 1.7e9).id \
        == request.headers["x-contentful-signature"]


def test_contentful_timestamp_must_be_signed():
    request = contentful(1_700_000_000_000)
    unsigned_time = {**request.headers, "x-contentful-signed-headers": "x-contentful-topic"}
    refused("bad-signature", "contentful",
            Request("POST", request.path, unsigned_time, request.body), ["s" * 64], 1.7e9)


def test_arc_body_hmac_matches_the_published_hex_vector():
    # GitHub's documented vector for a hex HMAC-SHA256 over the raw body (docs/ecosystem.md §6).
    assert sign_arc("It's a Secret to Everybody", b"Hello, World!") \
        == "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def test_arc_event_time_and_uuid():
    body = b'{"key": "story:update", "time": 1700000000, "uuid": "e-1", "body": {}}'
    request = Request("POST", "/", {"x-websked-signature": sign_arc("k", body)}, body)
    assert verify("arc", request, ["k"], 1_700_000_100) == Delivery("arc", "e-1", 1_700_000_000)
    refused("stale", "arc", request, ["k"], 1_700_000_301)
    millis = body.replace(b"1700000000", b"1700000000000")
    request = Request("POST", "/", {"x-websked-signature": sign_arc("k", millis)}, millis)
    assert verify("arc", request, ["k"], 1_700_000_000).timestamp == 1_700_000_000
    refused("bad-signature", "arc", Request("POST", "/", request.headers, body), ["k"], 1.7e9)
    for event in (b"[]", b'"story"', b'{"time": 1700000000}'):
        signed = Request("POST", "/", {"x-websked-signature": sign_arc("k", event)}, event)
        refused("bad-signature", "arc", signed, ["k"], 1.7e9)


@pytest.mark.parametrize("moment", ["NaN", "Infinity", "-Infinity", "1" + "0" * 400])
def test_an_arc_time_that_is_no_moment_is_stale(moment):
    body = f'{{"key": "story:update", "time": {moment}, "uuid": "e-1", "body": {{}}}}'.encode()
    request = Request("POST", "/", {"x-websked-signature": sign_arc("k", body)}, body)
    refused("stale", "arc", request, ["k"], 1.7e9)


def test_a_timestamp_header_too_large_for_a_float_is_stale():
    timestamp = "1" + "0" * 400
    request = standard(signature=sign_standard(SW_SECRET, SW_ID, int(timestamp), SW_BODY),
                       timestamp=timestamp)
    refused("stale", "standard", request, [SW_SECRET], SW_TIME)


def test_an_authentic_arc_body_that_cannot_be_read_is_left_to_the_caller():
    # The signature is checked first, so only the sender can learn what is wrong with it.
    for body, error in ((b'{"time": ', ValueError), (b"[" * 200 + b"]" * 200, InputError)):
        request = Request("POST", "/", {"x-websked-signature": sign_arc("k", body)}, body)
        with pytest.raises(error):
            verify("arc", request, ["k"], 1.7e9)
        refused("bad-signature", "arc", Request("POST", "/", request.headers, body + b" "),
                ["k"], 1.7e9)


def test_replay_cache_across_instances(tmp_path):
    """Two workers share the folder: the second sight of an id is a replay in either."""
    first, second = ReplayCache(tmp_path), ReplayCache(tmp_path)
    now = time.time()
    first.remember(Delivery("standard", "msg_1", now), now)
    with pytest.raises(SignatureError) as caught:
        second.remember(Delivery("standard", "msg_1", now), now)
    assert caught.value.code == "replayed"
    second.remember(Delivery("sanity", "msg_1", now), now)  # ids are per scheme


def test_replay_cache_forgets_after_twice_the_window(tmp_path):
    cache = ReplayCache(tmp_path, window=300)
    now = time.time()
    cache.remember(Delivery("standard", "old", now), now)
    for entry in tmp_path.iterdir():
        os.utime(entry, (now - 601, now - 601))
    ReplayCache(tmp_path, window=300).remember(Delivery("standard", "new", now), now)
    assert len(list(tmp_path.iterdir())) == 1
