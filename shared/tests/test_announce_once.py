"""`announce_once`: the shared shape of the overdue announcers (hunan_shared.jobs), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Column, func
from sqlmodel import Field, SQLModel, col, select

from hunan_shared.db import AwareDateTime, PlatformTables, make_engine, new_registry
from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.jobs import Announcement, AuditEntry, announce_once
from hunan_shared.uow import UnitOfWork, unit_of_work

registry = new_registry()
tables = PlatformTables.attach(registry.metadata)
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Base(SQLModel, registry=registry):
    pass


class Matter(Base, table=True):
    """A deadline that lapses by itself: `due` passed and not `announced` ⇒ announce once."""

    id: str = Field(primary_key=True)
    due: dt.date
    announced: bool = False
    announced_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))
    excused: bool = False  # the "rule" of the test: an excused matter is selected but not announced


class Step(Base, table=True):
    """A child row, for the join form (`lock_of`)."""

    matter_id: str = Field(primary_key=True, foreign_key="matter.id")
    seq: int = Field(primary_key=True)
    due: dt.date
    announced: bool = False


def _event(matter_id: str) -> DisasterDeclared:
    return DisasterDeclared(
        disaster_id=matter_id,
        hazard="FLOOD_DROUGHT",
        response_level="IV",
        division_codes=["430102"],
        title=f"overdue {matter_id}",
        occurred_at=NOW,
        declared_at=NOW,
    )


def announce_lapsed(uow: UnitOfWork, now: dt.datetime, hold: Callable[[], object] | None = None) -> int:
    """An announcer as the services write them; `hold` (tests only) runs with the transaction open, after its query."""

    def announce(matter: Matter) -> Announcement | None:
        if hold is not None:
            hold()
        if matter.excused:
            return None
        return Announcement(
            matter,
            {"announced": True, "announced_at": now},
            _event(matter.id),
            AuditEntry("matter.overdue", "matter", matter.id, {"due": str(matter.due)}),
        )

    lapsed = (
        select(Matter).where(col(Matter.due) < now.date(), col(Matter.announced).is_(False)).order_by(col(Matter.id))
    )
    return announce_once(uow, lapsed, announce)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    registry.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _seed(engine, *matters: Matter) -> None:
    with unit_of_work(engine, tables, "/hunan/toy") as uow:
        for matter in matters:
            uow.session.add(matter)


def _outbox(engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.scalars(select(tables.outbox.c.aggregateid)))


def _audits(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(tables.audit_log.c.action, tables.audit_log.c.target_id)).all()
        return sorted((row.action, row.target_id) for row in rows)


def _run(engine, now: dt.datetime = NOW, hold: Callable[[], object] | None = None) -> int:
    with unit_of_work(engine, tables, "/hunan/toy", actor="job:toy") as uow:
        return announce_lapsed(uow, now, hold)


def test_each_lapsed_item_is_marked_announced_and_audited_once(engine):
    day = NOW.date()
    _seed(
        engine,
        Matter(id="a", due=day - dt.timedelta(days=1)),
        Matter(id="b", due=day - dt.timedelta(days=9)),
        Matter(id="c", due=day),  # due today: not lapsed yet
        Matter(id="d", due=day - dt.timedelta(days=1), announced=True),  # announced before
        Matter(id="e", due=day - dt.timedelta(days=1), excused=True),  # passed over by the rule
    )
    assert _run(engine) == 2
    assert _outbox(engine) == ["a", "b"]
    assert _audits(engine) == [("matter.overdue", "a"), ("matter.overdue", "b")]
    with engine.connect() as conn:
        marks = {row.id: (row.announced, row.announced_at) for row in conn.execute(select(Matter))}
    assert marks["a"] == (True, NOW) and marks["b"] == (True, NOW)
    assert marks["c"] == (False, None) and marks["e"] == (False, None)  # a skipped row is left unmarked

    assert _run(engine) == 0  # again: nothing more
    assert _run(engine, NOW + dt.timedelta(days=1)) == 1  # c lapses the next day, announced then
    assert _outbox(engine) == ["a", "b", "c"]


def test_nothing_is_written_when_the_unit_of_work_fails(engine):
    _seed(engine, Matter(id="a", due=NOW.date() - dt.timedelta(days=1)))
    with pytest.raises(RuntimeError), unit_of_work(engine, tables, "/hunan/toy") as uow:
        assert announce_lapsed(uow, NOW) == 1
        raise RuntimeError("the job failed after announcing")
    assert _outbox(engine) == [] and _audits(engine) == []
    assert _run(engine) == 1  # the next run announces it


def test_two_runs_at_once_announce_each_item_once(engine):
    """Two runs overlap (the job and a manual trigger, or two replicas): the first holds its transaction open
    after reading the lapsed rows; the second starts meanwhile and must wait for it (PostgreSQL: the row locks
    of SELECT ... FOR UPDATE; SQLite: BEGIN IMMEDIATE), then finds nothing left to announce."""
    day = NOW.date() - dt.timedelta(days=1)
    _seed(engine, *(Matter(id=f"m{i}", due=day) for i in range(5)))
    read, release = threading.Event(), threading.Event()
    counts: dict[str, int] = {}
    errors: list[BaseException] = []

    def first() -> None:
        try:
            counts["first"] = _run(engine, hold=lambda: (read.set(), release.wait(10)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def second() -> None:
        try:
            counts["second"] = _run(engine)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    one = threading.Thread(target=first)
    one.start()
    assert read.wait(10), "the first run did not read the lapsed rows"
    two = threading.Thread(target=second)
    two.start()
    two.join(0.5)
    assert two.is_alive(), "the second run did not wait for the first"
    release.set()
    one.join(30)
    two.join(30)
    assert not errors, errors
    assert counts == {"first": 5, "second": 0}
    assert _outbox(engine) == [f"m{i}" for i in range(5)]
    assert len(_audits(engine)) == 5


def test_a_join_locks_and_marks_the_named_entity(engine):
    day = NOW.date() - dt.timedelta(days=1)
    _seed(engine, Matter(id="a", due=day + dt.timedelta(days=30)))
    _seed(engine, Step(matter_id="a", seq=1, due=day), Step(matter_id="a", seq=2, due=NOW.date()))

    def run() -> int:
        with unit_of_work(engine, tables, "/hunan/toy") as uow:
            lapsed = (
                select(Step, Matter)
                .join(Matter, col(Matter.id) == col(Step.matter_id))
                .where(col(Step.due) < NOW.date(), col(Step.announced).is_(False))
                .order_by(col(Step.matter_id), col(Step.seq))
            )
            return announce_once(
                uow,
                lapsed,
                lambda row: Announcement(row[0], {"announced": True}, _event(f"{row[1].id}-{row[0].seq}")),
                lock_of=Step,
            )

    assert run() == 1
    assert run() == 0
    assert _outbox(engine) == ["a-1"]
    assert _audits(engine) == []  # no audit entry asked for
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Step).where(col(Step.announced).is_(True))) == 1
        assert conn.scalar(select(func.count()).select_from(Matter).where(col(Matter.announced).is_(True))) == 0
