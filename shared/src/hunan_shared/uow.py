"""Unit of work: one database transaction plus what the service layer may do inside it.

Service-layer functions take a UnitOfWork, change domain rows through `session`, announce what happened
with `emit` (a transactional-outbox row, committed with the change) and record mutations with `audit`.
The same object is handed to HTTP handlers and to event handlers, so both paths behave alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine, insert
from sqlmodel import Session

from hunan_shared import clock, telemetry
from hunan_shared.db import PlatformTables
from hunan_shared.events import Envelope, Event, new_envelope


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@dataclass
class UnitOfWork:
    session: Session
    tables: PlatformTables
    source: str
    actor: str = "system"
    emitted: list[Envelope] = field(default_factory=list)
    audit_entries: int = 0

    def emit(self, event: Event) -> Envelope:
        """Store the event in the outbox in this transaction; the relay publishes it after commit."""
        envelope = new_envelope(event, self.source, trace_headers=telemetry.current_trace_headers())
        self.session.execute(
            insert(self.tables.outbox).values(
                id=envelope.id,
                aggregatetype=event.aggregate_type(),
                aggregateid=envelope.key,
                type=envelope.type,
                topic=envelope.topic,
                payload=envelope.data,
                subject=envelope.subject,
                dataschema=envelope.dataschema,
                traceparent=envelope.trace_headers.get("traceparent"),
                tracestate=envelope.trace_headers.get("tracestate"),
                state="pending",
                attempts=0,
                created_at=envelope.time,
            )
        )
        self.emitted.append(envelope)
        return envelope

    def audit(
        self, action: str, target_type: str, target_id: str | None, *, before: Any = None, after: Any = None
    ) -> None:
        """Append to the audit log: who did what to which record, with the state before and after."""
        self.session.execute(
            insert(self.tables.audit_log).values(
                actor=self.actor,
                action=action,
                target_type=target_type,
                target_id=target_id,
                at=clock.now(),
                changes={"before": _jsonable(before), "after": _jsonable(after)},
                trace_id=telemetry.current_trace_id(),
            )
        )
        self.audit_entries += 1


# Called after a commit that wrote outbox rows, per engine: the outbox relay registers here so it
# publishes at once instead of waiting for its next poll.
_outbox_listeners: dict[int, list[Callable[[], None]]] = {}


def on_outbox_commit(engine: Engine, callback: Callable[[], None]) -> None:
    _outbox_listeners.setdefault(id(engine), []).append(callback)


@contextmanager
def unit_of_work(engine: Engine, tables: PlatformTables, source: str, actor: str = "system") -> Iterator[UnitOfWork]:
    """Commit everything done through the yielded UnitOfWork, or nothing if it raises."""
    with Session(engine, expire_on_commit=False) as session:
        with session.begin():
            uow = UnitOfWork(session=session, tables=tables, source=source, actor=actor)
            yield uow
    if uow.emitted:
        for callback in _outbox_listeners.get(id(engine), ()):
            callback()


def new_id() -> str:
    return str(uuid.uuid4())
