"""No oversell under concurrent dispatches, on PostgreSQL (row locks + conditional updates + CHECK constraints)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from hunan_emergency.app import create_app
from hunan_emergency.schemas.disasters import DisasterDeclaration
from hunan_emergency.schemas.dispatches import SupplyRequestIn
from hunan_emergency.schemas.reserves import DepotIn
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import dispatches, reserves
from hunan_shared.errors import Conflict
from hunan_shared.uow import unit_of_work

INITIAL = {"county": 60, "city": 50}
THREADS = 16
EACH = 9  # 16 × 9 = 144 units asked for 110 in stock


@pytest.fixture
def platform(fresh_postgres_schema, platform_settings, memory_bus):
    settings = EmergencySettings(database_url=fresh_postgres_schema)
    app = create_app(settings=platform_settings, bus=memory_bus, service_settings=settings)
    with TestClient(app):  # runs the migrations
        yield app.state.platform, settings


def _run(platform, fn):
    with unit_of_work(platform.engine, platform.tables, platform.source, "tester") as uow:
        return fn(uow)


def test_concurrent_dispatches_never_oversell(platform):
    platform, settings = platform
    for level, code in (("county", "430121"), ("city", "430100")):
        _run(platform, lambda uow, level=level, code=code: _stocked_depot(uow, level, code, INITIAL[level]))
    disaster = _run(platform, lambda uow: disasters_declare(uow))
    start = threading.Barrier(THREADS)

    def request(_):
        start.wait(timeout=30)
        body = SupplyRequestIn(
            disaster_id=disaster,
            requester="concurrent test",
            demands=[{"division_code": "430121", "lines": [{"item": "tent", "quantity": EACH}]}],
        )
        return _run(platform, lambda uow: dispatches.submit(uow, body, settings)).dispatch

    with ThreadPoolExecutor(THREADS) as pool:
        planned = list(pool.map(request, range(THREADS)))
    drawn = sum(leg.quantity for d in planned for leg in d.legs)
    assert drawn == sum(INITIAL.values())  # everything was handed out, nothing more
    assert sum(1 for d in planned if d.state == "PARTIALLY_PLANNED") >= 1

    shippable = [d.id for d in planned if d.legs]
    barrier = threading.Barrier(len(shippable))

    def ship(dispatch_id):
        barrier.wait(timeout=30)
        return _run(platform, lambda uow: dispatches.ship(uow, dispatch_id, settings))

    with ThreadPoolExecutor(len(shippable)) as pool:
        list(pool.map(ship, shippable))
    with platform.engine.connect() as conn:
        rows = conn.execute(text("SELECT depot_id, quantity, reserved FROM stock WHERE item = 'tent'")).all()
        issued = conn.scalar(text("SELECT COALESCE(SUM(quantity), 0) FROM stockmovement WHERE kind = 'issue'"))
    assert all(quantity >= 0 and reserved == 0 for _, quantity, reserved in rows)
    assert issued == drawn <= sum(INITIAL.values())
    assert sum(quantity for _, quantity, _ in rows) == sum(INITIAL.values()) - issued


def _stocked_depot(uow, level: str, code: str, tents: int) -> None:
    reserves.create_depot(
        uow, DepotIn(name=f"{level} depot", level=level, division_code=code, lat=28.2, lon=113.0), depot_id=f"d-{level}"
    )
    reserves.receive(uow.session, f"d-{level}", "tent", tents)


def disasters_declare(uow) -> str:
    from hunan_emergency.use_cases import disasters

    return disasters.declare(
        uow,
        DisasterDeclaration(
            title="并发测试",
            category="NATURAL_DISASTER",
            hazard_type="FLOOD_DROUGHT",
            response_level="II",
            division_codes=["430121"],
            occurred_at="2026-01-01T08:00:00+08:00",
        ),
    ).id


def test_conditional_update_and_check_constraint_refuse_negative_stock(platform):
    platform, _ = platform
    _run(platform, lambda uow: _stocked_depot(uow, "county", "430121", 5))
    with pytest.raises(Conflict):
        _run(platform, lambda uow: reserves.reserve(uow.session, "d-county", "tent", 6, "x"))
    with pytest.raises(IntegrityError), platform.engine.begin() as conn:
        conn.execute(text("UPDATE stock SET quantity = quantity - 6 WHERE depot_id = 'd-county'"))
    with platform.engine.connect() as conn:
        assert conn.execute(text("SELECT quantity, reserved FROM stock")).one() == (5, 0)
