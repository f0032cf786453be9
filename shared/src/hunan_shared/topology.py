"""Who writes and who reads which Kafka topic, derived from the code: the event catalogue (each event's
producer and topic), each service's `ServiceSpec.produces` and its handler map (`ServiceSpec.handlers`, the
events it really consumes). The deploy files (Strimzi KafkaTopics and KafkaUsers with their ACLs, the compose
stack's topics, users and ACLs) are generated from this by `deploy/kafka/sync_topology.py`, so a new event,
topic or handler cannot be forgotten in them (its `--check` mode fails).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from hunan_shared.bus.kafka import dead_letter_topic
from hunan_shared.events.catalogue import CATALOGUE, TOPICS
from hunan_shared.settings import DEFAULT_PORTS

SERVICES: tuple[str, ...] = tuple(DEFAULT_PORTS)


@dataclass(frozen=True)
class ServiceTopology:
    """The Kafka footprint of one service: the least it needs to be allowed."""

    service: str
    writes: tuple[str, ...]  # topics of the events it produces (outbox relay)
    reads: tuple[str, ...]  # topics its handlers consume

    @property
    def dead_letters(self) -> tuple[str, ...]:
        """`<topic>.dlt` of each consumed topic: the consumer writes there after its retries are exhausted."""
        return tuple(dead_letter_topic(t) for t in self.reads)

    def group(self, prefix: str = "hunan") -> str:
        """The consumer group id (`<KAFKA_CLIENT_PREFIX>.<service>`), as the consumer names it."""
        return f"{prefix}.{self.service}"

    @property
    def user(self) -> str:
        """The Kafka principal (Strimzi KafkaUser name, SASL username) of the service."""
        return f"hunan-{self.service.replace('_', '-')}"


def service_topology(service: str) -> ServiceTopology:
    spec = importlib.import_module(f"hunan_{service}.app").SPEC
    produced = {cls.TOPIC for cls in spec.produces}
    produced |= {cls.TOPIC for cls in CATALOGUE.values() if cls.PRODUCER == service}
    consumed = {cls.TOPIC for cls in spec.handlers}
    return ServiceTopology(service=service, writes=tuple(sorted(produced)), reads=tuple(sorted(consumed)))


def suite_topology() -> dict[str, ServiceTopology]:
    return {service: service_topology(service) for service in SERVICES}


def event_topics() -> tuple[str, ...]:
    """Every event topic of the catalogue (each also has its dead-letter topic)."""
    return TOPICS
