"""The Kafka side of the bus: one producer per service, topic creation, broker health.

Nothing here depends on the local Tansu broker; the idempotent producer is a setting because that broker
lacks it (on for real Kafka). Every client is built from `client_options`, so TLS and SASL apply to all.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from aiokafka.helpers import create_ssl_context

from hunan_shared.settings import PlatformSettings

log = logging.getLogger(__name__)

DEAD_LETTER_SUFFIX = ".dlt"


def dead_letter_topic(topic: str) -> str:
    return topic + DEAD_LETTER_SUFFIX


def client_options(settings: PlatformSettings) -> dict[str, Any]:
    """Connection and security options shared by every Kafka client of the suite (producer, consumer, admin,
    operator tools): bootstrap servers, security protocol, SASL credentials, TLS context."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "security_protocol": settings.kafka_security_protocol,
    }
    if settings.kafka_security_protocol.startswith("SASL_"):
        assert settings.kafka_sasl_password is not None  # the settings' validator guarantees it
        options |= {
            "sasl_mechanism": settings.kafka_sasl_mechanism,
            "sasl_plain_username": settings.kafka_sasl_username,
            "sasl_plain_password": settings.kafka_sasl_password.get_secret_value(),
        }
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = create_ssl_context(
            cafile=str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None,
            certfile=str(settings.kafka_ssl_certfile) if settings.kafka_ssl_certfile else None,
            keyfile=str(settings.kafka_ssl_keyfile) if settings.kafka_ssl_keyfile else None,
        )
    return options


@dataclass(frozen=True)
class Message:
    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


class KafkaBus:
    """Producer + admin for one service (implements `Bus`). `connected` reflects the last health probe."""

    consumes_from_broker = True  # the service runs its consumer poll loops against the broker

    def __init__(self, settings: PlatformSettings, client_id: str):
        self.settings = settings
        self.client_id = client_id
        self.producer: AIOKafkaProducer | None = None
        self.connected = False

    async def start(self) -> None:
        producer = AIOKafkaProducer(
            **client_options(self.settings),
            client_id=self.client_id,
            acks="all",
            enable_idempotence=self.settings.kafka_enable_idempotence,
            linger_ms=5,
            request_timeout_ms=15000,
        )
        try:
            await producer.start()
        except BaseException:
            await producer.stop()
            raise
        self.producer = producer
        self.connected = True

    async def stop(self) -> None:
        if self.producer is not None:
            await self.producer.stop()
            self.producer = None
        self.connected = False

    async def ensure_topics(self, topics: set[str]) -> None:
        """Create missing topics (with the configured partitions and replication); existing ones are kept."""
        admin = AIOKafkaAdminClient(**client_options(self.settings), client_id=self.client_id)
        await admin.start()
        try:
            existing = set(await admin.list_topics())
            missing = sorted(topics - existing)
            if missing:
                new = [
                    NewTopic(t, self.settings.kafka_topic_partitions, self.settings.kafka_topic_replication)
                    for t in missing
                ]
                try:
                    await admin.create_topics(new)
                except TopicAlreadyExistsError:
                    pass  # another service created it first
                log.info("created topics", extra={"topics": missing})
        finally:
            await admin.close()

    async def probe(self, timeout: float = 5.0) -> bool:
        """Ask the broker for metadata; updates and returns `connected`."""
        if self.producer is None:
            self.connected = False
            return False
        try:
            await asyncio.wait_for(self.producer.client.fetch_all_metadata(), timeout)
            self.connected = True
        except (TimeoutError, KafkaError, OSError):
            self.connected = False
        return self.connected

    async def send_batch(self, messages: list[Message], timeout: float = 15.0) -> int:
        """Send in order; return how many messages from the start of the list the broker acknowledged."""
        assert self.producer is not None, "bus not started"
        futures = []
        try:
            for m in messages:
                futures.append(await self.producer.send(m.topic, m.value, key=m.key, headers=m.headers))
        except KafkaError as exc:
            log.warning("broker refused a message", extra={"error": str(exc)})
        delivered = 0
        for future in futures:
            try:
                await asyncio.wait_for(asyncio.shield(future), timeout)
            except (TimeoutError, KafkaError) as exc:
                log.warning("publish failed", extra={"error": repr(exc)})
                self.connected = False
                break
            delivered += 1
        return delivered

    async def send(self, message: Message) -> None:
        if await self.send_batch([message]) != 1:
            raise KafkaError(f"could not publish to {message.topic}")
