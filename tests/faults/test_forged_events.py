"""Forged events over the real broker (issue 11, item 2): anyone who can write to a topic publishes events
that claim to come from elsewhere. Services run as processes on PostgreSQL.

A forged declaration (and closure) of a disaster for Changsha — with an outside source, with another real
service's source, and without `ce_id` — must reach every consumer's dead-letter topic with `dlt.reason`, be
counted in `hunan_events_refused_total`, and have no effect: no case, no supply request, no budget record.
The genuine declaration through emergency's API afterwards still opens exactly the expected cases.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest
from aiokafka import AIOKafkaProducer

from hunan_shared import clock
from hunan_shared.events import encode, new_envelope
from hunan_shared.events.catalogue import DisasterClosed, DisasterDeclared

pytestmark = pytest.mark.e2e

CHANGSHA = ["430102", "430103"]


def declared(disaster_id: str) -> DisasterDeclared:
    now = clock.now()
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level="I",
        division_codes=CHANGSHA,
        title="forged flood",
        occurred_at=now - dt.timedelta(hours=1),
        declared_at=now,
    )


def closed(disaster_id: str) -> DisasterClosed:
    return DisasterClosed(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level="I",
        division_codes=CHANGSHA,
        outcome="closed",
        closed_at=clock.now(),
    )


def publish(bootstrap: str, messages) -> None:
    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
        await producer.start()
        try:
            for topic, key, value, headers in messages:
                await producer.send_and_wait(topic, value, key=key, headers=headers)
        finally:
            await producer.stop()

    asyncio.run(send())


def test_forged_sources_are_dead_lettered_by_every_consumer_and_have_no_effect(faults, fault_databases):
    faults.urls.update(fault_databases("budget"))
    suite = faults.start(["emergency", "disability", "budget"])
    disability, budget = faults.api(suite, "disability"), faults.api(suite, "budget")
    rows = faults.person_rows(CHANGSHA, 10)
    faults.import_persons(disability, rows)

    forged_id = str(uuid.uuid4())
    forgeries = []
    for source in ("/hunan/attacker", "/hunan/disability", "hunan/emergency", "/hunan/emergency/"):
        for event in (declared(forged_id), closed(forged_id)):
            key, value, headers = encode(new_envelope(event, source))
            forgeries.append((source, "forged-source", (event.TOPIC, key, value, headers)))
    key, value, headers = encode(new_envelope(declared(forged_id), "/hunan/emergency"))
    no_id = [(n, v) for n, v in headers if n != "ce_id"]
    forgeries.append(("(no ce_id)", "invalid-envelope", ("emergency.disaster", key, value, no_id)))
    publish(faults.broker.bootstrap, [message for _, _, message in forgeries])

    groups = {service: faults.group(service).encode() for service in ("disability", "budget")}

    def dead_letters():
        records = faults.topic_messages("emergency.disaster.dlt")
        per_group = {
            s: [r for r in records if dict(r.headers).get("dlt.consumer_group") == g] for s, g in groups.items()
        }
        return per_group if all(len(v) >= len(forgeries) for v in per_group.values()) else None

    dlt = faults.wait_for(dead_letters, timeout=90, what="every forgery dead-lettered by disability and budget")
    refused = {}
    for service, client in (("disability", disability), ("budget", budget)):
        records = sorted(dlt[service], key=lambda r: int(dict(r.headers)["dlt.origin_offset"]))
        assert [dict(r.headers)["dlt.reason"].decode() for r in records] == [why for _, why, _ in forgeries]
        text = client.get("/metrics").text
        refused[service] = faults.metric(text, "hunan_events_refused_total", topic="emergency.disaster")
        assert refused[service] == len(forgeries)
        assert faults.metric(text, "hunan_events_refused_total", reason="forged-source") == len(forgeries) - 1
    # No effect anywhere.
    assert faults.scalar("disability", "SELECT count(*) FROM assistancecase") == 0
    assert faults.scalar("disability", "SELECT count(*) FROM supplyrequest") == 0
    # Nothing from the forged topic was taken in (the services' own periodic jobs may deliver other events).
    forged_topic = "SELECT count(*) FROM inbox WHERE topic = 'emergency.disaster'"
    assert faults.scalar("disability", forged_topic) == 0
    assert faults.scalar("budget", forged_topic) == 0

    # The genuine path still works: emergency's own declaration opens exactly the expected cases.
    emergency = faults.api(suite, "emergency")
    disaster_id = faults.declare(emergency, CHANGSHA, "genuine flood")
    expected = faults.expected_cases(rows, CHANGSHA)
    faults.wait_for(
        lambda: (
            faults.scalar("disability", "SELECT count(*) FROM assistancecase WHERE disaster_id = %s", (disaster_id,))
            == expected
        ),
        timeout=90,
        what="the genuine declaration's cases",
    )
    print(
        f"\n[forged events] attempted={len(forgeries)} per consumer x 2 consumers; refused: {refused}; "
        f"effects of forgeries: 0 cases, 0 supply requests; genuine declaration -> {expected} cases"
    )
