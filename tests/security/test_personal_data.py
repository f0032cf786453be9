"""Personal data across a real flow (services as processes, real broker, PostgreSQL): masked without
`disability:pii`, never in a log line, never in an event on the wire; every mutation in the audit log with
its actor and before/after (and the audit trail keeps the masked form only)."""

from __future__ import annotations

import datetime as dt
import json
import time

import httpx
import pytest

from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite
from hunan_shared.settings import PlatformSettings
from hunan_shared.synthetic import resident_id
from hunan_shared.testing import free_port

pytestmark = pytest.mark.e2e

COUNTIES = ["430102", "430103"]


def bearer(sub: str, *scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(PlatformSettings(), sub, list(scopes))}"}


def wait_for(check, timeout=90.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def suite(security_broker, security_databases, tmp_path):
    urls = security_databases("emergency", "disability")
    ports = {"emergency": free_port(), "disability": free_port()}
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": security_broker.bootstrap,
        "EMERGENCY_DATABASE_URL": urls["emergency"],
        "DISABILITY_DATABASE_URL": urls["disability"],
        "HUNAN_VAR_DIR": str(tmp_path / "var"),
        "KAFKA_CLIENT_PREFIX": f"sec{ports['disability']}",
        "LOG_LEVEL": "DEBUG",
    }
    running = Suite(
        services=["emergency", "disability"],
        env=env,
        ports=ports,
        start_broker=False,
        log_dir=tmp_path / "logs",
        say=lambda _line: None,
    )
    try:
        running.start(ready_timeout=120)
        running.db_urls = urls
        yield running
    finally:
        running.stop()


def sql(url: str, query: str, params=None):
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


def all_messages(bootstrap: str) -> list:
    import asyncio

    from aiokafka import AIOKafkaConsumer, TopicPartition
    from aiokafka.admin import AIOKafkaAdminClient

    async def read():
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            topics = [t for t in await admin.list_topics() if not t.startswith("__")]
        finally:
            await admin.close()
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
        await consumer.start()
        try:
            await consumer._client.force_metadata_update()
            tps = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            end = await consumer.end_offsets(tps)
            records = []
            deadline = time.monotonic() + 30
            while [tp for tp in tps if await consumer.position(tp) < end[tp]]:
                assert time.monotonic() < deadline, "could not read the topics to their end"
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    records.extend(batch)
            return topics, records
        finally:
            await consumer.stop()

    return asyncio.run(read())


def test_personal_data_is_masked_unlogged_absent_from_events_and_every_mutation_is_audited(suite):
    disability, emergency = suite.url_of("disability"), suite.url_of("emergency")
    clerk = bearer("clerk-without-pii", "disability:write", "disability:read")
    officer = bearer("officer-with-pii", "disability:write", "disability:read", "disability:pii")
    persons = []
    for serial in range(12):
        county = COUNTIES[serial % 2]
        persons.append(
            {
                "id_number": resident_id(county, 900 + serial),
                "name": f"[DEMO] 隐私 {serial}",
                "category": 4,
                "grade": 1 if serial % 3 else 3,
                "division_code": county,
                "phone": f"1390731{serial:04d}",
                "contact_name": f"[DEMO] 联系人 {serial}",
                "contact_phone": f"1380731{serial:04d}",
            }
        )
    secrets = [p[k] for p in persons for k in ("id_number", "phone", "contact_phone")]

    answers = []
    for i, person in enumerate(persons):
        r = httpx.post(f"{disability}/v1/persons", json=person, headers=officer if i == 0 else clerk)
        assert r.status_code == 201, r.text
        answers.append(r.json())
    # The clerk's answers are masked; the officer (disability:pii) sees the number registered.
    assert answers[0]["id_number"] == persons[0]["id_number"]
    for person, answer in zip(persons[1:], answers[1:], strict=False):
        shown = json.dumps(answer, ensure_ascii=False)
        assert not any(person[k] in shown for k in ("id_number", "phone", "contact_phone")), shown
    listed = httpx.get(f"{disability}/v1/persons", params={"limit": 100}, headers=clerk).json()["items"]
    assert len(listed) == len(persons) and not any(s in json.dumps(listed) for s in secrets)
    unmasked = httpx.get(f"{disability}/v1/persons", params={"limit": 100}, headers=officer).json()["items"]
    assert {p["id_number"] for p in unmasked} == {p["id_number"] for p in persons}
    one = httpx.get(f"{disability}/v1/persons/{answers[1]['id']}", headers=clerk).json()
    assert persons[1]["id_number"] not in json.dumps(one)

    # Failure paths must not leak either: a duplicate (409) and a rejected number (422).
    duplicate = httpx.post(f"{disability}/v1/persons", json=persons[1], headers=clerk)
    assert duplicate.status_code == 409 and persons[1]["id_number"] not in duplicate.text
    wrong = {
        **persons[2],
        "id_number": persons[2]["id_number"][:-1] + ("1" if persons[2]["id_number"][-1] != "1" else "2"),
    }
    rejected = httpx.post(f"{disability}/v1/persons", json=wrong, headers=clerk)
    assert rejected.status_code == 422 and wrong["id_number"] not in rejected.text
    secrets.append(wrong["id_number"])

    declaration = {
        "title": "隐私 flood",
        "category": "NATURAL_DISASTER",
        "hazard_type": "FLOOD_DROUGHT",
        "response_level": "II",
        "division_codes": COUNTIES,
        "occurred_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(),
    }
    r = httpx.post(f"{emergency}/v1/disasters", json=declaration, headers=bearer("duty-officer", "emergency:declare"))
    assert r.status_code == 201, r.text
    disaster = r.json()["id"]
    vulnerable = sum(1 for p in persons if p["grade"] == 1)
    wait_for(
        lambda: (
            len(
                httpx.get(
                    f"{disability}/v1/assistance-cases", params={"disaster_id": disaster, "limit": 100}, headers=clerk
                ).json()["items"]
            )
            == vulnerable
        ),
        what="cases to open",
    )
    wait_for(
        lambda: (
            sql(suite.db_urls["disability"], "SELECT count(*) FROM outbox WHERE state = 'pending'")[0][0] == 0
            and sql(suite.db_urls["emergency"], "SELECT count(*) FROM outbox WHERE state = 'pending'")[0][0] == 0
        ),
        what="both outboxes to be published",
    )

    # Events on the wire: no identity number, phone or name of anyone, in any topic, value or header.
    topics, records = all_messages(suite.env["KAFKA_BOOTSTRAP_SERVERS"])
    names = [p[k] for p in persons for k in ("name", "contact_name")]
    leaks = [
        (r.topic, s)
        for r in records
        for s in secrets + names
        if s.encode() in (r.value or b"") or any(s.encode() in v for _, v in r.headers)
    ]
    types = sorted({dict(r.headers).get("ce_type", b"?").decode() for r in records})
    print(f"\n[personal data] events checked={len(records)} over {len(topics)} topics {types}; leaks={len(leaks)}")
    assert {
        "hunan.emergency.disaster.declared",
        "hunan.disability.assistance.opened",
        "hunan.disability.supplies.requested",
    } <= set(types)
    assert not leaks, leaks[:5]

    # Logs (DEBUG level): no identity number or phone in any line of either process.
    logs = {s: (suite.log_dir / f"{s}.log").read_text(encoding="utf-8") for s in ("disability", "emergency")}
    logged = [(s, secret) for s, text in logs.items() for secret in secrets if secret in text]
    print(
        f"[personal data] log lines checked={sum(t.count(chr(10)) for t in logs.values())}; leaked values={len(logged)}"
    )
    assert "person registered" in logs["disability"], "the log capture is not working"
    assert not logged, logged[:5]

    # Audit: each registration with its actor and before/after, in masked form; the declaration and the
    # event-driven opening too.
    audit = sql(suite.db_urls["disability"], "SELECT actor, action, target_id, changes FROM audit_log ORDER BY id")
    registrations = [a for a in audit if a[1] == "person.register"]
    assert [a[0] for a in registrations] == ["officer-with-pii"] + ["clerk-without-pii"] * (len(persons) - 1)
    assert {a[2] for a in registrations} == {a["id"] for a in answers}
    assert all(set(a[3]) == {"before", "after"} and a[3]["after"] for a in registrations)
    assert not any(s in json.dumps(audit, default=str, ensure_ascii=False) for s in secrets), (
        "audit keeps masked data only"
    )
    assert any(a[1] == "assistance.open" and a[0].startswith("event:") and a[2] == disaster for a in audit)
    declared = sql(suite.db_urls["emergency"], "SELECT actor, action, target_id, changes FROM audit_log")
    by_people = [a for a in declared if not a[0].startswith("event:")]
    assert [(a[0], a[1], a[2]) for a in by_people] == [("duty-officer", "disaster.declare", disaster)]
    assert by_people[0][3]["after"]["id"] == disaster
    assert all(set(a[3]) == {"before", "after"} for a in declared)
