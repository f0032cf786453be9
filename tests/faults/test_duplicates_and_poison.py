"""Duplicates and poison messages over the real broker, and the dead-letter replay command.

Claims proved: the same CloudEvent delivered twice has one effect; malformed, unknown-version and
always-failing messages land in `<topic>.dlt` with `dlt.*` headers naming their origin and consumer group,
are counted in /metrics, and do not block the partition (a valid event behind them on the same key is
processed); `hunan replay-dead-letters` re-publishes a consumer group's dead letters to the original topic.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import uuid

import pytest
from aiokafka import AIOKafkaProducer

from hunan_shared import clock
from hunan_shared.events import encode, new_envelope
from hunan_shared.events.catalogue import DisasterDeclared

pytestmark = pytest.mark.e2e

DLT_HEADERS = {
    "dlt.error",
    "dlt.error_type",
    "dlt.origin_topic",
    "dlt.origin_partition",
    "dlt.origin_offset",
    "dlt.consumer_group",
    "dlt.attempts",
    "dlt.failed_at",
}


def declared_event(disaster_id: str, counties: list[str], title: str = "poison test") -> DisasterDeclared:
    now = clock.now()
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level="III",
        division_codes=counties,
        title=title,
        occurred_at=now - dt.timedelta(hours=1),
        declared_at=now,
    )


def publish(bootstrap: str, messages: list[tuple[str, bytes, bytes, list[tuple[str, bytes]]]]) -> None:
    """(topic, key, value, headers) in order, each acknowledged before the next (keeps the order per key)."""

    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
        await producer.start()
        try:
            for topic, key, value, headers in messages:
                await producer.send_and_wait(topic, value, key=key, headers=headers)
        finally:
            await producer.stop()

    asyncio.run(send())


def test_duplicate_event_has_one_effect_and_poison_is_dead_lettered_without_blocking(faults):
    suite = faults.start(["emergency", "disability"])
    disability = faults.api(suite, "disability")
    rows = faults.person_rows(["430102", "430103"], 10)
    faults.import_persons(disability, rows)
    group = faults.group("disability")

    # The same CloudEvent (same ce_id) twice: a producer retry or a relay that crashed before marking sent.
    duplicate = new_envelope(declared_event(str(uuid.uuid4()), ["430102"]), "/hunan/emergency")
    key, value, headers = encode(duplicate)
    # Poison on one key, then a valid event on the same key (same partition) that must still be processed.
    poison_key = str(uuid.uuid4())
    valid_after = new_envelope(declared_event(poison_key, ["430103"], "behind the poison"), "/hunan/emergency")
    _, ok_value, ok_headers = encode(valid_after)
    unknown_version = [(k, b"hunan.emergency.disaster.declared.v9" if k == "ce_type" else v) for k, v in ok_headers]
    missing_fields = new_envelope(declared_event(poison_key, ["430103"]), "/hunan/emergency")
    _, _, mf_headers = encode(missing_fields)
    # An unknown division (999999) is refused by the platform before any handler (no retries). A township code,
    # once the way to make disability's handler fail here, is now handled (it covers its county); a handler
    # that keeps failing is dead-lettered after its retries in shared/tests/test_outbox_inbox.py.
    pk = poison_key.encode()
    poison = [
        ("no CloudEvents headers", pk, b"\x00garbage", []),
        ("data is not JSON", pk, b"{not json", ok_headers),
        ("unknown type version", pk, ok_value, unknown_version),
        ("payload misses fields", pk, b'{"disaster_id": "' + pk + b'"}', mf_headers),
    ]
    publish(
        faults.broker.bootstrap,
        [("emergency.disaster", k, v, h) for _, k, v, h in poison]
        + [
            ("emergency.disaster", pk, ok_value, ok_headers),
            ("emergency.disaster", key, value, headers),
            ("emergency.disaster", key, value, headers),
        ],
    )

    def dead_letters():
        records = [
            r
            for r in faults.topic_messages("emergency.disaster.dlt")
            if dict(r.headers).get("dlt.consumer_group") == group.encode()
        ]
        return records if len(records) >= len(poison) else None

    def settled():
        text = disability.get("/metrics").text
        return (
            faults.scalar("disability", "SELECT count(*) FROM disasterrecord") == 2
            and faults.metric(text, "hunan_consumer_lag", topic="emergency.disaster") == 0
            and faults.metric(text, "hunan_events_consumed_total", outcome="duplicate") >= 1
        )

    faults.wait_for(settled, timeout=120, what="both valid events processed and the duplicate skipped")
    dlt = faults.wait_for(dead_letters, timeout=60, what="the poison messages in emergency.disaster.dlt")
    metrics = disability.get("/metrics").text
    dead_lettered = faults.metric(
        metrics, "hunan_events_dead_lettered_total", consumer=group, topic="emergency.disaster"
    )
    duplicates_skipped = faults.metric(metrics, "hunan_events_consumed_total", outcome="duplicate")
    source = {r.offset: r for r in faults.topic_messages("emergency.disaster") if r.key == pk}

    supply = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM supplyrequest GROUP BY disaster_id"))
    cases = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM assistancecase GROUP BY disaster_id"))
    inbox = faults.scalar("disability", "SELECT count(*) FROM inbox WHERE event_id = %s", (duplicate.id,))
    print(
        f"\n[duplicates/poison] duplicate sent 2x -> effects: supplies requests={supply.get(duplicate.key)} "
        f"inbox rows={inbox} skipped as duplicate={duplicates_skipped:.0f}; poison sent={len(poison)} "
        f"dead-lettered={len(dlt)} (metric {dead_lettered:.0f}); valid event behind the poison processed="
        f"{poison_key in supply}"
    )

    assert supply == {duplicate.key: 1, poison_key: 1}
    assert cases == {
        duplicate.key: faults.expected_cases(rows, ["430102"]),
        poison_key: faults.expected_cases(rows, ["430103"]),
    }
    assert inbox == 1 and duplicates_skipped == 1
    assert len(dlt) == len(poison) and dead_lettered == len(poison)
    for record, (what, _, original_value, _) in zip(
        sorted(dlt, key=lambda r: int(dict(r.headers)["dlt.origin_offset"])), poison, strict=False
    ):
        h = dict(record.headers)
        assert DLT_HEADERS <= set(h), (what, sorted(h))
        assert h["dlt.origin_topic"] == b"emergency.disaster" and record.key == pk, what
        origin = source[int(h["dlt.origin_offset"])]
        assert int(h["dlt.origin_partition"]) == origin.partition and origin.value == original_value == record.value, (
            what
        )
        assert h["dlt.attempts"] == b"0", what


def test_replay_dead_letters_republishes_one_groups_messages(faults):
    """`hunan replay-dead-letters <topic> --group <group>`: a dead letter of that group goes back to the
    topic with its original headers (the `dlt.*` ones stripped); another group's dead letter stays put."""
    group, other = faults.group("disability"), faults.group("science")
    mine = new_envelope(declared_event(str(uuid.uuid4()), ["430102"]), "/hunan/emergency")
    theirs = new_envelope(declared_event(str(uuid.uuid4()), ["430102"]), "/hunan/emergency")
    messages = []
    for envelope, owner in ((mine, group), (theirs, other)):
        key, value, headers = encode(envelope)
        dlt_headers = [
            ("dlt.error", b"database was down"),
            ("dlt.error_type", b"OperationalError"),
            ("dlt.origin_topic", b"emergency.disaster"),
            ("dlt.origin_partition", b"0"),
            ("dlt.origin_offset", b"0"),
            ("dlt.consumer_group", owner.encode()),
            ("dlt.attempts", b"3"),
            ("dlt.failed_at", clock.now().isoformat().encode()),
        ]
        messages.append(("emergency.disaster.dlt", key, value, headers + dlt_headers))
    messages.append(("emergency.disaster", b"unrelated", b"{}", []))  # the original topic exists
    publish(faults.broker.bootstrap, messages)

    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": faults.broker.bootstrap}
    result = subprocess.run(
        [sys.executable, "-m", "hunan_shared.cli", "replay-dead-letters", "emergency.disaster", "--group", group],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    print(f"\n[replay] exit={result.returncode} stdout={result.stdout.strip()!r} stderr tail={result.stderr[-300:]!r}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "re-published 1 message(s)" in result.stdout
    replayed = [r for r in faults.topic_messages("emergency.disaster") if r.key == mine.key.encode()]
    assert len(replayed) == 1
    headers = dict(replayed[0].headers)
    assert headers["ce_id"].decode() == mine.id and not any(k.startswith("dlt.") for k in headers)
    assert not [r for r in faults.topic_messages("emergency.disaster") if r.key == theirs.key.encode()]

    # Replaying again re-publishes nothing: progress is committed.
    again = subprocess.run(
        [sys.executable, "-m", "hunan_shared.cli", "replay-dead-letters", "emergency.disaster", "--group", group],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 0 and "re-published 0 message(s)" in again.stdout, again.stderr[-2000:]
