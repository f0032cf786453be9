"""Domain events of the suite: the catalogue (pydantic models) and the CloudEvents envelope."""

from hunan_shared.events.catalogue import CATALOGUE, Event, event_class
from hunan_shared.events.envelope import Envelope, MalformedEvent, decode, encode, new_envelope, producer_source

__all__ = [
    "CATALOGUE",
    "Envelope",
    "Event",
    "MalformedEvent",
    "decode",
    "encode",
    "event_class",
    "new_envelope",
    "producer_source",
]
