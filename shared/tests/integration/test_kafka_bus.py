"""The bus against a real Kafka-protocol broker: outbox → broker → consumer with inbox, dead letters,
and an outside agency reading our CloudEvents with a different client (confluent-kafka)."""

import asyncio
import dataclasses
import datetime as dt
import time
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from hunan_shared import clock, migrations
from hunan_shared.bus.kafka import KafkaBus, Message
from hunan_shared.bus.outbox import row_to_envelope
from hunan_shared.events import encode
from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.service import create_service_app
from hunan_shared.settings import PlatformSettings, ServiceSettings
from hunan_shared.testing import as_message

pytestmark = pytest.mark.integration


def wait_for(check, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


@pytest.fixture
def kafka_toy(toy, database_url, toy_engine, broker, tmp_path, monkeypatch):
    monkeypatch.setattr(migrations, "upgrade", lambda engine, location: None)
    monkeypatch.setattr(migrations, "is_at_head", lambda engine, location: True)
    settings = PlatformSettings(
        kafka_bootstrap_servers=broker.bootstrap,
        kafka_client_prefix=f"it-{uuid.uuid4().hex[:8]}",
        hunan_var_dir=tmp_path,
        consumer_retry_backoff_seconds=0.01,
        outbox_poll_seconds=0.05,
    )
    app = create_service_app(toy.spec, settings=settings, service_settings=ServiceSettings(database_url=database_url))
    with TestClient(app) as client:
        wait_for(lambda: client.get("/readyz").status_code == 200)
        yield client


async def publish(settings: PlatformSettings, messages: list[Message]) -> None:
    bus = KafkaBus(settings, "it-publisher")
    await bus.start()
    try:
        assert await bus.send_batch(messages) == len(messages)
    finally:
        await bus.stop()


def declared(title: str, disaster_id: str) -> DisasterDeclared:
    now = clock.now()
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level="III",
        division_codes=["430102"],
        title=title,
        occurred_at=now - dt.timedelta(hours=1),
        declared_at=now,
    )


def seen(engine, toy, disaster_id: str) -> list[str]:
    with engine.connect() as conn:
        return [r.text for r in conn.execute(select(toy.note_table).where(toy.note_table.c.disaster_id == disaster_id))]


def test_event_flows_from_outbox_through_the_broker_to_the_consumer_once(kafka_toy, toy, toy_engine, token, broker):
    created = kafka_toy.post("/v1/notes", json={"text": "flood"}, headers=token("toy:write"))
    assert created.status_code == 201
    disaster_id = created.json()["id"]
    assert wait_for(lambda: seen(toy_engine, toy, disaster_id)) == [f"seen {disaster_id}"]

    # The same CloudEvent delivered again (e.g. after a producer retry) has no second effect.
    platform = kafka_toy.app.state.platform
    outbox = toy.tables.outbox
    with toy_engine.connect() as conn:
        row = conn.execute(select(outbox).where(outbox.c.aggregateid == disaster_id)).one()
    assert row.state == "sent"
    envelope = row_to_envelope(row)
    key, value, headers = encode(dataclasses.replace(envelope, source="/hunan/toy"))
    asyncio.run(publish(platform.settings, [Message("emergency.disaster", key, value, headers)]))
    time.sleep(2.0)
    assert seen(toy_engine, toy, disaster_id) == [f"seen {disaster_id}"]
    duplicates = platform.metrics.registry.get_sample_value(
        "hunan_events_consumed_total",
        {
            "service": "toy",
            "consumer": platform.consumer.group,
            "topic": "emergency.disaster",
            "type": "hunan.emergency.disaster.declared",
            "outcome": "duplicate",
        },
    )
    assert duplicates and duplicates >= 1


def test_poison_goes_to_the_dead_letter_topic_and_the_partition_keeps_flowing(kafka_toy, toy, toy_engine):
    platform = kafka_toy.app.state.platform
    poison_id, fine_id = f"poison-{uuid.uuid4().hex[:6]}", f"fine-{uuid.uuid4().hex[:6]}"
    # Same key: same partition, poison first.
    poison = as_message(declared("poison", poison_id))
    fine = as_message(declared("fine", fine_id))
    fine = Message(fine.topic, poison.key, fine.value, fine.headers)
    asyncio.run(publish(platform.settings, [poison, fine]))
    assert wait_for(lambda: seen(toy_engine, toy, fine_id)) == [f"seen {fine_id}"]
    assert seen(toy_engine, toy, poison_id) == []
    dead = wait_for(
        lambda: [
            m
            for m in read_all(platform.settings.kafka_bootstrap_servers, "emergency.disaster.dlt")
            if m["headers"].get("dlt.consumer_group") == platform.consumer.group and m["key"] == poison.key
        ]
    )
    assert len(dead) == 1
    assert dead[0]["headers"]["dlt.error_type"] == "ValueError"
    assert dead[0]["headers"]["ce_type"] == DisasterDeclared.TYPE
    assert (
        platform.metrics.registry.get_sample_value(
            "hunan_events_dead_lettered_total",
            {"service": "toy", "consumer": platform.consumer.group, "topic": "emergency.disaster"},
        )
        >= 1
    )


def read_all(bootstrap: str, topic: str) -> list[dict]:
    """Read a whole topic with confluent-kafka (librdkafka), assigning partitions directly (no group join)."""
    from confluent_kafka import Consumer, TopicPartition

    consumer = Consumer(
        {"bootstrap.servers": bootstrap, "group.id": f"reader-{uuid.uuid4().hex[:6]}", "enable.auto.commit": False}
    )
    try:
        metadata = consumer.list_topics(topic, timeout=10)
        partitions = metadata.topics[topic].partitions if topic in metadata.topics else {}
        assignment = []
        for p in partitions:
            low, high = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
            if high > low:
                assignment.append((TopicPartition(topic, p, low), high))
        consumer.assign([tp for tp, _ in assignment])
        remaining = {tp.partition: high for tp, high in assignment}
        messages = []
        deadline = time.monotonic() + 20
        while remaining and time.monotonic() < deadline:
            m = consumer.poll(1.0)
            if m is None or m.error():
                continue
            messages.append(
                {"key": m.key(), "value": m.value(), "headers": {k: v.decode() for k, v in (m.headers() or [])}}
            )
            if m.offset() + 1 >= remaining.get(m.partition(), 0):
                remaining.pop(m.partition(), None)
        return messages
    finally:
        consumer.close()


def test_an_outside_agency_reads_valid_cloudevents_with_confluent_kafka(kafka_toy, toy_engine, token):
    from cloudevents.core.bindings import kafka as ce_kafka

    created = kafka_toy.post("/v1/notes", json={"text": "for agencies"}, headers=token("toy:write"))
    disaster_id = created.json()["id"]

    def ours():
        return [
            m
            for m in read_all(kafka_toy.app.state.platform.settings.kafka_bootstrap_servers, "emergency.disaster")
            if m["key"] == disaster_id.encode()
        ]

    [message] = wait_for(ours)
    event = ce_kafka.from_binary_event(
        ce_kafka.KafkaMessage(
            headers={k: v.encode() for k, v in message["headers"].items()}, key=message["key"], value=message["value"]
        )
    )
    assert event.get_type() == "hunan.emergency.disaster.declared"
    assert event.get_attributes()["specversion"] == "1.0"
    assert event.get_source() == "/hunan/toy"
    assert event.get_data()["disaster_id"] == disaster_id
    assert message["headers"]["content-type"] == "application/json"
