"""Dispatch optimiser (Plan 8(三), 专栏6, R16): exact on all four lexicographic terms — cost included — on
instances too large for brute force, against an independent min-cost flow with unbounded integer weights;
the per-pair travel of the haversine model equals the per-item one."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from hunan_emergency.engines.planner import Demand, Depot, Travel, haversine_travel, objective, plan_dispatch
from hunan_emergency.rules.basis import AdminLevel
from hunan_emergency.rules.reserves import ReserveMode, sourcing_tier

COUNTIES = ["430121", "430181", "430104", "430211", "430602"]
LEVELS = [
    (AdminLevel.COUNTY, "430121"),
    (AdminLevel.COUNTY, "430181"),
    (AdminLevel.CITY, "430100"),
    (AdminLevel.CITY, "430200"),
    (AdminLevel.PROVINCE, "430000"),
    (AdminLevel.TOWNSHIP, "430121001"),
]
ITEMS = ("tent", "quilt")


def _instance(seed: int):
    rng = random.Random(seed)
    depots = []
    for i in range(rng.randint(4, 9)):
        level, division = rng.choice(LEVELS)
        mode = ReserveMode.ENTERPRISE_COMMERCIAL if rng.random() < 0.15 else ReserveMode.GOVERNMENT_PHYSICAL
        stock = {item: rng.randint(0, 4000) for item in rng.sample(ITEMS, rng.randint(1, 2))}
        depots.append(Depot(f"P{i}", level, division, 0, 0, stock, {k: rng.randint(0, 500) for k in stock}, mode))
    demands = [
        Demand(f"R{k}", rng.choice(COUNTIES), 0, 0, {item: rng.randint(0, 3500) for item in ITEMS})
        for k in range(rng.randint(3, 7))
    ]
    # Few distinct minutes (many time ties) and wide costs in fen: the cost term decides among the ties.
    minutes = {(d.depot_id, r.demand_id): rng.choice([5, 10, 15]) for d in depots for r in demands}
    cost = {(d.depot_id, r.demand_id): Decimal(rng.randint(0, 500_000)) / 100 for d in depots for r in demands}

    def travel(depot: Depot, demand: Demand, item: str) -> Travel:
        key = (depot.depot_id, demand.demand_id)
        return Travel(minutes=minutes[key], cost_per_unit=cost[key] * (2 if item == "quilt" else 1))

    return depots, demands, travel


def _reference(depots, demands, travel) -> tuple[int, int, int, Decimal]:
    """Max flow at minimum lexicographic cost by successive shortest paths (Bellman-Ford) with Python-int
    weights large enough never to mix the terms."""
    fen = Decimal("0.01")
    arcs: list[list] = []  # [tail, head, capacity, cost, flow]
    graph: dict[object, list[int]] = {}

    def add(tail, head, capacity, cost):
        for a, b, c, w in ((tail, head, capacity, cost), (head, tail, 0, -cost)):
            graph.setdefault(a, []).append(len(arcs))
            arcs.append([a, b, c, w, 0])

    units = sum(sum(d.quantities.values()) for d in demands)
    big_cost = units * 5_000_000 + 1
    big_time = big_cost * (units * 100 + 1)
    for depot in depots:
        for item, qty in depot.stock.items():
            add("s", (depot.depot_id, item), max(0, qty - depot.safety_floor.get(item, 0)), 0)
    for demand in demands:
        for item, qty in demand.quantities.items():
            add((demand.demand_id, item), "t", qty, 0)
            for depot in depots:
                if item in depot.stock:
                    leg = travel(depot, demand, item)
                    tier = int(sourcing_tier(depot.level, depot.division, demand.division, depot.reserve_mode).value)
                    cost_fen = int((leg.cost_per_unit / fen).to_integral_value(ROUND_HALF_UP))
                    add(
                        (depot.depot_id, item),
                        (demand.demand_id, item),
                        qty,
                        tier * big_time * 10 + round(leg.minutes) * big_cost + cost_fen,
                    )
    while True:
        distance, via = {"s": 0}, {}
        for _ in range(len(graph)):
            changed = False
            for index, (tail, head, capacity, cost, flow) in enumerate(arcs):
                if (
                    capacity - flow > 0
                    and tail in distance
                    and distance[tail] + cost < distance.get(head, float("inf"))
                ):
                    distance[head], via[head], changed = distance[tail] + cost, index, True
            if not changed:
                break
        if "t" not in distance:
            break
        path, node = [], "t"
        while node != "s":
            path.append(via[node])
            node = arcs[via[node]][0]
        push = min(arcs[i][2] - arcs[i][4] for i in path)
        for i in path:
            arcs[i][4] += push
            arcs[i ^ 1][4] -= push
    shipped = tiers = minutes = 0
    cost = Decimal(0)
    for index in range(0, len(arcs), 2):
        tail, head, _, _, flow = arcs[index]
        if flow > 0 and tail != "s" and head != "t":
            depot = next(d for d in depots if d.depot_id == tail[0])
            demand = next(d for d in demands if d.demand_id == head[0])
            leg = travel(depot, demand, tail[1])
            shipped += flow
            tiers += int(sourcing_tier(depot.level, depot.division, demand.division, depot.reserve_mode).value) * flow
            minutes += round(leg.minutes) * flow
            cost += leg.cost_per_unit * flow
    return units - shipped, tiers, minutes, cost


@pytest.mark.parametrize("seed", range(25), ids=[f"Plan 8(三) exact on cost seed {s}" for s in range(25)])
def test_plan_is_the_lexicographic_optimum_including_cost(seed: int) -> None:
    depots, demands, travel = _instance(seed)
    assert objective(plan_dispatch(depots, demands, travel=travel)) == _reference(depots, demands, travel)


def test_cost_decides_between_equal_tiers_and_times() -> None:
    """Two provincial depots at the same minutes: the cheaper one serves, whatever the magnitudes."""
    depots = [
        Depot("A", AdminLevel.PROVINCE, "430000", 0, 0, {"tent": 100_000}),
        Depot("B", AdminLevel.PROVINCE, "430000", 0, 0, {"tent": 100_000}),
    ]
    demands = [Demand("R", "430121", 0, 0, {"tent": 90_000})]
    costs = {"A": Decimal("4999.99"), "B": Decimal("4999.98")}
    plan = plan_dispatch(depots, demands, travel=lambda d, r, i: Travel(minutes=900, cost_per_unit=costs[d.depot_id]))
    assert [(leg.depot_id, leg.quantity) for leg in plan.legs] == [("B", 90_000)]


@pytest.mark.parametrize("per_tonne", [False, True], ids=["Plan 8(三) per unit-km", "Plan 8(三) per tonne-km"])
def test_per_pair_travel_equals_per_item_travel(per_tonne: bool) -> None:
    extra = (
        {"tonnes_per_unit": {"tent": Decimal("0.2"), "quilt": Decimal("0.01")}, "cost_per_tonne_km": Decimal("1.5")}
        if per_tonne
        else {}
    )
    travel = haversine_travel(**extra)
    depot = Depot("D", AdminLevel.PROVINCE, "430000", 28.0, 113.0, {"tent": 1, "quilt": 1})
    demand = Demand("R", "430121", 27.3, 112.4, {"tent": 1, "quilt": 1})
    pair = travel.for_pair(depot, demand)
    for item in ("tent", "quilt", "unknown"):
        assert pair(item) == travel(depot, demand, item)
