"""Tracing setup honours the standard OTEL_* variables and always gives requests a real trace context."""

from __future__ import annotations

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


def test_a_provider_is_installed_without_an_exporter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telemetry, "_provider", None)
    monkeypatch.setattr(telemetry, "_exporting", False)
    monkeypatch.setattr(telemetry.trace, "set_tracer_provider", lambda provider: None)
    provider = telemetry.setup_tracing("trees", None)
    assert isinstance(provider, TracerProvider) and not telemetry.exporting()
    with provider.get_tracer("test").start_as_current_span("request"):
        headers = telemetry.current_trace_headers()
        assert headers["traceparent"].startswith("00-") and telemetry.current_trace_id() is not None
    # Configuring an endpoint later adds the exporter to the same provider.
    assert telemetry.setup_tracing("trees", "http://127.0.0.1:4318") is provider and telemetry.exporting()
    provider.shutdown()
