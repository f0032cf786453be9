"""Periodic jobs, run in-process by every replica and elected per job (docs/adr/0012-in-process-jobs.md).

A service declares its jobs in its ServiceSpec; the platform adds its own (retention, hunan_shared.retention):

    def expire_warnings(uow: UnitOfWork, now: dt.datetime) -> int:    # returns the items handled
        ...
    SPEC = ServiceSpec(..., jobs=(Job.transactional("warning-expiry", dt.timedelta(minutes=1), expire_warnings),))

Every replica runs a `JobRunner`. On each tick it looks at each job's row in `job_state`; a job is due when it
never ran, when its interval has passed since the last start, sooner after a failure (`RETRY_AFTER`), and at
once when the last run was interrupted (started, never finished: the process died). The runner then tries
to take the job: on PostgreSQL a session-level advisory lock per (service, job), held on its own connection
for the whole run — so among replicas exactly one runs a job at a time, and a crashed holder's lock goes
with its connection; on SQLite (one process per database) an in-process lock. Holding the lock it reads the
state again (another replica may just have finished), records the start, runs the job, records the outcome.

Jobs must be idempotent: they act on what is due *now* (a query, not a queue), so running one twice, or
again after a crash, does no harm. Long jobs work in small committed batches (retention) and may keep a
`checkpoint` in job_state to resume where they stopped. Time comes from the runner's `now` callable, so
tests drive jobs with an injected clock (`JobRunner.run_due()` runs the due jobs once, synchronously).

Most service clocks are announcers — "the rows whose deadline lapsed and that are not yet announced: mark each
announced, emit its event, audit it" — written with `announce_once(uow, lapsed_query, announce)`: the query says
what has lapsed, `announce(row)` what one announcement is (`Announcement`), and the helper does the locking and the
marking the same way for all of them (docs/clocks.md).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.sql import Select

from hunan_shared import clock
from hunan_shared.db import PlatformTables, is_postgres
from hunan_shared.events.catalogue import Event
from hunan_shared.metrics import Metrics
from hunan_shared.uow import UnitOfWork, unit_of_work

log = logging.getLogger(__name__)

RETRY_AFTER = dt.timedelta(seconds=30)  # a failed job is retried this soon (or at its interval, if shorter)


@dataclass
class JobContext:
    """What a job function gets: the time of this run, the database, the settings, its saved checkpoint."""

    job: Job
    now: dt.datetime
    engine: Engine
    tables: PlatformTables
    source: str
    settings: Any  # the service's ServiceSettings subclass
    platform_settings: Any = None  # PlatformSettings (retention windows)
    checkpoint: Any = None

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One transaction (committed on exit); events emitted in it go through the outbox as usual."""
        with unit_of_work(self.engine, self.tables, self.source, actor=f"job:{self.job.name}") as uow:
            yield uow

    def save_checkpoint(self, value: Any) -> None:
        """Remember progress (JSON) so that a run after a crash resumes from here; None clears it."""
        table = self.tables.job_state
        with self.engine.begin() as conn:
            conn.execute(update(table).where(table.c.name == self.job.name).values(checkpoint=value))
        self.checkpoint = value


@dataclass(frozen=True)
class Job:
    """A periodic job: `run(ctx)` does what is due at `ctx.now` and returns how many items it handled."""

    name: str
    every: dt.timedelta
    run: Callable[[JobContext], int]
    description: str = ""

    @classmethod
    def transactional(
        cls,
        name: str,
        every: dt.timedelta,
        fn: Callable[[UnitOfWork, dt.datetime], int],
        description: str = "",
    ) -> Job:
        """A job that does its work in one unit of work: `fn(uow, now) -> items handled`."""

        def run(ctx: JobContext) -> int:
            with ctx.unit_of_work() as uow:
                return fn(uow, ctx.now)

        return cls(name, every, run, description or (fn.__doc__ or "").strip().split("\n")[0])


@dataclass(frozen=True)
class JobOutcome:
    job: str
    ok: bool
    items: int
    seconds: float
    error: str | None = None


def _lock_key(conn: Connection, service: str, job: str) -> int:
    """Advisory locks are per database: the key names the schema too, so services (or test schemas) sharing
    one database never block each other."""
    where = conn.execute(select(func.current_database(), func.current_schema())).one()
    return zlib.crc32(f"hunan-job-{where[0]}-{where[1]}-{service}-{job}".encode())


@dataclass
class JobRunner:
    """Runs a service's jobs when due; one per process (Platform.jobs)."""

    service: str
    jobs: Sequence[Job]
    engine: Engine
    tables: PlatformTables
    source: str
    settings: Any
    metrics: Metrics
    platform_settings: Any = None
    now: Callable[[], dt.datetime] = clock.now
    tick_seconds: float = 5.0
    ready: Callable[[], bool] = lambda: True  # e.g. migrations applied: until then no job runs
    owner: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    _local_locks: dict[str, threading.Lock] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = [job.name for job in self.jobs]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.service}: duplicate job names {sorted(names)}")
        for job in self.jobs:
            if job.every <= dt.timedelta(0):
                raise ValueError(f"{self.service}: job {job.name} needs a positive interval")
            self._local_locks[job.name] = threading.Lock()
            self.metrics.job_interval.labels(self.service, job.name).set(job.every.total_seconds())

    # -- scheduling ------------------------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """The background loop (supervised by the Platform): every tick, run what is due."""
        while not stop.is_set():  # the first tick comes one tick after start-up, not during it
            try:
                await asyncio.wait_for(stop.wait(), self.tick_seconds)
                return
            except TimeoutError:
                pass
            if await asyncio.to_thread(self.ready):
                await asyncio.to_thread(self.run_due)

    def run_due(self) -> list[JobOutcome]:
        """Run every due job this replica can take, one after another; refresh the metrics."""
        outcomes = []
        for job in self.jobs:
            try:
                outcome = self.run_job(job)
            except Exception:  # the database is away: try again next tick
                log.exception("job scheduling failed", extra={"job": job.name})
                continue
            if outcome is not None:
                outcomes.append(outcome)
        try:
            self.refresh_metrics()
        except Exception:
            log.warning("job metrics refresh failed", exc_info=True)
        return outcomes

    def is_due(self, job: Job, state: Any, now: dt.datetime) -> bool:
        if state is None or state.last_started_at is None:
            return True
        if state.last_finished_at is None or state.last_finished_at < state.last_started_at:
            return True  # interrupted (we hold the lock, so nobody is running it): resume
        if state.last_error is not None:
            return bool(now >= state.last_finished_at + min(job.every, RETRY_AFTER))
        return bool(now >= state.last_started_at + job.every)

    def run_job(self, job: Job, *, force: bool = False) -> JobOutcome | None:
        """Run `job` if it is due (or `force`) and this replica wins it; None when not run."""
        with self._elected(job) as won:
            if not won:
                return None
            now = self.now()
            state = self._state(job.name)
            if not force and not self.is_due(job, state, now):
                return None
            self._record_start(job.name, state, now)
            context = JobContext(
                job=job,
                now=now,
                engine=self.engine,
                tables=self.tables,
                source=self.source,
                settings=self.settings,
                platform_settings=self.platform_settings,
                checkpoint=None if state is None else state.checkpoint,
            )
            started = time.perf_counter()
            try:
                items = int(job.run(context))
            except Exception as exc:
                seconds = time.perf_counter() - started
                log.exception("job failed", extra={"job": job.name})
                self._record_end(job.name, now, seconds, None, f"{type(exc).__name__}: {exc}"[:2000])
                self.metrics.job_runs.labels(self.service, job.name, "failure").inc()
                return JobOutcome(job.name, False, 0, seconds, repr(exc))
            seconds = time.perf_counter() - started
            self._record_end(job.name, now, seconds, items, None)
            self.metrics.job_runs.labels(self.service, job.name, "success").inc()
            self.metrics.job_items.labels(self.service, job.name).inc(items)
            self.metrics.job_duration.labels(self.service, job.name).set(seconds)
            if items:
                log.info("job ran", extra={"job": job.name, "items": items, "seconds": round(seconds, 3)})
            return JobOutcome(job.name, True, items, seconds)

    @contextmanager
    def _elected(self, job: Job) -> Iterator[bool]:
        """Hold the job's lock for the whole run: an advisory lock across replicas (PostgreSQL), a local one
        within this process (always: two threads of one replica never run one job twice either)."""
        local = self._local_locks[job.name]
        if not local.acquire(blocking=False):
            yield False
            return
        try:
            if not is_postgres(self.engine):
                yield True
                return
            with self.engine.connect() as conn:
                key = _lock_key(conn, self.service, job.name)
                won = bool(conn.scalar(select(func.pg_try_advisory_lock(key))))
                conn.commit()
                try:
                    yield won
                finally:
                    if won:
                        self._unlock(conn, key)
        finally:
            local.release()

    @staticmethod
    def _unlock(conn: Connection, key: int) -> None:
        try:
            conn.scalar(select(func.pg_advisory_unlock(key)))
            conn.commit()
        except Exception:  # the connection broke: the server released the lock with it
            conn.invalidate()

    # -- job_state -------------------------------------------------------------------------------------------

    def _state(self, name: str) -> Any:
        table = self.tables.job_state
        with self.engine.connect() as conn:
            return conn.execute(select(table).where(table.c.name == name)).first()

    def _record_start(self, name: str, state: Any, now: dt.datetime) -> None:
        table = self.tables.job_state
        with self.engine.begin() as conn:
            if state is None:
                conn.execute(insert(table).values(name=name, last_started_at=now, owner=self.owner))
            else:
                conn.execute(update(table).where(table.c.name == name).values(last_started_at=now, owner=self.owner))

    def _record_end(self, name: str, now: dt.datetime, seconds: float, items: int | None, error: str | None) -> None:
        table = self.tables.job_state
        finished = max(self.now(), now)
        values: dict[str, Any] = {
            "last_finished_at": finished,
            "last_duration_seconds": seconds,
            "last_error": error,
            "runs": table.c.runs + 1,
        }
        if error is None:
            values |= {"last_success_at": finished, "last_items": items, "consecutive_failures": 0}
        else:
            values |= {"consecutive_failures": table.c.consecutive_failures + 1}
        with self.engine.begin() as conn:
            conn.execute(update(table).where(table.c.name == name).values(**values))

    def states(self) -> dict[str, Any]:
        table = self.tables.job_state
        with self.engine.connect() as conn:
            return {row.name: row for row in conn.execute(select(table))}

    def refresh_metrics(self) -> None:
        """Every replica exports the suite-wide last success of each job (from job_state), so the alert sees
        it whichever replica ran the job; 0 when it never succeeded."""
        states = self.states()
        for job in self.jobs:
            state = states.get(job.name)
            success = state.last_success_at if state is not None else None
            self.metrics.job_last_success.labels(self.service, job.name).set(
                success.timestamp() if success is not None else 0
            )


# -- announcers ------------------------------------------------------------------------------------------------


class AuditEntry(NamedTuple):
    """The audit-log entry of one announcement (`UnitOfWork.audit(action, target_type, target_id, after=...)`)."""

    action: str
    target_type: str
    target_id: str | None
    after: Any = None


@dataclass(frozen=True)
class Announcement:
    """What announcing one lapsed item writes: `mark` set on `row` (so that the lapsed query no longer selects
    it, or the announcer skips it), the `event`, and the `audit` entry (None where the announcer audits a whole
    batch itself)."""

    row: Any
    mark: Mapping[str, Any]
    event: Event
    audit: AuditEntry | None = None


def announce_once(
    uow: UnitOfWork,
    lapsed: Select[Any],
    announce: Callable[[Any], Announcement | None],
    *,
    lock_of: Any = None,
) -> int:
    """Announce each item whose deadline lapsed exactly once; returns how many were announced.

    `lapsed` selects the rows that are due and not yet announced (ordered, so that concurrent runs lock rows in
    the same order); `announce(row)` returns the `Announcement` of one result row (an entity, or a tuple for a
    join), or None to pass it over (the rule says it is not late after all, or its lapse was announced already).
    Each announcement sets its `mark` on its row, emits its event and writes its audit entry, in the caller's
    unit of work.

    Exactly once, even when two runs overlap (a manual trigger and the job, or a replica whose lock was lost): the
    rows are read `SELECT ... FOR UPDATE` (`lock_of`: the entity whose rows are marked, for a join). On PostgreSQL
    a second run waits on the locked rows and, once the first commits, reads their new version — the rows the
    first marked no longer match `lapsed` and are skipped (READ COMMITTED re-checks the condition on the locked
    row), and `announce` sees the new marks. On SQLite the unit of work begins IMMEDIATE, so the second run waits
    for the first to commit before it reads at all.
    """
    query = lapsed.with_for_update(of=lock_of) if lock_of is not None else lapsed.with_for_update()
    rows = uow.session.exec(query).all()  # type: ignore[call-overload]
    announced = 0
    for row in rows:
        announcement = announce(row)
        if announcement is None:
            continue
        for name, value in announcement.mark.items():
            setattr(announcement.row, name, value)
        uow.session.add(announcement.row)
        uow.emit(announcement.event)
        if announcement.audit is not None:
            action, target_type, target_id, after = announcement.audit
            uow.audit(action, target_type, target_id, after=after)
        announced += 1
    return announced
