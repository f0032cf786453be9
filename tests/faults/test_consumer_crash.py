"""A consumer dies in the middle of a large fan-out (SIGKILL: no shutdown hook, an open transaction, offsets
not committed), and a consumer group loses a member (SIGTERM) during processing.

Claims proved: the final state equals the register's answer — every vulnerable person of every stricken
county has exactly one case, every disaster exactly one supplies request and one `assistance.opened` per
county — with nothing lost and nothing duplicated, after a crash and restart and across a rebalance.
"""

from __future__ import annotations

import signal
import time

import pytest

pytestmark = pytest.mark.e2e


def fan_out(faults, disasters: int, per_county: int):
    """A register over Changsha's 9 counties and `disasters` declarations of 3 counties each (overlapping)."""
    counties = faults.CHANGSHA
    rows = faults.person_rows(counties, per_county)
    plan = [[counties[(i + k) % len(counties)] for k in range(3)] for i in range(disasters)]
    return rows, plan


def check_final_state(faults, rows, declared: dict[str, list[str]]) -> dict:
    """Compare the disability database with the known answer; returns the figures."""
    cases = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM assistancecase GROUP BY disaster_id"))
    distinct = faults.scalar(
        "disability", "SELECT count(*) FROM (SELECT DISTINCT disaster_id, person_id FROM assistancecase) x"
    )
    supply = dict(faults.sql("disability", "SELECT disaster_id, count(*) FROM supplyrequest GROUP BY disaster_id"))
    opened = dict(
        faults.sql(
            "disability",
            "SELECT aggregateid, count(*) FROM outbox "
            "WHERE type = 'hunan.disability.assistance.opened' GROUP BY aggregateid",
        )
    )
    inbox = faults.scalar(
        "disability", "SELECT count(*) FROM inbox WHERE event_type = 'hunan.emergency.disaster.declared'"
    )
    expected = {d: faults.expected_cases(rows, c) for d, c in declared.items()}
    total = sum(cases.values())
    figures = {
        "expected_cases": sum(expected.values()),
        "cases": total,
        "lost_cases": sum(expected.values()) - distinct,
        "duplicate_cases": total - distinct,
        "supplies_requests": sum(supply.values()),
        "duplicate_supplies_requests": sum(k - 1 for k in supply.values() if k > 1),
        "lost_supplies_requests": len(set(declared) - set(supply)),
        "inbox": inbox,
    }
    assert cases == expected, "cases per disaster differ from the register's answer"
    assert supply == {d: 1 for d in declared}, "exactly one supplies request per disaster"
    assert opened == {d: len(c) for d, c in declared.items()}, "one assistance.opened summary per stricken county"
    assert inbox == len(declared)
    return figures


def settled(faults, suite_urls: list[str], n: int):
    """All declarations handled and the group's lag on emergency.disaster back to zero."""
    if faults.scalar("disability", "SELECT count(*) FROM disasterrecord") < n:
        return False
    import httpx

    texts = [httpx.get(f"{url}/metrics", timeout=10).text for url in suite_urls]
    return all(faults.metric(t, "hunan_consumer_lag", topic="emergency.disaster") == 0 for t in texts)


def test_consumer_killed_in_the_middle_of_a_fan_out_restarts_to_the_exact_state(faults):
    disasters, per_county = (40, 500) if faults.LONG else (12, 300)
    rows, plan = fan_out(faults, disasters, per_county)
    suite = faults.start(["emergency", "disability"])
    emergency, disability = faults.api(suite, "emergency"), faults.api(suite, "disability")
    faults.import_persons(disability, rows)

    declared = {faults.declare(emergency, counties, f"crash {i}"): counties for i, counties in enumerate(plan)}
    expected_total = sum(faults.expected_cases(rows, c) for c in declared.values())
    faults.wait_for(
        lambda: faults.scalar("disability", "SELECT count(*) FROM assistancecase") > 0,
        timeout=90,
        interval=0.02,
        what="the fan-out to start",
    )
    victim = suite.process("disability").popen
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    killed_at = time.monotonic()
    cases_at_kill = faults.scalar("disability", "SELECT count(*) FROM assistancecase")
    done_at_kill = faults.scalar("disability", "SELECT count(*) FROM disasterrecord")
    assert cases_at_kill < expected_total, "the kill came after the fan-out finished; nothing was tested"

    restarted = faults.spawn("disability", port=suite.port_of("disability"), label="restarted")
    faults.wait_for(
        lambda: settled(faults, [restarted.url_of("disability")], disasters),
        timeout=240,
        interval=0.5,
        what="the restarted consumer to finish the fan-out",
    )
    recovery = time.monotonic() - killed_at
    figures = check_final_state(faults, rows, declared)
    print(
        f"\n[consumer crash] persons={len(rows)} disasters={disasters} killed (SIGKILL) with {done_at_kill}/"
        f"{disasters} disasters and {cases_at_kill}/{expected_total} cases done; restart to exact final state in "
        f"{recovery:.1f}s; {figures}"
    )


def consumed(faults, suite) -> float:
    text = faults.api(suite, "disability").get("/metrics").text
    return faults.metric(text, "hunan_events_consumed_total", topic="emergency.disaster")


def test_member_leaving_the_group_during_processing_loses_and_duplicates_nothing(faults):
    disasters, per_county = (80, 500) if faults.LONG else (30, 300)
    rows, plan = fan_out(faults, disasters, per_county)
    suite = faults.start(["emergency", "disability"])
    second = faults.spawn("disability", label="second-member")  # same group, same database, another port
    emergency, disability = faults.api(suite, "emergency"), faults.api(suite, "disability")
    faults.import_persons(disability, rows)

    # Warm up until both members have shown they own partitions (each consumed at least one declaration).
    declared: dict[str, list[str]] = {}
    for i in range(30):
        counties = [faults.CHANGSHA[i % 9]]
        declared[faults.declare(emergency, counties, f"warm-up {i}")] = counties
        faults.wait_for(
            lambda: consumed(faults, suite) + consumed(faults, second) >= len(declared),
            timeout=90,
            what="the warm-up declaration to be consumed",
        )
        if consumed(faults, suite) and consumed(faults, second):
            break
    assert consumed(faults, suite) and consumed(faults, second), "the second member never got a partition"
    warm_up = len(declared)

    batch = {faults.declare(emergency, counties, f"rebalance {i}"): counties for i, counties in enumerate(plan)}
    declared.update(batch)
    faults.wait_for(
        lambda: (
            faults.scalar(
                "disability", "SELECT count(*) FROM assistancecase WHERE disaster_id = ANY(%s)", (list(batch),)
            )
            > 0
        ),
        timeout=90,
        interval=0.02,
        what="the group to be processing the batch",
    )
    consumed_before = {"first": consumed(faults, suite), "second": consumed(faults, second)}
    leaving = second.process("disability").popen
    done_at_stop = faults.scalar("disability", "SELECT count(*) FROM disasterrecord")
    stopping = time.monotonic()
    leaving.send_signal(signal.SIGTERM)
    code = leaving.wait(30)
    exit_seconds = time.monotonic() - stopping

    faults.wait_for(
        lambda: settled(faults, [suite.url_of("disability")], len(declared)),
        timeout=240,
        interval=0.5,
        what="the remaining member to take over and finish",
    )
    takeover = time.monotonic() - stopping
    figures = check_final_state(faults, rows, declared)
    print(
        f"\n[rebalance] persons={len(rows)} disasters={len(declared)} ({warm_up} warm-up) two members; events "
        f"consumed when SIGTERM was sent {consumed_before}; leaving member exited (status {code}) in "
        f"{exit_seconds:.1f}s with {done_at_stop}/{len(declared)} disasters done; remaining member finished "
        f"{takeover:.1f}s after; {figures}"
    )
    # uvicorn re-raises the captured SIGTERM after a graceful shutdown, so -15 is its normal exit status.
    assert code in (0, -signal.SIGTERM)
    assert "Application shutdown complete." in faults.log_of(second, "disability"), (
        "the member did not shut down gracefully"
    )
    assert done_at_stop < len(declared), "the member left after the work was finished; nothing was tested"
