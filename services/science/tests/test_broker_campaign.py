"""Acceptance over the real Kafka-protocol broker: a flood declared in two counties launches one campaign with
flood content from the library in accessible formats for exactly those counties; raising the level updates
it; closing the disaster closes it; an outside Kafka client reads the three events."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from fastapi.testclient import TestClient

from hunan_science.app import create_app
from hunan_science.settings import ScienceSettings
from hunan_shared import clock
from hunan_shared.events import encode, new_envelope
from hunan_shared.events.catalogue import DisasterClosed, DisasterDeclared, DisasterLevelChanged
from hunan_shared.settings import PlatformSettings

pytestmark = pytest.mark.integration
COUNTIES = ["430121", "430181"]
TOPIC = "science.campaign"


def publish(bootstrap: str, *events) -> None:
    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
        await producer.start()
        try:
            for event in events:
                key, value, headers = encode(new_envelope(event, "/hunan/emergency"))
                await producer.send_and_wait(event.TOPIC, value, key=key, headers=headers)
        finally:
            await producer.stop()

    asyncio.run(send())


def read_topic(bootstrap: str, disaster_id: str) -> list[tuple[str, dict]]:
    """(type, payload) of this disaster's campaign events, as an outside client reads them (no consumer group)."""

    async def read() -> list[tuple[str, dict]]:
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        await consumer.start()
        try:
            await consumer._client.force_metadata_update()
            tps = [TopicPartition(TOPIC, p) for p in sorted(consumer.partitions_for_topic(TOPIC) or ())]
            if not tps:
                return []
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            end = await consumer.end_offsets(tps)
            found = []
            while any([await consumer.position(tp) < end[tp] for tp in tps]):
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    for record in batch:
                        payload = json.loads(record.value)
                        if payload.get("disaster_id") == disaster_id:
                            found.append((dict(record.headers)["ce_type"].decode(), payload))
            return found
        finally:
            await consumer.stop()

    return asyncio.run(read())


def wait_for(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_flood_campaign_over_the_broker(broker, database_url, tmp_path, token):
    settings = PlatformSettings(
        kafka_bootstrap_servers=broker.bootstrap,
        kafka_client_prefix=f"sci{uuid.uuid4().hex[:8]}",
        hunan_var_dir=tmp_path / "var",
        consumer_retry_backoff_seconds=0.01,
        outbox_poll_seconds=0.05,
    )
    app = create_app(settings=settings, service_settings=ScienceSettings(database_url=database_url))
    disaster_id = str(uuid.uuid4())
    now = clock.now()
    with TestClient(app) as client:
        W, R = token("science:write"), token("science:read")
        video = client.post(
            "/v1/content",
            headers=W,
            json={
                "title": "洪水避险",
                "medium": "VIDEO",
                "topics": ["DISASTER_PREVENTION"],
                "hazards": ["FLOOD_DROUGHT"],
                "variants": ["captions", "sign_language", "audio"],
                "reserve": True,
            },
        ).json()
        client.post(f"/v1/content/{video['id']}/review", headers=W, json={"action": "approve", "reviewer": "专家"})
        base = {"disaster_id": disaster_id, "hazard": "FLOOD_DROUGHT", "division_codes": COUNTIES}
        publish(
            broker.bootstrap,
            DisasterDeclared(**base, response_level="III", title="洪水", occurred_at=now, declared_at=now),
        )

        def campaign():
            items = client.get("/v1/campaigns", params={"disaster_id": disaster_id}, headers=R).json()["items"]
            return items[0] if items else None

        launched = wait_for(campaign)
        assert launched["division_codes"] == COUNTIES and launched["items"] == {"PUBLISHED": 1}
        [item] = client.get(f"/v1/campaigns/{launched['id']}/items", headers=R).json()
        assert item["title"] == "洪水避险" and {"captions", "sign_language"} <= set(item["variants"])

        publish(
            broker.bootstrap,
            DisasterLevelChanged(
                **base, response_level="II", previous_level="III", changed_at=now + dt.timedelta(minutes=1)
            ),
        )
        wait_for(lambda: campaign()["response_level"] == "II")
        publish(broker.bootstrap, DisasterClosed(**base, response_level="II", outcome="closed", closed_at=now))
        wait_for(lambda: campaign()["state"] == "CLOSED")

        events = wait_for(lambda: (found := read_topic(broker.bootstrap, disaster_id)) and len(found) >= 4 and found)
    types = [t for t, _ in events]
    assert types == [
        "hunan.science.campaign.launched",
        "hunan.science.content.published",
        "hunan.science.campaign.updated",
        "hunan.science.campaign.closed",
    ]
    assert events[0][1]["division_codes"] == COUNTIES and events[0][1]["formats"][:2] == ["captions", "sign_language"]
    published = events[1][1]
    assert published["first_in_campaign"] and published["within_target"] is True
    assert sorted(published["division_codes"]) == COUNTIES and {"captions", "sign_language"} <= set(
        published["variants"]
    )
    assert events[2][1]["response_level"] == "II" and "emergency_broadcast" in events[2][1]["channels"]
