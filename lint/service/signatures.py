"""Webhook signature verification: one pure function, one small adapter per scheme.

No web framework here: `verify` takes the request's headers (lower-case names), the
exact raw body, the scheme's active secrets and the current time, and returns the
verified delivery or raises SignatureError. The raw bytes are verified before any
JSON is parsed, and every comparison is constant-time (`hmac.compare_digest`).

Schemes (docs/ecosystem.md §5-6):
- `standard` and `wordpress`: Standard Webhooks 1.0 (`webhook-id`, `webhook-timestamp`,
  `webhook-signature: v1,<base64> ...` over `{id}.{timestamp}.{body}`).
- `sanity`: `sanity-webhook-signature: t=<milliseconds>,v1=<base64url>` over `{t}.{body}`.
- `contentful`: hex HMAC of `METHOD\\nPATH\\n<h1>:<v1>;...\\nBODY` in
  `x-contentful-signature`, with `x-contentful-timestamp` (milliseconds) among the
  signed headers.
- `arc`: hex HMAC of the body in `x-websked-signature`; the IFX event's own `time`
  and `uuid` give freshness and the delivery id.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lint.readers import load_json

TOLERANCE_SECONDS = 300
SCHEMES = ("standard", "wordpress", "arc", "contentful", "sanity")


class SignatureError(Exception):
    """Why a delivery is refused; `code` goes in the error body."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Delivery:
    scheme: str
    id: str
    timestamp: float  # seconds since the epoch


@dataclass(frozen=True)
class Request:
    """What a signature may cover. `headers` has lower-case names."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def _header(request: Request, name: str) -> str:
    value = request.headers.get(name)
    if not value:
        raise SignatureError("missing-signature", f"the `{name}` header is missing")
    return value


def _seconds(number: int | float) -> float:
    """A time as a float; an integer too large for one is infinitely far from now."""
    try:
        return float(number)
    except OverflowError:
        return math.inf


def _whole(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise SignatureError("bad-signature", f"`{name}` is not a whole number") from None


def _any_matches(expected: Sequence[bytes], given: Sequence[bytes]) -> bool:
    """Constant-time in the content of each pair; every pair is compared."""
    matched = False
    for ours in expected:
        for theirs in given:
            matched |= hmac.compare_digest(ours, theirs)
    return matched


def standard_key(secret: str) -> bytes:
    """A Standard Webhooks secret `whsec_<base64>` as key bytes; other secrets as UTF-8."""
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret[len("whsec_"):], validate=True)
        except binascii.Error:
            raise ValueError("a `whsec_` secret must be base64 after its prefix") from None
    return secret.encode()


def sign_standard(secret: str, delivery_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value a Standard Webhooks sender sends."""
    signed = f"{delivery_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(_hmac(standard_key(secret), signed)).decode()


def _standard(request: Request, secrets: Sequence[str], scheme: str) -> Delivery:
    delivery_id = _header(request, "webhook-id")
    timestamp = _whole(_header(request, "webhook-timestamp"), "webhook-timestamp")
    given = []
    for part in _header(request, "webhook-signature").split():
        version, _, signature = part.partition(",")
        if version == "v1":
            given.append(signature.encode())
    expected = [sign_standard(s, delivery_id, timestamp, request.body)[len("v1,"):].encode()
                for s in secrets]
    if not _any_matches(expected, given):
        raise SignatureError("bad-signature", "no `v1` signature matches")
    return Delivery(scheme, delivery_id, _seconds(timestamp))


def sign_sanity(secret: str, timestamp_ms: int, body: bytes) -> str:
    digest = _hmac(secret.encode(), f"{timestamp_ms}.".encode() + body)
    return f"t={timestamp_ms},v1={base64.urlsafe_b64encode(digest).decode().rstrip('=')}"


def _sanity(request: Request, secrets: Sequence[str], scheme: str) -> Delivery:
    header = _header(request, "sanity-webhook-signature")
    fields = dict(part.strip().partition("=")[::2] for part in header.split(","))
    if "t" not in fields or "v1" not in fields:
        raise SignatureError("bad-signature", "`sanity-webhook-signature` needs t= and v1=")
    timestamp_ms = _whole(fields["t"], "t")
    expected = [sign_sanity(s, timestamp_ms, request.body).encode() for s in secrets]
    given = f"t={timestamp_ms},v1={fields['v1'].rstrip('=')}".encode()
    if not _any_matches(expected, [given]):
        raise SignatureError("bad-signature", "the signature does not match")
    # The id is what was signed, as signed: an unsigned header or another spelling of
    # the signature would let a captured delivery pass for a new one.
    return Delivery(scheme, given.decode(), _seconds(timestamp_ms) / 1000)


CONTENTFUL_TIMESTAMP = "x-contentful-timestamp"
CONTENTFUL_SIGNED_HEADERS = "x-contentful-signed-headers"


def sign_contentful(secret: str, method: str, path: str, headers: Mapping[str, str],
                    body: bytes) -> str:
    """Hex HMAC of the canonical request; `headers` are the signed ones, in order."""
    canonical = "\n".join([method.upper(), path,
                           ";".join(f"{k.lower().strip()}:{v}" for k, v in headers.items()), ""])
    return hmac.new(secret.encode(), canonical.encode() + body, hashlib.sha256).hexdigest()


def _contentful(request: Request, secrets: Sequence[str], scheme: str) -> Delivery:
    given = _header(request, "x-contentful-signature").strip().lower()
    names = [n.strip().lower() for n in _header(request, CONTENTFUL_SIGNED_HEADERS).split(",")]
    if CONTENTFUL_TIMESTAMP not in names:
        raise SignatureError("bad-signature", f"`{CONTENTFUL_TIMESTAMP}` is not signed")
    signed = {name: request.headers.get(name, "") for name in names if name}
    expected = [sign_contentful(s, request.method, request.path, signed, request.body).encode()
                for s in secrets]
    if not _any_matches(expected, [given.encode()]):
        raise SignatureError("bad-signature", "the signature does not match")
    timestamp_ms = _whole(_header(request, CONTENTFUL_TIMESTAMP), CONTENTFUL_TIMESTAMP)
    return Delivery(scheme, given, _seconds(timestamp_ms) / 1000)


def sign_arc(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _arc(request: Request, secrets: Sequence[str], scheme: str) -> Delivery:
    given = _header(request, "x-websked-signature").strip().lower().encode()
    if not _any_matches([sign_arc(s, request.body).encode() for s in secrets], [given]):
        raise SignatureError("bad-signature", "the signature does not match")
    # An authentic body that is not JSON, or past a limit on JSON, is the caller's to
    # answer (ValueError, InputError), as for any scheme's body.
    event = load_json(request.body)
    try:
        moment, delivery_id = event["time"], event["uuid"]
    except (TypeError, KeyError):
        raise SignatureError("bad-signature", "an IFX event needs `time` and `uuid`") from None
    if not isinstance(moment, int | float) or isinstance(moment, bool) \
            or not isinstance(delivery_id, str):
        raise SignatureError("bad-signature", "an IFX event's `time` must be a number")
    # IFX times are seconds; a value this large can only be milliseconds.
    seconds = _seconds(moment)
    return Delivery(scheme, delivery_id, seconds / 1000 if seconds > 1e11 else seconds)


_ADAPTERS: dict[str, Callable[[Request, Sequence[str], str], Delivery]] = {
    "standard": _standard,
    "wordpress": _standard,
    "sanity": _sanity,
    "contentful": _contentful,
    "arc": _arc,
}


def verify(scheme: str, request: Request, secrets: Sequence[str], now: float,
           tolerance: float = TOLERANCE_SECONDS) -> Delivery:
    """The verified delivery, or SignatureError. Replays are the caller's ReplayCache's.
    A scheme that reads the signed body (`arc`) lets load_json's errors through."""
    if not secrets:
        raise SignatureError("no-secret", f"no secret is configured for `{scheme}` webhooks")
    delivery = _ADAPTERS[scheme](request, secrets, scheme)
    # Written so that a time of NaN (json reads one in an Arc event) is refused too.
    if not abs(now - delivery.timestamp) <= tolerance:
        raise SignatureError("stale", f"the timestamp is not within {tolerance:g} s of now")
    return delivery


class ReplayCache:
    """Delivery ids seen within the tolerance window, shared by every worker process.

    Each id is a file in `folder`, created with O_EXCL, so two workers that receive
    the same delivery at once cannot both accept it.
    """

    def __init__(self, folder: Path, window: float = TOLERANCE_SECONDS):
        self.folder = folder
        self.window = window
        self._next_sweep = 0.0

    def remember(self, delivery: Delivery, now: float) -> None:
        """Record the delivery, or raise SignatureError if it was seen already."""
        if now >= self._next_sweep:
            self._sweep(now)
        try:
            os.close(os.open(self._path(delivery), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            raise SignatureError("replayed", "this delivery id was seen already") from None

    def forget(self, delivery: Delivery) -> None:
        """Let the delivery be accepted again: its check did not complete."""
        self._path(delivery).unlink(missing_ok=True)

    def _path(self, delivery: Delivery) -> Path:
        name = hashlib.sha256(f"{delivery.scheme}\0{delivery.id}".encode()).hexdigest()
        return self.folder / name

    def _sweep(self, now: float) -> None:
        # An id is kept for twice the window: a delivery whose id was forgotten
        # carries a timestamp that `verify` already finds stale.
        self._next_sweep = now + self.window
        for entry in os.scandir(self.folder):
            try:
                if now - entry.stat().st_mtime > 2 * self.window:
                    os.unlink(entry.path)
            except FileNotFoundError:
                pass  # another worker swept it first
