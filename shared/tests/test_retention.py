"""Retention (hunan_shared.retention): the platform tables stay bounded over a long simulated run, pending
outbox rows and rows within their window survive, and deletes go in bounded batches."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, insert, select

from hunan_shared.clock import SHANGHAI
from hunan_shared.jobs import JobContext, JobRunner
from hunan_shared.metrics import Metrics
from hunan_shared.retention import delete_batch, retention_jobs
from hunan_shared.settings import PlatformSettings, ServiceSettings

T0 = dt.datetime(2027, 1, 1, tzinfo=SHANGHAI)


def _settings(**overrides) -> PlatformSettings:
    values = {
        "outbox_sent_retention_hours": 72,
        "inbox_retention_days": 14,
        "idempotency_ttl_hours": 24,
        "retention_batch_size": 50,
    }
    return PlatformSettings(**(values | overrides))


def _write_hour(conn, tables, at: dt.datetime, n: int, *, pending: int = 0) -> None:
    """One simulated hour of traffic: n published events, n consumed, n idempotent requests."""
    conn.execute(
        insert(tables.outbox),
        [
            {
                "id": str(uuid.uuid4()),
                "aggregatetype": "note",
                "aggregateid": "a",
                "type": "t",
                "topic": "x",
                "payload": {},
                "state": "pending" if i < pending else "sent",
                "attempts": 0,
                "created_at": at,
                "sent_at": None if i < pending else at,
            }
            for i in range(n)
        ],
    )
    conn.execute(
        insert(tables.inbox),
        [
            {"consumer": "c", "event_id": str(uuid.uuid4()), "event_type": "t", "topic": "x", "processed_at": at}
            for _ in range(n)
        ],
    )
    conn.execute(
        insert(tables.idempotency_key),
        [
            {
                "key": str(uuid.uuid4()),
                "actor": "a",
                "method": "POST",
                "path": "/v1/x",
                "request_hash": "h",
                "status_code": 201,
                "response_body": {},
                "created_at": at,
            }
            for _ in range(n)
        ],
    )


def _count(engine, table, *where) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


def test_tables_stay_bounded_over_a_long_run(toy_engine, toy):
    """Twenty simulated days of traffic (20 rows every 6 hours in each table) with the retention jobs running
    every 6 hours of the injected clock: each table levels off at its window and never grows past it, and
    every pending outbox row and every row inside its window is kept."""
    now = [T0]
    step = dt.timedelta(hours=6)
    runner = JobRunner(
        service="toy",
        jobs=retention_jobs(step),
        engine=toy_engine,
        tables=toy.tables,
        source="/hunan/toy",
        settings=ServiceSettings(),
        platform_settings=_settings(),
        metrics=Metrics("toy"),
        now=lambda: now[0],
    )
    per_step, steps = 20, 20 * 4
    sizes = []
    for n in range(steps):
        with toy_engine.begin() as conn:
            _write_hour(conn, toy.tables, now[0], per_step, pending=1 if n % 16 == 0 else 0)
        assert len(runner.run_due()) == 3
        sizes.append(
            (
                _count(toy_engine, toy.tables.outbox, toy.tables.outbox.c.state == "sent"),
                _count(toy_engine, toy.tables.inbox),
                _count(toy_engine, toy.tables.idempotency_key),
            )
        )
        now[0] += step
    # A row written at t goes once now - window > t: the window's steps plus the current one remain.
    window = (72 // 6 + 1, 14 * 4 + 1, 24 // 6 + 1)
    for table in range(3):
        assert max(s[table] for s in sizes) <= window[table] * per_step
        # levelled off at the window (one step in sixteen had a pending row instead of a sent one)
        assert {s[table] for s in sizes[-20:]} <= {window[table] * per_step, window[table] * per_step - 1}
    assert _count(toy_engine, toy.tables.outbox, toy.tables.outbox.c.state == "pending") == 5  # never deleted
    states = runner.states()
    assert states["retention-inbox"].runs == steps
    assert states["retention-outbox"].last_error is None


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_a_batch_deletes_at_most_its_limit_oldest_first(toy_engine, toy, limit):
    with toy_engine.begin() as conn:
        for hour in range(3):
            _write_hour(conn, toy.tables, T0 + dt.timedelta(hours=hour), 20)
    inbox = toy.tables.inbox
    cutoff = T0 + dt.timedelta(hours=2)
    deleted = delete_batch(toy_engine, inbox, inbox.c.processed_at < cutoff, inbox.c.processed_at, limit)
    assert deleted == min(limit, 40)
    assert _count(toy_engine, inbox, inbox.c.processed_at == T0) == max(0, 20 - limit)  # oldest went first
    assert _count(toy_engine, inbox, inbox.c.processed_at >= cutoff) == 20  # inside the window: kept


def test_windows_are_settings_with_floors(monkeypatch):
    monkeypatch.setenv("IDEMPOTENCY_TTL_HOURS", "48")
    monkeypatch.setenv("INBOX_RETENTION_DAYS", "30")
    settings = PlatformSettings()
    assert (settings.idempotency_ttl_hours, settings.inbox_retention_days) == (48, 30)
    with pytest.raises(ValueError):
        PlatformSettings(inbox_retention_days=0.5)  # shorter than any broker retention: refused


def test_job_context_carries_the_windows(toy_engine, toy):
    """The purge functions read the windows from the platform settings in the job context."""
    from hunan_shared.retention import purge_idempotency_keys

    with toy_engine.begin() as conn:
        _write_hour(conn, toy.tables, T0, 5)
    job = retention_jobs(dt.timedelta(minutes=10))[2]
    ctx = JobContext(
        job=job,
        now=T0 + dt.timedelta(hours=47),
        engine=toy_engine,
        tables=toy.tables,
        source="/hunan/toy",
        settings=None,
        platform_settings=_settings(idempotency_ttl_hours=48),
    )
    assert purge_idempotency_keys(ctx) == 0
    ctx.now = T0 + dt.timedelta(hours=48, seconds=1)
    assert purge_idempotency_keys(ctx) == 5
