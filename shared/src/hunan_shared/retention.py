"""Retention of the platform tables, as platform jobs every service runs (hunan_shared.jobs).

What grows without bound and how long it is needed:

- **outbox, sent rows**: needed only until the broker acknowledged them (the relay marks them `sent`); kept
  `OUTBOX_SENT_RETENTION_HOURS` (default 72 h) for inspection, then deleted. Pending rows are never touched.
- **inbox**: a row makes a redelivered event a no-op. An event can only be redelivered while it is still in the
  topic, i.e. within the broker's retention (Kafka's default `retention.ms` is 7 days; a consumer group that
  restarts from an old offset, or `hunan replay-dead-letters`, cannot reach older messages). So the window,
  `INBOX_RETENTION_DAYS` (default 14), must be at least the topics' retention; twice the default leaves room
  for a retention raised on a topic. Settings refuse less than one day.
- **idempotency_key**: stored responses replay a retried request; clients retry within minutes, and 24 h is
  the common promise (`IDEMPOTENCY_TTL_HOURS`, default 24). After that the same key is a new request.
- The audit log is a legal record and is kept; job_state has one row per job.

Deletes run in small batches (`RETENTION_BATCH_SIZE`, default 1000 rows), each its own short transaction that
selects its victims by the age index; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so a row the relay or a
request is holding is skipped, not waited for, and the relay (which only reads and updates *pending* outbox
rows) never waits on retention; a short pause between batches keeps its share of the database small. A run
stops after `MAX_RUN_SECONDS` and the next run continues: a large backlog (first run after an upgrade) is
worked off over several runs.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Engine, Table, delete, select, tuple_

from hunan_shared.db import is_postgres
from hunan_shared.jobs import Job, JobContext

MAX_RUN_SECONDS = 120.0
BATCH_PAUSE_SECONDS = 0.02  # between batches: leaves the database (and the relay) room; ~10k rows/s at most


def _pause() -> None:
    time.sleep(BATCH_PAUSE_SECONDS)


def delete_batch(engine: Engine, table: Table, where: ColumnElement[bool], age_column: Any, limit: int) -> int:
    """Delete up to `limit` rows matching `where`, oldest first, in one transaction; returns the count."""
    key = [table.c[c.name] for c in table.primary_key.columns]
    victims = select(*key).where(where).order_by(age_column).limit(limit)
    if is_postgres(engine):
        victims = victims.with_for_update(skip_locked=True)
    with engine.begin() as conn:
        if len(key) == 1:
            result = conn.execute(delete(table).where(key[0].in_(victims.scalar_subquery())))
        else:
            result = conn.execute(delete(table).where(tuple_(*key).in_(victims)))
        return int(result.rowcount or 0)


def delete_in_batches(
    engine: Engine,
    table: Table,
    where: ColumnElement[bool],
    age_column: Any,
    *,
    batch_size: int,
    max_seconds: float = MAX_RUN_SECONDS,
    pause: Callable[[], None] = _pause,
) -> int:
    """Batches until nothing matches or `max_seconds` passed; returns rows deleted."""
    deadline = time.monotonic() + max_seconds
    total = 0
    while True:
        deleted = delete_batch(engine, table, where, age_column, batch_size)
        total += deleted
        if deleted < batch_size or time.monotonic() > deadline:
            return total
        pause()


def _windows(ctx: JobContext) -> Any:
    return ctx.platform_settings


def purge_sent_outbox(ctx: JobContext) -> int:
    """Delete outbox rows published longer ago than OUTBOX_SENT_RETENTION_HOURS."""
    settings = _windows(ctx)
    outbox = ctx.tables.outbox
    cutoff = ctx.now - dt.timedelta(hours=settings.outbox_sent_retention_hours)
    # created_at rides the (state, created_at) index; a row is sent after it was created, so this is safe.
    where = (outbox.c.state == "sent") & (outbox.c.created_at < cutoff)
    return delete_in_batches(ctx.engine, outbox, where, outbox.c.created_at, batch_size=settings.retention_batch_size)


def purge_inbox(ctx: JobContext) -> int:
    """Delete inbox rows older than INBOX_RETENTION_DAYS (beyond any possible redelivery)."""
    settings = _windows(ctx)
    inbox = ctx.tables.inbox
    cutoff = ctx.now - dt.timedelta(days=settings.inbox_retention_days)
    return delete_in_batches(
        ctx.engine, inbox, inbox.c.processed_at < cutoff, inbox.c.processed_at, batch_size=settings.retention_batch_size
    )


def purge_idempotency_keys(ctx: JobContext) -> int:
    """Delete stored responses older than IDEMPOTENCY_TTL_HOURS."""
    settings = _windows(ctx)
    keys = ctx.tables.idempotency_key
    cutoff = ctx.now - dt.timedelta(hours=settings.idempotency_ttl_hours)
    return delete_in_batches(
        ctx.engine, keys, keys.c.created_at < cutoff, keys.c.created_at, batch_size=settings.retention_batch_size
    )


def retention_jobs(every: dt.timedelta) -> tuple[Job, ...]:
    return (
        Job("retention-outbox", every, purge_sent_outbox, "delete sent outbox rows past their window"),
        Job("retention-inbox", every, purge_inbox, "delete inbox rows past any possible redelivery"),
        Job("retention-idempotency", every, purge_idempotency_keys, "delete expired stored responses"),
    )
