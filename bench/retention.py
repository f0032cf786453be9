"""Retention beside the outbox relay: does deleting old sent rows slow the relay down, and how fast does it delete?

Size "full": an outbox of 3 000 000 old sent rows (plus 1 000 000 inbox rows), "quick": 100 000; custom:
`--size retention=1000000`. On a fresh PostgreSQL database with the platform tables, the real OutboxRelay
publishes bursts of 20 000 (quick: 2 000) pending events to the broker, alternately alone and while the
retention job's delete loop (`hunan_shared.retention.delete_in_batches`: batches of 1000, SKIP LOCKED, 20 ms
pause between batches) runs
against the old rows in another thread: two rounds of each, relay throughput compared side by side. Then the
delete rate of retention alone (outbox and inbox) over a bounded time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import threading
import time
import uuid

from sqlalchemy import func, select, text

from bench.common import Result, broker, sqlalchemy_url, temporary_database
from bench.pipeline import event
from hunan_shared import clock
from hunan_shared.bus.kafka import KafkaBus
from hunan_shared.bus.outbox import OutboxRelay
from hunan_shared.db import PlatformTables, make_engine, new_registry
from hunan_shared.metrics import Metrics
from hunan_shared.retention import delete_in_batches
from hunan_shared.settings import PlatformSettings
from hunan_shared.uow import unit_of_work

SIZES = {"quick": 100_000, "full": 3_000_000}
BURST = {"quick": 2_000, "full": 20_000}
ALONE_SECONDS = {"quick": 1.0, "full": 20.0}
FILL_CHUNK = 250_000

registry = new_registry()
metadata = registry.metadata
tables = PlatformTables.attach(metadata)


def _fill(engine, n: int) -> float:
    """n sent outbox rows 30 days old and n/3 inbox rows 30 days old, server-side; returns seconds."""
    started = time.perf_counter()
    for start in range(0, n, FILL_CHUNK):
        count = min(FILL_CHUNK, n - start)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO outbox (id, aggregatetype, aggregateid, type, topic, payload, state, attempts,"
                    " created_at, sent_at)"
                    " SELECT gen_random_uuid()::text, 'disaster', 'old-' || i, 'hunan.emergency.disaster.declared',"
                    " 'emergency.disaster', '{\"disaster_id\": \"old\"}'::json, 'sent', 0,"
                    " now() - interval '30 days' + i * interval '1 millisecond',"
                    " now() - interval '30 days' + i * interval '1 millisecond'"
                    " FROM generate_series(:a, :b) AS i"
                ),
                {"a": start, "b": start + count - 1},
            )
            conn.execute(
                text(
                    "INSERT INTO inbox (consumer, event_id, event_type, topic, processed_at)"
                    " SELECT 'bench', gen_random_uuid()::text, 't', 'x', now() - interval '30 days'"
                    " FROM generate_series(1, :c)"
                ),
                {"c": count // 3},
            )
    with engine.begin() as conn:
        conn.execute(text("ANALYZE outbox"))
        conn.execute(text("ANALYZE inbox"))
    return time.perf_counter() - started


def _emit(engine, start: int, count: int) -> None:
    for offset in range(start, start + count, 1000):
        with unit_of_work(engine, tables, source="/hunan/benchret") as uow:
            for i in range(offset, min(offset + 1000, start + count)):
                uow.emit(event(i))


def _pending(engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.scalar(select(func.count()).select_from(tables.outbox).where(tables.outbox.c.state == "pending"))
        )


class RetentionLoop:
    """The retention job's delete loop on the old sent rows, in a thread, until stopped."""

    def __init__(self, engine, batch_size: int):
        self.engine = engine
        self.batch_size = batch_size
        self.deleted = 0
        self.seconds = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        outbox = tables.outbox
        cutoff = clock.now().replace(microsecond=0) - dt.timedelta(days=3)
        where = (outbox.c.state == "sent") & (outbox.c.created_at < cutoff)
        started = time.perf_counter()
        while not self._stop.is_set():
            n = delete_in_batches(
                self.engine, outbox, where, outbox.c.created_at, batch_size=self.batch_size, max_seconds=0.5
            )
            self.deleted += n
            if n == 0:
                break
        self.seconds = time.perf_counter() - started

    def __enter__(self) -> RetentionLoop:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def _relay_burst(engine, relay: OutboxRelay, start: int, burst: int) -> float:
    """Emit a burst of pending rows, then let the relay publish them; returns events/s."""
    await asyncio.to_thread(_emit, engine, start, burst)
    stop = asyncio.Event()
    began = time.perf_counter()
    task = asyncio.create_task(relay.run(stop))
    while await asyncio.to_thread(_pending, engine) > 0:
        await asyncio.sleep(0.02)
    seconds = time.perf_counter() - began
    stop.set()
    await task
    return burst / seconds


async def measure(bootstrap: str, db_url: str, n: int, burst: int, alone_seconds: float, result: Result) -> None:
    engine = make_engine(db_url)
    metadata.create_all(engine)
    settings = PlatformSettings(kafka_bootstrap_servers=bootstrap)
    bus = KafkaBus(settings, client_id="hunan-benchret")
    await bus.start()
    await bus.ensure_topics({"emergency.disaster"})
    relay = OutboxRelay(
        engine=engine,
        tables=tables,
        bus=bus,
        metrics=Metrics("benchret"),
        source="/hunan/benchret",
        batch_size=settings.outbox_batch_size,
        poll_seconds=settings.outbox_poll_seconds,
    )
    try:
        fill = await asyncio.to_thread(_fill, engine, n)
        result.figure("fill: old sent outbox rows", n, "rows")
        result.figure("fill: time", fill, "s")
        await _relay_burst(engine, relay, 0, min(burst, 1000))  # warm-up: connections, topic metadata
        alone, beside, deleted_beside, seconds_beside = [], [], 0, 0.0
        offset = 1000
        for _ in range(2):
            alone.append(await _relay_burst(engine, relay, offset, burst))
            offset += burst
            with RetentionLoop(engine, settings.retention_batch_size) as loop:
                beside.append(await _relay_burst(engine, relay, offset, burst))
            offset += burst
            deleted_beside += loop.deleted
            seconds_beside += loop.seconds
        base, with_retention = statistics.mean(alone), statistics.mean(beside)
        result.figure("relay throughput, retention idle (mean of 2 bursts)", base, "events/s")
        result.figure("relay throughput, retention deleting (mean of 2 bursts)", with_retention, "events/s")
        result.figure("retention delete rate while the relay ran", deleted_beside / max(seconds_beside, 1e-9), "rows/s")
        result.ratio("relay throughput with retention / without", with_retention / base, 0.8)

        outbox = tables.outbox
        cutoff = clock.now() - dt.timedelta(days=3)
        started = time.perf_counter()
        deleted = await asyncio.to_thread(
            delete_in_batches,
            engine,
            outbox,
            (outbox.c.state == "sent") & (outbox.c.created_at < cutoff),
            outbox.c.created_at,
            batch_size=settings.retention_batch_size,
            max_seconds=alone_seconds,
        )
        result.figure("retention alone: outbox rows/s", deleted / (time.perf_counter() - started), "rows/s")
        inbox = tables.inbox
        started = time.perf_counter()
        deleted = await asyncio.to_thread(
            delete_in_batches,
            engine,
            inbox,
            inbox.c.processed_at < cutoff,
            inbox.c.processed_at,
            batch_size=settings.retention_batch_size,
            max_seconds=alone_seconds,
        )
        result.figure("retention alone: inbox rows/s", deleted / (time.perf_counter() - started), "rows/s")
    finally:
        await bus.stop()
        engine.dispose()


def run(size: str) -> Result:
    n = SIZES[size] if size in SIZES else int(size)
    burst = BURST.get(size, 20_000)
    result = Result(
        "retention",
        size,
        params={
            "old_sent_rows": n,
            "relay_burst": burst,
            "retention_batch_size": PlatformSettings().retention_batch_size,
            "relay_batch_size": PlatformSettings().outbox_batch_size,
            "run": uuid.uuid4().hex[:6],
        },
    )
    with broker() as bootstrap, temporary_database("retention") as name:
        asyncio.run(measure(bootstrap, sqlalchemy_url(name), n, burst, ALONE_SECONDS.get(size, 30.0), result))
    return result
