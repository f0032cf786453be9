"""The bus seam: what the platform (outbox relay, consumers, service lifecycle) needs from a message bus.

`KafkaBus` is the production implementation; `MemoryBus` is its fake for in-process tests. Code that takes a
bus is typed against `Bus`, never against one implementation.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from hunan_shared.bus.kafka import Message


@runtime_checkable
class Bus(Protocol):
    # Last known reachability of the broker (updated by start, stop, probe and failed sends).
    connected: bool

    @property
    def consumes_from_broker(self) -> bool:
        """True when the service must run its own consumer poll loops against this bus (Kafka); False when
        the test drives consumers itself (`MemoryBus.deliver`, `EventDriver`)."""
        ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def ensure_topics(self, topics: set[str]) -> None:
        """Create the missing topics; existing ones are kept."""
        ...

    async def probe(self, timeout: float = 5.0) -> bool:
        """Check the broker; update and return `connected`."""
        ...

    async def send_batch(self, messages: list[Message], timeout: float = 15.0) -> int:
        """Send in order; return how many messages from the start of the list were acknowledged."""
        ...

    async def send(self, message: Message) -> None:
        """Send one message or raise."""
        ...
