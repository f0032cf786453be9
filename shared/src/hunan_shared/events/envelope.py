"""CloudEvents 1.0 envelope and its Kafka protocol binding (binary content mode), via the `cloudevents` SDK.

On the wire: `ce_specversion`, `ce_id`, `ce_source`, `ce_type`, `ce_time`, `ce_subject`, `ce_dataschema`
headers, `content-type: application/json`, the JSON data as the value, the aggregate id as the key, and
the W3C `traceparent`/`tracestate` headers so consumers continue the producer's trace.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.v1.event import CloudEvent

from hunan_shared import clock
from hunan_shared.events.catalogue import CATALOGUE, Event
from hunan_shared.types import validate_timestamp

TRACE_HEADERS = ("traceparent", "tracestate")


REQUIRED_HEADERS = ("ce_specversion", "ce_id", "ce_source", "ce_type")
MAX_ATTRIBUTE_LENGTH = 200


class MalformedEvent(ValueError):
    """The message is not a valid CloudEvent of a known type and version; it belongs in the dead-letter topic.

    `reason` is a short code that goes into the dead letter's `dlt.reason` header and the refusal metric:
    `invalid-envelope`, `unknown-type`, `invalid-payload` or `forged-source`."""

    def __init__(self, message: str, reason: str = "invalid-envelope"):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Envelope:
    id: str
    source: str
    type: str
    topic: str
    key: str
    time: dt.datetime
    data: dict[str, Any]
    subject: str | None = None
    dataschema: str | None = None
    trace_headers: dict[str, str] = field(default_factory=dict)

    def parse(self) -> Event:
        """The typed catalogue event carried by this envelope."""
        try:
            cls = CATALOGUE[self.type]
        except KeyError:
            raise MalformedEvent(f"unknown event type {self.type!r}", "unknown-type") from None
        try:
            return cls.model_validate(self.data)
        except ValueError as exc:
            raise MalformedEvent(f"payload does not match {self.type}: {exc}", "invalid-payload") from exc


def producer_source(event_class: type[Event]) -> str:
    """The `ce_source` of every event of this class: its catalogue producer's (`/hunan/<PRODUCER>`)."""
    return f"/hunan/{event_class.PRODUCER}"


def new_envelope(
    event: Event, source: str, *, time: dt.datetime | None = None, trace_headers: dict[str, str] | None = None
) -> Envelope:
    return Envelope(
        id=str(uuid.uuid4()),
        source=source,
        type=event.TYPE,
        topic=event.TOPIC,
        key=event.key(),
        time=time or clock.now(),
        data=event.model_dump(mode="json"),
        subject=f"{event.aggregate_type()}/{event.key()}",
        dataschema=event.dataschema(),
        trace_headers=trace_headers or {},
    )


def encode(envelope: Envelope) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """Envelope -> (key, value, headers) for aiokafka (headers as a list of tuples)."""
    attributes = {
        "id": envelope.id,
        "source": envelope.source,
        "type": envelope.type,
        "time": envelope.time,
        "subject": envelope.subject,
        "dataschema": envelope.dataschema,
        "datacontenttype": "application/json",
    }
    message = ce_kafka.to_binary_event(
        CloudEvent(attributes={k: v for k, v in attributes.items() if v is not None}, data=envelope.data),
        key_mapper=lambda _event: envelope.key,
    )
    headers = [(name, value) for name, value in message.headers.items()]
    headers += [(name, value.encode()) for name, value in envelope.trace_headers.items() if name in TRACE_HEADERS]
    key = message.key.encode() if isinstance(message.key, str) else message.key
    return key or b"", message.value, headers


def decode(
    topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...]
) -> Envelope:
    """(key, value, headers) from Kafka -> Envelope; raises MalformedEvent on anything invalid."""
    header_map = {name: raw for name, raw in headers or ()}
    if "ce_specversion" not in header_map:
        raise MalformedEvent("not a CloudEvents binary-mode message (no ce_specversion header)")
    if header_map["ce_specversion"] != b"1.0":
        raise MalformedEvent(f"unsupported CloudEvents specversion {header_map['ce_specversion']!r}")
    # The SDK fills a missing id (a fresh UUID) and time (now): an event without them would be processed,
    # and its redeliveries would each look new to the inbox. Require them as sent.
    for name in REQUIRED_HEADERS:
        raw = header_map.get(name)
        if raw is None or not raw.strip():
            raise MalformedEvent(f"CloudEvent attribute {name} is missing or empty")
        if len(raw) > MAX_ATTRIBUTE_LENGTH:
            raise MalformedEvent(f"CloudEvent attribute {name} is longer than {MAX_ATTRIBUTE_LENGTH} bytes")
    try:
        event = ce_kafka.from_binary_event(ce_kafka.KafkaMessage(headers=header_map, key=key, value=value or b""))
        attributes = event.get_attributes()
        data = event.get_data()
    except Exception as exc:  # the SDK raises several types for bad attributes or JSON
        raise MalformedEvent(f"invalid CloudEvent: {exc}") from exc
    if not isinstance(data, dict):
        raise MalformedEvent("event data must be a JSON object")
    time = attributes.get("time")
    if not header_map.get("ce_time") or not isinstance(time, dt.datetime):
        raise MalformedEvent("CloudEvent attribute ce_time is missing or not an RFC 3339 timestamp")
    try:
        validate_timestamp(time)
    except ValueError as exc:
        raise MalformedEvent(f"CloudEvent attribute time: {exc}") from None
    return Envelope(
        id=attributes["id"],
        source=attributes["source"],
        type=attributes["type"],
        topic=topic,
        key=(key or b"").decode(),
        time=time,
        data=data,
        subject=attributes.get("subject"),
        dataschema=attributes.get("dataschema"),
        trace_headers={name: header_map[name].decode() for name in TRACE_HEADERS if name in header_map},
    )
