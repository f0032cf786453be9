"""Tracing setup honours the standard OTEL_* variables and always gives requests a real trace context."""

from __future__ import annotations

import re

import pytest
from opentelemetry.sdk.trace import TracerProvider

from hunan_shared import telemetry


def test_resource_defaults_to_the_service(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
    monkeypatch.delenv("OTEL_RESOURCE_ATTRIBUTES", raising=False)
    attributes = telemetry.service_resource("emergency").attributes
    assert attributes["service.name"] == "hunan-emergency" and attributes["service.namespace"] == "hunan"


def test_otel_service_name_and_resource_attributes_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_SERVICE_NAME", "emergency-blue")
    monkeypatch.setenv(
        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.namespace=hunan-gov,k8s.pod.name=e-7f9"
    )
    attributes = telemetry.service_resource("emergency").attributes
    assert attributes["service.name"] == "emergency-blue"
    assert attributes["service.namespace"] == "hunan-gov"
    assert attributes["deployment.environment"] == "prod" and attributes["k8s.pod.name"] == "e-7f9"


@pytest.mark.parametrize(
    ("endpoint", "traces", "expected"),
    [
        (None, None, None),
        ("http://otel-collector:4318", None, "http://otel-collector:4318/v1/traces"),
        ("http://otel-collector:4318/", None, "http://otel-collector:4318/v1/traces"),
        ("http://otel-collector:4318", "https://traces.example.org/api/v1/otlp", "https://traces.example.org/api/v1/otlp"),
        (None, "https://traces.example.org/v1/traces", "https://traces.example.org/v1/traces"),
    ],
)  # fmt: skip
def test_traces_endpoint_follows_the_exporter_specification(
    endpoint: str | None, traces: str | None, expected: str | None
) -> None:
    assert telemetry.traces_endpoint(endpoint, traces) == expected


def test_no_sdk_provider_without_an_exporter_but_requests_still_have_a_trace_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(telemetry, "_provider", None)
    monkeypatch.setattr(telemetry, "_exporting", False)
    installed: list[object] = []
    monkeypatch.setattr(telemetry.trace, "set_tracer_provider", installed.append)
    # Nothing exported: no SDK provider, so no span objects per request (issue #19).
    assert telemetry.setup_tracing("trees", None) is None and not installed and not telemetry.exporting()
    caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    for incoming, same_trace in (({"traceparent": caller}, True), ({}, False)):
        token = telemetry.otel_context.attach(telemetry.remote_context(incoming))
        try:
            traceparent = telemetry.current_trace_headers()["traceparent"]
            assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}", traceparent)
            assert (traceparent.split("-")[1] == "4bf92f3577b34da6a3ce929d0e0e4736") is same_trace
            assert traceparent.split("-")[2] != "00f067aa0ba902b7" and telemetry.current_trace_id() is not None
        finally:
            telemetry.otel_context.detach(token)
    # An endpoint configured: the SDK provider is installed with its exporter, and records spans.
    provider = telemetry.setup_tracing("trees", "http://127.0.0.1:4318")
    assert isinstance(provider, TracerProvider) and installed == [provider] and telemetry.exporting()
    with provider.get_tracer("test").start_as_current_span("request") as span:
        assert span.is_recording() and int(telemetry.current_trace_headers()["traceparent"][-2:], 16) & 1  # sampled
    assert telemetry.setup_tracing("trees", "http://127.0.0.1:4318") is provider and installed == [provider]
    provider.shutdown()


def test_generated_ids_are_never_zero_and_differ() -> None:
    ids = {telemetry.new_traceparent() for _ in range(1000)}
    assert len(ids) == 1000 and all(not p.split("-")[1].strip("0") == "" for p in ids)
