"""Event pipeline: outbox → relay → broker → consumer (inbox + handler) vs a raw aiokafka consumer doing the same work.

Size "full": 50 000 events for throughput; "quick": 2 000; custom: `--size pipeline=10000`. A toy service
(its own tables: the platform outbox/inbox plus one effect table) on a fresh PostgreSQL database uses the
real KafkaBus, OutboxRelay and EventConsumer with the platform defaults (relay batch, poll, 3 partitions).
Throughput: a backlog of N committed outbox rows is drained until the handler has stored every effect.
Latency: events emitted one per transaction at a steady rate (half the measured pipeline throughput, at
most 200/s), emit → effect stored.

Two baselines, same broker, same database, same run:
- the **fair baseline** (the goal's): what a user would write without the platform — an aiokafka producer
  and consumer, and per fetch ONE database transaction doing the same INSERT per event (same table shape,
  same statement), then a manual offset commit; no outbox, inbox, CloudEvents or validation. Goal: pipeline
  ≥ 50 % of its throughput, p99 ≤ 1.5× its p99.
- the **physical reference line**: the same aiokafka loop touching no database (no goal; what the broker
  and the client library can do at all).
A side that did not store exactly the events sent, or a latency percentile over fewer than
`MIN_LATENCY_SAMPLES` events, makes the ratios built on it INVALID (`measurement_invalid`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
import time
import uuid
from collections import defaultdict

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from sqlalchemy import Column, func, insert, select
from sqlmodel import Field, SQLModel

from bench.common import Result, broker, percentile, sqlalchemy_url, temporary_database
from hunan_shared import clock
from hunan_shared.bus.consumer import EventConsumer, HandlerContext
from hunan_shared.bus.kafka import KafkaBus
from hunan_shared.bus.outbox import OutboxRelay
from hunan_shared.db import AwareDateTime, PlatformTables, make_engine, new_registry
from hunan_shared.events import encode, new_envelope
from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.metrics import Metrics
from hunan_shared.settings import PlatformSettings
from hunan_shared.uow import unit_of_work

SIZES = {"quick": 2_000, "full": 50_000}
LATENCY_SECONDS = {"quick": 2.0, "full": 20.0}
MAX_RATE = 200.0
MIN_LATENCY_SAMPLES = 100  # fewer make a p99 a guess
FAIR_GOAL_THROUGHPUT = 0.50
FAIR_GOAL_P99 = 1.5

registry = new_registry()
metadata = registry.metadata
tables = PlatformTables.attach(metadata)


class _Toy(SQLModel, registry=registry):
    pass


class BenchEffect(_Toy, table=True):
    """The trivial handler's effect: one row per event, with emit and handle times."""

    event_id: str = Field(primary_key=True, max_length=36)
    disaster_id: str = Field(max_length=36, index=True)
    emitted_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    handled_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


effects = BenchEffect.__table__


class BenchRawEffect(_Toy, table=True):
    """The fair baseline's effect: the same row shape, written by a plain aiokafka consumer."""

    event_id: str = Field(primary_key=True, max_length=36)
    disaster_id: str = Field(max_length=36, index=True)
    emitted_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    handled_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


raw_effects = BenchRawEffect.__table__


def measurement_invalid(side: str, sent: int, stored: int, latency_samples: int | None = None) -> str | None:
    """Why a pipeline measurement cannot count toward a goal, or None.

    Every event sent must have exactly one stored effect (a side that drops or skips work looks fast), and
    a latency percentile needs at least MIN_LATENCY_SAMPLES events.
    """
    if stored != sent:
        return f"{side}: {stored} effects stored for {sent} events sent"
    if latency_samples is not None and latency_samples < MIN_LATENCY_SAMPLES:
        return f"{side}: p99 over {latency_samples} events, fewer than the floor of {MIN_LATENCY_SAMPLES}"
    return None


def on_declared(ctx: HandlerContext, event: DisasterDeclared) -> None:
    ctx.uow.session.execute(
        insert(effects).values(
            event_id=ctx.envelope.id,
            disaster_id=event.disaster_id,
            emitted_at=ctx.envelope.time,
            handled_at=clock.now(),
        )
    )


def event(i: int) -> DisasterDeclared:
    now = clock.now()
    return DisasterDeclared(
        disaster_id=f"bench-{i:07d}",
        hazard="FLOOD_DROUGHT",
        response_level="IV",
        division_codes=["430102"],
        title=f"bench event {i}",
        occurred_at=now,
        declared_at=now,
    )


class Stopwatch:
    """Accumulates time spent in wrapped callables (instance attributes only; shared code untouched)."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, obj, name: str, label: str) -> None:
        original = getattr(obj, name)
        if asyncio.iscoroutinefunction(original):

            @functools.wraps(original)
            async def timed(*args, **kwargs):
                started = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    self.seconds[label] += time.perf_counter() - started
                    self.calls[label] += 1
        else:

            @functools.wraps(original)
            def timed(*args, **kwargs):
                started = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    self.seconds[label] += time.perf_counter() - started
                    self.calls[label] += 1

        setattr(obj, name, timed)


# The bench plays the producing service: consumers accept an event type only from its catalogue producer.
PRODUCER_SOURCE = f"/hunan/{DisasterDeclared.PRODUCER}"


def _emit_batch(engine, start: int, count: int) -> None:
    with unit_of_work(engine, tables, source=PRODUCER_SOURCE) as uow:
        for i in range(start, start + count):
            uow.emit(event(i))


def _count(engine, table=effects) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


async def _wait_for_effects(engine, expected: int, timeout: float, table=effects) -> None:
    deadline = time.monotonic() + timeout
    while await asyncio.to_thread(_count, engine, table) < expected:
        if time.monotonic() > deadline:
            raise TimeoutError(f"pipeline: fewer than {expected} effects after {timeout:.0f} s")
        await asyncio.sleep(0.1)


async def _wait_assigned(consumer: AIOKafkaConsumer | None, getter=None, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        c = getter() if getter else consumer
        if c is not None and c.assignment():
            return
        if time.monotonic() > deadline:
            raise TimeoutError("consumer group join took too long")
        await asyncio.sleep(0.1)


async def pipeline(bootstrap: str, db_url: str, n: int, latency_seconds: float, result: Result) -> dict:
    """Measures the platform pipeline; returns throughput, the steady rate used for latency, p99, counts."""
    engine = make_engine(db_url)
    metadata.create_all(engine)
    settings = PlatformSettings(kafka_bootstrap_servers=bootstrap, kafka_client_prefix=f"bench{uuid.uuid4().hex[:6]}")
    metrics = Metrics("benchpipe")
    bus = KafkaBus(settings, client_id="hunan-benchpipe")
    await bus.start()
    await bus.ensure_topics({DisasterDeclared.TOPIC, DisasterDeclared.TOPIC + ".dlt"})
    relay = OutboxRelay(
        engine=engine,
        tables=tables,
        bus=bus,
        metrics=metrics,
        source=PRODUCER_SOURCE,
        batch_size=settings.outbox_batch_size,
        poll_seconds=settings.outbox_poll_seconds,
    )
    consumer = EventConsumer(
        service="benchpipe",
        handlers={DisasterDeclared: on_declared},
        engine=engine,
        tables=tables,
        bus=bus,
        metrics=metrics,
        settings=settings,
    )
    watch = Stopwatch()
    watch.wrap(relay, "relay_round", "relay: one round (read batch, publish, mark sent)")
    watch.wrap(bus, "send_batch", "relay: bus.send_batch (publish + await acks)")
    watch.wrap(consumer, "handle_in_transaction", "consumer: inbox + handler transaction")
    watch.wrap(consumer, "commit", "consumer: offset commits")
    stop = asyncio.Event()
    tasks = []
    try:
        for start in range(0, n, 1000):
            await asyncio.to_thread(_emit_batch, engine, start, min(1000, n - start))
        tasks.append(asyncio.create_task(consumer.run(stop)))
        await _wait_assigned(None, lambda: consumer.consumer)
        started_at = clock.now()
        began = time.perf_counter()
        tasks.append(asyncio.create_task(relay.run(stop)))
        await _wait_for_effects(engine, n, timeout=max(120.0, n / 20))
        wall = time.perf_counter() - began
        with engine.connect() as conn:
            last = conn.scalar(select(func.max(effects.c.handled_at)))
        seconds = (last - started_at).total_seconds()
        throughput = n / seconds
        result.figure("pipeline throughput (backlog drained)", throughput, "events/s")
        result.figure("pipeline: time to drain backlog", seconds, "s")
        for label, spent in sorted(watch.seconds.items()):
            calls = watch.calls[label]
            result.figure(f"{label}: share of drain time", spent / wall * 100, "%")
            result.figure(f"{label}: per call", spent / max(calls, 1) * 1000, "ms")
        transaction = "consumer: inbox + handler transaction"
        result.figure(f"{transaction}: per event", watch.seconds[transaction] / n * 1000, "ms")
        result.figure(f"{transaction}: events per call", n / max(watch.calls[transaction], 1), "events")

        # Latency at a steady rate: each event in its own transaction, as an HTTP write would do it.
        rate = min(MAX_RATE, throughput / 2)
        m = max(20, int(rate * latency_seconds))
        offset = n
        loop_started = time.perf_counter()
        for i in range(m):
            await asyncio.to_thread(_emit_batch, engine, offset + i, 1)
            delay = loop_started + (i + 1) / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        await _wait_for_effects(engine, n + m, timeout=120.0)
        with engine.connect() as conn:
            rows = conn.execute(
                select(effects.c.emitted_at, effects.c.handled_at).where(effects.c.disaster_id >= f"bench-{offset:07d}")
            ).all()
        latencies = [(handled - emitted).total_seconds() * 1000 for emitted, handled in rows]
        result.figure(f"pipeline latency p50 at {rate:.0f} events/s", percentile(latencies, 50), "ms")
        result.figure(f"pipeline latency p99 at {rate:.0f} events/s", percentile(latencies, 99), "ms")
        result.params["latency_events"] = m
        result.params["latency_rate_per_s"] = rate
        return {
            "throughput": throughput,
            "rate": rate,
            "p99": percentile(latencies, 99),
            "sent": n + m,
            "stored": await asyncio.to_thread(_count, engine),
            "latency_samples": len(latencies),
        }
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await bus.stop()
        engine.dispose()


def _store_raw(engine, records: list, spent: list[float]) -> None:
    """The fair baseline's handler work: ONE transaction per fetch, the same INSERT per event."""
    started = time.perf_counter()
    with engine.begin() as conn:
        for record in records:
            data = json.loads(record.value)
            conn.execute(
                insert(raw_effects).values(
                    event_id=data["disaster_id"],
                    disaster_id=data["disaster_id"],
                    emitted_at=dt.datetime.fromtimestamp(record.timestamp / 1000, dt.UTC),
                    handled_at=clock.now(),
                )
            )
    spent[0] += time.perf_counter() - started
    spent[1] += 1


async def fair_kafka(bootstrap: str, db_url: str, n: int, rate: float, latency_seconds: float, result: Result) -> dict:
    """The fair baseline: aiokafka producer → consumer storing one row per event (one transaction per fetch,
    manual commit after it); no outbox, inbox, CloudEvents or validation. Emit time = the record's timestamp."""
    engine = make_engine(db_url)
    metadata.create_all(engine)
    topic = f"bench.fair.{uuid.uuid4().hex[:6]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, PlatformSettings().kafka_topic_partitions, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, enable_idempotence=False)
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=f"{topic}.group",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )

    def message(i: int) -> tuple[bytes, bytes]:
        e = event(i)
        return e.key().encode(), json.dumps(e.model_dump(mode="json")).encode()

    stop = asyncio.Event()
    spent = [0.0, 0]  # seconds inside the transactions, transactions

    async def consume() -> None:
        while not stop.is_set():
            batches = await consumer.getmany(timeout_ms=500, max_records=500)
            records = [r for rs in batches.values() for r in rs]
            if records:
                await asyncio.to_thread(_store_raw, engine, records, spent)
                await consumer.commit()

    await producer.start()
    await consumer.start()
    consuming = None
    try:
        await _wait_assigned(consumer)
        messages = [message(i) for i in range(n)]
        consuming = asyncio.create_task(consume())
        started_at = clock.now()
        futures = [await producer.send(topic, value, key=key) for key, value in messages]
        await asyncio.gather(*futures)
        await _wait_for_effects(engine, n, timeout=max(120.0, n / 20), table=raw_effects)
        with engine.connect() as conn:
            last = conn.scalar(select(func.max(raw_effects.c.handled_at)))
        throughput = n / (last - started_at).total_seconds()
        result.figure("fair baseline throughput (aiokafka + same INSERT, no platform)", throughput, "events/s")
        result.figure("fair baseline: transaction per event", spent[0] / n * 1000, "ms")
        result.figure("fair baseline: events per transaction", n / max(spent[1], 1), "events")

        m = max(20, int(rate * latency_seconds))
        loop_started = time.perf_counter()
        for i in range(m):
            key, value = message(n + i)
            await (await producer.send(topic, value, key=key))
            delay = loop_started + (i + 1) / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        await _wait_for_effects(engine, n + m, timeout=120.0, table=raw_effects)
        with engine.connect() as conn:
            rows = conn.execute(
                select(raw_effects.c.emitted_at, raw_effects.c.handled_at).where(
                    raw_effects.c.disaster_id >= f"bench-{n:07d}"
                )
            ).all()
        latencies = [(handled - emitted).total_seconds() * 1000 for emitted, handled in rows]
        result.figure(f"fair baseline latency p50 at {rate:.0f} events/s", percentile(latencies, 50), "ms")
        result.figure(f"fair baseline latency p99 at {rate:.0f} events/s", percentile(latencies, 99), "ms")
        return {
            "throughput": throughput,
            "p99": percentile(latencies, 99),
            "sent": n + m,
            "stored": await asyncio.to_thread(_count, engine, raw_effects),
            "latency_samples": len(latencies),
        }
    finally:
        stop.set()
        if consuming is not None:
            await asyncio.gather(consuming, return_exceptions=True)
        await consumer.stop()
        await producer.stop()
        engine.dispose()


async def raw_kafka(bootstrap: str, n: int, rate: float, latency_seconds: float, result: Result) -> float:
    """The limit: aiokafka producer → consumer (manual commit per fetched batch), same messages."""
    topic = f"bench.raw.{uuid.uuid4().hex[:6]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 3, 1)])
    finally:
        await admin.close()
    messages = [encode(new_envelope(event(i), "/hunan/benchraw")) for i in range(n)]
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, enable_idempotence=False)
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=f"{topic}.group",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await producer.start()
    await consumer.start()
    try:
        await _wait_assigned(consumer)
        received: dict[bytes, float] = {}

        async def consume(expected: int) -> None:
            while len(received) < expected:
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                now = time.perf_counter()
                for records in batches.values():
                    for record in records:
                        received[record.value] = now
                if batches:
                    await consumer.commit()

        began = time.perf_counter()
        consuming = asyncio.create_task(consume(n))
        futures = [await producer.send(topic, value, key=key, headers=headers) for key, value, headers in messages]
        await asyncio.gather(*futures)
        await asyncio.wait_for(consuming, timeout=max(120.0, n / 100))
        seconds = max(received.values()) - began
        throughput = n / seconds
        result.figure("raw aiokafka throughput", throughput, "events/s")

        m = max(20, int(rate * latency_seconds))
        sent: dict[bytes, float] = {}
        received.clear()
        consuming = asyncio.create_task(consume(m))
        loop_started = time.perf_counter()
        for i in range(m):
            key, value, headers = encode(new_envelope(event(n + i), "/hunan/benchraw"))
            sent[value] = time.perf_counter()
            await (await producer.send(topic, value, key=key, headers=headers))
            delay = loop_started + (i + 1) / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        await asyncio.wait_for(consuming, timeout=60.0)
        latencies = [(received[v] - t) * 1000 for v, t in sent.items()]
        result.figure(f"raw aiokafka latency p50 at {rate:.0f} events/s", percentile(latencies, 50), "ms")
        result.figure(f"raw aiokafka latency p99 at {rate:.0f} events/s", percentile(latencies, 99), "ms")
        return throughput
    finally:
        await consumer.stop()
        await producer.stop()


def run(size: str) -> Result:
    n = SIZES[size] if size in SIZES else int(size)
    latency_seconds = LATENCY_SECONDS.get(size, 10.0)
    result = Result(
        "pipeline",
        size,
        params={
            "events": n,
            "relay_batch_size": PlatformSettings().outbox_batch_size,
            "relay_poll_seconds": PlatformSettings().outbox_poll_seconds,
            "partitions": PlatformSettings().kafka_topic_partitions,
        },
    )
    with broker() as bootstrap, temporary_database("pipeline") as name:
        platform = asyncio.run(pipeline(bootstrap, sqlalchemy_url(name), n, latency_seconds, result))
        fair = asyncio.run(fair_kafka(bootstrap, sqlalchemy_url(name), n, platform["rate"], latency_seconds, result))
        raw = asyncio.run(raw_kafka(bootstrap, n, platform["rate"], latency_seconds, result))
    throughput_invalid = measurement_invalid("pipeline", platform["sent"], platform["stored"]) or measurement_invalid(
        "fair baseline", fair["sent"], fair["stored"]
    )
    latency_invalid = measurement_invalid(
        "pipeline", platform["sent"], platform["stored"], platform["latency_samples"]
    ) or measurement_invalid("fair baseline", fair["sent"], fair["stored"], fair["latency_samples"])
    result.ratio(
        "pipeline throughput / fair baseline (aiokafka + same INSERT)",
        platform["throughput"] / fair["throughput"],
        FAIR_GOAL_THROUGHPUT,
        invalid=throughput_invalid,
    )
    result.ratio(
        "pipeline latency p99 / fair baseline p99",
        platform["p99"] / fair["p99"],
        FAIR_GOAL_P99,
        higher_is_better=False,
        invalid=latency_invalid,
    )
    # The physical reference line: no database at all (the former 20 % goal compared against this).
    result.ratio(
        "pipeline throughput / no-database aiokafka loop (reference, no goal)",
        platform["throughput"] / raw,
        invalid=measurement_invalid("pipeline", platform["sent"], platform["stored"]),
    )
    result.ratio("fair baseline throughput / no-database aiokafka loop (reference, no goal)", fair["throughput"] / raw)
    return result
