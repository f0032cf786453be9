"""CloudEvents envelope: Kafka binary-mode round trip, checked with the cloudevents SDK itself."""

import datetime as dt

import pytest
from cloudevents.core.bindings import kafka as ce_kafka

from hunan_shared import clock
from hunan_shared.events import MalformedEvent, decode, encode, new_envelope
from hunan_shared.events.catalogue import CATALOGUE, DisasterDeclared

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def declared() -> DisasterDeclared:
    now = clock.now()
    return DisasterDeclared(
        disaster_id="d-1",
        hazard="FLOOD_DROUGHT",
        response_level="II",
        division_codes=["430102"],
        title="洪涝",
        occurred_at=now - dt.timedelta(hours=1),
        declared_at=now,
    )


def test_binary_mode_headers_and_round_trip():
    envelope = new_envelope(declared(), "/hunan/emergency", trace_headers={"traceparent": TRACEPARENT})
    key, value, headers = encode(envelope)
    names = dict(headers)
    assert key == b"d-1"
    assert names["ce_specversion"] == b"1.0"
    assert names["ce_type"] == b"hunan.emergency.disaster.declared"
    assert names["content-type"] == b"application/json"
    assert names["traceparent"] == TRACEPARENT.encode()
    back = decode("emergency.disaster", key, value, headers)
    assert back.id == envelope.id and back.parse() == declared().model_copy(update=back.parse().model_dump())
    assert back.trace_headers["traceparent"] == TRACEPARENT


def test_the_cloudevents_sdk_reads_our_messages():
    event = declared()
    key, value, headers = encode(new_envelope(event, "/hunan/emergency"))
    parsed = ce_kafka.from_binary_event(ce_kafka.KafkaMessage(headers=dict(headers), key=key, value=value))
    assert parsed.get_type() == event.TYPE
    assert parsed.get_source() == "/hunan/emergency"
    assert parsed.get_data()["disaster_id"] == "d-1"
    assert parsed.get_attributes()["dataschema"].endswith("/v1.json")


def test_times_carry_the_shanghai_offset():
    envelope = new_envelope(declared(), "/hunan/emergency")
    assert envelope.data["declared_at"].endswith("+08:00")


@pytest.mark.parametrize(
    ("headers", "value", "why"),
    [
        ([], b"{}", "no ce_specversion"),
        ([("ce_specversion", b"0.3")], b"{}", "specversion"),
        (
            [
                ("ce_specversion", b"1.0"),
                ("ce_id", b"1"),
                ("ce_source", b"/x"),
                ("ce_type", b"t"),
                ("content-type", b"application/json"),
            ],
            b"not json",
            "JSON object",
        ),
    ],
)
def test_malformed_messages_raise(headers, value, why):
    with pytest.raises(MalformedEvent, match=why):
        decode("emergency.disaster", b"k", value, headers)


def test_unknown_type_and_bad_payload_raise_on_parse():
    envelope = new_envelope(declared(), "/hunan/emergency")
    with pytest.raises(MalformedEvent, match="unknown event type"):
        envelope.__class__(**{**envelope.__dict__, "type": "hunan.emergency.disaster.declared.v9"}).parse()
    with pytest.raises(MalformedEvent, match="does not match"):
        envelope.__class__(**{**envelope.__dict__, "data": {"disaster_id": "x"}}).parse()


def test_catalogue_follows_the_naming_rules():
    for event_type, cls in CATALOGUE.items():
        domain, aggregate = cls.TOPIC.split(".")
        assert event_type.startswith(f"hunan.{cls.PRODUCER}."), event_type
        assert cls.KEY in cls.model_fields, event_type
        assert domain == cls.PRODUCER
