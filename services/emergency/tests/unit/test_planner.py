"""Dispatch optimiser (Plan 8(三), 专栏6, R16): optimality against brute force, never worse than greedy,
safety floors, shortfalls, sourcing order."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

import pytest

from hunan_emergency.engines.planner import (
    Demand,
    Depot,
    Travel,
    greedy_nearest_first,
    haversine_travel,
    objective,
    plan_dispatch,
)
from hunan_emergency.rules.basis import AdminLevel
from hunan_emergency.rules.classification import ResponseLevel
from hunan_emergency.rules.reserves import SourcingTier

# Three counties of 长沙市 and one of 株洲市, so instances mix own-county, city and cross-region tiers.
COUNTIES = ["430121", "430181", "430104", "430211"]
DEPOT_LEVELS = [
    (AdminLevel.COUNTY, "430121"),
    (AdminLevel.COUNTY, "430181"),
    (AdminLevel.CITY, "430100"),
    (AdminLevel.CITY, "430200"),
    (AdminLevel.PROVINCE, "430000"),
]


def _table_travel(minutes: dict[tuple[str, str], int], cost: dict[tuple[str, str], int]):
    def travel(depot: Depot, demand: Demand, item: str) -> Travel:
        key = (depot.depot_id, demand.demand_id)
        return Travel(minutes=minutes[key], cost_per_unit=Decimal(cost[key]))

    return travel


def _random_instance(seed: int, items: tuple[str, ...] = ("tent",)):
    rng = random.Random(seed)
    depots = []
    for i in range(3):
        level, division = rng.choice(DEPOT_LEVELS)
        stock = {item: rng.randint(0, 4) for item in items}
        floor = {item: rng.randint(0, 1) for item in items}
        depots.append(Depot(f"D{i}", level, division, 0, 0, stock, floor))
    demands = [
        Demand(f"R{k}", rng.choice(COUNTIES), 0, 0, {item: rng.randint(0, 3) for item in items}) for k in range(3)
    ]
    minutes = {(d.depot_id, r.demand_id): rng.randint(1, 9) for d in depots for r in demands}
    cost = {(d.depot_id, r.demand_id): rng.randint(0, 5) for d in depots for r in demands}
    return depots, demands, _table_travel(minutes, cost)


def _brute_force_optimum(depots, demands, travel, respect_sourcing_order=True):
    """Enumerate every allocation (one item) and return the best lexicographic objective."""
    item = "tent"
    available = [max(0, d.stock[item] - d.safety_floor.get(item, 0)) for d in depots]
    per_demand_options = []
    for demand in demands:
        wanted = demand.quantities[item]
        options = [split for split in itertools.product(range(wanted + 1), repeat=len(depots)) if sum(split) <= wanted]
        per_demand_options.append(options)
    best = None
    for combo in itertools.product(*per_demand_options):
        used = [sum(split[i] for split in combo) for i in range(len(depots))]
        if any(u > a for u, a in zip(used, available, strict=True)):
            continue
        short = sum(d.quantities[item] for d in demands) - sum(used)
        tiers = minutes = 0
        cost = Decimal(0)
        for demand, split in zip(demands, combo, strict=True):
            for depot, qty in zip(depots, split, strict=True):
                if not qty:
                    continue
                leg = travel(depot, demand, item)
                from hunan_emergency.rules.reserves import sourcing_tier

                tier = sourcing_tier(depot.level, depot.division, demand.division, depot.reserve_mode).value
                tiers += int(tier) * qty if respect_sourcing_order else 0
                minutes += round(leg.minutes) * qty
                cost += leg.cost_per_unit * qty
        candidate = (short, tiers, minutes, cost)
        if best is None or candidate < best:
            best = candidate
    return best


@pytest.mark.parametrize("seed", range(40), ids=[f"Plan 8(三) brute-force seed {s}" for s in range(40)])
def test_planner_matches_brute_force_optimum(seed: int) -> None:
    depots, demands, travel = _random_instance(seed)
    plan = plan_dispatch(depots, demands, travel=travel)
    assert objective(plan) == _brute_force_optimum(depots, demands, travel)


@pytest.mark.parametrize("seed", range(15), ids=[f"Plan 8(三) time-only brute-force seed {s}" for s in range(15)])
def test_planner_matches_brute_force_without_sourcing_order(seed: int) -> None:
    depots, demands, travel = _random_instance(1000 + seed)
    plan = plan_dispatch(depots, demands, travel=travel, respect_sourcing_order=False)
    assert objective(plan, respect_sourcing_order=False) == _brute_force_optimum(
        depots, demands, travel, respect_sourcing_order=False
    )


@pytest.mark.parametrize("seed", range(60), ids=[f"Plan 8(三) vs greedy seed {s}" for s in range(60)])
def test_planner_never_worse_than_greedy(seed: int) -> None:
    depots, demands, travel = _random_instance(5000 + seed, items=("tent", "quilt"))
    optimal = objective(plan_dispatch(depots, demands, travel=travel))
    greedy = objective(greedy_nearest_first(depots, demands, travel=travel))
    assert optimal <= greedy


def _floors_respected(plan, depots) -> bool:
    drawn: dict[tuple[str, str], int] = {}
    for leg in plan.legs:
        drawn[(leg.depot_id, leg.item)] = drawn.get((leg.depot_id, leg.item), 0) + leg.quantity
    # A depot already below its floor gives nothing; otherwise it keeps at least the floor.
    return all(
        drawn.get((depot.depot_id, item), 0) <= max(0, depot.stock[item] - depot.safety_floor.get(item, 0))
        for depot in depots
        for item in depot.stock
    )


@pytest.mark.parametrize("seed", range(30), ids=[f"专栏6 floors seed {s}" for s in range(30)])
def test_safety_floors_are_never_breached(seed: int) -> None:
    depots, demands, travel = _random_instance(9000 + seed, items=("tent", "quilt"))
    assert _floors_respected(plan_dispatch(depots, demands, travel=travel), depots)
    assert _floors_respected(greedy_nearest_first(depots, demands, travel=travel), depots)


def test_greedy_is_strictly_worse_on_a_crossing_instance() -> None:
    """Greedy serves R1 first from the depot R2 needs; the optimiser swaps them (makes the comparison bite)."""
    depots = [
        Depot("A", AdminLevel.PROVINCE, "430000", 0, 0, {"tent": 1}),
        Depot("B", AdminLevel.PROVINCE, "430000", 0, 0, {"tent": 1}),
    ]
    demands = [Demand("R1", "430121", 0, 0, {"tent": 1}), Demand("R2", "430121", 0, 0, {"tent": 1})]
    travel = _table_travel(
        {("A", "R1"): 1, ("B", "R1"): 2, ("A", "R2"): 1, ("B", "R2"): 50},
        {k: 0 for k in [("A", "R1"), ("B", "R1"), ("A", "R2"), ("B", "R2")]},
    )
    optimal, greedy = (
        plan_dispatch(depots, demands, travel=travel),
        greedy_nearest_first(depots, demands, travel=travel),
    )
    assert objective(optimal)[2] == 3
    assert objective(greedy)[2] == 51


@pytest.mark.parametrize(
    ("response_level", "expected_drawn"),
    [(None, 70), (ResponseLevel.II, 70), (ResponseLevel.I, 100)],
    ids=["专栏6 no level keeps floor", "专栏6 Level II keeps floor", "专栏6 Level I may release floor"],
)
def test_floor_release_only_for_level_one(response_level, expected_drawn: int) -> None:
    depots = [Depot("C", AdminLevel.COUNTY, "430121", 28.2, 113.1, {"tent": 100}, {"tent": 30})]
    plan = plan_dispatch(depots, [Demand("R", "430121", 28.2, 113.1, {"tent": 500})], response_level=response_level)
    assert sum(leg.quantity for leg in plan.legs) == expected_drawn
    assert plan.shortfalls[0].missing == 500 - expected_drawn


def test_level_one_floor_release_can_be_switched_off() -> None:
    depots = [Depot("C", AdminLevel.COUNTY, "430121", 28.2, 113.1, {"tent": 100}, {"tent": 30})]
    plan = plan_dispatch(
        depots,
        [Demand("R", "430121", 28.2, 113.1, {"tent": 500})],
        response_level=ResponseLevel.I,
        release_floor_for_level_one=False,
    )
    assert sum(leg.quantity for leg in plan.legs) == 70


def test_shortfall_reported_per_demand_and_item() -> None:
    depots = [Depot("P", AdminLevel.PROVINCE, "430000", 28.2, 113.0, {"tent": 5, "quilt": 0})]
    demands = [
        Demand("R1", "430121", 28.3, 113.1, {"tent": 4, "quilt": 2}),
        Demand("R2", "430104", 28.2, 112.9, {"tent": 4}),
    ]
    plan = plan_dispatch(depots, demands)
    assert sum(s.missing for s in plan.shortfalls) == 3 + 2
    assert ("R1", "quilt", 2) in {(s.demand_id, s.item, s.missing) for s in plan.shortfalls}
    assert not plan.fully_planned


def test_cross_region_before_enterprise_reserve() -> None:
    """R16: another county's government reserve (跨区域) comes before enterprise/capacity reserves."""
    from hunan_emergency.rules.reserves import ReserveMode

    depots = [
        Depot("OTHER", AdminLevel.COUNTY, "430211", 0, 0, {"tent": 10}),
        Depot(
            "ENT",
            AdminLevel.COUNTY,
            "430121",
            0,
            0,
            {"tent": 10},
            reserve_mode=ReserveMode.ENTERPRISE_COMMERCIAL,
        ),
    ]
    travel = _table_travel({("OTHER", "R"): 300, ("ENT", "R"): 5}, {("OTHER", "R"): 0, ("ENT", "R"): 0})
    plan = plan_dispatch(depots, [Demand("R", "430121", 0, 0, {"tent": 12})], travel=travel)
    by_depot = {leg.depot_id: (leg.quantity, leg.tier) for leg in plan.legs}
    assert by_depot == {
        "OTHER": (10, SourcingTier.CROSS_REGION),
        "ENT": (2, SourcingTier.ENTERPRISE_AND_CAPACITY),
    }


def test_legs_carry_explanation_and_basis() -> None:
    depots = [Depot("C", AdminLevel.COUNTY, "430121", 28.25, 113.08, {"tent": 10})]
    plan = plan_dispatch(depots, [Demand("R", "430121001", 28.2, 113.1, {"tent": 3})])
    leg = plan.legs[0]
    assert "本县储备" in leg.explanation and "3 × tent" in leg.explanation
    assert any("第八章（三）" in b.article for b in leg.basis)


@pytest.mark.parametrize(
    ("speed", "expected_minutes"),
    [(60.0, 60.0), (30.0, 120.0)],
    ids=["Plan 8(三) 60 km/h", "Plan 8(三) 30 km/h"],
)
def test_haversine_travel_uses_configured_speed(speed: float, expected_minutes: float) -> None:
    # One degree of latitude ≈ 111.2 km; with detour 1 and that distance scaled to 60 km the minutes follow.
    travel = haversine_travel(road_speed_kmh=speed, detour_factor=1.0, cost_per_unit_km=Decimal("0.10"))
    depot = Depot("D", AdminLevel.PROVINCE, "430000", 28.0, 113.0, {"tent": 1})
    demand = Demand("R", "430121", 28.0 + 60 / 111.195, 113.0, {"tent": 1})
    leg = travel(depot, demand, "tent")
    assert leg.minutes == pytest.approx(expected_minutes, rel=1e-3)
    assert leg.cost_per_unit == pytest.approx(Decimal("6.0"), rel=Decimal("0.001"))


def test_haversine_travel_per_tonne_km() -> None:
    travel = haversine_travel(
        detour_factor=1.0, tonnes_per_unit={"water": Decimal("0.5")}, cost_per_tonne_km=Decimal(2)
    )
    depot = Depot("D", AdminLevel.PROVINCE, "430000", 28.0, 113.0, {"water": 1})
    demand = Demand("R", "430121", 28.0 + 10 / 111.195, 113.0, {"water": 1})
    assert travel(depot, demand, "water").cost_per_unit == pytest.approx(Decimal(10), rel=Decimal("0.001"))
