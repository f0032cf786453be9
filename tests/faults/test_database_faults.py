"""Database faults without touching the machine's PostgreSQL (other engineers share it): the disability
process reaches PostgreSQL through a TCP proxy of this test, which cuts and restores every connection.

Claims proved: while the database is away requests fail cleanly (503 problem+json with Retry-After, never
a 500 or a hang), /readyz says 503 with checks.database=unavailable, an event arriving meanwhile is not
dead-lettered but processed after recovery, the process recovers without a restart, no write is partial
(each person row has its audit entry), and a client retrying with its Idempotency-Key ends with exactly one
record. Concurrent conflicting writes keep the invariants (one record per Idempotency-Key, one person per
identity number).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

pytestmark = pytest.mark.e2e

PROBLEM = "application/problem+json"
OUTAGE_SECONDS = 6.0


def test_database_outage_fails_cleanly_and_recovers_without_restart(faults):
    proxy = faults.TcpProxy(("127.0.0.1", 5432))
    try:
        _outage(faults, proxy)
    finally:
        proxy.close()


def _outage(faults, proxy):
    via_proxy = faults.urls["disability"].replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    suite = faults.start(["emergency", "disability"], DISABILITY_DATABASE_URL=via_proxy)
    url = suite.url_of("disability")
    pid = suite.process("disability").popen.pid
    emergency = faults.api(suite, "emergency")
    rows = faults.person_rows(faults.CHANGSHA, 400)  # the load: one registration per row, 4 paced writers
    baseline = faults.person_rows(["430104"], 10, start_serial=100_000)
    faults.import_persons(faults.api(suite, "disability"), baseline)

    results: dict[int, tuple[int, str, float, float]] = {}  # row -> (status, content type, started, seconds)
    stop = threading.Event()
    cursor = iter(range(len(rows)))
    lock = threading.Lock()

    def writer():
        client = httpx.Client(base_url=url, headers=faults.headers(), timeout=30)
        while not stop.is_set():
            with lock:
                i = next(cursor, None)
            if i is None:
                return
            body = {k: v for k, v in rows[i].items() if k != "is_demo"}
            started = time.monotonic()
            try:
                r = client.post("/v1/persons", json=body, headers={"Idempotency-Key": f"load-{i}"})
                results[i] = (
                    r.status_code,
                    r.headers.get("content-type", ""),
                    started,
                    time.monotonic() - started,
                    r.headers.get("retry-after"),
                )
            except httpx.HTTPError as exc:  # a transport error would mean the service itself failed
                results[i] = (0, repr(exc), started, time.monotonic() - started, None)
            time.sleep(0.05)  # pacing: the load must outlast the outage

    pool = [threading.Thread(target=writer) for _ in range(4)]
    for t in pool:
        t.start()
    faults.wait_for(lambda: len(results) >= 40, timeout=60, what="load before the cut")
    assert {s for s, *_ in results.values()} == {201}, "the load must succeed before the fault"
    proxy.cut()
    cut_at = time.monotonic()

    def unready():
        r = httpx.get(f"{url}/readyz", timeout=10)
        return r.status_code == 503 and r.json()["checks"]["database"] == "unavailable"

    faults.wait_for(unready, timeout=20, interval=0.1, what="/readyz 503 with checks.database=unavailable")
    detected = time.monotonic() - cut_at
    during_cut = faults.declare(emergency, ["430104"], "declared while disability's database is away")
    remaining = cut_at + OUTAGE_SECONDS - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)  # the outage itself: keep the database away for its planned duration
    proxy.restore()
    restored_at = time.monotonic()
    faults.wait_for(
        lambda: httpx.get(f"{url}/readyz", timeout=10).status_code == 200,
        timeout=30,
        interval=0.1,
        what="/readyz 200 after the database is back",
    )
    ready_again = time.monotonic() - restored_at
    faults.wait_for(
        lambda: any(s == 201 and st > restored_at for s, _, st, _, _ in results.values()),
        timeout=30,
        what="a successful write after the restore",
    )
    first_success = min(st + d for s, _, st, d, _ in results.values() if s == 201 and st > restored_at) - restored_at
    stop.set()
    for t in pool:
        t.join(60)

    statuses = Counter(s for s, *_ in results.values())
    failed = {i: r for i, r in results.items() if r[0] != 201}
    unclean = {i: r for i, r in failed.items() if not (r[0] == 503 and r[1].startswith(PROBLEM) and r[4])}
    slowest_failure = max((r[3] for r in failed.values()), default=0.0)

    # The client retries every failed request with its Idempotency-Key.
    client = faults.api(suite, "disability")
    retried = Counter()
    for i in failed:
        body = {k: v for k, v in rows[i].items() if k != "is_demo"}
        r = client.post("/v1/persons", json=body, headers={"Idempotency-Key": f"load-{i}"})
        retried[(r.status_code, r.headers.get("idempotent-replayed", "fresh"))] += 1
    attempted = [rows[i]["id_number"] for i in results]
    present = dict(faults.sql("disability", "SELECT id_number, id FROM person WHERE id_number = ANY(%s)", (attempted,)))
    orphans = faults.scalar(
        "disability",
        """
        SELECT count(*) FROM person p WHERE p.id_number = ANY(%s) AND NOT EXISTS (
            SELECT 1 FROM audit_log a WHERE a.target_type = 'person' AND a.target_id = p.id)""",
        (attempted,),
    )
    audits_without_row = faults.scalar(
        "disability",
        """
        SELECT count(*) FROM audit_log a WHERE a.target_type = 'person' AND a.action = 'person.register'
        AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = a.target_id)""",
    )
    faults.wait_for(
        lambda: (
            faults.scalar("disability", "SELECT count(*) FROM supplyrequest WHERE disaster_id = %s", (during_cut,)) == 1
        ),
        timeout=60,
        what="the event of the outage to be processed",
    )
    processed_after = time.monotonic() - restored_at
    metrics = httpx.get(f"{url}/metrics", timeout=10).text
    dead = faults.metric(metrics, "hunan_events_dead_lettered_total")
    cases = faults.scalar("disability", "SELECT count(*) FROM assistancecase WHERE disaster_id = %s", (during_cut,))
    expected = faults.expected_cases(baseline + [rows[i] for i in results], ["430104"])
    same_process = suite.process("disability").popen.poll() is None and suite.process("disability").popen.pid == pid

    print(
        f"\n[database outage] requests={len(results)} statuses={dict(statuses)} outage={OUTAGE_SECONDS:.0f}s "
        f"readyz 503 after {detected:.2f}s, 200 again {ready_again:.2f}s after restore, first successful write "
        f"{first_success:.2f}s after restore; slowest failed request {slowest_failure:.2f}s; unclean failures="
        f"{len(unclean)}; retries with Idempotency-Key={dict(retried)}; persons present={len(present)}/"
        f"{len(attempted)}; rows without audit={orphans}; event during outage processed {processed_after:.1f}s "
        f"after restore, dead-lettered={dead:.0f}; same process={same_process}"
    )

    assert statuses[503] > 0, "the cut produced no failed request; nothing was tested"
    assert not unclean, f"failures other than 503 problem+json with Retry-After: {list(unclean.values())[:5]}"
    assert set(statuses) <= {201, 503}
    assert all(status == 201 for status, _ in retried), retried
    assert len(present) == len(attempted), "every request, retried with its key, ends with its record"
    assert orphans == 0 and audits_without_row == 0, "a write was partial"
    assert dead == 0, "a database outage must not dead-letter events"
    assert cases == expected
    assert same_process


def test_concurrent_conflicting_writes_keep_the_invariants(faults):
    suite = faults.start(["emergency", "disability"])
    threads = 16
    barrier = threading.Barrier(threads)

    def together(service: str, path: str, body: dict, key: str | None):
        client = faults.api(suite, service)
        headers = {"Idempotency-Key": key} if key else {}
        barrier.wait()
        r = client.post(path, json=body, headers=headers)
        return r.status_code, r.headers.get("content-type", ""), (r.json().get("id") if r.status_code == 201 else None)

    def race(service, path, body, key_of):
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(lambda i: together(service, path, body, key_of(i)), range(threads)))

    person = {k: v for k, v in faults.person_rows(["430102"], 1, start_serial=7)[0].items() if k != "is_demo"}
    same_key = race("disability", "/v1/persons", person, lambda i: "same-key-person")
    other = {k: v for k, v in faults.person_rows(["430102"], 1, start_serial=8)[0].items() if k != "is_demo"}
    same_person = race("disability", "/v1/persons", other, lambda i: None)
    disaster = faults.declaration(["430102"], "concurrent retries")
    same_key_disaster = race("emergency", "/v1/disasters", disaster, lambda i: "same-key-disaster")

    persons = dict(faults.sql("disability", "SELECT id_number, count(*) FROM person GROUP BY id_number"))
    audits = faults.scalar("disability", "SELECT count(*) FROM audit_log WHERE action = 'person.register'")
    disasters = faults.scalar("emergency", "SELECT count(*) FROM disaster")
    outbox = faults.scalar("emergency", "SELECT count(*) FROM outbox WHERE type = 'hunan.emergency.disaster.declared'")
    print(
        f"\n[concurrency] {threads} concurrent requests each: same Idempotency-Key person -> "
        f"{Counter(s for s, _, _ in same_key)} ids={len({i for _, _, i in same_key})}; same person, no key -> "
        f"{Counter(s for s, _, _ in same_person)}; same Idempotency-Key disaster -> "
        f"{Counter(s for s, _, _ in same_key_disaster)} ids={len({i for _, _, i in same_key_disaster})}; rows: persons="
        f"{persons} audits={audits} disasters={disasters} outbox={outbox}"
    )

    assert len({i for s, _, i in same_key if s == 201}) == 1, "every success returns the same record"
    assert sorted(s for s, _, _ in same_person) == [201] + [409] * (threads - 1)
    assert all(ct.startswith(PROBLEM) for s, ct, _ in same_person if s == 409)
    assert {s for s, _, _ in same_key_disaster} == {201} and len({i for _, _, i in same_key_disaster}) == 1
    assert persons == {person["id_number"]: 1, other["id_number"]: 1} and audits == 2
    assert disasters == 1 and outbox == 1


def test_concurrent_retries_with_one_idempotency_key_all_get_the_first_result(faults):
    suite = faults.start(["disability"])
    threads, rounds = 16, 8
    outcomes: Counter = Counter()
    for round_ in range(rounds):
        barrier = threading.Barrier(threads)
        body = {
            k: v for k, v in faults.person_rows(["430102"], 1, start_serial=500 + round_)[0].items() if k != "is_demo"
        }

        def attempt(_, barrier=barrier, body=body, key=f"retry-{round_}"):
            client = faults.api(suite, "disability")
            barrier.wait()
            r = client.post("/v1/persons", json=body, headers={"Idempotency-Key": key})
            return r.status_code, (r.json().get("id") if r.status_code == 201 else None)

        with ThreadPoolExecutor(threads) as pool:
            answers = list(pool.map(attempt, range(threads)))
        outcomes.update(s for s, _ in answers)
        if {s for s, _ in answers} != {201} or len({i for _, i in answers}) != 1:
            break
    print(f"\n[idempotency race] {threads} concurrent retries x up to {rounds} rounds -> {dict(outcomes)}")
    assert set(outcomes) == {201}, f"a retry with the same Idempotency-Key got {dict(outcomes)}"
