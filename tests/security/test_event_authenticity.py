"""Events that cannot be forged or malformed past the platform consumer (issue 11, items 2 and 7).

Every consumer accepts an event type only from its catalogue producer's `ce_source`; envelopes without their
required CloudEvents attributes and payloads that fail the catalogue's shared types (Hunan division codes,
bounded timestamps) are dead-lettered with a `dlt.reason` header before any handler runs. These run every
consuming service in-process on PostgreSQL; tests/e2e/test_forged_events.py does the same over the broker.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import uuid

import pytest

from hunan_shared import clock
from hunan_shared.bus.kafka import Message
from hunan_shared.bus.memory import Record
from hunan_shared.events import CATALOGUE, Envelope, encode, new_envelope, producer_source
from hunan_shared.events.catalogue import DisasterDeclared

from .conftest import app_module_exists

PAIRS = sorted((consumer, type_) for type_, cls in CATALOGUE.items() for consumer in cls.CONSUMERS)


def declared(division_codes: list[str], disaster_id: str | None = None) -> DisasterDeclared:
    now = clock.now()
    return DisasterDeclared(
        disaster_id=disaster_id or f"forged-{uuid.uuid4().hex[:8]}",
        hazard="FLOOD_DROUGHT",
        response_level="I",
        division_codes=division_codes,
        title="伪造灾情",
        occurred_at=now - dt.timedelta(hours=1),
        declared_at=now,
    )


def raw_envelope(type_: str, source: str, data: dict) -> Envelope:
    cls = CATALOGUE[type_]
    return Envelope(
        id=str(uuid.uuid4()),
        source=source,
        type=type_,
        topic=cls.TOPIC,
        key="k-1",
        time=clock.now(),
        data=data,
    )


def feed(service, envelope: Envelope, headers_edit=None) -> list[Message]:
    """Publish one message on the memory bus, run the service's consumer, return its new dead letters."""
    bus = service.app.state.platform.bus
    key, value, headers = encode(envelope)
    if headers_edit:
        headers = headers_edit(headers)
    before = len(bus.messages)
    record = Record(envelope.topic, 0, before, key, value, headers)
    asyncio.run(service.app.state.platform.consumer.process_records([record]))
    return [m for m in bus.messages[before:] if m.topic.endswith(".dlt")]


def reason(message: Message) -> str:
    return dict(message.headers)["dlt.reason"].decode()


def inbox_has(service, event_id: str) -> bool:
    rows = service.engine.connect().exec_driver_sql("SELECT count(*) FROM inbox WHERE event_id = %s", (event_id,))
    return rows.scalar_one() > 0


def refused_metric(service, topic: str, why: str) -> float:
    platform = service.app.state.platform
    return (
        platform.metrics.registry.get_sample_value(
            "hunan_events_refused_total",
            {"service": service.service, "consumer": platform.consumer.group, "topic": topic, "reason": why},
        )
        or 0.0
    )


@pytest.fixture
def services(running):
    started: dict = {}

    def get(name: str):
        if name not in started:
            started[name] = running(name)
        return started[name]

    return get


@pytest.mark.parametrize(("consumer", "type_"), PAIRS, ids=[f"{c}<-{t.removeprefix('hunan.')}" for c, t in PAIRS])
def test_every_consumed_type_is_refused_from_any_source_but_its_producer(services, consumer, type_):
    if not app_module_exists(consumer):
        pytest.skip(f"hunan_{consumer} not there")
    service = services(consumer)
    cls = CATALOGUE[type_]
    if type_ not in service.app.state.platform.consumer.handlers:  # listed in CONSUMERS, not handled (yet)
        envelope = raw_envelope(type_, "/hunan/test", {})
        assert feed(service, envelope) == []
        assert not inbox_has(service, envelope.id)
        return
    for forged in ("/hunan/test", "/hunan/" + next(s for s in ("trees", "science") if s != cls.PRODUCER), ""):
        envelope = raw_envelope(type_, forged or "/hunan/" + cls.PRODUCER + "/", {})
        [dead] = feed(service, envelope)
        assert reason(dead) == "forged-source"
        assert dict(dead.headers)["ce_source"].decode() == envelope.source
        assert not inbox_has(service, envelope.id)
    assert refused_metric(service, cls.TOPIC, "forged-source") == 3
    # The control: the producer's own source passes the source check (and then fails on the empty payload).
    genuine = raw_envelope(type_, producer_source(cls), {})
    [dead] = feed(service, genuine)
    assert reason(dead) == "invalid-payload"


@pytest.mark.parametrize("consumer", ["science", "budget", "disability", "trees"])
@pytest.mark.parametrize("code", ["110101", "439999", "43010", "430102a", "٤٣٠١٠٢"])
def test_division_codes_outside_hunan_are_dead_lettered_by_every_consumer(services, consumer, code):
    service = services(consumer)
    envelope = new_envelope(declared(["430102"]), producer_source(DisasterDeclared))
    envelope = dataclasses.replace(envelope, data={**envelope.data, "division_codes": [code]})
    [dead] = feed(service, envelope)
    assert reason(dead) == "invalid-payload"
    assert not inbox_has(service, envelope.id)


def test_a_full_width_division_code_in_an_event_is_read_as_the_ascii_code(services):
    service = services("trees")
    envelope = new_envelope(declared(["430102"]), producer_source(DisasterDeclared))
    envelope = dataclasses.replace(envelope, data={**envelope.data, "division_codes": ["４３０１０２"]})
    assert feed(service, envelope) == []
    assert inbox_has(service, envelope.id)


@pytest.mark.parametrize("attribute", ["ce_id", "ce_source", "ce_type", "ce_time", "ce_specversion"])
@pytest.mark.parametrize("empty", [False, True], ids=["missing", "empty"])
def test_an_envelope_without_a_required_attribute_is_dead_lettered(services, attribute, empty):
    service = services("disability")
    envelope = new_envelope(declared(["430102"]), producer_source(DisasterDeclared))

    def edit(headers):
        if empty:
            return [(n, b"" if n == attribute else v) for n, v in headers]
        return [(n, v) for n, v in headers if n != attribute]

    [dead] = feed(service, envelope, edit)
    assert reason(dead) == "invalid-envelope"
    assert not inbox_has(service, envelope.id)
    assert service.count("assistancecase") == 0


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_an_event_time_or_payload_timestamp_out_of_range_is_dead_lettered_not_a_crash(services, when):
    service = services("budget")
    envelope = new_envelope(declared(["430102"]), producer_source(DisasterDeclared))
    payload = dataclasses.replace(envelope, data={**envelope.data, "occurred_at": when})
    [dead] = feed(service, payload)
    assert reason(dead) == "invalid-payload"

    def bad_time(headers):
        return [(n, when.encode() if n == "ce_time" else v) for n, v in headers]

    [dead] = feed(service, dataclasses.replace(envelope, id=str(uuid.uuid4())), bad_time)
    assert reason(dead) == "invalid-envelope"


def test_an_event_on_another_topic_than_its_catalogue_topic_is_refused(services):
    service = services("disability")
    envelope = new_envelope(declared(["430102"]), producer_source(DisasterDeclared))
    envelope = dataclasses.replace(envelope, topic="emergency.warning")
    [dead] = feed(service, envelope)
    assert reason(dead) == "invalid-envelope"
