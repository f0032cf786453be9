"""Event bus: Kafka producer/consumers, transactional outbox relay, idempotent inbox, dead letters."""

from hunan_shared.bus.consumer import EventConsumer, Handler, HandlerContext
from hunan_shared.bus.kafka import KafkaBus, Message
from hunan_shared.bus.memory import MemoryBus
from hunan_shared.bus.outbox import OutboxRelay
from hunan_shared.bus.protocol import Bus

__all__ = ["Bus", "EventConsumer", "Handler", "HandlerContext", "KafkaBus", "MemoryBus", "Message", "OutboxRelay"]
