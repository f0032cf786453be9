"""Transactional outbox relay and idempotent inbox consumer, on SQLite and PostgreSQL (memory bus)."""

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from hunan_shared import clock
from hunan_shared.bus.kafka import Message
from hunan_shared.events import decode, encode, new_envelope
from hunan_shared.events.catalogue import DisasterDeclared, DispatchDelivered
from hunan_shared.uow import unit_of_work


def declared(title: str, disaster_id: str = "d-1") -> DisasterDeclared:
    now = clock.now()
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level="III",
        division_codes=["430102"],
        title=title,
        occurred_at=now - dt.timedelta(hours=1),
        declared_at=now,
    )


def emit(platform, *events):
    with unit_of_work(platform.engine, platform.tables, platform.source, "tester") as uow:
        for event in events:
            uow.emit(event)
        uow.audit("test.emit", "test", None)


def pending(platform) -> int:
    outbox = platform.tables.outbox
    with platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(outbox).where(outbox.c.state == "pending"))


def relay_once(platform):
    async def go():
        platform.relay._loop = asyncio.get_running_loop()
        return await asyncio.to_thread(platform.relay.relay_round)

    return asyncio.run(go())


def test_relay_publishes_in_order_and_marks_sent(toy_app, memory_bus):
    platform = toy_app.state.platform
    emit(platform, *(declared(f"t{i}", disaster_id=f"d-{i % 2}") for i in range(5)))
    assert pending(platform) == 5
    assert relay_once(platform) == (5, True)
    assert pending(platform) == 0
    titles = [decode(m.topic, m.key, m.value, m.headers).data["title"] for m in memory_bus.on("emergency.disaster")]
    assert titles == ["t0", "t1", "t2", "t3", "t4"]
    assert {m.key for m in memory_bus.messages} == {b"d-0", b"d-1"}
    assert relay_once(platform) == (0, True)  # nothing published twice


def test_nothing_is_lost_while_the_broker_is_away(toy_app, memory_bus):
    platform = toy_app.state.platform
    emit(platform, declared("a"), declared("b"))
    memory_bus.fail_sends = True
    assert relay_once(platform) == (0, False)
    assert pending(platform) == 2
    outbox = platform.tables.outbox
    with platform.engine.connect() as conn:
        assert conn.scalar(select(func.max(outbox.c.attempts))) == 1
    memory_bus.fail_sends = False
    assert relay_once(platform) == (2, True)
    assert [decode(m.topic, m.key, m.value, m.headers).data["title"] for m in memory_bus.messages] == ["a", "b"]


def test_rolled_back_transaction_leaves_no_outbox_row(toy_app):
    platform = toy_app.state.platform
    with pytest.raises(RuntimeError):
        with unit_of_work(platform.engine, platform.tables, platform.source) as uow:
            uow.emit(declared("never"))
            raise RuntimeError("domain change failed")
    assert pending(platform) == 0


def message(event, source="/hunan/emergency") -> Message:
    key, value, headers = encode(new_envelope(event, source))
    return Message(event.TOPIC, key, value, headers)


def notes(platform, toy) -> list[str]:
    with platform.engine.connect() as conn:
        return [r.text for r in conn.execute(select(toy.note_table).order_by(toy.note_table.c.text))]


def test_redelivered_event_has_one_effect(toy_app, toy, memory_bus):
    platform = toy_app.state.platform
    memory_bus.messages.append(message(declared("flood", "d-9")))
    asyncio.run(memory_bus.deliver(platform.consumer))
    asyncio.run(memory_bus.deliver(platform.consumer))
    assert notes(platform, toy) == ["seen d-9"]
    inbox = platform.tables.inbox
    with platform.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(inbox)) == 1
    text = platform.metrics.registry.get_sample_value(
        "hunan_events_consumed_total",
        {
            "service": "toy",
            "consumer": "hunan.toy",
            "topic": "emergency.disaster",
            "type": DisasterDeclared.TYPE,
            "outcome": "duplicate",
        },
    )
    assert text == 1.0


def test_poison_message_is_retried_then_dead_lettered_and_the_stream_continues(toy_app, toy, memory_bus):
    platform = toy_app.state.platform
    memory_bus.messages += [message(declared("poison", "d-1")), message(declared("fine", "d-2"))]
    asyncio.run(memory_bus.deliver(platform.consumer, ["emergency.disaster"]))
    assert notes(platform, toy) == ["seen d-2"]
    [dead] = memory_bus.on("emergency.disaster.dlt")
    headers = dict(dead.headers)
    assert headers["dlt.error_type"] == b"ValueError"
    assert b"cannot digest poison" in headers["dlt.error"]
    assert headers["dlt.origin_topic"] == b"emergency.disaster"
    assert headers["dlt.consumer_group"] == b"hunan.toy"
    assert headers["dlt.attempts"] == str(platform.settings.consumer_max_attempts).encode()
    assert headers["ce_type"] == DisasterDeclared.TYPE.encode()  # the original event is kept for replay
    failed = platform.metrics.registry.get_sample_value(
        "hunan_events_failed_total", {"service": "toy", "consumer": "hunan.toy", "topic": "emergency.disaster"}
    )
    assert failed == platform.settings.consumer_max_attempts
    assert (
        platform.metrics.registry.get_sample_value(
            "hunan_events_dead_lettered_total",
            {"service": "toy", "consumer": "hunan.toy", "topic": "emergency.disaster"},
        )
        == 1
    )


@pytest.mark.parametrize(
    ("headers", "value"),
    [
        pytest.param([("ce_specversion", b"1.0")], b"{}", id="missing-attributes"),
        pytest.param([], b"plain bytes", id="not-a-cloudevent"),
    ],
)
def test_malformed_message_goes_to_dead_letters(toy_app, memory_bus, headers, value):
    consumer = toy_app.state.platform.consumer
    done = asyncio.run(consumer.process("emergency.disaster", 0, 7, b"k", value, headers))
    assert done is True
    [dead] = memory_bus.on("emergency.disaster.dlt")
    assert dict(dead.headers)["dlt.origin_offset"] == b"7"


def test_unknown_version_is_dead_lettered_but_unhandled_known_types_are_skipped(toy_app, memory_bus):
    consumer = toy_app.state.platform.consumer
    key, value, headers = encode(new_envelope(declared("x"), "/hunan/emergency"))
    v9 = [(k, b"hunan.emergency.disaster.declared.v9" if k == "ce_type" else v) for k, v in headers]
    assert asyncio.run(consumer.process("emergency.disaster", 0, 1, key, value, v9))
    assert len(memory_bus.on("emergency.disaster.dlt")) == 1
    delivered = DispatchDelivered(dispatch_id="x", disaster_id="d", division_codes=["430102"], delivered_at=clock.now())
    m = message(delivered)
    assert asyncio.run(consumer.process(m.topic, 0, 2, m.key, m.value, m.headers))
    assert len(memory_bus.on("emergency.dispatch.dlt")) == 0


def test_database_outage_is_not_the_messages_fault(toy_app, memory_bus, monkeypatch):
    consumer = toy_app.state.platform.consumer

    def unavailable(*_args):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(consumer, "handle_in_transaction", unavailable)
    m = message(declared("x"))
    assert asyncio.run(consumer.process(m.topic, 0, 3, m.key, m.value, m.headers)) is False
    assert memory_bus.on("emergency.disaster.dlt") == []


def test_a_fetched_batch_is_handled_in_order_with_duplicates_inside_it_applied_once(toy_app, toy, memory_bus):
    platform = toy_app.state.platform
    first = message(declared("a", "d-a"))
    memory_bus.messages += [first, message(declared("b", "d-b")), first, message(declared("c", "d-c"))]
    delivered = asyncio.run(memory_bus.deliver(platform.consumer))
    assert delivered == 4
    assert notes(platform, toy) == ["seen d-a", "seen d-b", "seen d-c"]
    duplicates = platform.metrics.registry.get_sample_value(
        "hunan_events_consumed_total",
        {
            "service": "toy",
            "consumer": "hunan.toy",
            "topic": "emergency.disaster",
            "type": DisasterDeclared.TYPE,
            "outcome": "duplicate",
        },
    )
    assert duplicates == 1


def test_infrastructure_failure_in_a_batch_stops_before_it_and_reports_waiting(toy_app, memory_bus, monkeypatch):
    consumer = toy_app.state.platform.consumer

    def unavailable(*_args):
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(consumer, "handle_in_transaction", unavailable)
    memory_bus.messages += [message(declared("x", "d-x")), message(declared("y", "d-y"))]
    from hunan_shared.bus.memory import Record

    records = [Record(m.topic, 0, i, m.key, m.value, m.headers) for i, m in enumerate(memory_bus.messages)]
    assert asyncio.run(consumer.process_records(records)) == (0, True)
    assert memory_bus.on("emergency.disaster.dlt") == []
