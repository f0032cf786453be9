"""Operator tools behind the CLI: tail a topic readably, replay dead letters."""

from __future__ import annotations

import json
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from hunan_shared.bus.kafka import client_options, dead_letter_topic
from hunan_shared.events import MalformedEvent, decode
from hunan_shared.settings import PlatformSettings

REPLAY_GROUP = "hunan.dead-letter-replay"


def describe(
    topic: str, partition: int, offset: int, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
) -> str:
    """One readable block per message: CloudEvent attributes, then the JSON data."""
    try:
        envelope = decode(topic, key, value, headers)
    except MalformedEvent as exc:
        return f"{topic}[{partition}]@{offset}  (not a valid CloudEvent: {exc})"
    extra = {name: raw.decode(errors="replace") for name, raw in headers if name.startswith("dlt.")}
    lines = [
        f"{topic}[{partition}]@{offset}  {envelope.time.isoformat()}  {envelope.type}",
        f"  id={envelope.id} source={envelope.source} subject={envelope.subject} key={envelope.key}",
    ]
    if "traceparent" in envelope.trace_headers:
        lines.append(f"  traceparent={envelope.trace_headers['traceparent']}")
    lines += [f"  {name}={value}" for name, value in extra.items()]
    lines.append("  " + json.dumps(envelope.data, ensure_ascii=False))
    return "\n".join(lines)


async def _assigned_consumer(settings: PlatformSettings, topic: str, group: str | None = None) -> AIOKafkaConsumer:
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    partitions = consumer.partitions_for_topic(topic)
    if partitions is None:
        await consumer._client.force_metadata_update()  # the topic may be new to this client
        partitions = consumer.partitions_for_topic(topic) or set()
    consumer.assign([TopicPartition(topic, p) for p in sorted(partitions)])
    return consumer


async def tail_topic(
    settings: PlatformSettings, topic: str, from_beginning: bool, limit: int, say: Callable[[str], None]
) -> int:
    consumer = await _assigned_consumer(settings, topic)
    shown = 0
    try:
        if from_beginning:
            await consumer.seek_to_beginning()
        else:
            await consumer.seek_to_end()
        while limit == 0 or shown < limit:
            batches = await consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for r in records:
                    say(describe(r.topic, r.partition, r.offset, r.key, r.value, r.headers))
                    shown += 1
                    if limit and shown >= limit:
                        return shown
    finally:
        await consumer.stop()
    return shown


async def replay_dead_letters(
    settings: PlatformSettings, topic: str, group: str | None, say: Callable[[str], None]
) -> int:
    """Re-publish each message of `<topic>.dlt` (optionally only one consumer group's) to `topic`.

    Progress is committed under a dedicated group, so a message is replayed once; consumers deduplicate
    by event id, so replaying an event that was in fact processed has no second effect.
    """
    dlt = dead_letter_topic(topic)
    consumer = await _assigned_consumer(settings, dlt, group=REPLAY_GROUP)
    producer = AIOKafkaProducer(
        **client_options(settings),
        acks="all",
        enable_idempotence=settings.kafka_enable_idempotence,
    )
    await producer.start()
    replayed = 0
    try:
        end = await consumer.end_offsets(list(consumer.assignment()))

        async def behind() -> bool:
            positions = [await consumer.position(tp) for tp in end]
            return any(position < end[tp] for position, tp in zip(positions, end, strict=True))

        while await behind():
            batches = await consumer.getmany(timeout_ms=1000)
            for tp, records in batches.items():
                for r in records:
                    headers = dict(r.headers)
                    if group is None or headers.get("dlt.consumer_group", b"").decode() == group:
                        original = [(k, v) for k, v in r.headers if not k.startswith("dlt.")]
                        await producer.send_and_wait(topic, r.value, key=r.key, headers=original)
                        replayed += 1
                        say(f"replayed {dlt}[{r.partition}]@{r.offset} -> {topic}")
                if records:
                    await consumer.commit({tp: records[-1].offset + 1})
    finally:
        await producer.stop()
        await consumer.stop()
    return replayed
