"""X-Request-ID and W3C trace context at the HTTP edge, and `traceparent` on every event (issue 10 §5)."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from types import SimpleNamespace

import pytest
from fastapi import APIRouter
from sqlalchemy import select

from hunan_shared import telemetry
from hunan_shared.bus.outbox import row_to_envelope
from hunan_shared.events import encode

# W3C trace context: any trace-flags byte (01 sampled, 02 random trace id).
TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}")
CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def _outbox(toy_app):
    table = toy_app.state.platform.tables.outbox
    with toy_app.state.platform.engine.connect() as conn:
        return conn.execute(select(table).order_by(table.c.created_at)).all()


def test_request_id_is_echoed_or_generated(toy_client, token):
    sent = toy_client.get("/v1/notes/none", headers={**token("toy:read"), "X-Request-ID": "gw-7f3a9c"})
    assert sent.status_code == 404 and sent.headers["x-request-id"] == "gw-7f3a9c"
    made = toy_client.get("/livez")
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    assert toy_client.get("/livez").headers["x-request-id"] != made.headers["x-request-id"]
    odd = toy_client.get("/livez", headers={"X-Request-ID": "bad id\twith spaces"})
    assert odd.headers["x-request-id"] != "bad id\twith spaces"


def test_log_lines_of_a_request_carry_its_request_id(toy_app, toy_client, token, caplog):
    formatter = telemetry.JsonFormatter("toy")
    router = APIRouter(prefix="/v1/boom")

    @router.get("")
    def boom() -> None:
        logging.getLogger("toy").warning("about to fail")
        raise RuntimeError("boom")

    toy_app.include_router(router)
    with caplog.at_level(logging.WARNING):
        response = toy_client.get("/v1/boom", headers={"X-Request-ID": "req-500-check"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "req-500-check"
    lines = [json.loads(formatter.format(r)) for r in caplog.records]
    assert {line["message"] for line in lines} >= {"about to fail", "unhandled error"}
    assert all(line["request_id"] == "req-500-check" for line in lines), lines
    assert telemetry.request_id.get() is None  # nothing leaks past the request


@pytest.mark.parametrize("incoming", [None, CALLER])
def test_every_event_carries_a_traceparent_without_an_exporter(toy_app, toy_client, token, incoming):
    assert not telemetry.exporting()  # no OTLP endpoint configured in tests: nothing exports spans
    headers = token("toy:write") | ({"traceparent": incoming} if incoming else {})
    assert toy_client.post("/v1/notes", json={"text": "flood"}, headers=headers).status_code == 201
    (row,) = _outbox(toy_app)
    match = TRACEPARENT.fullmatch(row.traceparent)
    assert match, row.traceparent
    if incoming:  # the caller's trace continues into the event
        assert match.group(1) == "4bf92f3577b34da6a3ce929d0e0e4736"
    _, _, kafka_headers = encode(replace(row_to_envelope(row), source="/hunan/toy"))
    assert dict(kafka_headers)["traceparent"] == row.traceparent.encode()


def test_two_requests_without_trace_context_start_two_traces(toy_app, toy_client, token):
    for text in ("one", "two"):
        assert toy_client.post("/v1/notes", json={"text": text}, headers=token("toy:write")).status_code == 201
    first, second = (TRACEPARENT.fullmatch(r.traceparent).group(1) for r in _outbox(toy_app))
    assert first != second


def test_events_emitted_outside_any_request_get_a_new_trace():
    headers = telemetry.event_trace_headers()
    assert TRACEPARENT.fullmatch(headers["traceparent"])
    assert telemetry.event_trace_headers()["traceparent"] != headers["traceparent"]


def test_an_outbox_row_without_trace_context_is_published_with_one(toy_app, toy_client, token):
    assert toy_client.post("/v1/notes", json={"text": "old"}, headers=token("toy:write")).status_code == 201
    (row,) = _outbox(toy_app)
    legacy = SimpleNamespace(**(row._asdict() | {"traceparent": None, "tracestate": None}))
    assert TRACEPARENT.fullmatch(row_to_envelope(legacy).trace_headers["traceparent"])


def test_published_events_name_a_dataschema_that_the_service_serves(
    database_url, toy_engine, platform_settings, memory_bus, monkeypatch, token
):
    from fastapi.testclient import TestClient

    from hunan_shared import migrations
    from hunan_shared.events import decode
    from hunan_shared.events.catalogue import CATALOGUE
    from hunan_shared.service import create_service_app
    from hunan_shared.settings import ServiceSettings

    from .conftest import SPEC
    from .test_outbox_inbox import relay_once

    monkeypatch.setattr(migrations, "upgrade", lambda engine, location: None)
    monkeypatch.setattr(migrations, "is_at_head", lambda engine, location: True)
    settings = platform_settings.model_copy(update={"hunan_public_url": "https://api.hunan.example/"})
    app = create_service_app(
        SPEC, settings=settings, service_settings=ServiceSettings(database_url=database_url), bus=memory_bus
    )
    client = TestClient(app)  # no lifespan: no background relay, the test relays once itself
    assert client.post("/v1/notes", json={"text": "flood"}, headers=token("toy:write")).status_code == 201
    relay_once(app.state.platform)
    (message,) = memory_bus.on("emergency.disaster")
    envelope = decode(message.topic, message.key, message.value, message.headers)
    url = "https://api.hunan.example/schemas/events/hunan.emergency.disaster.declared/v1.json"
    assert envelope.dataschema == url
    served = client.get(url.removeprefix("https://api.hunan.example"))
    assert served.status_code == 200 and served.headers["content-type"] == "application/schema+json"
    assert served.json() == CATALOGUE[envelope.type].payload_schema()
    assert client.get("/schemas/events/hunan.emergency.disaster.declared/v2.json").status_code == 404
    assert client.get("/schemas/events/hunan.nothing.here/v1.json").status_code == 404
