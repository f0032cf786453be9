"""Dispatch planning: plan_dispatch vs greedy nearest-first (never worse) and an independent LP optimum (HiGHS).

Size "full": 1000 depots × 200 demand points; "quick": 100 × 20; custom: `--size dispatch=500x100`.
The LP is scipy.optimize.linprog (HiGHS) solved lexicographically in four stages with the planner's
objective: most units delivered, then Σ tier × units (R16 sourcing order), then Σ unit-minutes on whole
minutes, then transport cost in fen.
"""

from __future__ import annotations

import random
import time
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, vstack

from bench.common import Result
from hunan_emergency.engines.planner import (
    Demand,
    Depot,
    greedy_nearest_first,
    haversine_travel,
    objective,
    plan_dispatch,
)
from hunan_emergency.rules.basis import AdminLevel
from hunan_emergency.rules.reserves import ReserveMode, sourcing_tier
from hunan_shared import divisions

SIZES = {"quick": (100, 20), "full": (1000, 200)}
ITEMS = ("tent", "quilt", "food_pack")
# Hunan's bounding box (approximate), for synthetic coordinates.
LAT, LON = (24.6, 30.1), (108.8, 114.3)


def parse_size(size: str) -> tuple[int, int]:
    if size in SIZES:
        return SIZES[size]
    depots, demands = size.lower().split("x")
    return int(depots), int(demands)


def instance(n_depots: int, n_demands: int, seed: int = 7) -> tuple[list[Depot], list[Demand]]:
    """Synthetic four-level reserve over Hunan: one provincial depot, city and county depots, the rest
    township points, a few enterprise reserves; demands in random counties. Total drawable stock is about
    1.3× the demand, so the plan must choose (and some local stock is short)."""
    rng = random.Random(seed)
    counties = [d.code for d in divisions.counties()]
    cities = [d.code for d in divisions.prefectures()]
    demands = []
    for i in range(n_demands):
        wanted = {item: rng.randint(20, 400) for item in rng.sample(ITEMS, rng.randint(1, len(ITEMS)))}
        demands.append(Demand(f"D{i:04d}", rng.choice(counties), rng.uniform(*LAT), rng.uniform(*LON), wanted))
    totals = {item: sum(d.quantities.get(item, 0) for d in demands) for item in ITEMS}
    depots = []
    for i in range(n_depots):
        if i == 0:
            level, division = AdminLevel.PROVINCE, "430000"
        elif i <= len(cities) and i < n_depots // 10:
            level, division = AdminLevel.CITY, cities[i - 1]
        elif i < n_depots // 3:
            level, division = AdminLevel.COUNTY, rng.choice(counties)
        else:
            level, division = AdminLevel.TOWNSHIP, rng.choice(counties) + f"{rng.randint(1, 20):03d}"
        mode = ReserveMode.ENTERPRISE_COMMERCIAL if rng.random() < 0.05 else ReserveMode.GOVERNMENT_PHYSICAL
        stocked = rng.sample(ITEMS, rng.randint(1, len(ITEMS)))
        stock = {item: max(1, int(totals[item] * 1.3 * 2 / n_depots * rng.uniform(0.2, 1.8))) for item in stocked}
        floor = {item: qty // 10 for item, qty in stock.items()}
        depots.append(Depot(f"P{i:04d}", level, division, rng.uniform(*LAT), rng.uniform(*LON), stock, floor, mode))
    return depots, demands


def _fen(amount: Decimal) -> int:
    return int((amount / Decimal("0.01")).to_integral_value(ROUND_HALF_UP))


def lp_optimum(depots, demands, travel) -> tuple[tuple[int, int, int, int], float]:
    """Independent lexicographic LP of the planner's objective; returns ((short, tier-units, unit-minutes,
    cost fen), seconds). Safety floors are kept (no Level-I release)."""
    started = time.perf_counter()
    available = {
        (d.depot_id, item): max(0, qty - d.safety_floor.get(item, 0)) for d in depots for item, qty in d.stock.items()
    }
    supply_index, demand_index = {}, {}
    rows_s, rows_d, tier, minutes, cost, caps_s, caps_d = [], [], [], [], [], [], []
    for demand in demands:
        for item, wanted in demand.quantities.items():
            if wanted <= 0:
                continue
            di = demand_index.setdefault((demand.demand_id, item), len(demand_index))
            if di == len(caps_d):
                caps_d.append(wanted)
            for depot in depots:
                if available.get((depot.depot_id, item), 0) <= 0:
                    continue
                si = supply_index.setdefault((depot.depot_id, item), len(supply_index))
                if si == len(caps_s):
                    caps_s.append(available[(depot.depot_id, item)])
                leg = travel(depot, demand, item)
                rows_s.append(si)
                rows_d.append(di)
                tier.append(int(sourcing_tier(depot.level, depot.division, demand.division, depot.reserve_mode).value))
                minutes.append(round(leg.minutes))
                cost.append(_fen(leg.cost_per_unit))
    n = len(rows_s)
    cols = np.arange(n)
    a_supply = csr_matrix((np.ones(n), (np.array(rows_s), cols)), shape=(len(caps_s), n))
    a_demand = csr_matrix((np.ones(n), (np.array(rows_d), cols)), shape=(len(caps_d), n))
    a_ub = vstack([a_supply, a_demand]).tocsr()
    b_ub = np.array(caps_s + caps_d, dtype=float)
    stages = [-np.ones(n), np.array(tier, float), np.array(minutes, float), np.array(cost, float)]
    a_eq_rows, b_eq, values = [], [], []
    for c in stages:
        res = linprog(
            c,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=vstack(a_eq_rows).tocsr() if a_eq_rows else None,
            b_eq=np.array(b_eq) if b_eq else None,
            bounds=(0, None),
            method="highs",
        )
        if res.status != 0:
            raise RuntimeError(f"LP stage failed: {res.message}")
        value = round(res.fun)  # integral data: a network LP has an integral optimum
        values.append(value)
        a_eq_rows.append(csr_matrix(c.reshape(1, -1)))
        b_eq.append(value)
    units = sum(caps_d)
    return (units + values[0], values[1], values[2], values[3]), time.perf_counter() - started


def plan_key(plan, depots, demands, travel) -> tuple[int, int, int, int]:
    """The plan's objective in the LP's integer terms (cost = Σ quantity × per-unit cost rounded to fen)."""
    short, tier_units, unit_minutes, _ = objective(plan)
    by_depot = {d.depot_id: d for d in depots}
    by_demand = {d.demand_id: d for d in demands}
    fen = sum(
        leg.quantity * _fen(travel(by_depot[leg.depot_id], by_demand[leg.demand_id], leg.item).cost_per_unit)
        for leg in plan.legs
    )
    return short, tier_units, unit_minutes, fen


def run(size: str) -> Result:
    n_depots, n_demands = parse_size(size)
    depots, demands = instance(n_depots, n_demands)
    travel = haversine_travel()
    result = Result(
        "dispatch",
        size,
        params={
            "depots": n_depots,
            "demands": n_demands,
            "items": len(ITEMS),
            "units_requested": sum(sum(d.quantities.values()) for d in demands),
        },
    )

    started = time.perf_counter()
    plan = plan_dispatch(depots, demands, travel=travel)
    plan_seconds = time.perf_counter() - started
    started = time.perf_counter()
    greedy = greedy_nearest_first(depots, demands, travel=travel)
    greedy_seconds = time.perf_counter() - started
    optimum, lp_seconds = lp_optimum(depots, demands, travel)

    mine, theirs = plan_key(plan, depots, demands, travel), plan_key(greedy, depots, demands, travel)
    result.figure("plan_dispatch solve time", plan_seconds, "s")
    result.figure("greedy_nearest_first time", greedy_seconds, "s")
    result.figure("LP (HiGHS, 4 lexicographic stages) time", lp_seconds, "s")
    result.figure("plan: units short", mine[0], "units")
    result.figure("plan: Σ tier × units", mine[1], "tier-units")
    result.figure("plan: total arrival time", mine[2], "unit-minutes")
    result.figure("plan: transport cost", mine[3] / 100, "yuan")
    result.figure("greedy: units short", theirs[0], "units")
    result.figure("greedy: Σ tier × units", theirs[1], "tier-units")
    result.figure("greedy: total arrival time", theirs[2], "unit-minutes")
    result.figure("greedy: transport cost", theirs[3] / 100, "yuan")
    result.figure("LP optimum: total arrival time", optimum[2], "unit-minutes")
    result.figure("LP optimum: transport cost", optimum[3] / 100, "yuan")

    result.ratio("greedy objective / plan objective (lexicographic; 1 = tie)", _lex_ratio(theirs, mine), 1.0)
    result.ratio("plan arrival time / LP optimum", mine[2] / max(optimum[2], 1), 1.0, higher_is_better=False)
    result.ratio("plan cost / LP optimum cost", mine[3] / max(optimum[3], 1), 1.0, higher_is_better=False)
    result.ratio("plan solve time / LP solve time", plan_seconds / lp_seconds, None, higher_is_better=False)
    result.params["plan_equals_lp_optimum"] = mine == optimum
    result.params["planner_cost_divisor"], result.params["planner_time_divisor"] = _planner_divisors(
        depots, demands, travel
    )
    result.params["plan_never_worse_than_greedy"] = mine <= theirs
    if mine != optimum:
        result.notes.append(
            f"plan objective {mine} differs from the LP optimum {optimum} (planner cost resolution: "
            f"{result.params['planner_cost_divisor']} fen, time resolution: "
            f"{result.params['planner_time_divisor']} min)"
        )
    if not mine <= theirs:
        result.notes.append(f"plan {mine} is WORSE than greedy {theirs}")
    return result


def _planner_divisors(depots, demands, travel) -> tuple[int, int]:
    """The resolution the planner's single int64 objective keeps (1 = exact fen / minutes). Diagnostic only:
    reads the planner's private helpers without changing anything."""
    from hunan_emergency.engines import planner

    arcs = planner._arcs(depots, demands, travel, True)
    units = sum(sum(d.quantities.values()) for d in demands)
    _, _, cost_divisor, time_divisor = planner._weights(arcs, max(units, 1))
    return cost_divisor, time_divisor


def _lex_ratio(greedy: tuple, plan: tuple) -> float:
    """Ratio of the first objective component where the plans differ (greedy / plan); 1.0 when equal."""
    for g, p in zip(greedy, plan, strict=True):
        if g != p:
            return g / p if p else float("inf")
    return 1.0
