"""Service layer for the four-level supply reserve: depots, supplies catalogue, the stock ledger, Level-I
quotas and sufficiency (R14), network completeness (R15) and replenishment (R19).

Stock never goes negative, also under concurrent dispatches: every decrement is one conditional UPDATE
(`… WHERE quantity - reserved >= :n`) whose row count is checked, and the table carries CHECK constraints
(quantity ≥ 0, 0 ≤ reserved ≤ quantity). The planner additionally locks the stock rows it reads
(SELECT … FOR UPDATE, in depot/item order) so concurrent plans queue instead of failing.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import update
from sqlmodel import Session, col, select

from hunan_emergency.models import Depot, ReplenishmentRequest, Stock, StockMovement, SupplyItem
from hunan_emergency.rules.areas import covers
from hunan_emergency.rules.basis import AdminLevel
from hunan_emergency.rules.reserves import (
    level_one_reserve_shortfalls,
    replenishment_request,
    reserve_network_gaps,
    validate_depot_division,
)
from hunan_emergency.schemas.reserves import (
    DemoReservesOut,
    DepotIn,
    DepotOut,
    MovementOut,
    NetworkGapOut,
    NetworkOut,
    ReplenishmentLine,
    ReplenishmentOut,
    StockMovementIn,
    StockNormIn,
    StockOut,
    SufficiencyOut,
    SufficiencyRow,
    SupplyItemIn,
    SupplyItemOut,
)
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.events.catalogue import Money, ReplenishmentRequested, SupplyLine
from hunan_shared.money import exact_fen
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# --- supplies catalogue ----------------------------------------------------------------------------


def _item_out(item: SupplyItem) -> SupplyItemOut:
    return SupplyItemOut(code=item.code, name=item.name, unit=item.unit, unit_value_yuan=item.unit_value)


def list_items(session: Session) -> list[SupplyItemOut]:
    return [_item_out(i) for i in session.exec(select(SupplyItem).order_by(SupplyItem.code)).all()]


def add_item(uow: UnitOfWork, cmd: SupplyItemIn) -> SupplyItemOut:
    if uow.session.get(SupplyItem, cmd.code) is not None:
        raise Conflict(f"catalogue item {cmd.code} exists")
    item = SupplyItem(code=cmd.code, name=cmd.name, unit=cmd.unit, unit_value=exact_fen(cmd.unit_value_yuan))
    uow.session.add(item)
    out = _item_out(item)
    uow.audit("supply_item.add", "supply_item", cmd.code, after=out)
    return out


def known_items(session: Session, codes: set[str]) -> dict[str, SupplyItem]:
    items = {i.code: i for i in session.exec(select(SupplyItem).where(col(SupplyItem.code).in_(codes))).all()}
    unknown = sorted(codes - set(items))
    if unknown:
        raise InvalidInput(f"not in the supplies catalogue: {', '.join(unknown)}")
    return items


# --- depots ----------------------------------------------------------------------------------------


def _stock_out(row: Stock) -> StockOut:
    return StockOut(
        item=row.item,
        quantity=row.quantity,
        reserved=row.reserved,
        available=row.quantity - row.reserved,
        safety_floor=row.safety_floor,
        level_one_quota=row.level_one_quota,
    )


def _depot_out(session: Session, depot: Depot, basis=()) -> DepotOut:
    rows = session.exec(select(Stock).where(Stock.depot_id == depot.id).order_by(Stock.item)).all()
    return DepotOut(**depot.model_dump(exclude={"created_at"}), stock=[_stock_out(r) for r in rows], basis=list(basis))


def _load_depot(session: Session, depot_id: str) -> Depot:
    return Repository(session, Depot).get(depot_id)


def create_depot(uow: UnitOfWork, cmd: DepotIn, *, depot_id: str | None = None, demo: bool = False) -> DepotOut:
    """Register a depot; its division must be of its own level so the R16 sourcing order can place it."""
    with rule_errors():
        placed = validate_depot_division(AdminLevel(cmd.level), cmd.division_code)
    depot = Depot(
        id=depot_id or new_id(),
        name=cmd.name,
        level=cmd.level,
        division_code=placed.value,
        kind=cmd.kind,
        reserve_mode=cmd.reserve_mode,
        lat=cmd.lat,
        lon=cmd.lon,
        is_demo=demo,
        created_at=clock.now(),
    )
    uow.session.add(depot)
    uow.session.flush()
    out = _depot_out(uow.session, depot, placed.basis)
    uow.audit("depot.create", "depot", depot.id, after=out)
    return out


def get_depot(session: Session, depot_id: str) -> DepotOut:
    return _depot_out(session, _load_depot(session, depot_id))


def list_depots(
    session: Session, page: PageParams, division: str | None = None, level: str | None = None
) -> Page[DepotOut]:
    where = []
    if division:
        where.append(in_division(Depot.division_code, division, below_county=True))
    if level:
        where.append(Depot.level == level)
    order = (Depot.division_code, Depot.id)
    return Repository(session, Depot).page(page, *where, order_by=order, convert=lambda d: _depot_out(session, d))


# --- stock ledger ----------------------------------------------------------------------------------


def _ledger(
    session: Session, depot_id: str, item: str, kind: str, quantity: int, dispatch_id: str | None = None, note: str = ""
) -> None:
    session.add(
        StockMovement(
            depot_id=depot_id,
            item=item,
            kind=kind,
            quantity=quantity,
            dispatch_id=dispatch_id,
            note=note,
            at=clock.now(),
        )
    )


def _stock_row(session: Session, depot_id: str, item: str) -> Stock:
    row = session.get(Stock, (depot_id, item))
    if row is None:
        row = Stock(depot_id=depot_id, item=item)
        session.add(row)
        session.flush()
    return row


def _guarded_update(session: Session, depot_id: str, item: str, condition, **values) -> bool:
    """One conditional UPDATE of a stock row; True when the guard held and the row changed."""
    result = session.execute(
        update(Stock)
        .where(Stock.depot_id == depot_id, Stock.item == item, condition)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def receive(session: Session, depot_id: str, item: str, quantity: int, kind: str = "receipt", note: str = "") -> None:
    _stock_row(session, depot_id, item)
    _guarded_update(session, depot_id, item, Stock.quantity >= 0, quantity=Stock.quantity + quantity)
    _ledger(session, depot_id, item, kind, quantity, note=note)


def reserve(session: Session, depot_id: str, item: str, quantity: int, dispatch_id: str) -> None:
    """Hold stock for a planned dispatch; refused (and the transaction rolled back) if not available."""
    if not _guarded_update(
        session, depot_id, item, Stock.quantity - Stock.reserved >= quantity, reserved=Stock.reserved + quantity
    ):
        raise Conflict(f"depot {depot_id} no longer has {quantity} × {item} available; plan again")
    _ledger(session, depot_id, item, "reservation", quantity, dispatch_id)


def release(session: Session, depot_id: str, item: str, quantity: int, dispatch_id: str) -> None:
    if not _guarded_update(session, depot_id, item, Stock.reserved >= quantity, reserved=Stock.reserved - quantity):
        raise Conflict(f"depot {depot_id} holds no reservation of {quantity} × {item}")
    _ledger(session, depot_id, item, "release", quantity, dispatch_id)


def issue(session: Session, depot_id: str, item: str, quantity: int, dispatch_id: str) -> None:
    """Goods leave the depot: the reservation and the stock drop together."""
    if not _guarded_update(
        session,
        depot_id,
        item,
        (Stock.reserved >= quantity) & (Stock.quantity >= quantity),
        reserved=Stock.reserved - quantity,
        quantity=Stock.quantity - quantity,
    ):
        raise Conflict(f"depot {depot_id} holds no reservation of {quantity} × {item} to issue")
    _ledger(session, depot_id, item, "issue", quantity, dispatch_id)


def move_stock(uow: UnitOfWork, depot_id: str, cmd: StockMovementIn) -> DepotOut:
    """Receipt, return or expiry write-off; an expiry can only remove unreserved stock."""
    depot = _load_depot(uow.session, depot_id)
    known_items(uow.session, {cmd.item})
    render = lambda d: _depot_out(uow.session, d)  # noqa: E731
    with uow.audited_change(f"stock.{cmd.kind}", depot, render=render, target_type="depot") as change:
        if cmd.kind == "expiry":
            _stock_row(uow.session, depot_id, cmd.item)
            if not _guarded_update(
                uow.session,
                depot_id,
                cmd.item,
                Stock.quantity - Stock.reserved >= cmd.quantity,
                quantity=Stock.quantity - cmd.quantity,
            ):
                raise Conflict(
                    f"only unreserved stock can expire; {depot_id} has less than {cmd.quantity} × {cmd.item}"
                )
            _ledger(uow.session, depot_id, cmd.item, "expiry", cmd.quantity, note=cmd.note)
        else:
            receive(uow.session, depot_id, cmd.item, cmd.quantity, cmd.kind, cmd.note)
        uow.session.flush()
        uow.session.expire_all()
        change.after = out = _depot_out(uow.session, depot)
    return out


def set_norms(uow: UnitOfWork, depot_id: str, item: str, cmd: StockNormIn) -> DepotOut:
    """Safety floor (R16) and Level-I quota (R14, 定额) of one item in one depot."""
    depot = _load_depot(uow.session, depot_id)
    known_items(uow.session, {item})
    render = lambda d: _depot_out(uow.session, d)  # noqa: E731
    with uow.audited_change("stock.norms", depot, render=render, target_type="depot") as change:
        row = _stock_row(uow.session, depot_id, item)
        row.safety_floor, row.level_one_quota = cmd.safety_floor, cmd.level_one_quota
        uow.session.flush()
        change.after = out = _depot_out(uow.session, depot)
    return out


def movements(session: Session, depot_id: str, page: PageParams) -> Page[MovementOut]:
    _load_depot(session, depot_id)
    rows = session.exec(
        select(StockMovement)
        .where(StockMovement.depot_id == depot_id)
        .order_by(col(StockMovement.id).desc())
        .offset(page.offset)
        .limit(page.limit + 1)
    ).all()
    return page.page(rows, lambda m: MovementOut(**m.model_dump(exclude={"id"})))


# --- R14 sufficiency, R15 network, R19 replenishment ----------------------------------------------------


def sufficiency(session: Session, within: str | None = None) -> SufficiencyOut:
    """R14: for each level and division, the depots' stock of each item against their Level-I quotas."""
    query = (
        select(Depot.level, Depot.division_code, Stock.item, Stock.quantity, Stock.level_one_quota)
        .join(Stock, Stock.depot_id == Depot.id)
        .where(Stock.level_one_quota > 0)
    )
    totals: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for level, code, item, quantity, quota in session.exec(query).all():
        if within and not covers(within, code):
            continue
        totals[(level, code)][item][0] += quantity
        totals[(level, code)][item][1] += quota
    rows, below, basis = [], [], ()
    for (level, code), items in sorted(totals.items()):
        decision = level_one_reserve_shortfalls(
            {i: q[0] for i, q in items.items()}, {i: q[1] for i, q in items.items()}
        )
        basis = decision.basis
        for item, (stock, quota) in sorted(items.items()):
            row = SufficiencyRow(
                level=level,
                division_code=code,
                item=item,
                stock=stock,
                quota=quota,
                missing=decision.value.get(item, 0),
            )
            rows.append(row)
            if row.missing:
                below.append(row)
    if not basis:
        basis = level_one_reserve_shortfalls({}, {}).basis
    return SufficiencyOut(rows=rows, below_norm=below, basis=list(basis))


def network(
    session: Session, within: str, townships_needing_point: list[str], villages_needing_point: list[str] | None = None
) -> NetworkOut:
    """R15: 3 provincial depots, a depot in every county, points in remote high-risk townships and villages or
    communities (村（社区）), forest-fire supplies at five levels — the missing nodes within a division (the
    province by default)."""
    depots = session.exec(select(Depot)).all()
    inside = [d for d in depots if d.level == "province" or covers(within, d.division_code)]
    with rule_errors():
        decision = reserve_network_gaps(
            provincial_depot_count=sum(d.level == "province" for d in depots),
            all_counties=[c.code for c in divisions.counties(within)],
            counties_with_depot={d.division_code for d in inside if d.level == "county"},
            townships_needing_point=townships_needing_point,
            townships_with_point={d.division_code for d in inside if d.level == "township"},
            villages_needing_point=villages_needing_point or [],
            villages_with_point={d.division_code for d in inside if d.level == "village"},
            forest_fire_levels_present={AdminLevel(d.level) for d in inside if d.kind == "FOREST_FIRE"},
        )
    return NetworkOut(
        within=within,
        gaps=[NetworkGapOut(kind=g.kind.value, where=g.where) for g in decision.value],
        reason=decision.reason,
        basis=list(decision.basis),
    )


def _replenishment_out(row: ReplenishmentRequest, session: Session, basis=()) -> ReplenishmentOut:
    return ReplenishmentOut(
        id=row.id,
        depot_id=row.depot_id,
        lines=[ReplenishmentLine(**line) for line in row.lines],
        estimated_cost_yuan=row.estimated_cost,
        reason=row.reason,
        requested_at=row.requested_at,
        basis=list(basis),
    )


def request_replenishment(uow: UnitOfWork, depot_id: str) -> ReplenishmentOut | None:
    """R19: a depot below its Level-I quota asks budget for the missing quantities (ReplenishmentRequested).
    Returns None when the depot meets its quota."""
    depot = _load_depot(uow.session, depot_id)
    rows = uow.session.exec(select(Stock).where(Stock.depot_id == depot_id)).all()
    decision = replenishment_request({r.item: r.quantity for r in rows}, {r.item: r.level_one_quota for r in rows})
    if not decision.value:
        return None
    items = known_items(uow.session, set(decision.value))
    lines = [{"item": item, "quantity": qty, "unit": items[item].unit} for item, qty in sorted(decision.value.items())]
    cost = sum((items[item].unit_value * qty for item, qty in decision.value.items()), Decimal("0.00"))
    now = clock.now()
    row = ReplenishmentRequest(
        id=new_id(), depot_id=depot_id, lines=lines, estimated_cost=cost, reason=decision.reason, requested_at=now
    )
    uow.session.add(row)
    uow.emit(
        ReplenishmentRequested(
            depot_id=depot_id,
            division_code=depot.division_code,
            lines=[SupplyLine(**line) for line in lines],
            estimated_cost=Money(amount=cost),
            requested_at=now,
        )
    )
    out = _replenishment_out(row, uow.session, decision.basis)
    uow.audit("reserve.replenishment_requested", "depot", depot_id, after=out)
    return out


def replenishments(session: Session, depot_id: str) -> list[ReplenishmentOut]:
    rows = session.exec(
        select(ReplenishmentRequest)
        .where(ReplenishmentRequest.depot_id == depot_id)
        .order_by(col(ReplenishmentRequest.requested_at).desc())
    ).all()
    return [_replenishment_out(r, session) for r in rows]


# --- demo network ------------------------------------------------------------------------------------

# (id, name, level, division, lat, lon, stock multiplier). Realistic places, synthetic quantities: DEMO data.
DEMO_DEPOTS: tuple[tuple[str, str, str, str, float, float, int], ...] = (
    ("demo-province-changsha", "[DEMO] 省级应急物资储备库（长沙）", "province", "430000", 28.20, 113.08, 20),
    ("demo-city-430100", "[DEMO] 长沙市应急物资储备库", "city", "430100", 28.23, 112.94, 6),
    ("demo-city-430200", "[DEMO] 株洲市应急物资储备库", "city", "430200", 27.83, 113.13, 4),
    ("demo-city-430300", "[DEMO] 湘潭市应急物资储备库", "city", "430300", 27.83, 112.94, 4),
    ("demo-county-430102", "[DEMO] 芙蓉区应急物资储备站", "county", "430102", 28.19, 113.03, 1),
    ("demo-county-430121", "[DEMO] 长沙县应急物资储备站", "county", "430121", 28.25, 113.08, 2),
    ("demo-county-430181", "[DEMO] 浏阳市应急物资储备站", "county", "430181", 28.16, 113.64, 2),
    ("demo-county-430281", "[DEMO] 醴陵市应急物资储备站", "county", "430281", 27.65, 113.50, 2),
    ("demo-county-430321", "[DEMO] 湘潭县应急物资储备站", "county", "430321", 27.78, 112.95, 2),
)
DEMO_STOCK_PER_MULTIPLIER: dict[str, int] = {
    "food_ration_day": 600,
    "drinking_water_litre": 1800,
    "first_aid_kit": 200,
    "blanket": 200,
    "power_bank": 150,
    "tent": 50,
    "quilt": 200,
}


def load_demo_reserves(uow: UnitOfWork) -> DemoReservesOut:
    """A small, realistic depot network for Changsha, Zhuzhou and Xiangtan with stock, marked demo.
    Idempotent: depots that exist are left as they are."""
    created = units = 0
    for depot_id, name, level, code, lat, lon, multiplier in DEMO_DEPOTS:
        if uow.session.get(Depot, depot_id) is not None:
            continue
        create_depot(
            uow, DepotIn(name=name, level=level, division_code=code, lat=lat, lon=lon), depot_id=depot_id, demo=True
        )
        for item, per in DEMO_STOCK_PER_MULTIPLIER.items():
            receive(uow.session, depot_id, item, per * multiplier, note="demo stock")
            row = uow.session.get(Stock, (depot_id, item))
            row.level_one_quota = per * multiplier
            row.safety_floor = per * multiplier // 10
            units += per * multiplier
        created += 1
    uow.audit("reserve.load_demo", "depot", None, after={"created": created})
    return DemoReservesOut(depots=len(DEMO_DEPOTS), created=created, stock_units=units)
