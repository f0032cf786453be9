"""In-memory stand-in for KafkaBus — for fast unit tests only, never for the end-to-end proof."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from hunan_shared.bus.kafka import Message

if TYPE_CHECKING:
    from hunan_shared.bus.consumer import EventConsumer


class Record(NamedTuple):
    """The fields of a consumed Kafka record that the consumer reads."""

    topic: str
    partition: int
    offset: int
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


class MemoryBus:
    """Records published messages per topic; `deliver` feeds them to an EventConsumer's `process`.

    The fake of `Bus`: the service starts no consumer loops on it, the test drives them (`EventDriver`)."""

    consumes_from_broker = False

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.connected = True
        self.fail_sends = False  # simulate a broker outage

    async def start(self) -> None:
        self.connected = True

    async def stop(self) -> None:
        self.connected = False

    async def ensure_topics(self, topics: set[str]) -> None:
        return None

    async def probe(self, timeout: float = 5.0) -> bool:
        return self.connected

    async def send_batch(self, messages: list[Message], timeout: float = 15.0) -> int:
        if self.fail_sends:
            return 0
        self.messages.extend(messages)
        return len(messages)

    async def send(self, message: Message) -> None:
        if await self.send_batch([message]) != 1:
            raise ConnectionError("memory bus is failing sends")

    def on(self, topic: str) -> list[Message]:
        return [m for m in self.messages if m.topic == topic]

    async def deliver(self, consumer: EventConsumer, topics: list[str] | None = None) -> int:
        """Feed every message of the consumer's topics to it once, in publish order, as one batch per topic
        (like a fetch from one partition); returns how many messages were delivered."""
        wanted = set(topics or consumer.topics)
        count = 0
        for topic in sorted(wanted):
            records = [
                Record(m.topic, 0, offset, m.key, m.value, m.headers)
                for offset, m in enumerate(list(self.messages))
                if m.topic == topic
            ]
            if records:
                done, _waiting = await consumer.process_records(records)
                count += done
        return count
