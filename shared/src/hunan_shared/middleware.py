"""ASGI middlewares: request context (X-Request-ID, trace context), request guards (body size, content type)
and RED metrics per route template."""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time

from opentelemetry import context as otel_context
from opentelemetry import propagate
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hunan_shared import telemetry
from hunan_shared.metrics import Metrics
from hunan_shared.problems import problem_response

ACCEPTED_BODY_TYPES = ("application/json", "text/csv", "multipart/form-data")


log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "x-request-id"
# What a request id may look like when a client or the gateway sends one (else the service makes its own).
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")


class RequestContextMiddleware:
    """X-Request-ID: taken from the request (the gateway sends one) or generated, echoed on the response and
    put on every log line of the request. Trace context: when no SDK tracer records spans, the request still
    continues the caller's `traceparent` (or starts a new trace), so the events it emits carry it."""

    def __init__(self, app: ASGIApp):
        self.app = app
        # The headers read here: the request id and those of the configured propagators (OTEL_PROPAGATORS;
        # W3C traceparent/tracestate and baggage by default).
        self.context_headers = frozenset({REQUEST_ID_HEADER, *propagate.get_global_textmap().fields})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: dict[str, str] = {}
        for key, value in scope["headers"]:  # only the few headers read here are decoded
            name = key.decode("latin-1").lower()
            if name in self.context_headers:
                headers[name] = value.decode("latin-1")
        sent = headers.get(REQUEST_ID_HEADER, "")
        # Generated ids need to be unique, not secret: `random` instead of uuid4's os.urandom, whose system
        # call per request showed in the request profile (issue #19; docs/performance.md §3).
        request_id = sent if REQUEST_ID_PATTERN.fullmatch(sent) else f"{random.getrandbits(128):032x}"
        request_token = telemetry.request_id.set(request_id)
        trace_token = None if telemetry.spans_recorded() else otel_context.attach(telemetry.remote_context(headers))

        started = False

        async def echo(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [
                    *[(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"],
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, echo)
        except Exception:
            # Here rather than in Starlette's outermost error middleware, so the 500 and its log line carry the id.
            log.exception("unhandled error", extra={"path": scope["path"]})
            if started:
                raise
            await problem_response(
                500,
                "Internal error",
                detail=f"An unexpected error occurred; it has been logged with request id {request_id}.",
                instance=scope["path"],
            )(scope, receive, echo)
        finally:
            if trace_token is not None:
                otel_context.detach(trace_token)
            telemetry.request_id.reset(request_token)


class _TooLarge(Exception):
    pass


class GuardMiddleware:
    """413 for bodies over the limit (declared or streamed, chunked included), 415 for bodies that are not
    JSON/CSV/multipart, 408 for a body that does not arrive within `body_timeout` seconds."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, body_timeout: float = 30.0):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        path = scope["path"]
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await problem_response(
                413, "Request body too large", detail=f"limit is {self.max_body_bytes} bytes", instance=path
            )(scope, receive, send)
            return
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        has_body = (declared not in (None, "0")) or "transfer-encoding" in headers
        if has_body and not (content_type.endswith("+json") or content_type in ACCEPTED_BODY_TYPES):
            await problem_response(
                415,
                "Unsupported content type",
                detail=f"send application/json (got {content_type or 'none'})",
                instance=path,
            )(scope, receive, send)
            return

        # Read the whole body before the application sees it (it is at most `max_body_bytes`): a chunked
        # body over the limit is a 413 here (inside the app the framework would turn it into a 400), and a
        # client that declares more than it sends (or sends it byte by byte) is cut off after
        # `body_timeout` seconds with a 408 instead of holding a worker and a connection forever.
        body = bytearray()
        deadline = time.monotonic() + self.body_timeout
        more = True
        while more:
            try:
                message = await asyncio.wait_for(receive(), timeout=max(deadline - time.monotonic(), 0.001))
            except TimeoutError:
                await problem_response(
                    408,
                    "Request body not received in time",
                    detail=f"the body must arrive within {self.body_timeout:g} seconds",
                    instance=path,
                    headers={"Connection": "close"},
                )(scope, receive, send)
                return
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = bool(message.get("more_body", False))
            if len(body) > self.max_body_bytes:
                await problem_response(
                    413,
                    "Request body too large",
                    detail=f"limit is {self.max_body_bytes} bytes",
                    instance=path,
                    headers={"Connection": "close"},
                )(scope, receive, send)
                return

        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class MetricsMiddleware:
    """Counts requests and observes latency per (method, route template, status)."""

    def __init__(self, app: ASGIApp, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            service = self.metrics.service
            self.metrics.http_requests.labels(service, scope["method"], template, str(status)).inc()
            self.metrics.http_duration.labels(service, scope["method"], template).observe(time.perf_counter() - started)
