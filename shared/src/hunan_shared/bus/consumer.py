"""Consuming events: one consumer group per service, idempotent handlers, bounded retries, dead letters.

For each message: decode the CloudEvent; run the inbox insert (consumer, event id) and the handler in one
database transaction, so a redelivered event has no second effect (the inbox rows of a fetched batch are
written first, by one `INSERT … ON CONFLICT DO NOTHING RETURNING`, which also tells which events are new);
commit the Kafka offset only after that transaction. Before any handler runs, the platform refuses
(dead-letters, with a `dlt.reason` header and the `hunan_events_refused` metric) what no handler should see:
an envelope without its required CloudEvents attributes, an unknown type, a type published by anyone but its
catalogue producer (`ce_source`), a payload that fails the catalogue model (Hunan division codes, bounded
timestamps). A handler that keeps raising is retried `max_attempts` times, then the message goes to
`<topic>.dlt` with the error and its origin in headers (`dlt.reason: handler-failed`) and the partition moves
on. Infrastructure faults (database unreachable) are not the message's fault: the consumer pauses and retries
the same message without dead-lettering it. Commits during a rebalance may fail; the next owner then re-reads
a few messages, which the inbox makes harmless.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import CommitFailedError, KafkaError
from sqlalchemy import Engine, Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from hunan_shared import clock, telemetry
from hunan_shared.bus.kafka import Message, client_options, dead_letter_topic
from hunan_shared.bus.protocol import Bus
from hunan_shared.db import PlatformTables
from hunan_shared.events import CATALOGUE, Envelope, Event, MalformedEvent, decode, producer_source
from hunan_shared.metrics import Metrics
from hunan_shared.settings import PlatformSettings
from hunan_shared.uow import UnitOfWork, unit_of_work

log = logging.getLogger(__name__)

INFRA_RETRY_SECONDS = 2.0

# Databases whose INSERT can skip rows that already exist and return the ones it wrote (the inbox claim).
_INSERT_IGNORING_CONFLICTS: dict[str, Callable[[Table], postgresql.Insert | sqlite.Insert]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


@dataclass
class HandlerContext:
    """What a handler gets: the unit of work (session, emit, audit), the incoming envelope and the
    service's own settings (domain parameters)."""

    uow: UnitOfWork
    envelope: Envelope
    settings: Any = None


Handler = Callable[[HandlerContext, Event], None]


def trusted_sources(event_class: type[Event]) -> frozenset[str]:
    """The `ce_source` values a consumer accepts for an event class: its catalogue producer's only."""
    return frozenset({producer_source(event_class)})


def is_infrastructure_error(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


class EventConsumer:
    """Runs the handlers of one service against its consumer group."""

    def __init__(
        self,
        *,
        service: str,
        handlers: dict[type[Event], Handler],
        engine: Engine,
        tables: PlatformTables,
        bus: Bus,
        metrics: Metrics,
        settings: PlatformSettings,
        service_settings: Any = None,
    ):
        self.service = service
        self.service_settings = service_settings
        self.group = f"{settings.kafka_client_prefix}.{service}"
        self.handlers = {cls.TYPE: handler for cls, handler in handlers.items()}
        self.topics = sorted({cls.TOPIC for cls in handlers})
        self.engine = engine
        self.tables = tables
        self.bus = bus
        self.metrics = metrics
        self.settings = settings
        self.consumer: AIOKafkaConsumer | None = None
        self._pending: dict[TopicPartition, int] = {}  # processed, not yet committed
        self._positions: dict[TopicPartition, int] = {}  # next offset to process, for the lag gauge

    # -- message processing (independent of Kafka, unit-testable) ---------------------------------

    def handle_in_transaction(self, batch: list[tuple[Envelope, Event]]) -> list[str]:
        """Apply the handlers to a batch of messages in ONE transaction, each at most once per
        (consumer, event id). Returns 'processed' or 'duplicate' per message; raises (rolling back the
        whole batch, its inbox rows included) if any handler raises."""
        with unit_of_work(self.engine, self.tables, source=f"/hunan/{self.service}") as uow:
            claimed = self._claim(uow.session, batch)
            outcomes = []
            for envelope, event in batch:
                if envelope.id not in claimed:
                    outcomes.append("duplicate")
                    continue
                claimed.discard(envelope.id)  # a second copy inside the same batch is a duplicate
                parent = telemetry.context_from_headers(envelope.trace_headers)
                with telemetry.tracer().start_as_current_span(
                    f"process {envelope.type}",
                    context=parent,
                    kind=telemetry.trace.SpanKind.CONSUMER,
                    attributes={
                        "messaging.system": "kafka",
                        "messaging.destination.name": envelope.topic,
                        "messaging.message.id": envelope.id,
                        "messaging.consumer.group.name": self.group,
                    },
                ):
                    uow.actor = f"event:{envelope.source}"
                    self.handlers[envelope.type](
                        HandlerContext(uow=uow, envelope=envelope, settings=self.service_settings), event
                    )
                outcomes.append("processed")
            return outcomes

    def _claim(self, session: Session, batch: list[tuple[Envelope, Event]]) -> set[str]:
        """Insert the batch's inbox rows first, in the handlers' transaction, and return the event ids that
        were new: one statement (`INSERT … ON CONFLICT DO NOTHING RETURNING`) instead of a lookup before the
        handlers and an insert after them. A concurrent consumer holding the same event (rebalance) makes this
        insert wait for its commit, then the event counts as a duplicate here."""
        inbox = self.tables.inbox
        now = clock.now()
        rows: dict[str, dict[str, Any]] = {
            envelope.id: {
                "consumer": self.group,
                "event_id": envelope.id,
                "event_type": envelope.type,
                "topic": envelope.topic,
                "processed_at": now,
            }
            for envelope, _ in reversed(batch)  # the first copy of an id wins (same values anyway)
        }
        dialect_insert = _INSERT_IGNORING_CONFLICTS.get(session.get_bind().dialect.name)
        if dialect_insert is None:  # another database: look up, then insert what is new
            seen = set(
                session.scalars(
                    select(inbox.c.event_id).where(inbox.c.consumer == self.group, inbox.c.event_id.in_(list(rows)))
                )
            )
            new = [row for event_id, row in rows.items() if event_id not in seen]
            if new:
                session.execute(insert(inbox), new)
            return {str(row["event_id"]) for row in new}
        statement = (
            dialect_insert(inbox).values(list(rows.values())).on_conflict_do_nothing().returning(inbox.c.event_id)
        )
        return set(session.scalars(statement))

    def _decode(
        self, topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
    ) -> tuple[Envelope, Event] | None:
        """The typed event if this consumer handles it; None if it is a known type it ignores.
        Raises MalformedEvent for anything that belongs in the dead-letter topic."""
        envelope = decode(topic, key, value, headers)
        if envelope.type not in CATALOGUE:
            raise MalformedEvent(f"unknown event type or version {envelope.type!r}", "unknown-type")
        if envelope.type not in self.handlers:
            self.metrics.events_consumed.labels(self.service, self.group, topic, envelope.type, "ignored").inc()
            return None
        expected = trusted_sources(CATALOGUE[envelope.type])
        if envelope.source not in expected:
            # Only the catalogue producer may publish a type (docs/security.md); anyone else is refused.
            raise MalformedEvent(
                f"{envelope.type} is accepted only from {' '.join(sorted(expected))}, "
                f"not from {envelope.source[:200]!r}",
                "forged-source",
            )
        if envelope.topic != CATALOGUE[envelope.type].TOPIC:
            raise MalformedEvent(f"{envelope.type} does not belong on topic {envelope.topic!r}", "invalid-envelope")
        return envelope, envelope.parse()

    def _count(self, batch: list[tuple[Envelope, Event]], outcomes: list[str], seconds: float) -> None:
        for (envelope, _), outcome in zip(batch, outcomes, strict=True):
            self.metrics.events_consumed.labels(self.service, self.group, envelope.topic, envelope.type, outcome).inc()
            self.metrics.handler_duration.labels(self.service, self.group, envelope.type).observe(seconds / len(batch))

    async def process_records(self, records: list[Any]) -> tuple[int, bool]:
        """Process one partition's records in order: runs of handled messages share one transaction; a run
        that fails is redone message by message (retries, dead letters). Returns (records done, whether the
        rest must wait for the infrastructure to come back)."""
        done = 0
        while done < len(records):
            run, end = [], done
            while end < len(records):
                r = records[end]
                try:
                    parsed = self._decode(r.topic, r.key, r.value, r.headers)
                except MalformedEvent:
                    break  # dead-lettered by the single-message path below, in order
                if parsed is not None:
                    run.append(parsed)
                end += 1
            if run:
                started = time.perf_counter()
                try:
                    outcomes = await asyncio.to_thread(self.handle_in_transaction, run)
                except Exception as exc:
                    if is_infrastructure_error(exc):
                        return done, True
                    end = done  # a handler failed: redo this run one message at a time
                else:
                    self._count(run, outcomes, time.perf_counter() - started)
                    done = end
                    continue
            if done == end:  # the message at `done` is malformed, or its run failed: handle it alone
                r = records[done]
                if not await self.process(r.topic, r.partition, r.offset, r.key, r.value, r.headers):
                    return done, True
                done += 1
            else:
                done = end  # only ignored types
        return done, False

    async def process(
        self,
        topic: str,
        partition: int,
        offset: int,
        key: bytes | None,
        value: bytes | None,
        headers: list[tuple[str, bytes]],
    ) -> bool:
        """Process one message with retries and dead-lettering. Returns False when it must be retried later
        (infrastructure away: its offset is not to be committed)."""
        try:
            parsed = self._decode(topic, key, value, headers)
        except MalformedEvent as exc:
            return await self.dead_letter(
                topic, partition, offset, key, value, headers, exc, attempts=0, reason=exc.reason
            )
        if parsed is None:
            return True

        delay = self.settings.consumer_retry_backoff_seconds
        last_error: Exception | None = None
        for attempt in range(1, self.settings.consumer_max_attempts + 1):
            started = time.perf_counter()
            try:
                outcomes = await asyncio.to_thread(self.handle_in_transaction, [parsed])
            except Exception as exc:
                if is_infrastructure_error(exc):
                    log.warning("database unavailable while handling; will retry", extra={"event_id": parsed[0].id})
                    return False
                last_error = exc
                self.metrics.events_failed.labels(self.service, self.group, topic).inc()
                log.warning(
                    "handler failed",
                    extra={"event_id": parsed[0].id, "type": parsed[0].type, "attempt": attempt, "error": repr(exc)},
                )
                await asyncio.sleep(delay)
                delay *= 2
                continue
            self._count([parsed], outcomes, time.perf_counter() - started)
            return True
        assert last_error is not None
        return await self.dead_letter(
            topic, partition, offset, key, value, headers, last_error, attempts=self.settings.consumer_max_attempts
        )

    async def dead_letter(
        self,
        topic: str,
        partition: int,
        offset: int,
        key: bytes | None,
        value: bytes | None,
        headers: list[tuple[str, bytes]],
        error: Exception,
        attempts: int,
        reason: str = "handler-failed",
    ) -> bool:
        error_headers = [
            ("dlt.reason", reason.encode()),
            ("dlt.error", str(error)[:2000].encode()),
            ("dlt.error_type", type(error).__name__.encode()),
            ("dlt.origin_topic", topic.encode()),
            ("dlt.origin_partition", str(partition).encode()),
            ("dlt.origin_offset", str(offset).encode()),
            ("dlt.consumer_group", self.group.encode()),
            ("dlt.attempts", str(attempts).encode()),
            ("dlt.failed_at", clock.now().isoformat().encode()),
        ]
        original = [h for h in (headers or ()) if not h[0].startswith("dlt.")]
        message = Message(dead_letter_topic(topic), key or b"", value or b"", list(original) + error_headers)
        if await self.bus.send_batch([message]) != 1:
            return False  # broker away: keep the offset, try again later
        self.metrics.events_dead_lettered.labels(self.service, self.group, topic).inc()
        if reason != "handler-failed":
            self.metrics.events_refused.labels(self.service, self.group, topic, reason).inc()
        log.error(
            "message dead-lettered",
            extra={
                "topic": topic,
                "partition": partition,
                "offset": offset,
                "reason": reason,
                "error": str(error)[:500],
            },
        )
        return True

    # -- Kafka loop -------------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        consumer = AIOKafkaConsumer(
            **client_options(self.settings),
            group_id=self.group,
            client_id=f"{self.group}-consumer",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_interval_ms=300_000,
        )
        self.consumer = consumer
        consumer.subscribe(self.topics, listener=_CommitOnRevoke(self))
        await consumer.start()
        try:
            while not stop.is_set():
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                if stop.is_set():  # on shutdown, leave fetched messages for the next owner of the partitions
                    for tp, records in batches.items():
                        consumer.seek(tp, records[0].offset)
                    break
                # Partitions are independent (order is per partition): process them concurrently.
                partitions = list(batches.items())
                results = await asyncio.gather(*(self.process_records(records) for _, records in partitions))
                waiting = False
                for (tp, records), (done, waiting_here) in zip(partitions, results, strict=True):
                    if done:
                        self._pending[tp] = self._positions[tp] = records[done - 1].offset + 1
                    if done < len(records):
                        consumer.seek(tp, records[done].offset)
                    waiting |= waiting_here
                await self.commit()
                self.update_lag()
                if waiting:  # database away: do not spin on the same messages
                    await asyncio.sleep(INFRA_RETRY_SECONDS)
        finally:
            await self.commit()
            await consumer.stop()
            self.consumer = None

    async def commit(self, partitions: set[TopicPartition] | None = None) -> None:
        if self.consumer is None or not self._pending:
            return
        offsets = {tp: off for tp, off in self._pending.items() if partitions is None or tp in partitions}
        if not offsets:
            return
        try:
            await self.consumer.commit(offsets)
        except (CommitFailedError, KafkaError) as exc:
            log.warning("offset commit failed; messages may be redelivered (inbox dedupes)", extra={"error": repr(exc)})
        for tp in offsets:
            self._pending.pop(tp, None)

    def update_lag(self) -> None:
        if self.consumer is None:
            return
        for tp in self.consumer.assignment():
            highwater = self.consumer.highwater(tp)
            if highwater is None or tp not in self._positions:
                continue
            self.metrics.consumer_lag.labels(self.service, self.group, tp.topic, str(tp.partition)).set(
                max(0, highwater - self._positions[tp])
            )


class _CommitOnRevoke(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka ships no type hints
    """Commit what was processed before partitions move to another member."""

    def __init__(self, owner: EventConsumer):
        self.owner = owner

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        await self.owner.commit(set(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        return None
