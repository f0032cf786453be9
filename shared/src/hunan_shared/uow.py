"""Unit of work: one database transaction plus what the service layer may do inside it.

Service-layer functions take a UnitOfWork, load and lock domain rows through `repo(Model)`, announce what
happened with `emit` (a transactional-outbox row, committed with the change) and record mutations with
`audit` — or, for "load, change, audit before/after", with `audited_change`. The same object is handed to
HTTP handlers and to event handlers, so both paths behave alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Engine, insert, text
from sqlmodel import Session, SQLModel

from hunan_shared import clock, telemetry
from hunan_shared.db import PlatformTables
from hunan_shared.events import Envelope, Event, new_envelope
from hunan_shared.repository import Repository

M = TypeVar("M", bound=SQLModel)
R = TypeVar("R")
_UNSET: Any = object()


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


@dataclass(eq=False)
class AuditedChange(Generic[R]):
    """The row being changed inside `UnitOfWork.audited_change`, and what the audit entry will record."""

    row: R
    before: Any
    after: Any = _UNSET  # set it to record something other than render(row) after the block

    @property
    def rendered_after(self) -> bool:
        return self.after is not _UNSET


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
        envelope = new_envelope(event, self.source, trace_headers=telemetry.event_trace_headers())
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

    def repo(self, model: type[M], *, noun: str | None = None) -> Repository[M]:
        """Load, lock, insert and page rows of `model` in this transaction: `uow.repo(Disaster).for_update(id)`."""
        return Repository(self.session, model, noun=noun)

    @contextmanager
    def audited_change(
        self,
        action: str,
        row: R,
        *,
        render: Callable[[R], Any] | None = None,
        target_type: str | None = None,
        target_id: str | None = None,
    ) -> Iterator[AuditedChange[R]]:
        """Audit one change of `row`: its rendering before the block, and after it, in one entry.

            disaster = uow.repo(Disaster).for_update(disaster_id)
            with uow.audited_change("disaster.close", disaster, render=lambda d: _out(uow.session, d)) as change:
                disaster.state = DisasterState.CLOSED.value
                change.after = out = _out(uow.session, disaster, transition.basis)   # optional

        `render` defaults to the row itself (a SQLModel dumps to JSON); the "before" snapshot is taken at
        once, so later changes to the row cannot leak into it. After the block the session is flushed and,
        unless `change.after` was set, `render(row)` is recorded. `target_type` defaults to the action's
        prefix ("disaster"), `target_id` to `row.id`. If the block raises, nothing is audited.
        """
        draw: Callable[[R], Any] = render if render is not None else _identity
        change = AuditedChange(row=row, before=_jsonable(draw(row)))
        yield change
        self.session.flush()
        after = change.after if change.rendered_after else draw(row)
        self.audit(
            action,
            target_type or action.split(".", 1)[0],
            target_id if target_id is not None else str(getattr(row, "id")),  # noqa: B009 - any row type
            before=change.before,
            after=after,
        )


# Called after a commit that wrote outbox rows, per engine: the outbox relay registers here so it
# publishes at once instead of waiting for its next poll.
_outbox_listeners: dict[int, list[Callable[[], None]]] = {}


def on_outbox_commit(engine: Engine, callback: Callable[[], None]) -> None:
    _outbox_listeners.setdefault(id(engine), []).append(callback)


@contextmanager
def unit_of_work(engine: Engine, tables: PlatformTables, source: str, actor: str = "system") -> Iterator[UnitOfWork]:
    """Commit everything done through the yielded UnitOfWork, or nothing if it raises.

    On SQLite the transaction starts with `BEGIN IMMEDIATE`: it takes the database's write lock before its first
    read. A deferred transaction that reads first (a SELECT in a SAVEPOINT, or after a write was rolled back to
    one) holds a WAL snapshot, and its first write fails at once with SQLITE_BUSY (no busy wait) if another
    connection — typically the outbox relay marking rows sent — committed since; taking the lock up front makes
    the two writers queue on `busy_timeout` instead. SQLite allows one writer at a time anyway, so nothing is lost.
    """
    with Session(engine, expire_on_commit=False) as session:
        with session.begin():
            if engine.dialect.name == "sqlite":
                session.execute(text("BEGIN IMMEDIATE"))
            uow = UnitOfWork(session=session, tables=tables, source=source, actor=actor)
            yield uow
    if uow.emitted:
        for callback in _outbox_listeners.get(id(engine), ()):
            callback()


def _identity(value: Any) -> Any:
    return value


def new_id() -> str:
    return str(uuid.uuid4())
