"""Service layer for supply requests and dispatches (W3): a request for an open disaster is planned at once
with the optimiser over every depot's available stock (R16), the plan's stock is reserved in the same
transaction, shortfalls are escalated, and the dispatch moves planned → shipped → delivered. Time targets
(R10–R13) are evaluated on every dispatch read."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlmodel import Session, col, select

from hunan_emergency import reference
from hunan_emergency.engines.planner import PLANNER_BASIS, Demand, haversine_travel, plan_dispatch
from hunan_emergency.engines.planner import Depot as PlannerDepot
from hunan_emergency.models import (
    Depot,
    Disaster,
    DisasterDivision,
    Dispatch,
    DispatchLegRecord,
    ReplenishmentRequest,
    Stock,
    StockMovement,
    SupplyRequest,
)
from hunan_emergency.rules.areas import covers
from hunan_emergency.rules.basis import AdminLevel, plan_basis
from hunan_emergency.rules.classification import ResponseLevel
from hunan_emergency.rules.reserves import ReserveMode
from hunan_emergency.rules.time_targets import (
    TargetOutcome,
    TimeTargetResult,
    aviation_reach,
    basic_living_relief_met,
    engineering_rescue_linkage_met,
    urban_rail_response_met,
)
from hunan_emergency.rules.workflows import DisasterState, DispatchAction, DispatchState, next_dispatch_state
from hunan_emergency.schemas.common import TimeTargetOut
from hunan_emergency.schemas.dispatches import DispatchOut, LegOut, ShortfallOut, SupplyRequestIn, SupplyRequestOut
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import reserves
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, DomainError, RuleViolation, rule_errors
from hunan_shared.events.catalogue import (
    DispatchDelivered,
    DispatchLeg,
    DispatchPlanned,
    DispatchShipped,
    Money,
    SuppliesRequested,
    SupplyLine,
    SupplyShortfallEscalated,
)
from hunan_shared.legal import Basis, Decision
from hunan_shared.money import exact_fen
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

ESCALATION = (
    "shortfall escalated to the provincial emergency-rescue HQ for cross-region coordination "
    "(跨区域协同) and enterprise/capacity reserves (企业储备、产能储备)"
)
ESCALATION_BASIS = plan_basis("Plan 8(三) / 第八章（三）", "健全跨区域应急物资协同保障、信息共享和应急联动机制")


class RequestRefused(Exception):
    """A supply request that cannot be planned; HTTP callers get the wrapped domain error."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


# --- reads -------------------------------------------------------------------------------------------


def _target(rule: str, decision: Decision[TimeTargetResult]) -> TimeTargetOut:
    result = decision.value
    return TimeTargetOut(
        rule=rule,
        outcome=result.outcome.value,
        elapsed_minutes=round(result.elapsed.total_seconds() / 60, 1),
        limit_minutes=result.limit.total_seconds() / 60,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def _clock(start: dt.datetime, end: dt.datetime | None) -> tuple[dt.datetime, dt.datetime | None, dt.datetime | None]:
    """(start, end, now) for a time-target rule; a start stamped by another service's clock slightly after the
    end (clock skew) is clamped so the rule sees zero elapsed time rather than a negative one."""
    now = clock.now()
    stop = end or now
    return min(start, stop), end, (None if end else now)


def time_targets(
    session: Session,
    dispatch: Dispatch,
    request: SupplyRequest,
    disaster: Disaster,
    destinations: list[tuple[float, float]],
    settings: EmergencySettings,
) -> list[TimeTargetOut]:
    """R13 (relief within 10 h of occurrence, met on delivery), R12 (linkage: request → supplies on the road
    within 2 h [DESIGN reading]), R10 (aviation reach of the destinations), R11 (urban-rail incidents)."""
    targets = [
        _target(
            "R13 basic living relief", basic_living_relief_met(*_clock(disaster.occurred_at, dispatch.delivered_at))
        ),
        _target(
            "R12 engineering-rescue linkage",
            engineering_rescue_linkage_met(*_clock(request.requested_at, dispatch.shipped_at)),
        ),
    ]
    if destinations:
        reaches = [
            aviation_reach(
                lat,
                lon,
                reference.AVIATION_BASES,
                cruise_speed_kmh=settings.aviation_cruise_speed_kmh,
                launch_minutes=settings.aviation_launch_minutes,
            )
            for lat, lon in destinations
        ]
        worst = max(reaches, key=lambda d: d.value.flight_minutes or 0)
        targets.append(
            TimeTargetOut(
                rule="R10 aviation reach",
                outcome=(TargetOutcome.MET if worst.value.covered else TargetOutcome.BREACHED).value,
                elapsed_minutes=worst.value.flight_minutes,
                limit_minutes=120.0,
                reason=worst.reason,
                basis=list(worst.basis),
            )
        )
    if disaster.hazard == "URBAN_RAIL" and disaster.declared_at:
        targets.append(
            _target(
                "R11 urban-rail response", urban_rail_response_met(*_clock(disaster.occurred_at, disaster.declared_at))
            )
        )
    return targets


def _destinations(session: Session, request: SupplyRequest) -> list[tuple[float, float]]:
    return [_location(session, d["division_code"], d.get("lat"), d.get("lon")) for d in request.demands]


def _out(
    session: Session, dispatch: Dispatch, settings: EmergencySettings, basis: tuple[Basis, ...] = ()
) -> DispatchOut:
    legs = session.exec(
        select(DispatchLegRecord).where(DispatchLegRecord.dispatch_id == dispatch.id).order_by(DispatchLegRecord.id)
    ).all()
    request = session.get(SupplyRequest, dispatch.request_id)
    disaster = session.get(Disaster, dispatch.disaster_id)
    return DispatchOut(
        id=dispatch.id,
        request_id=dispatch.request_id,
        disaster_id=dispatch.disaster_id,
        state=dispatch.state,
        legs=[
            LegOut(
                depot_id=leg.depot_id,
                depot_level=leg.depot_level,
                destination_division=leg.destination_division,
                item=leg.item,
                quantity=leg.quantity,
                travel_minutes=round(leg.travel_minutes, 1),
                cost_yuan=leg.cost,
                tier=leg.tier,
                explanation=leg.explanation,
            )
            for leg in legs
        ],
        shortfalls=[ShortfallOut(**s) for s in dispatch.shortfalls],
        escalation=ESCALATION if dispatch.shortfalls else None,
        transport_cost_yuan=dispatch.transport_cost,
        goods_value_yuan=dispatch.goods_value,
        total_cost_yuan=dispatch.transport_cost + dispatch.goods_value,
        planned_at=dispatch.planned_at,
        shipped_at=dispatch.shipped_at,
        delivered_at=dispatch.delivered_at,
        time_targets=time_targets(session, dispatch, request, disaster, _destinations(session, request), settings),
        basis=list(basis or PLANNER_BASIS + ((ESCALATION_BASIS,) if dispatch.shortfalls else ())),
    )


def _request_out(session: Session, request: SupplyRequest, settings: EmergencySettings, basis=()) -> SupplyRequestOut:
    dispatch = session.exec(select(Dispatch).where(Dispatch.request_id == request.id)).first()
    return SupplyRequestOut(
        id=request.id,
        disaster_id=request.disaster_id,
        requester=request.requester,
        state=request.state,
        rejection_reason=request.rejection_reason,
        demands=request.demands,
        requested_at=request.requested_at,
        dispatch=_out(session, dispatch, settings, basis) if dispatch else None,
    )


def get_request(session: Session, request_id: str, settings: EmergencySettings) -> SupplyRequestOut:
    request = Repository(session, SupplyRequest).get(request_id)
    return _request_out(session, request, settings)


def get(session: Session, dispatch_id: str, settings: EmergencySettings) -> DispatchOut:
    return _out(session, Repository(session, Dispatch).get(dispatch_id), settings)


def list_dispatches(
    session: Session,
    page: PageParams,
    settings: EmergencySettings,
    disaster_id: str | None = None,
    state: str | None = None,
) -> Page[DispatchOut]:
    query = select(Dispatch).order_by(col(Dispatch.planned_at).desc(), Dispatch.id)
    if disaster_id:
        query = query.where(Dispatch.disaster_id == disaster_id)
    if state:
        query = query.where(Dispatch.state == state)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda d: _out(session, d, settings))


# --- receiving and planning ----------------------------------------------------------------------------


def _location(session: Session, code: str, lat: float | None = None, lon: float | None = None) -> tuple[float, float]:
    """The destination point: as given, else a depot sitting on that very division, else its prefecture seat."""
    if lat is not None and lon is not None:
        return lat, lon
    depot = session.exec(select(Depot).where(Depot.division_code == code).order_by(Depot.id)).first()
    return (depot.lat, depot.lon) if depot else reference.seat_of(code)


def _validate(session: Session, disaster_id: str, demands: list[dict]) -> Disaster:
    disaster = Repository(session, Disaster).get(disaster_id)
    if disaster.state != DisasterState.DECLARED.value:
        raise Conflict(
            f"disaster {disaster_id} is {disaster.state}; supplies are dispatched only for a declared disaster"
        )
    affected = session.exec(
        select(DisasterDivision.division_code).where(DisasterDivision.disaster_id == disaster_id)
    ).all()
    outside = sorted({d["division_code"] for d in demands if not any(covers(a, d["division_code"]) for a in affected)})
    if outside:
        raise RuleViolation(
            f"divisions {', '.join(outside)} are not affected by disaster {disaster_id}",
            basis=(plan_basis("Plan 3(四) / 第三章（四）", "属地为主"),),
        )
    reserves.known_items(session, {line["item"] for d in demands for line in d["lines"]})
    return disaster


def _accept(
    uow: UnitOfWork,
    request_id: str,
    disaster_id: str,
    requester: str,
    demands: list[dict],
    requested_at: dt.datetime,
    settings: EmergencySettings,
) -> SupplyRequestOut:
    """Store the request and plan its dispatch; a refused request raises RequestRefused (nothing stored)."""
    existing = uow.session.get(SupplyRequest, request_id)
    if existing is not None:  # the same request again (a retry, or a re-published event): one dispatch only
        return _request_out(uow.session, existing, settings)
    try:
        disaster = _validate(uow.session, disaster_id, demands)
    except DomainError as exc:
        raise RequestRefused(exc) from None
    request = SupplyRequest(
        id=request_id,
        disaster_id=disaster_id,
        requester=requester,
        demands=demands,
        state="ACCEPTED",
        requested_at=requested_at,
        received_at=clock.now(),
    )
    uow.session.add(request)
    uow.session.flush()
    _, basis = _plan(uow, request, disaster, settings)
    out = _request_out(uow.session, request, settings, basis)
    uow.audit("supply_request.receive", "supply_request", request_id, after=out)
    return out


def submit(uow: UnitOfWork, cmd: SupplyRequestIn, settings: EmergencySettings) -> SupplyRequestOut:
    """A supply request over HTTP from any agency; refusals are problem responses and nothing is stored."""
    demands = [d.model_dump(exclude_none=True) for d in cmd.demands]
    try:
        return _accept(uow, new_id(), cmd.disaster_id, cmd.requester, demands, clock.now(), settings)
    except RequestRefused as refused:
        raise refused.error from None


def receive_event(uow: UnitOfWork, event: SuppliesRequested, settings: EmergencySettings) -> SupplyRequestOut:
    """disability's SuppliesRequested: plan at once; with EMERGENCY_AUTO_DISPATCH ship and deliver too.
    A request that cannot be served (disaster unknown or closed) is stored as REJECTED, not retried."""
    demands = [
        {
            "division_code": d.division_code,
            "persons": d.persons,
            "lines": [{"item": line.item, "quantity": line.quantity} for line in d.lines],
        }
        for d in event.demands
    ]
    try:
        out = _accept(uow, event.request_id, event.disaster_id, "disability", demands, event.requested_at, settings)
    except RequestRefused as refused:
        request = SupplyRequest(
            id=event.request_id,
            disaster_id=event.disaster_id,
            requester="disability",
            demands=demands,
            state="REJECTED",
            rejection_reason=str(refused)[:500],
            requested_at=event.requested_at,
            received_at=clock.now(),
        )
        uow.session.add(request)
        uow.session.flush()
        out = _request_out(uow.session, request, settings)
        uow.audit("supply_request.reject", "supply_request", event.request_id, after=out)
        return out
    dispatch = out.dispatch
    if (
        settings.auto_dispatch
        and dispatch is not None
        and dispatch.legs
        and dispatch.state in (DispatchState.PLANNED.value, DispatchState.PARTIALLY_PLANNED.value)
    ):
        ship(uow, dispatch.id, settings)
        deliver(uow, dispatch.id, settings)
        out = _request_out(uow.session, uow.session.get(SupplyRequest, event.request_id), settings)
    return out


def _planner_depots(session: Session, items: set[str]) -> list[PlannerDepot]:
    """Every depot's available stock (quantity − reserved) of the requested items, rows locked in a fixed
    order (depot, item) so concurrent planners queue on PostgreSQL instead of overselling or deadlocking."""
    rows = session.execute(
        select(
            Stock.depot_id,
            Stock.item,
            Stock.quantity,
            Stock.reserved,
            Stock.safety_floor,
            Depot.level,
            Depot.division_code,
            Depot.lat,
            Depot.lon,
            Depot.reserve_mode,
        )
        .join(Depot, Depot.id == Stock.depot_id)
        .where(col(Stock.item).in_(sorted(items)))
        .order_by(Stock.depot_id, Stock.item)
        .with_for_update(of=Stock)
    ).all()
    by_depot: dict[str, dict] = {}
    for r in rows:
        entry = by_depot.setdefault(r.depot_id, {"row": r, "stock": {}, "floor": {}})
        entry["stock"][r.item] = r.quantity - r.reserved
        entry["floor"][r.item] = r.safety_floor
    return [
        PlannerDepot(
            depot_id=depot_id,
            level=AdminLevel(e["row"].level),
            division=e["row"].division_code,
            lat=e["row"].lat,
            lon=e["row"].lon,
            stock=e["stock"],
            safety_floor=e["floor"],
            reserve_mode=ReserveMode(e["row"].reserve_mode),
        )
        for depot_id, e in by_depot.items()
    ]


def _plan(
    uow: UnitOfWork, request: SupplyRequest, disaster: Disaster, settings: EmergencySettings
) -> tuple[Dispatch, tuple[Basis, ...]]:
    session = uow.session
    quantities: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    points: dict[str, tuple[float, float]] = {}
    for demand in request.demands:
        code = demand["division_code"]
        points.setdefault(code, _location(session, code, demand.get("lat"), demand.get("lon")))
        for line in demand["lines"]:
            quantities[code][line["item"]] += line["quantity"]
    demands = [
        Demand(demand_id=code, division=code, lat=points[code][0], lon=points[code][1], quantities=dict(q))
        for code, q in sorted(quantities.items())
    ]
    depots = _planner_depots(session, {item for q in quantities.values() for item in q})
    travel = haversine_travel(
        road_speed_kmh=settings.road_speed_kmh,
        detour_factor=settings.detour_factor,
        cost_per_unit_km=settings.cost_per_unit_km,
    )
    with rule_errors():
        plan = plan_dispatch(
            depots,
            demands,
            travel=travel,
            response_level=ResponseLevel(disaster.response_level),
            release_floor_for_level_one=settings.release_floor_for_level_one,
        )
        planning = next_dispatch_state(DispatchState.RECEIVED, DispatchAction.START_PLANNING)
        planned = next_dispatch_state(
            planning.value, DispatchAction.PLAN_IN_FULL if plan.fully_planned else DispatchAction.PLAN_WITH_SHORTFALL
        )
    levels = {d.depot_id: d.level.value for d in depots}
    items = reserves.known_items(session, {item for q in quantities.values() for item in q})
    now = clock.now()
    dispatch = Dispatch(
        id=new_id(),
        request_id=request.id,
        disaster_id=disaster.id,
        state=planned.value,
        shortfalls=[
            {
                "division_code": s.demand_id,
                "item": s.item,
                "requested": s.requested,
                "planned": s.planned,
                "missing": s.missing,
            }
            for s in plan.shortfalls
        ],
        transport_cost=exact_fen(plan.total_cost),  # the sum of the legs' costs, each already rounded to the fen
        goods_value=sum((items[leg.item].unit_value * leg.quantity for leg in plan.legs), Decimal("0.00")),
        planned_at=now,
    )
    session.add(dispatch)
    session.flush()
    for leg in plan.legs:
        reserves.reserve(session, leg.depot_id, leg.item, leg.quantity, dispatch.id)
        session.add(
            DispatchLegRecord(
                dispatch_id=dispatch.id,
                depot_id=leg.depot_id,
                depot_level=levels[leg.depot_id],
                destination_division=leg.demand_id,
                item=leg.item,
                quantity=leg.quantity,
                travel_minutes=leg.travel_minutes,
                cost=leg.cost,
                tier=leg.tier.name,
                explanation=leg.explanation,
            )
        )
    session.flush()
    uow.emit(
        DispatchPlanned(
            dispatch_id=dispatch.id,
            disaster_id=disaster.id,
            request_id=request.id,
            planned_at=now,
            legs=[
                DispatchLeg(
                    depot_id=leg.depot_id,
                    depot_level=levels[leg.depot_id],
                    division_code=leg.demand_id,
                    item=leg.item,
                    quantity=leg.quantity,
                    travel_minutes=round(leg.travel_minutes),
                    cost=Money(amount=leg.cost),
                )
                for leg in plan.legs
            ],
            shortfalls=[SupplyLine(item=s.item, quantity=s.missing, unit=items[s.item].unit) for s in plan.shortfalls],
        )
    )
    basis = plan.basis + planned.basis
    if plan.shortfalls:
        basis += (ESCALATION_BASIS,)
        uow.emit(
            SupplyShortfallEscalated(
                dispatch_id=dispatch.id,
                disaster_id=disaster.id,
                request_id=request.id,
                division_codes=sorted({s.demand_id for s in plan.shortfalls}),
                shortfalls=[
                    SupplyLine(item=s.item, quantity=s.missing, unit=items[s.item].unit) for s in plan.shortfalls
                ],
                escalated_at=now,
            )
        )
        uow.audit(
            "dispatch.shortfall_escalated",
            "dispatch",
            dispatch.id,
            after={"shortfalls": dispatch.shortfalls, "escalation": ESCALATION},
        )
    return dispatch, basis


# --- shipping, delivery, cancellation ----------------------------------------------------------------------


def _legs(session: Session, dispatch_id: str) -> list[DispatchLegRecord]:
    return list(
        session.exec(
            select(DispatchLegRecord).where(DispatchLegRecord.dispatch_id == dispatch_id).order_by(DispatchLegRecord.id)
        ).all()
    )


def ship(uow: UnitOfWork, dispatch_id: str, settings: EmergencySettings) -> DispatchOut:
    """Goods leave the depots: stock is issued, the cost (goods value + transport) goes to budget
    (DispatchShipped), and any source
    depot that fell below its Level-I quota asks for replenishment (R19)."""
    dispatch = uow.repo(Dispatch).for_update(dispatch_id)
    with uow.audited_change("dispatch.ship", dispatch, render=lambda d: _out(uow.session, d, settings)) as change:
        with rule_errors():
            transition = next_dispatch_state(DispatchState(dispatch.state), DispatchAction.SHIP)
        legs = _legs(uow.session, dispatch_id)
        if not legs:
            raise Conflict("nothing was planned for this dispatch; cancel it instead")
        for leg in legs:
            reserves.issue(uow.session, leg.depot_id, leg.item, leg.quantity, dispatch_id)
        dispatch.state = transition.value
        dispatch.shipped_at = clock.now()
        uow.emit(
            DispatchShipped(
                dispatch_id=dispatch_id,
                disaster_id=dispatch.disaster_id,
                request_id=dispatch.request_id,
                total_cost=Money(amount=dispatch.transport_cost + dispatch.goods_value),
                shipped_at=dispatch.shipped_at,
            )
        )
        uow.session.flush()
        for depot_id in sorted({leg.depot_id for leg in legs}):
            if not _replenishment_pending(uow.session, depot_id):
                reserves.request_replenishment(uow, depot_id)
        change.after = out = _out(uow.session, dispatch, settings, transition.basis)
    return out


def _replenishment_pending(session: Session, depot_id: str) -> bool:
    """A depot already asked for replenishment and has received nothing since: do not ask twice."""
    last_request = session.exec(
        select(ReplenishmentRequest.requested_at)
        .where(ReplenishmentRequest.depot_id == depot_id)
        .order_by(col(ReplenishmentRequest.requested_at).desc())
    ).first()
    if last_request is None:
        return False
    last_receipt = session.exec(
        select(StockMovement.at)
        .where(StockMovement.depot_id == depot_id, StockMovement.kind == "receipt")
        .order_by(col(StockMovement.at).desc())
    ).first()
    return last_receipt is None or last_request > last_receipt


def deliver(uow: UnitOfWork, dispatch_id: str, settings: EmergencySettings) -> DispatchOut:
    """Supplies arrived: disability marks the cases in these divisions supplied (DispatchDelivered); the 10 h
    relief clock of R13 stops."""
    dispatch = uow.repo(Dispatch).for_update(dispatch_id)
    with uow.audited_change("dispatch.deliver", dispatch, render=lambda d: _out(uow.session, d, settings)) as change:
        with rule_errors():
            transition = next_dispatch_state(DispatchState(dispatch.state), DispatchAction.DELIVER)
        dispatch.state = transition.value
        dispatch.delivered_at = clock.now()
        codes = sorted({leg.destination_division for leg in _legs(uow.session, dispatch_id)})
        uow.emit(
            DispatchDelivered(
                dispatch_id=dispatch_id,
                disaster_id=dispatch.disaster_id,
                request_id=dispatch.request_id,
                division_codes=codes,
                delivered_at=dispatch.delivered_at,
            )
        )
        change.after = out = _out(uow.session, dispatch, settings, transition.basis)
    return out


def cancel(uow: UnitOfWork, dispatch_id: str, settings: EmergencySettings) -> DispatchOut:
    """Cancel before the goods leave; every reservation is released."""
    dispatch = uow.repo(Dispatch).for_update(dispatch_id)
    with uow.audited_change("dispatch.cancel", dispatch, render=lambda d: _out(uow.session, d, settings)) as change:
        with rule_errors():
            transition = next_dispatch_state(DispatchState(dispatch.state), DispatchAction.CANCEL)
        for leg in _legs(uow.session, dispatch_id):
            reserves.release(uow.session, leg.depot_id, leg.item, leg.quantity, dispatch_id)
        dispatch.state = transition.value
        dispatch.cancelled_at = clock.now()
        change.after = out = _out(uow.session, dispatch, settings, transition.basis)
    return out


def stock_totals(session: Session, item: str) -> tuple[int, int]:
    """(Σ quantity, Σ reserved) of an item over all depots — for reports and the oversell tests."""
    rows = session.exec(select(Stock.quantity, Stock.reserved).where(Stock.item == item)).all()
    return sum(r[0] for r in rows), sum(r[1] for r in rows)
