"""The HTTP service: `/v1/check`, the signed CMS webhooks, rule docs, health and metrics.

One app per worker process. The linter is built once, when the worker starts; each
check runs in a worker thread (off the event loop) under a time budget. Every error,
the framework's own included, answers with one tagged body (docs/ecosystem.md §7.3).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import math
import os
import sys
import time
import uuid
from collections import Counter, OrderedDict
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi import Path as PathParameter
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from lint import __version__
from lint.config import Config, ConfigError, discover, load
from lint.engine import Linter
from lint.readers import JSON_SHAPES, InputError, json_format, load_json
from lint.registry import UnknownRule
from lint.results import FileError, FileResult
from lint.ruledocs import as_json
from lint.runner import Overrides, check_text
from lint.service import models
from lint.service.metrics import Metrics
from lint.service.protocol import HeaderTimeoutProtocol
from lint.service.response import ENCODINGS, check_response
from lint.service.settings import Settings, load_settings
from lint.service.signatures import SCHEMES, Delivery, ReplayCache, SignatureError, verify
from lint.service.signatures import Request as SignedRequest
from lint.web import inline

CONFIG_VARIABLE = "COPYDESK_SERVE_CONFIG"
REPLAY_VARIABLE = "COPYDESK_SERVE_REPLAY_FOLDER"
STATIC = Path(__file__).parent / "static"
DISPLAY_NAME = "<request>"
NOT_JSON = "the body is not valid JSON in UTF-8"
_LINTERS_KEPT = 32
# Checks share one interpreter lock: more threads add no speed, only checks sliced
# between each other and the event loop, each finishing later. Two keep one thread
# free for the next check while a long one runs out its time budget.
_THREADS = 2
# The IFX events whose `body` is the story; the rest are answered as ignored.
ARC_CHECKED_EVENTS = ("story:create", "story:update")


class ApiError(HTTPException):
    """An answer with the tagged error body; raised anywhere, the reading of the body
    included, and rendered by one handler."""

    def __init__(self, status: int, code: str, message: str, details: dict | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(status, message, headers)
        self.code = code
        self.message = message
        self.details = details or {}


class Json(JSONResponse):
    """A JSON answer that a lone surrogate in some text cannot turn into a 500: such
    a body is sent with every non-ASCII character escaped instead."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, allow_nan=False, separators=(",", ":")).encode()


def error_body(code: str, message: str, details: dict | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


# The errors the web framework raises itself: its only 400s are bodies that do not parse.
_FRAMEWORK_CODES = {400: "bad_json", 404: "not_found", 405: "method_not_allowed"}


def pointer(loc: tuple | list) -> str:
    """A JSON pointer (RFC 6901) to a field of the request body, from pydantic's `loc`."""
    parts = [str(p) for p in loc if p != "body"]
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


@dataclasses.dataclass
class Service:
    """One worker's state: the configured linter, per-request variants, limits, counters."""

    config: Config
    settings: Settings
    replay: ReplayCache
    linter: Linter
    metrics: Metrics = dataclasses.field(default_factory=Metrics)
    ready: bool = False
    pending: int = 0
    limiter: Any = None  # anyio.CapacityLimiter, made inside the event loop
    _variants: OrderedDict = dataclasses.field(default_factory=OrderedDict)
    _buckets: dict = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self._configured = (self.linter, config_hash(self.linter.config))

    def linter_for(self, request: models.CheckRequest) -> tuple[Linter, str]:
        """The configured linter, or a variant for the request's select/ignore/profile
        (built once and kept for the next request that asks the same), with the hash
        of its configuration."""
        if request.select is None and not request.ignore and request.profile is None:
            return self._configured
        key = (tuple(request.select) if request.select is not None else None,
               tuple(request.ignore), request.profile)
        if key in self._variants:
            self._variants.move_to_end(key)
            return self._variants[key]
        for field in ("select", "ignore"):
            for index, name in enumerate(getattr(request, field) or ()):
                try:
                    self.linter.registry.expand(name)
                except UnknownRule as exc:
                    raise ApiError(422, "unknown_rule", str(exc),
                                   {"pointer": f"/{field}/{index}"}) from None
        overrides = Overrides(select=key[0], ignore=key[1], profile=request.profile)
        try:
            linter = Linter(overrides.apply(self.config), self.linter.registry)
        except ConfigError as exc:
            where = "/profile" if "profile" in str(exc) else ""
            raise ApiError(422, "invalid_request", str(exc), {"pointer": where}) from None
        self._variants[key] = (linter, config_hash(linter.config))
        if len(self._variants) > _LINTERS_KEPT:
            self._variants.popitem(last=False)
        return self._variants[key]

    def allow(self, client: str, now: float) -> float:
        """0 if the client may make a request now, else the seconds until it may."""
        rate = self.settings.rate_limit
        if not rate:
            return 0.0
        per_second = rate / 60
        tokens, then = self._buckets.get(client, (float(rate), now))
        tokens = min(float(rate), tokens + (now - then) * per_second)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / per_second
        self._buckets[client] = (tokens - 1, now)
        if len(self._buckets) > 10_000:
            self._buckets = {c: b for c, b in self._buckets.items() if b[0] < rate - 1}
        return 0.0


def config_hash(config: Config) -> str:
    settings = {k: v for k, v in config._asdict().items() if k not in ("path", "serve")}
    text = json.dumps(settings, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


class Edge:
    """The ASGI layer in front of the app: request id, one JSON log line and metrics per
    request, the per-client rate, the media type, and the body's size and arrival time."""

    _UNLIMITED = ("/healthz", "/readyz", "/metrics")

    def __init__(self, app, service: Service):
        self.app = app
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        request_id = uuid.uuid4().hex
        status = 500

        async def send_with_id(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            refusal = self._refusal(scope, started)
            if refusal is not None:
                await self._answer(refusal, send_with_id)
            else:
                await self.app(scope, self._limited(receive, started), send_with_id)
        finally:
            elapsed = time.monotonic() - started
            self.service.metrics.request(status, elapsed)
            line = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "request_id": request_id, "method": scope["method"], "path": scope["path"],
                    "status": status, "ms": round(elapsed * 1000, 2)}
            sys.stderr.write(json.dumps(line) + "\n")
            sys.stderr.flush()

    def _refusal(self, scope, now: float) -> ApiError | None:
        if scope["path"] in self._UNLIMITED:
            return None
        client = (scope.get("client") or ("unknown",))[0]
        wait = self.service.allow(client, now)
        if wait:
            return ApiError(429, "rate_limited", "too many requests from this client",
                            {"retry_after": math.ceil(wait)},
                            {"Retry-After": str(math.ceil(wait))})
        if scope["method"] != "POST":
            return None
        headers = dict(scope["headers"])
        media = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if not (media == b"application/json" or (media.startswith(b"application/")
                                                  and media.endswith(b"+json"))):
            return ApiError(415, "unsupported_media_type",
                            "send the request body as application/json",
                            {"content_type": media.decode("latin-1")})
        length = headers.get(b"content-length")
        limit = self.service.settings.max_body_bytes
        if length is not None and (not length.isdigit() or int(length) > limit):
            return ApiError(413, "payload_too_large",
                            f"the body is over the limit of {limit} bytes", {"limit": limit})
        return None

    def _limited(self, receive, started: float):
        """`receive` that stops a body over the size limit, or one still arriving when
        the body timeout runs out (a client trickling bytes holds no worker for long)."""
        settings = self.service.settings
        received = 0
        complete = False

        async def limited():
            nonlocal received, complete
            if complete:
                return await receive()
            remaining = started + settings.body_timeout - time.monotonic()
            try:
                with anyio.fail_after(max(remaining, 0)):
                    message = await receive()
            except TimeoutError:
                raise ApiError(408, "request_timeout", "the body took over "
                               f"{settings.body_timeout:g} s to arrive") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > settings.max_body_bytes:
                    raise ApiError(413, "payload_too_large", "the body is over the limit of "
                                   f"{settings.max_body_bytes} bytes",
                                   {"limit": settings.max_body_bytes})
                complete = not message.get("more_body", False)
            return message
        return limited

    @staticmethod
    async def _answer(error: ApiError, send) -> None:
        body = json.dumps(error_body(error.code, error.message, error.details)).encode()
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
                   *((k.lower().encode(), v.encode()) for k, v in (error.headers or {}).items())]
        await send({"type": "http.response.start", "status": error.status_code,
                    "headers": headers})
        await send({"type": "http.response.body", "body": body})


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": models.ErrorBody, "description": description}
    for status, description in ((400, "bad json or query"), (401, "unauthorized"),
                                (408, "request timeout"), (413, "payload too large"),
                                (415, "unsupported media type"), (422, "invalid request"),
                                (429, "rate limited"), (503, "overloaded"))
}


def _content_text(request: models.CheckRequest) -> tuple[str, str | None]:
    """The text the reader reads, and the format (None: sniff)."""
    if isinstance(request.content, str):
        return request.content, request.format
    if request.format is not None and request.format not in JSON_SHAPES:
        raise ApiError(422, "invalid_request", "a JSON object is read as "
                       + " or ".join(f"`{name}`" for name in JSON_SHAPES)
                       + "; send other formats as a string", {"pointer": "/format"})
    text = json.dumps(request.content, ensure_ascii=False)
    if request.format is None:
        try:
            return text, json_format(text)
        except InputError as exc:
            # A limit is told as when the format is given; only the shape is the sniffing's.
            if exc.code != "unknown-json":
                raise _api_error(422, exc, {"pointer": "/content"}) from None
            raise ApiError(422, "unknown_payload", exc.message, {"pointer": "/content"}) from None
    return text, request.format


def create_app(config: Config, settings: Settings, replay: ReplayCache) -> FastAPI:
    service = Service(config, settings, replay, Linter(config))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        service.limiter = anyio.CapacityLimiter(_THREADS)
        _settle(service.linter)
        service.ready = True
        yield
        service.ready = False

    # No /docs or /redoc: those pages load their scripts from a CDN.
    app = FastAPI(title="copydesk", version=__version__, lifespan=lifespan,
                  default_response_class=Json, docs_url=None, redoc_url=None,
                  description="Copy-quality checks for news articles, for CMS integrations. "
                              "Every error answers with one tagged body: "
                              '`{"error": {"code", "message", "details"}}`.')
    app.router.route_class = _Route

    def rule_url(request: Request):
        base = str(request.base_url).rstrip("/")
        return lambda name: f"{base}/v1/rules/{name}"

    async def run_check(http: Request, request: models.CheckRequest, document: dict,
                        delivery: Delivery | None = None) -> dict:
        """The check's answer. A webhook's `delivery` is recorded as seen only here, once
        the check is accepted, so that a sender's retry of a refused one is not a replay;
        and forgotten again if the check does not complete."""
        linter, hashed = service.linter_for(request)
        text, format = _content_text(request)
        if service.pending >= settings.max_pending:
            raise ApiError(503, "overloaded", "too many checks are under way; try again shortly",
                           {"retry_after": 1}, {"Retry-After": "1"})
        with _accepted(service.replay, delivery):
            deadline = time.monotonic() + settings.time_budget
            service.pending += 1
            try:
                result: FileResult = await anyio.to_thread.run_sync(
                    check_text, DISPLAY_NAME, text, linter, format, deadline,
                    limiter=service.limiter)
            finally:
                service.pending -= 1
            if result.error and result.error.code != "rule-failed":
                # Nothing was linted: the content could not be read (a failed rule, by
                # contrast, leaves the others' findings, and the answer is incomplete).
                raise _api_error(422, result.error, {"pointer": "/content"})
        service.metrics.found(Counter(f.rule for f in result.findings))
        return check_response(
            result, encoding=request.offset_encoding, document=document, rule_url=rule_url(http),
            tool={"profile": linter.config.profile, "config_hash": hashed})

    @app.post("/v1/check", response_model=None, summary="Check one article",
              description="Every setting is in the JSON body: a query parameter is refused "
                          "(400 `unexpected_query`), not ignored.",
              dependencies=[Depends(_no_query)],
              responses={200: {"model": models.CheckResponse}, **ERRORS})
    async def check(http: Request, request: models.CheckRequest) -> Json:
        body = await run_check(http, request, {"source": "check",
                                               "id": _payload_id(request.content)})
        return Json(body)

    @app.post("/v1/webhooks/{scheme}", response_model=None,
              summary="Check an article a CMS delivers, signed",
              description="The body is verified against the scheme's signature headers "
                          "before it is read. `standard` takes the /v1/check body; "
                          "`contentful` a Contentful entry (rich text read), `sanity` a "
                          "Sanity document (Portable Text read), either also the /v1/check "
                          "body; `wordpress` a WordPress REST post object; "
                          "`arc` an IFX event: story:create and story:update are checked, "
                          "any other event answered as ignored.",
              responses={200: {"model": models.CheckResponse | models.IgnoredEvent},
                         404: {"model": models.ErrorBody}, **ERRORS},
              # The query is read here, after the signature, not by the framework before.
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "object"}}}},
                  "parameters": [{
                      "name": "offset_encoding", "in": "query", "required": False,
                      "schema": {"type": "string", "enum": list(ENCODINGS)},
                      "description": "How offsets count (as `offset_encoding` in the "
                                     "/v1/check body), for a body that is the CMS's own. "
                                     "Other query parameters are left alone: a CMS may put "
                                     "a token in the URL."}]})
    async def webhook(http: Request, scheme: Annotated[str, PathParameter(
            json_schema_extra={"enum": list(SCHEMES)})]) -> Json:
        if scheme not in SCHEMES:
            raise ApiError(404, "unknown_scheme", f"no webhook scheme `{scheme}`; the "
                           f"schemes are {', '.join(SCHEMES)}", {"schemes": list(SCHEMES)})
        raw = await http.body()
        now = time.time()
        signed = SignedRequest(http.method, _signed_path(http),
                               {k.decode("latin-1").lower(): v.decode("latin-1")
                                for k, v in http.scope["headers"]}, raw)
        try:
            delivery = verify(scheme, signed, settings.secrets.get(scheme, ()), now)
        except SignatureError as exc:
            raise _api_error(401, exc) from None
        except (InputError, ValueError) as exc:  # authentic, and read to verify it
            raise _unreadable(exc) from None
        offset_encoding = _query_encoding(http)
        payload = _body_json(raw)
        if scheme == "arc":
            event = _event_key(payload)
            # Arc sends every event subscribed to one endpoint. An ignored event is
            # not recorded as seen: answering its replay with 200 again does no harm.
            if event not in ARC_CHECKED_EVENTS:
                return Json({"ignored": event})
        request, document_id = _webhook_request(scheme, payload)
        if offset_encoding is not None:
            request = _encoded_as(request, offset_encoding)
        body = await run_check(http, request, {"source": scheme, "id": document_id}, delivery)
        return Json(body)

    @app.get("/v1/rules", response_model=list[models.RuleDoc], summary="Every rule, documented",
             responses={429: ERRORS[429]})
    async def rules(http: Request) -> Json:
        url = rule_url(http)
        return Json([{**as_json(r), "url": url(r.name)}
                             for r in service.linter.registry.rules.values()])

    @app.get("/v1/rules/{name}", response_model=models.RuleDoc, summary="One rule, documented",
             responses={404: {"model": models.ErrorBody}, 429: ERRORS[429]})
    async def rule(http: Request, name: str) -> Json:
        try:
            found = service.linter.registry.get(name)
        except UnknownRule as exc:
            raise ApiError(404, "unknown_rule", str(exc)) from None
        return Json({**as_json(found), "url": rule_url(http)(found.name)})

    @app.get("/healthz", response_model=models.Status, summary="The process answers")
    async def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", response_model=models.Status, summary="Ready to check articles",
             responses={503: {"model": models.ErrorBody}})
    async def readyz() -> dict:
        if not service.ready:
            raise ApiError(503, "not_ready", "the service is starting or stopping")
        return {"status": "ready"}

    @app.get("/metrics", response_class=Response, summary="Prometheus metrics (this worker)",
             responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}})
    async def metrics() -> Response:
        return Response(service.metrics.render(service.pending),
                        media_type="text/plain; version=0.0.4; charset=utf-8")

    review_page = inline((STATIC / "index.html").read_text(encoding="utf-8"), STATIC, "'self'")

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return HTMLResponse(review_page)

    _error_handlers(app)
    return Edge(app, service)


_WARM_UP = ("A headline\n\nThe U.S said on Monday that it would  raise tariffs, "
            '"a step too far," said Jane Smith, 42.\n')


def _settle(linter: Linter) -> None:
    """Check a short article in each plain format once, so that what the engine builds
    on first use (compiled patterns, readers imported late) is there before the first
    request; then take everything alive now out of the garbage collector's sight. A
    full collection walks every object, the rules' tables and patterns included, and
    would stall every request waiting behind it."""
    for format in ("text", "markdown", "html"):
        check_text(DISPLAY_NAME, _WARM_UP, linter, format, time.monotonic() + 5)
    gc.collect()
    gc.freeze()


@contextmanager
def _accepted(replay: ReplayCache, delivery: Delivery | None) -> Iterator[None]:
    """Record a webhook delivery as seen (401 if it was), for a check that either
    completes or, failing, leaves the delivery to be sent again."""
    if delivery is None:
        yield
        return
    try:
        replay.remember(delivery, time.time())
    except SignatureError as exc:
        raise _api_error(401, exc) from None
    try:
        yield
    except BaseException:
        replay.forget(delivery)
        raise


def _signed_path(http: Request) -> str:
    query = http.scope.get("query_string", b"").decode("latin-1")
    return http.url.path + (f"?{query}" if query else "")


def _api_error(status: int, error: InputError | FileError | SignatureError,
               details: dict | None = None) -> ApiError:
    """An error the engine or the signature check names, as the API tags it: its code
    in snake_case."""
    return ApiError(status, error.code.replace("-", "_"), error.message, details)


def _unreadable(exc: InputError | ValueError) -> ApiError:
    """The answer to a body load_json refused: past a limit, the limit is named, where
    "not valid JSON" would send the sender looking for a typo."""
    if isinstance(exc, InputError):
        return _api_error(422, exc)
    return ApiError(400, "bad_json", NOT_JSON)  # not JSON, or bytes in no UTF


def _body_json(raw: bytes) -> Any:
    """A request body read as JSON within the readers' limits on numbers and nesting."""
    try:
        return load_json(raw)
    except (InputError, ValueError) as exc:
        raise _unreadable(exc) from None


class _BodyRequest(Request):
    """The framework's request, its JSON body read by _body_json."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = _body_json(await self.body())
        return self._json


class _Route(APIRoute):
    """A route whose body the framework reads as _BodyRequest reads it."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def with_body_limits(request: Request):
            return await handler(_BodyRequest(request.scope, request.receive))
        return with_body_limits


def _no_query(http: Request) -> None:
    """/v1/check takes its settings in the body. A query parameter is refused, not
    ignored: `?offset_encoding=codepoint` would otherwise be answered in UTF-16."""
    names = list(http.query_params)
    if names:
        # repr: a name is the client's text, and may hold a line break.
        raise ApiError(400, "unexpected_query", "/v1/check takes no query parameters ("
                       + ", ".join(map(repr, names)) + "): its settings go in the JSON body",
                       {"parameters": names})


def _query_encoding(http: Request) -> str | None:
    """A webhook's `?offset_encoding=`, if given: one of ENCODINGS (if repeated, the same)."""
    given = http.query_params.getlist("offset_encoding")
    if not given:
        return None
    if len(set(given)) > 1 or given[0] not in ENCODINGS:
        raise ApiError(400, "bad_query", "`offset_encoding` in the query must be "
                       + " or ".join(f"`{name}`" for name in ENCODINGS)
                       + ", the same each time it is given",
                       {"parameter": "offset_encoding"})
    return given[0]


def _encoded_as(request: models.CheckRequest, encoding: str) -> models.CheckRequest:
    """The request with the query's offset encoding, which a /v1/check body the CMS
    shaped may also give: two different answers to one question are refused."""
    if "offset_encoding" in request.model_fields_set and request.offset_encoding != encoding:
        raise ApiError(400, "bad_query", f"`offset_encoding` is `{encoding}` in the query but "
                       f"`{request.offset_encoding}` in the body", {"parameter": "offset_encoding"})
    return request.model_copy(update={"offset_encoding": encoding})


def _event_key(event: Any) -> str:
    """An IFX event's name (`story:update`), which says whether it carries a story."""
    key = event.get("key") if isinstance(event, dict) else None
    if not isinstance(key, str):
        raise ApiError(422, "invalid_request", "an IFX event names itself in `key`, a string "
                       "such as `story:update`", {"pointer": "/key"})
    return key


def _webhook_request(scheme: str, payload: Any) -> tuple[models.CheckRequest, str | None]:
    """The check a verified delivery asks for, and the id of the article it carries."""
    if scheme == "arc":
        story = payload.get("body") if isinstance(payload, dict) else None
        if not isinstance(story, dict):
            raise ApiError(422, "invalid_request", "an IFX event carries its story in `body`",
                           {"pointer": "/body"})
        return models.CheckRequest(format="ans", content=story), _payload_id(story)
    if scheme == "wordpress":
        if not isinstance(payload, dict):
            raise ApiError(422, "invalid_request", "expected a WordPress post object",
                           {"pointer": ""})
        return models.CheckRequest(format="wordpress", content=payload), _payload_id(payload)
    if scheme == "contentful" and isinstance(payload, dict) and "sys" in payload:
        if not _shaped("contentful", payload):
            raise ApiError(422, "invalid_request", "a Contentful delivery to check carries "
                           "the entry's `fields` (publish, save, auto_save)",
                           {"pointer": "/fields"})
        return models.CheckRequest(format="contentful", content=payload), _payload_id(payload)
    if scheme == "sanity" and _shaped("sanity", payload):
        return models.CheckRequest(format="sanity", content=payload), _payload_id(payload)
    # Otherwise the CMS shaped the delivery into the /v1/check body itself.
    try:
        return models.CheckRequest.model_validate(payload), None
    except ValidationError as exc:
        raise _invalid(exc.errors()) from None


def _string(value: Any) -> str | None:
    return None if value is None else str(value)


def _shaped(format: str, payload: Any) -> bool:
    return JSON_SHAPES[format][0](payload)


def _payload_id(payload: Any) -> str | None:
    """The id a CMS payload gives its article: WordPress `id`, ANS and Sanity `_id`,
    Contentful `sys.id`."""
    if not isinstance(payload, dict):
        return None
    system = payload.get("sys")
    nested = system.get("id") if isinstance(system, dict) else None
    return _string(payload.get("id", payload.get("_id", nested)))


def _invalid(errors) -> ApiError:
    first = errors[0]
    return ApiError(422, "invalid_request", f"{pointer(first['loc']) or 'the body'}: "
                    f"{first['msg']}", {"pointer": pointer(first["loc"]),
                                        "errors": [{"pointer": pointer(e["loc"]),
                                                    "message": e["msg"]} for e in errors[:20]]})


def _error_handlers(app: FastAPI) -> None:
    def tagged(error: ApiError) -> Json:
        return Json(error_body(error.code, error.message, error.details),
                            status_code=error.status_code, headers=error.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Json:
        if isinstance(exc, ApiError):
            return tagged(exc)
        code = _FRAMEWORK_CODES.get(exc.status_code, "http_error")
        message = NOT_JSON if exc.status_code == 400 else str(exc.detail)
        return tagged(ApiError(exc.status_code, code, message, headers=exc.headers))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Json:
        errors = exc.errors()
        # An empty body is "missing" to the framework, one of white space invalid JSON:
        # neither is JSON, and both are answered alike.
        if any(e["type"] == "json_invalid" or (e["type"] == "missing" and e["loc"] == ("body",))
               for e in errors):
            return tagged(ApiError(400, "bad_json", NOT_JSON))
        return tagged(_invalid(errors))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Json:
        return Json(error_body("internal_error", "copydesk failed on this request"),
                            status_code=500)


def openapi() -> dict[str, Any]:
    """The service's OpenAPI document, as `/openapi.json` serves it."""
    config = Config()
    return create_app(config, load_settings(config, {}), ReplayCache(Path())).app.openapi()


def app_from_environment():
    """The uvicorn factory each worker process calls: the configuration the `serve`
    command validated, named in the environment it set."""
    config_path = os.environ.get(CONFIG_VARIABLE)
    config = service_config(Path(config_path) if config_path else None)
    settings = load_settings(config)
    HeaderTimeoutProtocol.seconds = settings.body_timeout
    return create_app(config, settings, ReplayCache(Path(os.environ[REPLAY_VARIABLE])))


def service_config(path: Path | None) -> Config:
    """The named configuration, or the one discovered from the working folder."""
    found = path or discover(Path.cwd())
    return load(found) if found else Config()

