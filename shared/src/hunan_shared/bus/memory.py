"""In-memory stand-in for KafkaBus — for fast unit tests only, never for the end-to-end proof."""

from __future__ import annotations

from hunan_shared.bus.kafka import Message


class MemoryBus:
    """Records published messages per topic; `deliver` feeds them to an EventConsumer's `process`."""

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

    async def deliver(self, consumer, topics: list[str] | None = None) -> int:
        """Process every message of the consumer's topics once, in publish order; returns how many."""
        wanted = set(topics or consumer.topics)
        count = 0
        for offset, message in enumerate(list(self.messages)):
            if message.topic in wanted:
                await consumer.process(message.topic, 0, offset, message.key, message.value, message.headers)
                count += 1
        return count
