"""Tracing (OpenTelemetry) and structured JSON logs carrying the current trace id.

Trace context travels HTTP request -> outbox row (traceparent column) -> Kafka headers -> consumer span,
so a single trace covers a declaration and every reaction it causes in other services.
"""

from __future__ import annotations

import json
import logging
import random
import sys
from collections.abc import Mapping
from contextvars import ContextVar

from opentelemetry import context as otel_context
from opentelemetry import propagate
from opentelemetry import trace as trace  # re-exported: consumers name trace.SpanKind
from opentelemetry.sdk.resources import OTELResourceDetector, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

_provider: TracerProvider | None = None
_exporting = False


def service_resource(service: str) -> Resource:
    """Resource of the process's spans: `service.name=hunan-<service>` and `service.namespace=hunan` by
    default; the standard OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override and extend them."""
    defaults = {"service.name": f"hunan-{service}", "service.namespace": "hunan"}
    return Resource.create({**defaults, **OTELResourceDetector().detect().attributes})


def traces_endpoint(otlp_endpoint: str | None, otlp_traces_endpoint: str | None = None) -> str | None:
    """Where spans go, as the OTLP exporter specification says: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given,
    else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces; None exports nothing."""
    if otlp_traces_endpoint:
        return otlp_traces_endpoint
    return f"{otlp_endpoint.rstrip('/')}/v1/traces" if otlp_endpoint else None


def setup_tracing(
    service: str, otlp_endpoint: str | None, otlp_traces_endpoint: str | None = None
) -> TracerProvider | None:
    """Install the SDK tracer provider (one per process) when spans are exported over OTLP/HTTP, i.e. when an
    endpoint is configured; the exporter reads the other OTEL_EXPORTER_OTLP_* variables itself (headers,
    timeout, compression, certificate) and the sampler comes from OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG
    (default: parent-based, always on). Returns the provider, or None when nothing is exported.

    Without an exporter no SDK provider is installed, so no span objects are built per request or event
    (issue #19: they cost time on every request and nothing reads them). Every request and handler still has
    a trace context: hunan_shared.middleware continues the caller's `traceparent` (or starts a trace) with a
    non-recording span, consumers continue the event's, and events always carry a `traceparent`."""
    global _provider, _exporting
    endpoint = traces_endpoint(otlp_endpoint, otlp_traces_endpoint)
    if endpoint is None:
        return _provider
    if _provider is None:
        _provider = TracerProvider(resource=service_resource(service))
        trace.set_tracer_provider(_provider)
    if not _exporting:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        _provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
        _exporting = True
    return _provider


def exporting() -> bool:
    return _exporting


def shutdown_tracing() -> None:
    if _provider is not None and _exporting:
        _provider.force_flush(timeout_millis=5000)


def tracer(name: str = "hunan") -> trace.Tracer:
    return trace.get_tracer(name)


def current_trace_headers() -> dict[str, str]:
    """W3C traceparent/tracestate of the active span, to store with an outbox row."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def _random_id(bits: int) -> int:
    """A non-zero random trace (128-bit) or span (64-bit) id. Like the OpenTelemetry SDK's own generator this
    uses `random`, not the OS entropy source: ids must be unique, not secret, and an os.urandom call per
    request showed in the request profile (issue #19)."""
    return random.getrandbits(bits) or 1  # the module generator is reseeded in forked children


def new_traceparent() -> str:
    """A fresh W3C traceparent (a new trace, not sampled) for work that no request or event started."""
    return f"00-{_random_id(128):032x}-{_random_id(64):016x}-00"


def event_trace_headers() -> dict[str, str]:
    """Trace headers for an emitted event: the active trace's, or a new trace when none is active (a job, a
    command): every event carries a `traceparent`, whether or not spans are exported."""
    carrier = current_trace_headers()
    if "traceparent" not in carrier:
        carrier = {"traceparent": new_traceparent()}
    return carrier


def remote_context(headers: Mapping[str, str]) -> otel_context.Context:
    """A context whose current span continues the `traceparent` in `headers`, or starts a new trace; for
    processes where no SDK tracer records spans (the IDs still travel into logs and events)."""
    parent = trace.get_current_span(propagate.extract(dict(headers))).get_span_context()
    trace_id = parent.trace_id if parent.is_valid else _random_id(128)
    span = trace.NonRecordingSpan(
        trace.SpanContext(
            trace_id=trace_id,
            span_id=_random_id(64),
            is_remote=False,
            trace_flags=parent.trace_flags if parent.is_valid else trace.TraceFlags(0),
            trace_state=parent.trace_state if parent.is_valid else None,
        )
    )
    return trace.set_span_in_context(span)


def spans_recorded() -> bool:
    """Whether an SDK tracer provider is installed (then FastAPI's own tracing makes the request spans)."""
    return isinstance(trace.get_tracer_provider(), TracerProvider)


# The X-Request-ID of the request being served (set by hunan_shared.middleware.RequestContextMiddleware).
request_id: ContextVar[str | None] = ContextVar("hunan_request_id", default=None)
_base_record_factory = logging.getLogRecordFactory()


def _record_with_request_id(*args: object, **kwargs: object) -> logging.LogRecord:
    """Stamp the request id on a record when it is made (handlers may format it after the request ended)."""
    record = _base_record_factory(*args, **kwargs)
    current = request_id.get()
    if current is not None:
        record.request_id = current
    return record


logging.setLogRecordFactory(_record_with_request_id)


def context_from_headers(headers: Mapping[str, str]) -> otel_context.Context:
    return propagate.extract(dict(headers))


def current_trace_id() -> str | None:
    span_context = trace.get_current_span().get_span_context()
    return format(span_context.trace_id, "032x") if span_context.is_valid else None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, trace/span ids and any `extra` fields."""

    _standard = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}

    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        span_context = trace.get_current_span().get_span_context()
        if span_context.is_valid:
            entry["trace_id"] = format(span_context.trace_id, "032x")
            entry["span_id"] = format(span_context.span_id, "016x")
        entry.update({k: v for k, v in record.__dict__.items() if k not in self._standard and not k.startswith("_")})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(service: str, level: str) -> None:
    """Send JSON lines to stderr. Replaces only a JSON handler installed before (so test log capture stays)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not isinstance(h.formatter, JsonFormatter)] + [handler]
    root.setLevel(level.upper())
    # uvicorn's access log would duplicate our per-request metrics and could leak query strings.
    logging.getLogger("uvicorn.access").disabled = True
    for noisy in ("aiokafka", "kafka"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
