"""Stock-aware dispatch optimiser for the four-level reserve (Plan 8(三) / 第八章（三）, 专栏6; R16).

Objective, lexicographic:
  1. deliver as much as stock above the safety floors allows (shortfalls are reported, never hidden);
  2. respect the sourcing order of R16 — the destination's own township, county, city, the province,
     other areas, then enterprise/capacity reserves — as a dominant penalty tier (a unit is only drawn
     from a later tier when the earlier tiers cannot supply it);
  3. minimise total arrival time, measured in unit-minutes (Σ quantity × travel minutes, i.e. the mean
     arrival time of a unit of supplies);
  4. minimise transport cost.
Tiers, minutes and cost (in fen) are combined into one integer arc cost with multipliers derived from the
instance, so the weighted optimum is the lexicographic optimum; OR-Tools' min-cost max-flow solves it.
Travel minutes are rounded to whole minutes for the objective.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ortools.graph.python import min_cost_flow

from hunan_emergency.rules.classification import ResponseLevel
from hunan_emergency.rules.common import AdminLevel, InvalidInput, plan_basis
from hunan_emergency.rules.geo import haversine_km
from hunan_emergency.rules.reserves import ReserveMode, SourcingTier, drawable_quantity, sourcing_tier
from hunan_shared.legal import Basis

PLANNER_BASIS: tuple[Basis, ...] = (
    plan_basis("Plan 8(三) / 第八章（三）", "四级储备; 跨区域应急物资协同保障"),
    plan_basis("专栏6", "省、市、县、乡四级应急物资储备"),
)

TIER_LABEL = {
    SourcingTier.OWN_TOWNSHIP: "本乡镇储备 own township point",
    SourcingTier.OWN_COUNTY: "本县储备 own county depot",
    SourcingTier.OWN_CITY: "本市州储备 own city depot",
    SourcingTier.PROVINCE: "省级储备 provincial depot",
    SourcingTier.CROSS_REGION: "跨区域协同 another area's reserve",
    SourcingTier.ENTERPRISE_AND_CAPACITY: "企业/产能储备 enterprise or capacity reserve",
}

_INT64_BUDGET = 2**62  # head-room under OR-Tools' int64 for the total objective
_FEN = Decimal("0.01")


@dataclass(frozen=True)
class Depot:
    """A reserve depot/station/point (应急物资储备库/站/点) and its stock per catalogue item."""

    depot_id: str
    level: AdminLevel
    division: str
    lat: float
    lon: float
    stock: Mapping[str, int]
    safety_floor: Mapping[str, int] = field(default_factory=dict)
    reserve_mode: ReserveMode = ReserveMode.GOVERNMENT_PHYSICAL


@dataclass(frozen=True)
class Demand:
    """One destination of a supply request and the quantity wanted per item."""

    demand_id: str
    division: str
    lat: float
    lon: float
    quantities: Mapping[str, int]


@dataclass(frozen=True)
class Travel:
    minutes: float
    cost_per_unit: Decimal  # yuan per unit of the item over this leg


TravelFunction = Callable[[Depot, Demand, str], Travel]


@dataclass(frozen=True)
class Leg:
    depot_id: str
    demand_id: str
    item: str
    quantity: int
    travel_minutes: float
    cost: Decimal
    tier: SourcingTier
    explanation: str
    basis: tuple[Basis, ...] = PLANNER_BASIS


@dataclass(frozen=True)
class Shortfall:
    demand_id: str
    item: str
    requested: int
    planned: int

    @property
    def missing(self) -> int:
        return self.requested - self.planned


@dataclass(frozen=True)
class DispatchPlan:
    legs: tuple[Leg, ...]
    shortfalls: tuple[Shortfall, ...]
    basis: tuple[Basis, ...] = PLANNER_BASIS

    @property
    def fully_planned(self) -> bool:
        return not self.shortfalls

    @property
    def total_unit_minutes(self) -> float:
        return sum(leg.quantity * leg.travel_minutes for leg in self.legs)

    @property
    def total_cost(self) -> Decimal:
        return sum((leg.cost for leg in self.legs), Decimal(0))


# [DESIGN] Defaults of the haversine travel model; all are settings of the service.
DEFAULT_ROAD_SPEED_KMH = 60.0
DEFAULT_DETOUR_FACTOR = 1.3  # road distance ≈ 1.3 × great-circle distance in hilly Hunan
DEFAULT_COST_PER_UNIT_KM = Decimal("0.05")


def haversine_travel(
    *,
    road_speed_kmh: float = DEFAULT_ROAD_SPEED_KMH,
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
    cost_per_unit_km: Decimal = DEFAULT_COST_PER_UNIT_KM,
    tonnes_per_unit: Mapping[str, Decimal] | None = None,
    cost_per_tonne_km: Decimal | None = None,
) -> TravelFunction:
    """Road travel estimated from great-circle distance. Cost is per unit-km, or per tonne-km when both
    `tonnes_per_unit` (per item) and `cost_per_tonne_km` are given."""
    if road_speed_kmh <= 0 or detour_factor < 1:
        raise InvalidInput("road speed must be positive and the detour factor at least 1")
    per_tonne = tonnes_per_unit is not None and cost_per_tonne_km is not None

    def travel(depot: Depot, demand: Demand, item: str) -> Travel:
        km = haversine_km(depot.lat, depot.lon, demand.lat, demand.lon) * detour_factor
        km_decimal = Decimal(str(round(km, 3)))
        if per_tonne:
            assert tonnes_per_unit is not None and cost_per_tonne_km is not None
            cost = km_decimal * tonnes_per_unit.get(item, Decimal(0)) * cost_per_tonne_km
        else:
            cost = km_decimal * cost_per_unit_km
        return Travel(minutes=km / road_speed_kmh * 60, cost_per_unit=cost)

    return travel


@dataclass(frozen=True)
class _Arc:
    depot: Depot
    demand: Demand
    item: str
    tier: SourcingTier  # the R16 tier, always reported on the leg
    objective_tier: int  # the tier as the objective sees it (0 when the order is not respected)
    travel: Travel
    minutes_key: int
    cost_key: int  # fen per unit


def _available(
    depots: Sequence[Depot], response_level: ResponseLevel | None, release_floor_for_level_one: bool
):
    return {
        (depot.depot_id, item): drawable_quantity(
            qty,
            depot.safety_floor.get(item, 0),
            response_level,
            release_floor_for_level_one=release_floor_for_level_one,
        ).value
        for depot in depots
        for item, qty in depot.stock.items()
    }


def _arcs(depots, demands, travel, respect_sourcing_order) -> list[_Arc]:
    arcs = []
    for demand in demands:
        for item, wanted in sorted(demand.quantities.items()):
            if wanted < 0:
                raise InvalidInput(f"demand {demand.demand_id}: negative quantity of {item}")
            for depot in depots:
                if item not in depot.stock:
                    continue
                tier = sourcing_tier(depot.level, depot.division, demand.division, depot.reserve_mode).value
                leg = travel(depot, demand, item)
                if leg.minutes < 0 or leg.cost_per_unit < 0:
                    raise InvalidInput("travel time and cost must not be negative")
                arcs.append(
                    _Arc(
                        depot,
                        demand,
                        item,
                        tier,
                        int(tier) if respect_sourcing_order else 0,
                        leg,
                        round(leg.minutes),
                        int((leg.cost_per_unit / _FEN).to_integral_value(ROUND_HALF_UP)),
                    )
                )
    return arcs


def _weights(arcs: list[_Arc], units: int) -> tuple[int, int, int, int]:
    """(tier weight, time weight, cost divisor, time divisor) so that the weighted sum is lexicographic.

    Time must outweigh any total cost difference (units × max cost) and the tier any total time
    difference. When a huge instance would overflow int64, the cost (then time) resolution is coarsened.
    """
    max_tier = max(arc.objective_tier for arc in arcs)
    cost_divisor, time_divisor = 1, 1
    while True:
        max_cost = max(arc.cost_key // cost_divisor for arc in arcs)
        max_minutes = max(arc.minutes_key // time_divisor for arc in arcs)
        time_weight = units * max_cost + 1
        tier_weight = time_weight * (units * max_minutes + 1)
        worst_total = units * (max_tier * tier_weight + max_minutes * time_weight + max_cost)
        if worst_total < _INT64_BUDGET:
            return tier_weight, time_weight, cost_divisor, time_divisor
        if max_cost > 0:
            cost_divisor *= 10
        elif max_minutes > 0:
            time_divisor *= 10
        else:
            raise InvalidInput("instance too large for the integer objective")


def _explain(arc: _Arc, quantity: int, cost: Decimal) -> str:
    return (
        f"{quantity} × {arc.item} from {arc.depot.level.value} depot {arc.depot.depot_id} "
        f"({TIER_LABEL[arc.tier]}) to {arc.demand.demand_id}: {arc.travel.minutes:.0f} min, cost {cost} yuan"
    )


def _leg(arc: _Arc, quantity: int) -> Leg:
    cost = (arc.travel.cost_per_unit * quantity).quantize(_FEN, ROUND_HALF_UP)
    return Leg(
        depot_id=arc.depot.depot_id,
        demand_id=arc.demand.demand_id,
        item=arc.item,
        quantity=quantity,
        travel_minutes=arc.travel.minutes,
        cost=cost,
        tier=arc.tier,
        explanation=_explain(arc, quantity, cost),
    )


def _shortfalls(demands: Sequence[Demand], legs: Sequence[Leg]) -> tuple[Shortfall, ...]:
    planned: dict[tuple[str, str], int] = {}
    for leg in legs:
        planned[(leg.demand_id, leg.item)] = planned.get((leg.demand_id, leg.item), 0) + leg.quantity
    return tuple(
        Shortfall(demand.demand_id, item, wanted, planned.get((demand.demand_id, item), 0))
        for demand in demands
        for item, wanted in sorted(demand.quantities.items())
        if planned.get((demand.demand_id, item), 0) < wanted
    )


def _check_unique(depots: Sequence[Depot], demands: Sequence[Demand]) -> None:
    for kind, ids in (("depot", [d.depot_id for d in depots]), ("demand", [d.demand_id for d in demands])):
        if len(ids) != len(set(ids)):
            raise InvalidInput(f"duplicate {kind} ids")


def plan_dispatch(
    depots: Sequence[Depot],
    demands: Sequence[Demand],
    *,
    travel: TravelFunction | None = None,
    response_level: ResponseLevel | None = None,
    release_floor_for_level_one: bool = True,
    respect_sourcing_order: bool = True,
) -> DispatchPlan:
    """Plan 8(三) / 第八章（三） and 专栏6: optimal stock-aware dispatch from the four-level reserve (R16).

    Never draws a depot below its safety floor unless `response_level` is Level I and
    `release_floor_for_level_one` is set. With `respect_sourcing_order=False` the tiers are ignored
    and only arrival time, then cost, are minimised."""
    _check_unique(depots, demands)
    travel = travel or haversine_travel()
    available = _available(depots, response_level, release_floor_for_level_one)
    arcs = [
        arc
        for arc in _arcs(depots, demands, travel, respect_sourcing_order)
        if available[(arc.depot.depot_id, arc.item)] > 0
    ]
    if not arcs:
        return DispatchPlan((), _shortfalls(demands, ()))

    solver = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    node_ids: dict[tuple[str, str, str], int] = {}

    def node(kind: str, owner: str, item: str) -> int:
        return node_ids.setdefault((kind, owner, item), len(node_ids) + 2)

    wanted_by_pair = {(d.demand_id, item): qty for d in demands for item, qty in d.quantities.items()}
    units = sum(wanted_by_pair.values())
    tier_weight, time_weight, cost_divisor, time_divisor = _weights(arcs, max(units, 1))

    for (depot_id, item), qty in available.items():
        if qty > 0:
            solver.add_arc_with_capacity_and_unit_cost(source, node("depot", depot_id, item), qty, 0)
    for (demand_id, item), qty in wanted_by_pair.items():
        if qty > 0:
            solver.add_arc_with_capacity_and_unit_cost(node("demand", demand_id, item), sink, qty, 0)
    arc_index: dict[int, _Arc] = {}
    for arc in arcs:
        wanted = wanted_by_pair[(arc.demand.demand_id, arc.item)]
        if wanted == 0:
            continue
        unit_cost = (
            arc.objective_tier * tier_weight
            + (arc.minutes_key // time_divisor) * time_weight
            + arc.cost_key // cost_divisor
        )
        index = solver.add_arc_with_capacity_and_unit_cost(
            node("depot", arc.depot.depot_id, arc.item),
            node("demand", arc.demand.demand_id, arc.item),
            wanted,
            unit_cost,
        )
        arc_index[index] = arc
    # Supplies need not balance: max-flow-with-min-cost ships as much as possible, the rest is shortfall.
    solver.set_node_supply(source, sum(qty for qty in available.values() if qty > 0))
    solver.set_node_supply(sink, -units)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")

    legs = [_leg(arc, solver.flow(index)) for index, arc in arc_index.items() if solver.flow(index) > 0]
    legs.sort(key=lambda leg: (leg.demand_id, leg.item, leg.tier, leg.travel_minutes, leg.depot_id))
    return DispatchPlan(tuple(legs), _shortfalls(demands, legs))


def greedy_nearest_first(
    depots: Sequence[Depot],
    demands: Sequence[Demand],
    *,
    travel: TravelFunction | None = None,
    response_level: ResponseLevel | None = None,
    release_floor_for_level_one: bool = True,
    respect_sourcing_order: bool = True,
) -> DispatchPlan:
    """Baseline for benchmarks: demands in input order, each filled from the nearest depots first (within
    the R16 tier order when respected), same floors and output as `plan_dispatch`."""
    _check_unique(depots, demands)
    travel = travel or haversine_travel()
    remaining = _available(depots, response_level, release_floor_for_level_one)
    arcs = _arcs(depots, demands, travel, respect_sourcing_order)
    legs: list[Leg] = []
    for demand in demands:
        for item, wanted in sorted(demand.quantities.items()):
            candidates = sorted(
                (a for a in arcs if a.demand is demand and a.item == item),
                key=lambda a: (a.objective_tier, a.travel.minutes, a.travel.cost_per_unit, a.depot.depot_id),
            )
            for arc in candidates:
                if wanted == 0:
                    break
                key = (arc.depot.depot_id, item)
                take = min(wanted, remaining[key])
                if take > 0:
                    remaining[key] -= take
                    wanted -= take
                    legs.append(_leg(arc, take))
    return DispatchPlan(tuple(legs), _shortfalls(demands, legs))


def objective(plan: DispatchPlan, *, respect_sourcing_order: bool = True) -> tuple[int, int, int, Decimal]:
    """The lexicographic objective the planner minimises: (units short, Σ tier × units, Σ unit-minutes on
    whole minutes, total cost). Used by tests and benchmarks to compare plans."""
    short = sum(s.missing for s in plan.shortfalls)
    tier_units = sum(int(leg.tier) * leg.quantity for leg in plan.legs) if respect_sourcing_order else 0
    unit_minutes = sum(round(leg.travel_minutes) * leg.quantity for leg in plan.legs)
    return short, tier_units, unit_minutes, plan.total_cost


__all__ = [
    "Demand",
    "Depot",
    "DispatchPlan",
    "Leg",
    "Shortfall",
    "Travel",
    "TravelFunction",
    "greedy_nearest_first",
    "haversine_travel",
    "objective",
    "plan_dispatch",
]
