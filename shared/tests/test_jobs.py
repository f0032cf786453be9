"""Periodic jobs (hunan_shared.jobs) with an injected clock, on SQLite and PostgreSQL; election across replicas."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import update

from hunan_shared.clock import SHANGHAI
from hunan_shared.db import make_engine
from hunan_shared.jobs import RETRY_AFTER, Job, JobContext, JobRunner
from hunan_shared.metrics import Metrics
from hunan_shared.settings import ServiceSettings

T0 = dt.datetime(2027, 2, 4, 9, 0, tzinfo=SHANGHAI)


class FakeClock:
    def __init__(self, start: dt.datetime = T0):
        self.current = start

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def _toy_tables(toy):
    global toy_tables
    toy_tables = toy.tables


toy_tables = None


def runner(engine, jobs, clock, service="toy") -> JobRunner:
    return JobRunner(
        service=service,
        jobs=jobs,
        engine=engine,
        tables=toy_tables,
        source="/hunan/toy",
        settings=ServiceSettings(),
        metrics=Metrics(service),
        now=clock,
    )


def metric(r: JobRunner, name: str, **labels: str) -> float | None:
    return r.metrics.registry.get_sample_value(name, {"service": r.service, **labels})


def test_a_job_runs_when_due_and_records_its_state(toy_engine):
    clock, seen = FakeClock(), []

    def count(ctx: JobContext) -> int:
        seen.append(ctx.now)
        return 3

    r = runner(toy_engine, [Job("count", dt.timedelta(minutes=10), count)], clock)
    [outcome] = r.run_due()  # never ran: due at once
    assert (outcome.ok, outcome.items) == (True, 3)
    assert r.run_due() == []  # not yet due
    clock.advance(minutes=9, seconds=59)
    assert r.run_due() == []
    clock.advance(seconds=1)
    assert [o.job for o in r.run_due()] == ["count"]
    assert seen == [T0, T0 + dt.timedelta(minutes=10)]

    state = r.states()["count"]
    assert (state.runs, state.last_items, state.last_error, state.consecutive_failures) == (2, 3, None, 0)
    assert state.last_success_at == T0 + dt.timedelta(minutes=10)
    assert metric(r, "hunan_job_items_handled_total", job_name="count") == 6
    assert metric(r, "hunan_job_runs_total", job_name="count", outcome="success") == 2
    assert metric(r, "hunan_job_last_success_timestamp_seconds", job_name="count") == state.last_success_at.timestamp()
    assert metric(r, "hunan_job_interval_seconds", job_name="count") == 600
    assert metric(r, "hunan_job_duration_seconds", job_name="count") is not None


def test_a_failing_job_is_recorded_and_retried_sooner(toy_engine):
    clock, calls = FakeClock(), []

    def flaky(ctx: JobContext) -> int:
        calls.append(ctx.now)
        if len(calls) < 3:
            raise RuntimeError("database busy")
        return 1

    r = runner(toy_engine, [Job("flaky", dt.timedelta(hours=1), flaky)], clock)
    [first] = r.run_due()
    assert not first.ok
    state = r.states()["flaky"]
    assert state.last_success_at is None and "database busy" in state.last_error
    assert metric(r, "hunan_job_last_success_timestamp_seconds", job_name="flaky") == 0  # never succeeded: alert
    clock.advance(seconds=RETRY_AFTER.total_seconds() - 1)
    assert r.run_due() == []
    clock.advance(seconds=1)
    assert not r.run_due()[0].ok
    assert r.states()["flaky"].consecutive_failures == 2
    clock.advance(seconds=RETRY_AFTER.total_seconds())
    assert r.run_due()[0].ok
    state = r.states()["flaky"]
    assert (state.consecutive_failures, state.last_error, state.runs) == (0, None, 3)
    assert metric(r, "hunan_job_runs_total", job_name="flaky", outcome="failure") == 2


def test_an_interrupted_run_resumes_from_its_checkpoint(toy_engine):
    """A process that died mid-run left the job started but not finished: the next tick runs it again at once
    and the job continues from the checkpoint it saved."""
    clock, done = FakeClock(), []

    def batches(ctx: JobContext) -> int:
        start = ctx.checkpoint or 0
        for n in range(start, 5):
            done.append(n)
            ctx.save_checkpoint(n + 1)
            if n == 2 and len(done) == 3:
                raise SystemExit("killed")  # not an Exception: like a crash, nothing is recorded
        ctx.save_checkpoint(None)
        return 5 - start

    r = runner(toy_engine, [Job("batches", dt.timedelta(days=1), batches)], clock)
    with pytest.raises(SystemExit):
        r.run_due()
    state = r.states()["batches"]
    assert state.last_finished_at is None and state.checkpoint == 3
    clock.advance(seconds=5)  # well before the interval: interrupted runs are due at once
    [outcome] = r.run_due()
    assert (outcome.ok, outcome.items) == (True, 2)
    assert done == [0, 1, 2, 3, 4]
    assert r.states()["batches"].checkpoint is None


def test_a_transactional_job_gets_a_unit_of_work_and_the_clock(toy_engine, toy):
    clock = FakeClock()

    def write(uow, now) -> int:
        """Write a note."""
        uow.session.add(toy.Note(id="n1", text="from a job", created_at=now))
        uow.audit("note.create", "note", "n1")
        return 1

    job = Job.transactional("write", dt.timedelta(hours=1), write)
    assert job.description == "Write a note."
    r = runner(toy_engine, [job], clock)
    assert r.run_due()[0].items == 1
    with toy_engine.connect() as conn:
        [row] = conn.execute(toy.note_table.select()).all()
        [audit] = conn.execute(toy_tables.audit_log.select()).all()
    assert row.created_at == T0 and audit.actor == "job:write"


def test_job_names_are_unique_and_intervals_positive(toy_engine):
    job = Job("x", dt.timedelta(minutes=1), lambda ctx: 0)
    with pytest.raises(ValueError, match="duplicate"):
        runner(toy_engine, [job, job], FakeClock())
    with pytest.raises(ValueError, match="positive"):
        runner(toy_engine, [Job("y", dt.timedelta(0), lambda ctx: 0)], FakeClock())


def test_two_replicas_on_postgresql_never_run_the_same_job_at_once(fresh_postgres_schema):
    """Two replicas (own engines, own connections, as two pods) race for one job many times; each run is
    forced (always due), so only the advisory lock can keep them apart. Runs never overlap, both replicas
    get runs, and the loser of each race skips instead of waiting."""
    metadata = toy_tables.outbox.metadata
    engines = [make_engine(fresh_postgres_schema) for _ in range(2)]
    metadata.create_all(engines[0])
    intervals: list[tuple[float, float, int]] = []
    active = []
    guard = threading.Lock()

    def work(replica: int):
        def run(ctx: JobContext) -> int:
            with guard:
                active.append(replica)
                overlapping = len(active) > 1
            started = time.perf_counter()
            time.sleep(0.02)
            with guard:
                active.remove(replica)
            intervals.append((started, time.perf_counter(), replica))
            assert not overlapping, "two replicas ran the job at once"
            return 1

        return run

    replicas = [runner(engines[i], [Job("sweep", dt.timedelta(minutes=1), work(i))], FakeClock()) for i in range(2)]
    skipped = [0, 0]

    def race(i: int) -> None:
        for _ in range(40):
            if replicas[i].run_job(replicas[i].jobs[0], force=True) is None:
                skipped[i] += 1
            time.sleep(0.001)

    threads = [threading.Thread(target=race, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        intervals.sort()
        for (_, end, _), (start, _, _) in zip(intervals, intervals[1:], strict=False):
            assert start >= end, "runs overlapped"
        assert {replica for *_, replica in intervals} == {0, 1}
        assert sum(skipped) > 0  # the lock was contended and the loser skipped
        assert replicas[0].states()["sweep"].runs == len(intervals)
    finally:
        for engine in engines:
            engine.dispose()


def test_a_replica_only_runs_what_another_has_not_just_run(toy_engine):
    """Due-ness comes from job_state, shared by the replicas: after one ran the job, the other finds it not due."""
    clock, ran = FakeClock(), []
    a = runner(toy_engine, [Job("j", dt.timedelta(minutes=5), lambda ctx: ran.append("a") or 0)], clock)
    b = runner(toy_engine, [Job("j", dt.timedelta(minutes=5), lambda ctx: ran.append("b") or 0)], clock)
    a.run_due()
    b.run_due()
    clock.advance(minutes=5)
    b.run_due()
    a.run_due()
    assert ran == ["a", "b"]


def test_the_platform_runs_jobs_in_the_background(toy_app, toy_client):
    """Inside a started service the retention jobs (platform) are declared and run by themselves."""
    platform = toy_app.state.platform
    names = [job.name for job in platform.jobs.jobs]
    assert names[:3] == ["retention-outbox", "retention-inbox", "retention-idempotency"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and set(platform.jobs.states()) != set(names):
        time.sleep(0.05)
    assert set(platform.jobs.states()) == set(names)
    body = toy_client.get("/metrics").text
    assert 'hunan_job_last_success_timestamp_seconds{job_name="retention-inbox",service="toy"}' in body


def test_an_unready_database_runs_no_job(toy_engine):
    clock, ran = FakeClock(), []
    r = runner(toy_engine, [Job("j", dt.timedelta(minutes=5), lambda ctx: ran.append(1) or 0)], clock)
    r.ready = lambda: False
    import asyncio

    async def one_tick() -> None:
        stop = asyncio.Event()
        r.tick_seconds = 0.01
        task = asyncio.create_task(r.run(stop))
        await asyncio.sleep(0.05)
        stop.set()
        await task

    asyncio.run(one_tick())
    assert ran == []
    with toy_engine.begin() as conn:  # state untouched
        conn.execute(update(toy_tables.job_state).values(runs=0))
    assert r.states() == {}


@pytest.mark.parametrize("variable", ["JOBS_ENABLED", "HUNAN_JOBS_DISABLED", "EMERGENCY_JOBS_ENABLED", "JOB_MODE"])
def test_there_is_no_switch_to_move_jobs_out_of_the_services(monkeypatch, variable):
    """ADR 0012: in-process is the only shape; a variable that tries to turn it off stops the process."""
    from hunan_shared.settings import SettingsError, load_platform_settings

    monkeypatch.setenv(variable, "false")
    with pytest.raises(SettingsError, match="docs/adr/0012"):
        load_platform_settings()


def test_job_like_names_that_are_not_switches_are_fine(monkeypatch):
    from hunan_shared.settings import load_platform_settings

    monkeypatch.setenv("JOBS_TICK_SECONDS", "2")
    assert load_platform_settings().jobs_tick_seconds == 2
