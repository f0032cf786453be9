"""Stock-aware dispatch optimiser for the four-level reserve (Plan 8(三) / 第八章（三）, 专栏6; R16).

Objective, lexicographic:
  1. deliver as much as stock above the safety floors allows (shortfalls are reported, never hidden);
  2. respect the sourcing order of R16 — the destination's own township, county, city, the province,
     other areas, then enterprise/capacity reserves — as a dominant penalty tier (a unit is only drawn
     from a later tier when the earlier tiers cannot supply it);
  3. minimise total arrival time, measured in unit-minutes (Σ quantity × travel minutes, i.e. the mean
     arrival time of a unit of supplies);
  4. minimise transport cost.
Solved exactly in two passes of OR-Tools' min-cost flow: (1) max flow at minimum tier × weight + minutes
(one int64 arc cost; the weight makes it lexicographic and stays far below int64); (2) among the flows
optimal for (1) — fixed by the reduced costs of pass (1) (complementary slackness: an arc with a positive
reduced cost carries nothing, one with a negative reduced cost is saturated) — minimum cost in whole fen.
No term is coarsened, so the plan is the lexicographic optimum on all four terms. Travel minutes are
rounded to whole minutes and per-unit cost to fen for the objective.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from ortools.graph.python import min_cost_flow

from hunan_emergency.engines.geo import haversine_km
from hunan_emergency.rules.basis import AdminLevel, InvalidInput, plan_basis
from hunan_emergency.rules.classification import ResponseLevel
from hunan_emergency.rules.reserves import ReserveMode, SourcingTier, drawable_quantity, sourcing_tier
from hunan_shared.legal import Basis
from hunan_shared.money import round_fen, to_fen

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


class HaversineTravel:
    """Road travel estimated from great-circle distance (see `haversine_travel`). Callable like any
    `TravelFunction`; `for_pair` computes the distance of a (depot, demand) pair once for all its items."""

    def __init__(
        self,
        road_speed_kmh: float,
        detour_factor: float,
        cost_per_unit_km: Decimal,
        tonnes_per_unit: Mapping[str, Decimal] | None,
        cost_per_tonne_km: Decimal | None,
    ) -> None:
        if road_speed_kmh <= 0 or detour_factor < 1:
            raise InvalidInput("road speed must be positive and the detour factor at least 1")
        self.road_speed_kmh = road_speed_kmh
        self.detour_factor = detour_factor
        self.cost_per_unit_km = cost_per_unit_km
        self.per_tonne = tonnes_per_unit is not None and cost_per_tonne_km is not None
        # Cost per km of one unit of each item when costed per tonne-km.
        self._tonne_rate = (
            {item: tonnes * cost_per_tonne_km for item, tonnes in tonnes_per_unit.items()} if self.per_tonne else {}
        )

    def for_pair(self, depot: Depot, demand: Demand) -> Callable[[str], Travel]:
        km = haversine_km(depot.lat, depot.lon, demand.lat, demand.lon) * self.detour_factor
        km_decimal = Decimal(str(round(km, 3)))
        minutes = km / self.road_speed_kmh * 60
        if not self.per_tonne:
            same = Travel(minutes=minutes, cost_per_unit=km_decimal * self.cost_per_unit_km)
            return lambda item: same
        by_item: dict[str, Travel] = {}

        def per_item(item: str) -> Travel:
            leg = by_item.get(item)
            if leg is None:
                leg = by_item[item] = Travel(
                    minutes=minutes, cost_per_unit=km_decimal * self._tonne_rate.get(item, Decimal(0))
                )
            return leg

        return per_item

    def __call__(self, depot: Depot, demand: Demand, item: str) -> Travel:
        return self.for_pair(depot, demand)(item)


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
    return HaversineTravel(road_speed_kmh, detour_factor, cost_per_unit_km, tonnes_per_unit, cost_per_tonne_km)


@dataclass(slots=True)
class _Arc:
    depot: Depot
    demand: Demand
    item: str
    tier: SourcingTier  # the R16 tier, always reported on the leg
    objective_tier: int  # the tier as the objective sees it (0 when the order is not respected)
    travel: Travel
    minutes_key: int
    cost_key: int  # fen per unit


def _available(depots: Sequence[Depot], response_level: ResponseLevel | None, release_floor_for_level_one: bool):
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


def _arcs(depots, demands, travel, respect_sourcing_order, available=None) -> list[_Arc]:
    """One arc per (demand, item, depot stocking the item) — with `available`, only depots that can give.

    The R16 tier is decided once per (depot level, depot division, destination division, reserve mode) and
    the travel once per (depot, demand) pair (per item only when a custom travel function needs it), not
    once per arc."""
    tiers: dict[tuple, SourcingTier] = {}
    for_pair = getattr(travel, "for_pair", None)
    arcs = []
    for demand in demands:
        wanted_items = sorted(demand.quantities.items())
        for item, wanted in wanted_items:
            if wanted < 0:
                raise InvalidInput(f"demand {demand.demand_id}: negative quantity of {item}")
        by_item: dict[str, list[_Arc]] = {item: [] for item, _ in wanted_items}
        for depot in depots:
            items = [
                item
                for item in by_item
                if item in depot.stock and (available is None or available[(depot.depot_id, item)] > 0)
            ]
            if not items:
                continue
            tier_key = (depot.level, depot.division, demand.division, depot.reserve_mode)
            tier = tiers.get(tier_key)
            if tier is None:
                tier = tiers[tier_key] = sourcing_tier(*tier_key).value
            objective_tier = int(tier) if respect_sourcing_order else 0
            leg_of = (
                for_pair(depot, demand)
                if for_pair is not None
                else (lambda it, depot=depot, demand=demand: travel(depot, demand, it))
            )
            keys: dict[int, tuple[Travel, int, int]] = {}
            for item in items:
                leg = leg_of(item)
                key = keys.get(id(leg))
                if key is None:
                    if leg.minutes < 0 or leg.cost_per_unit < 0:
                        raise InvalidInput("travel time and cost must not be negative")
                    key = keys[id(leg)] = (
                        leg,
                        round(leg.minutes),
                        # OR-Tools costs are int64: the per-unit cost enters the objective in whole fen, rounded
                        # once here (the legs' booked costs are rounded from the exact Decimal, in `_leg`)
                        to_fen(round_fen(leg.cost_per_unit)),
                    )
                by_item[item].append(_Arc(depot, demand, item, tier, objective_tier, leg, key[1], key[2]))
        for item_arcs in by_item.values():  # (demand, item, depot) order, as the items were sorted
            arcs.extend(item_arcs)
    return arcs


def _weights(arcs: list[_Arc], units: int) -> tuple[int, int, int, int]:
    """(tier weight, time weight, cost divisor, time divisor) of the first pass's integer arc cost
    `tier × tier weight + (minutes // time divisor) × time weight`.

    The tier weight exceeds any total time difference (units × max minutes), so the weighted optimum is
    lexicographic in (tier, time). Cost is not folded in (the second pass minimises it exactly in fen), so
    the cost divisor is always 1; time would only be coarsened on an instance far beyond any real one
    (units² × max minutes × max tier ≥ 2⁶²).
    """
    max_tier = max(arc.objective_tier for arc in arcs)
    time_divisor = 1
    while True:
        max_minutes = max(arc.minutes_key // time_divisor for arc in arcs)
        time_weight = 1
        tier_weight = units * max_minutes + 1
        worst_total = units * (max_tier * tier_weight + max_minutes * time_weight)
        if worst_total < _INT64_BUDGET:
            return tier_weight, time_weight, 1, time_divisor
        if max_minutes > 0:
            time_divisor *= 10
        else:
            raise InvalidInput("instance too large for the integer objective")


def _potentials(
    n_nodes: int, tails: np.ndarray, heads: np.ndarray, capacities: np.ndarray, costs: np.ndarray, flows: np.ndarray
) -> np.ndarray:
    """Node potentials π (optimal duals) of a min-cost flow, from its residual graph: shortest distances from
    a virtual root joined to every node at cost 0 (Bellman-Ford, one vectorised relaxation per round). The
    flow is optimal, so the residual graph has no negative cycle and every residual arc has a non-negative
    reduced cost `cost + π[tail] − π[head]`."""
    if not len(tails):
        return np.zeros(n_nodes, dtype=np.int64)
    forward = flows < capacities
    backward = flows > 0
    r_tails = np.concatenate([tails[forward], heads[backward]])
    r_heads = np.concatenate([heads[forward], tails[backward]])
    r_costs = np.concatenate([costs[forward], -costs[backward]])
    order = np.argsort(r_heads, kind="stable")
    r_tails, r_heads, r_costs = r_tails[order], r_heads[order], r_costs[order]
    targets, starts = np.unique(r_heads, return_index=True)
    distance = np.zeros(n_nodes, dtype=np.int64)
    for _ in range(n_nodes + 1):
        best_in = np.minimum.reduceat(distance[r_tails] + r_costs, starts)
        improved = best_in < distance[targets]
        if not improved.any():
            return distance
        distance[targets[improved]] = best_in[improved]
    raise RuntimeError("negative cycle in the residual graph: the first pass is not optimal")


def _explain(arc: _Arc, quantity: int, cost: Decimal) -> str:
    return (
        f"{quantity} × {arc.item} from {arc.depot.level.value} depot {arc.depot.depot_id} "
        f"({TIER_LABEL[arc.tier]}) to {arc.demand.demand_id}: {arc.travel.minutes:.0f} min, cost {cost} yuan"
    )


def _leg(arc: _Arc, quantity: int) -> Leg:
    cost = round_fen(arc.travel.cost_per_unit * quantity)  # the leg's cost, rounded once to the fen (ADR 0016)
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
    arcs = _arcs(depots, demands, travel, respect_sourcing_order, available)
    if not arcs:
        return DispatchPlan((), _shortfalls(demands, ()))

    source, sink = 0, 1
    node_ids: dict[tuple[str, str, str], int] = {}

    def node(kind: str, owner: str, item: str) -> int:
        return node_ids.setdefault((kind, owner, item), len(node_ids) + 2)

    wanted_by_pair = {(d.demand_id, item): qty for d in demands for item, qty in d.quantities.items()}
    units = sum(wanted_by_pair.values())
    tier_weight, time_weight, _, time_divisor = _weights(arcs, max(units, 1))

    # Every arc of the network: source → (depot, item) → (demand, item) → sink, with both passes' costs.
    tails: list[int] = []
    heads: list[int] = []
    capacities: list[int] = []
    first_costs: list[int] = []  # pass 1: tier and arrival time
    second_costs: list[int] = []  # pass 2: transport cost in fen
    for (depot_id, item), qty in available.items():
        if qty > 0:
            tails.append(source), heads.append(node("depot", depot_id, item)), capacities.append(qty)
    for (demand_id, item), qty in wanted_by_pair.items():
        if qty > 0:
            tails.append(node("demand", demand_id, item)), heads.append(sink), capacities.append(qty)
    first_costs.extend([0] * len(tails))
    second_costs.extend([0] * len(tails))
    planned_arcs: list[_Arc] = []
    for arc in arcs:
        wanted = wanted_by_pair[(arc.demand.demand_id, arc.item)]
        if wanted == 0:
            continue
        tails.append(node("depot", arc.depot.depot_id, arc.item))
        heads.append(node("demand", arc.demand.demand_id, arc.item))
        capacities.append(wanted)
        first_costs.append(arc.objective_tier * tier_weight + (arc.minutes_key // time_divisor) * time_weight)
        second_costs.append(arc.cost_key)
        planned_arcs.append(arc)
    n_nodes = len(node_ids) + 2
    tail_array = np.array(tails, dtype=np.int32)
    head_array = np.array(heads, dtype=np.int32)
    capacity_array = np.array(capacities, dtype=np.int64)
    first_array = np.array(first_costs, dtype=np.int64)

    # Pass 1: as many units as the stock allows, at the least tier-then-time.
    # Supplies need not balance: max-flow-with-min-cost ships as much as possible, the rest is shortfall.
    first = min_cost_flow.SimpleMinCostFlow()
    first.add_arcs_with_capacity_and_unit_cost(tail_array, head_array, capacity_array, first_array)
    first.set_node_supply(source, sum(qty for qty in available.values() if qty > 0))
    first.set_node_supply(sink, -units)
    status = first.solve_max_flow_with_min_cost()
    if status != first.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    first_flows = np.asarray(first.flows(np.arange(len(tails), dtype=np.int32)), dtype=np.int64)
    shipped = int(first_flows[head_array == sink].sum())

    # Pass 2: the flows optimal for pass 1 are exactly those complementary to its duals π — an arc with a
    # positive reduced cost carries nothing, one with a negative reduced cost is full, the rest are free —
    # so minimising cost over the free arcs (the full ones fixed) is the lexicographic optimum.
    potential = _potentials(n_nodes, tail_array, head_array, capacity_array, first_array, first_flows)
    reduced = first_array + potential[tail_array] - potential[head_array]
    full, free = reduced < 0, reduced == 0
    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[source], supplies[sink] = shipped, -shipped
    np.subtract.at(supplies, tail_array[full], capacity_array[full])
    np.add.at(supplies, head_array[full], capacity_array[full])
    free_index = np.flatnonzero(free).astype(np.int32)
    second = min_cost_flow.SimpleMinCostFlow()
    for index in range(n_nodes):  # every node exists, even one left with no free arc
        second.set_node_supply(index, int(supplies[index]))
    second.add_arcs_with_capacity_and_unit_cost(
        tail_array[free_index],
        head_array[free_index],
        capacity_array[free_index],
        np.array(second_costs, dtype=np.int64)[free_index],
    )
    status = second.solve() if len(free_index) else second.OPTIMAL
    if status != second.OPTIMAL:
        raise RuntimeError(f"min-cost flow (cost pass) failed with status {status}")
    flows = np.where(full, capacity_array, 0)
    if len(free_index):
        flows[free_index] = np.asarray(second.flows(np.arange(len(free_index), dtype=np.int32)), dtype=np.int64)

    offset = len(tails) - len(planned_arcs)
    legs = [_leg(arc, int(flows[offset + i])) for i, arc in enumerate(planned_arcs) if flows[offset + i] > 0]
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
    by_demand_item: dict[tuple[int, str], list[_Arc]] = {}
    for arc in _arcs(depots, demands, travel, respect_sourcing_order):
        by_demand_item.setdefault((id(arc.demand), arc.item), []).append(arc)
    legs: list[Leg] = []
    for demand in demands:
        for item, wanted in sorted(demand.quantities.items()):
            candidates = sorted(
                by_demand_item.get((id(demand), item), ()),
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
    "HaversineTravel",
    "haversine_travel",
    "objective",
    "plan_dispatch",
]
