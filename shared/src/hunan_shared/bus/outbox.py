"""Transactional outbox relay: publishes committed outbox rows in order, then marks them sent.

One relay round runs in a worker thread inside one database transaction: on PostgreSQL it first takes a
transaction-level advisory lock, so among several replicas exactly one relays at a time (which keeps the
per-aggregate order), and reads rows `FOR UPDATE SKIP LOCKED`; on SQLite the single process relays.
Rows are published through the event loop, and only the acknowledged prefix is marked sent. While the
broker is away the relay backs off exponentially (capped) and rows simply wait: nothing is lost, and a
row published twice after a crash is harmless because consumers deduplicate by event id.
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from dataclasses import replace
from typing import Any

from sqlalchemy import Engine, Row, func, select, update

from hunan_shared import clock, telemetry
from hunan_shared.bus.kafka import Message
from hunan_shared.bus.protocol import Bus
from hunan_shared.db import PlatformTables, is_postgres
from hunan_shared.events import Envelope, encode
from hunan_shared.events.catalogue import CATALOGUE
from hunan_shared.metrics import Metrics
from hunan_shared.uow import on_outbox_commit

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0
BACKLOG_REFRESH_SECONDS = 5.0


def row_to_envelope(row: Row[Any]) -> Envelope:
    return Envelope(
        id=row.id,
        source="",  # filled by the relay
        type=row.type,
        topic=row.topic,
        key=row.aggregateid,
        time=row.created_at,
        data=row.payload,
        subject=row.subject,
        dataschema=row.dataschema,
        # Rows written before every event carried one get a new trace: `traceparent` is part of the contract.
        trace_headers={k: v for k, v in (("traceparent", row.traceparent), ("tracestate", row.tracestate)) if v}
        or {"traceparent": telemetry.new_traceparent()},
    )


class OutboxRelay:
    def __init__(
        self,
        *,
        engine: Engine,
        tables: PlatformTables,
        bus: Bus,
        metrics: Metrics,
        source: str,
        batch_size: int = 200,
        poll_seconds: float = 0.2,
        public_url: str | None = None,
    ):
        self.engine = engine
        self.public_url = public_url  # dataschema URLs point to the schemas served under this gateway URL
        self.outbox = tables.outbox
        self.bus = bus
        self.metrics = metrics
        self.source = source
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self._lock_id = zlib.crc32(f"hunan-outbox-{source}".encode())
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wakeup = asyncio.Event()
        on_outbox_commit(engine, self.wake)

    def wake(self) -> None:
        """Publish now: called (from any thread) after a transaction committed outbox rows."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wakeup.set)

    async def run(self, stop: asyncio.Event) -> None:
        self._loop = asyncio.get_running_loop()
        backoff = self.poll_seconds
        last_backlog = 0.0
        while not stop.is_set():
            try:
                published, complete = await asyncio.to_thread(self.relay_round)
                backoff = self.poll_seconds if complete else min(max(backoff * 2, 0.5), MAX_BACKOFF_SECONDS)
            except Exception:  # database away: keep the relay alive and retry
                log.exception("outbox relay round failed")
                published, backoff = 0, min(max(backoff * 2, 0.5), MAX_BACKOFF_SECONDS)
            now = self._loop.time()
            if now - last_backlog > BACKLOG_REFRESH_SECONDS:
                last_backlog = now
                await asyncio.to_thread(self.refresh_backlog_metrics)
            if published < self.batch_size or backoff > self.poll_seconds:
                await self._sleep(stop, backoff, wakeable=backoff <= self.poll_seconds)

    async def _sleep(self, stop: asyncio.Event, seconds: float, wakeable: bool) -> None:
        """Wait `seconds` (the poll catches rows written by other replicas), or less when stopping or, unless
        backing off from a broker failure, when a local commit wrote outbox rows."""
        waiters = [asyncio.ensure_future(stop.wait())]
        if wakeable:
            waiters.append(asyncio.ensure_future(self._wakeup.wait()))
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
        self._wakeup.clear()

    async def drain(self, timeout: float = 10.0) -> None:
        """Publish what is left (used on graceful shutdown)."""
        deadline = asyncio.get_running_loop().time() + timeout
        self._loop = asyncio.get_running_loop()
        while asyncio.get_running_loop().time() < deadline:
            published, complete = await asyncio.to_thread(self.relay_round)
            if published == 0 or not complete:
                return

    def relay_round(self) -> tuple[int, bool]:
        """Publish one batch. Returns (rows published, whether every claimed row was published)."""
        with self.engine.connect() as conn, conn.begin():
            if is_postgres(self.engine) and not conn.scalar(select(func.pg_try_advisory_xact_lock(self._lock_id))):
                return 0, True
            query = (
                select(self.outbox)
                .where(self.outbox.c.state == "pending")
                .order_by(self.outbox.c.created_at, self.outbox.c.id)
                .limit(self.batch_size)
            )
            if is_postgres(self.engine):
                query = query.with_for_update(skip_locked=True)
            rows = conn.execute(query).all()
            if not rows:
                return 0, True
            messages = []
            for row in rows:
                envelope = row_to_envelope(row)
                known = CATALOGUE.get(envelope.type)
                dataschema = known.dataschema(self.public_url) if known is not None else envelope.dataschema
                key, value, headers = encode(replace(envelope, source=self.source, dataschema=dataschema))
                messages.append(Message(row.topic, key, value, headers))
            assert self._loop is not None
            delivered = asyncio.run_coroutine_threadsafe(self.bus.send_batch(messages), self._loop).result()
            sent_ids = [row.id for row in rows[:delivered]]
            if sent_ids:
                conn.execute(
                    update(self.outbox).where(self.outbox.c.id.in_(sent_ids)).values(state="sent", sent_at=clock.now())
                )
            for row in rows[:delivered]:
                self.metrics.events_published.labels(self.metrics.service, row.topic, row.type).inc()
            if delivered < len(rows):
                first_unsent = rows[delivered]
                conn.execute(
                    update(self.outbox)
                    .where(self.outbox.c.id == first_unsent.id)
                    .values(attempts=self.outbox.c.attempts + 1, last_error="broker did not acknowledge")
                )
            return delivered, delivered == len(rows)

    def refresh_backlog_metrics(self) -> None:
        with self.engine.connect() as conn:
            count, oldest = conn.execute(
                select(func.count(), func.min(self.outbox.c.created_at)).where(self.outbox.c.state == "pending")
            ).one()
        self.metrics.outbox_backlog.labels(self.metrics.service).set(count)
        age = 0.0
        if oldest is not None:
            age = max(0.0, (clock.now() - oldest).total_seconds())
        self.metrics.outbox_oldest_age.labels(self.metrics.service).set(age)
