"""The broker is killed (SIGKILL) in the middle of a flow and restarted with its durable storage.

Until now outages were SIGSTOP pauses of an in-memory broker. Here Tansu keeps its topics and consumer
offsets in an S3 bucket (a local `moto` server), is killed while disasters are being declared, and comes
back on the same port. Declarations during the outage are accepted (outbox); afterwards every disaster must
have reached disability exactly once in effect: 0 lost, 0 duplicated.
"""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.e2e

COUNTIES = ["430102", "430103"]
DISASTERS = 12
CRASH_AFTER = 5
DOWN_SECONDS = 3.0


def test_broker_killed_mid_flow_and_restarted_with_durable_storage_loses_and_duplicates_nothing(durable_faults):
    faults = durable_faults
    suite = faults.start(["emergency", "disability"])
    disability, emergency = faults.api(suite, "disability"), faults.api(suite, "emergency")
    rows = faults.person_rows(COUNTIES, 6)
    faults.import_persons(disability, rows)

    declared: dict[str, str] = {}
    crashed_at = restarted_at = 0.0
    for i in range(DISASTERS):
        county = COUNTIES[i % 2]
        declared[faults.declare(emergency, [county], f"crash flow {i}")] = county
        if i == CRASH_AFTER:
            faults.broker.crash()
            crashed_at = time.monotonic()
        if crashed_at and not restarted_at and time.monotonic() - crashed_at >= DOWN_SECONDS:
            faults.broker.restart()
            restarted_at = time.monotonic()
    if not restarted_at:
        time.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - crashed_at)))
        faults.broker.restart()
        restarted_at = time.monotonic()

    def settled():
        done = faults.scalar("disability", "SELECT count(*) FROM disasterrecord")
        return done == DISASTERS or None

    faults.wait_for(settled, timeout=150, what="every disaster processed by disability")
    recovered = time.monotonic() - restarted_at
    faults.wait_for(
        lambda: faults.scalar("disability", "SELECT count(*) FROM supplyrequest") >= DISASTERS,
        timeout=60,
        what="a supply request per disaster",
    )
    # The supply requests make emergency dispatch and publish in turn: its outbox drains after that, not before.
    faults.wait_for(
        lambda: faults.scalar("emergency", "SELECT count(*) FROM outbox WHERE state = 'pending'") == 0,
        timeout=60,
        what="emergency's outbox drained",
    )
    cases = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM assistancecase GROUP BY disaster_id"))
    supplies = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM supplyrequest GROUP BY disaster_id"))
    wire = [r for r in faults.topic_messages("emergency.disaster") if r.key.decode() in declared]
    ids = [dict(r.headers)["ce_id"] for r in wire]
    lost = sum(1 for d in declared if d not in cases)
    duplicated = sum(1 for d, county in declared.items() if cases.get(d, 0) > faults.expected_cases(rows, [county]))
    print(
        f"\n[broker crash] disasters={DISASTERS}, SIGKILL after #{CRASH_AFTER + 1}, down {DOWN_SECONDS:.0f}s+; "
        f"delivered {len(cases)}/{DISASTERS}, lost {lost}, duplicated effects {duplicated}; "
        f"messages on the wire {len(ids)} ({len(ids) - len(set(ids))} duplicates, absorbed by the inbox); "
        f"all processed {recovered:.1f}s after restart"
    )
    assert set(dict(r.headers)["ce_type"] for r in wire) == {b"hunan.emergency.disaster.declared"}
    assert len(set(ids)) == DISASTERS  # the topic survived the crash: every declaration is on it
    assert lost == 0 and duplicated == 0
    assert cases == {d: faults.expected_cases(rows, [county]) for d, county in declared.items()}
    assert supplies == dict.fromkeys(declared, 1)
