"""Broker outage: the broker process is frozen (SIGSTOP) while disasters are declared and persons registered.

Claims proved: writes are accepted into the outbox during the outage; /readyz stays 200 (the outbox absorbs
the outage, so no replica leaves routing) while reporting checks.broker=unavailable and the
hunan_broker_connected metric 0, and reports the broker ok again after resume; after the broker comes back
every event is delivered and every reaction happens exactly once (one set of assistance cases and one supplies
request per disaster).
"""

from __future__ import annotations

import time

import httpx
import pytest

pytestmark = pytest.mark.e2e

OUTAGE_SECONDS = 20.0


def readiness(url: str) -> tuple[int, dict]:
    r = httpx.get(f"{url}/readyz", timeout=10)
    return r.status_code, r.json()


def test_broker_outage_loses_nothing_and_duplicates_nothing(faults):
    n = 500 if faults.LONG else 100
    counties = faults.CHANGSHA
    suite = faults.start(["emergency", "disability"])
    emergency, disability = faults.api(suite, "emergency"), faults.api(suite, "disability")
    register = faults.person_rows(counties, 20)
    faults.import_persons(disability, register)

    faults.broker.pause()
    paused = time.monotonic()
    during = faults.person_rows(counties, 2, start_serial=len(register))
    declared: list[tuple[str, str]] = []
    latencies: list[float] = []
    for i in range(n):
        county = counties[i % len(counties)]
        started = time.monotonic()
        declared.append((faults.declare(emergency, [county], f"outage {i}"), county))
        latencies.append(time.monotonic() - started)
        if i < len(during):
            started = time.monotonic()
            r = disability.post("/v1/persons", json={k: v for k, v in during[i].items() if k != "is_demo"})
            assert r.status_code == 201, r.text
            latencies.append(time.monotonic() - started)
    writes_done = time.monotonic() - paused

    def both_report_the_outage_and_stay_ready():
        states = {s: readiness(suite.url_of(s)) for s in ("emergency", "disability")}
        return all(
            code == 200 and body["checks"] == {"database": "ok", "broker": "unavailable"}
            for code, body in states.values()
        )

    faults.wait_for(
        both_report_the_outage_and_stay_ready,
        timeout=40,
        what="/readyz 200 with checks.broker=unavailable on both services",
    )
    detected = time.monotonic() - paused
    assert faults.metric(emergency.get("/metrics").text, "hunan_broker_connected") == 0
    pending_during = faults.scalar("emergency", "SELECT count(*) FROM outbox WHERE state = 'pending'")
    assert pending_during == n, "every declaration made during the outage waits in the outbox"
    assert faults.scalar("disability", "SELECT count(*) FROM disasterrecord") == 0, "nothing can cross a frozen broker"

    remaining = paused + OUTAGE_SECONDS - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)  # the outage itself: hold the broker frozen for its planned duration
    faults.broker.resume()
    resumed = time.monotonic()
    outage = resumed - paused

    faults.wait_for(
        lambda: all(
            readiness(suite.url_of(s)) == (200, {"status": "ready", "checks": {"database": "ok", "broker": "ok"}})
            for s in ("emergency", "disability")
        ),
        timeout=60,
        what="/readyz checks.broker=ok after the broker is back",
    )
    ready_again = time.monotonic() - resumed
    faults.wait_for(
        lambda: faults.scalar("disability", "SELECT count(*) FROM disasterrecord") >= n,
        timeout=240,
        interval=0.5,
        what="every declared disaster to reach disability",
    )
    delivered_after = time.monotonic() - resumed

    def settled():
        text = disability.get("/metrics").text
        lag = faults.metric(text, "hunan_consumer_lag", topic="emergency.disaster")
        has_lag_series = "hunan_consumer_lag{" in text
        pending = faults.scalar("emergency", "SELECT count(*) FROM outbox WHERE state = 'pending'")
        return has_lag_series and lag == 0 and pending == 0

    faults.wait_for(settled, timeout=60, what="consumer lag 0 and emergency outbox drained")

    wire = faults.topic_messages("emergency.disaster")
    wire_ids = [dict(r.headers)["ce_id"].decode() for r in wire]
    records = faults.scalar("disability", "SELECT count(*) FROM disasterrecord")
    inbox = faults.scalar(
        "disability", "SELECT count(*) FROM inbox WHERE event_type = 'hunan.emergency.disaster.declared'"
    )
    supply = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM supplyrequest GROUP BY disaster_id"))
    cases = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM assistancecase GROUP BY disaster_id"))
    persons = faults.scalar("disability", "SELECT count(*) FROM person")
    everyone = register + during
    wrong = {
        d: (cases.get(d, 0), faults.expected_cases(everyone, [c]))
        for d, c in declared
        if cases.get(d, 0) != faults.expected_cases(everyone, [c])
    }
    duplicated_supply = {d: k for d, k in supply.items() if k > 1}

    print(
        f"\n[broker outage] disasters declared={n} persons registered during outage={len(during)} "
        f"outage={outage:.1f}s writes during outage all 2xx (max latency {max(latencies) * 1000:.0f} ms, "
        f"{writes_done:.1f}s total) outage reported (readyz 200, broker unavailable) after {detected:.1f}s, "
        f"broker ok {ready_again:.1f}s "
        f"after resume; outbox pending during outage={pending_during}; on the wire={len(wire)} "
        f"(unique {len(set(wire_ids))}, wire duplicates {len(wire) - len(set(wire_ids))}); delivered={records} "
        f"inbox={inbox} lost={n - records} supplies requests={sum(supply.values())} "
        f"duplicate effects={len(duplicated_supply)} cases={sum(cases.values())}; "
        f"all delivered {delivered_after:.1f}s after resume"
    )

    assert persons == len(everyone)
    assert len(set(wire_ids)) == n, "every declaration was published"
    assert records == inbox == n, "every event delivered once"
    assert set(supply) == {d for d, _ in declared} and not duplicated_supply, "one supplies request per disaster"
    assert not wrong, f"cases per disaster differ from the register's answer: {list(wrong.items())[:5]}"
