"""Two writers on one SQLite file: a unit of work that reads before it writes, and the outbox relay marking rows
sent in between. The unit of work starts with BEGIN IMMEDIATE (hunan_shared.uow.unit_of_work), so the relay's
write waits for it (busy_timeout) instead of making the unit of work's first write fail with SQLITE_BUSY."""

from __future__ import annotations

import threading

from sqlalchemy import MetaData, func, select, text, update

from hunan_shared import clock
from hunan_shared.db import PlatformTables, make_engine
from hunan_shared.uow import unit_of_work

from .test_outbox_inbox import declared


def _setup(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    metadata = MetaData()
    tables = PlatformTables.attach(metadata)
    metadata.create_all(engine)
    with unit_of_work(engine, tables, "/hunan/test", "tester") as uow:
        uow.emit(declared("first"))
    return engine, tables


def _race(engine, tables, hold: float) -> tuple[list[BaseException], threading.Event]:
    """The unit of work reads (inside a SAVEPOINT, as a sweep does), lets the relay try to mark the pending row
    sent, waits `hold` seconds, then writes; returns the errors of both threads and whether the relay finished
    before the unit of work committed."""
    outbox = tables.outbox
    read, relay_done, errors = threading.Event(), threading.Event(), []

    def writer() -> None:
        try:
            with unit_of_work(engine, tables, "/hunan/test", "tester") as uow:
                uow.session.begin_nested()
                uow.session.execute(select(func.count()).select_from(outbox)).scalar()
                read.set()
                relay_done.wait(hold)
                uow.emit(declared("second", disaster_id="d-2"))
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)
            read.set()

    def relay() -> None:
        read.wait(10)
        try:
            with engine.begin() as conn:
                conn.execute(
                    update(outbox).where(outbox.c.state == "pending").values(state="sent", sent_at=clock.now())
                )
            relay_done.set()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer), threading.Thread(target=relay)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors, relay_done


def test_a_unit_of_work_and_the_relay_mark_sent_queue_instead_of_failing(tmp_path):
    engine, tables = _setup(tmp_path)
    errors, _ = _race(engine, tables, hold=0.5)
    assert errors == []
    with engine.connect() as conn:
        rows = dict(conn.execute(select(tables.outbox.c.aggregateid, tables.outbox.c.state)).all())
    # the relay waited for the unit of work and then marked everything pending, the new row included
    assert rows == {"d-1": "sent", "d-2": "sent"}


def test_the_unit_of_work_holds_the_write_lock_from_its_start(tmp_path):
    engine, tables = _setup(tmp_path)
    other = make_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    with unit_of_work(engine, tables, "/hunan/test", "tester"):
        with other.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout=0")
            try:
                conn.execute(text("BEGIN IMMEDIATE"))
            except Exception as exc:  # noqa: BLE001
                assert "locked" in str(exc)
            else:
                raise AssertionError("a second writer got the lock while a unit of work was open")
