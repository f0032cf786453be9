"""The outbox relay dies between publishing a batch and marking it sent (issue 11, faults).

No hook in the code: a trigger in emergency's database makes the relay's "mark sent" UPDATE sleep, so the
event is on the broker while the row is still `pending` in an open transaction. The test then kills emergency
with SIGKILL (and PostgreSQL drops its backend, as when the host dies), starts a new emergency process,
which publishes the same CloudEvent again (same `ce_id`). Disability must show exactly one effect.
"""

from __future__ import annotations

import signal
import time

import psycopg
import pytest

pytestmark = pytest.mark.e2e

COUNTIES = ["430102", "430103"]
SLOW_MARK = """
CREATE OR REPLACE FUNCTION faults_slow_mark() RETURNS trigger AS $$
BEGIN
  IF NEW.state = 'sent' AND OLD.state = 'pending' THEN PERFORM pg_sleep(60); END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER faults_slow_mark BEFORE UPDATE ON outbox FOR EACH ROW EXECUTE FUNCTION faults_slow_mark();
"""


def execute(faults, statement: str) -> None:
    with psycopg.connect(
        faults.urls["emergency"].replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as c:
        c.execute(statement)


def test_relay_killed_between_publish_and_mark_sent_republishes_and_the_effect_is_single(faults):
    suite = faults.start(["emergency", "disability"])
    disability = faults.api(suite, "disability")
    rows = faults.person_rows(COUNTIES, 10)
    faults.import_persons(disability, rows)
    expected = faults.expected_cases(rows, COUNTIES)
    execute(faults, SLOW_MARK)

    emergency = faults.api(suite, "emergency")
    disaster_id = faults.declare(emergency, COUNTIES, "relay crash")

    def published():
        found = [r for r in faults.topic_messages("emergency.disaster") if r.key == disaster_id.encode()]
        return found or None

    first = faults.wait_for(published, timeout=60, what="the declaration on the broker")
    event_id = dict(first[0].headers)["ce_id"]
    faults.wait_for(
        lambda: (
            faults.scalar("disability", "SELECT count(*) FROM assistancecase WHERE disaster_id = %s", (disaster_id,))
            == expected
        ),
        timeout=60,
        what="disability's cases for the first delivery",
    )
    assert faults.scalar("emergency", "SELECT state FROM outbox WHERE aggregateid = %s", (disaster_id,)) == "pending"

    suite.process("emergency").popen.send_signal(signal.SIGKILL)
    suite.process("emergency").popen.wait(timeout=10)
    # The host is gone: so is its database session (PostgreSQL would notice at its next read or keepalive).
    execute(
        faults,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND query LIKE 'UPDATE outbox%'",
    )
    execute(faults, "DROP TRIGGER faults_slow_mark ON outbox")
    assert faults.scalar("emergency", "SELECT state FROM outbox WHERE aggregateid = %s", (disaster_id,)) == "pending"

    restarted_at = time.monotonic()
    faults.spawn("emergency", label="restarted")
    faults.wait_for(
        lambda: faults.scalar("emergency", "SELECT state FROM outbox WHERE aggregateid = %s", (disaster_id,)) == "sent",
        timeout=60,
        what="the restarted relay to mark the row sent",
    )
    copies = faults.wait_for(
        lambda: (found := published()) and len(found) >= 2 and found, timeout=30, what="the republished event"
    )
    assert {dict(r.headers)["ce_id"] for r in copies} == {event_id}

    def settled():
        text = disability.get("/metrics").text
        return faults.metric(text, "hunan_events_consumed_total", outcome="duplicate") >= 1

    faults.wait_for(settled, timeout=60, what="disability to skip the second copy as a duplicate")
    cases = faults.scalar("disability", "SELECT count(*) FROM assistancecase WHERE disaster_id = %s", (disaster_id,))
    supplies = faults.scalar("disability", "SELECT count(*) FROM supplyrequest WHERE disaster_id = %s", (disaster_id,))
    inbox = faults.scalar("disability", "SELECT count(*) FROM inbox WHERE event_id = %s", (event_id.decode(),))
    print(
        f"\n[relay crash] copies on the wire={len(copies)} (one ce_id); effects: cases={cases}/{expected} "
        f"supply requests={supplies} inbox rows={inbox}; "
        f"republished {time.monotonic() - restarted_at:.1f}s after restart"
    )
    assert cases == expected and supplies == 1 and inbox == 1
