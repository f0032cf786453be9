"""Event pipeline: outbox → relay → broker → consumer (inbox + trivial handler) vs a raw aiokafka loop.

Size "full": 50 000 events for throughput; "quick": 2 000; custom: `--size pipeline=10000`. A toy service
(its own tables: the platform outbox/inbox plus one effect table) on a fresh PostgreSQL database uses the
real KafkaBus, OutboxRelay and EventConsumer with the platform defaults (relay batch 200, poll 0.2 s,
3 partitions). Throughput: a backlog of N committed outbox rows is drained until the handler has stored
every effect. Latency: events emitted one per transaction at a steady rate (half the measured pipeline
throughput, at most 200/s), emit → effect stored. The limit: an aiokafka producer and consumer on the same
broker, same messages (CloudEvents binary mode), manual commits per batch.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
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


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(effects))


async def _wait_for_effects(engine, expected: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while await asyncio.to_thread(_count, engine) < expected:
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


async def pipeline(bootstrap: str, db_url: str, n: int, latency_seconds: float, result: Result) -> tuple[float, float]:
    """Measures the platform pipeline; returns (throughput, steady rate used for the latency phase)."""
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
        return throughput, rate
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await bus.stop()
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
        throughput, rate = asyncio.run(pipeline(bootstrap, sqlalchemy_url(name), n, latency_seconds, result))
        raw = asyncio.run(raw_kafka(bootstrap, n, rate, latency_seconds, result))
    result.ratio("pipeline throughput / raw aiokafka throughput", throughput / raw, 0.20)
    return result
