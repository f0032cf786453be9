"""Habitat-conflict check (trees, issue #14 item 9): the service's indexed check vs brute force, and its growth
from the smaller to the larger number of zones.

Size "full": 20 000 and 200 000 habitat zones; "quick": 2 000 and 20 000; custom `--size habitat=20000,200000`.
Zones are loaded into a throw-away PostgreSQL database migrated to the trees head (the production schema and
indexes), trees spread uniformly over Hunan, crowns 3–15 m plus the 5 m margin, 1 % of them wide (≈ 400 m
across, so the wide-zone branch of the query is exercised). Construction sites are 100–400 m squares, half of
them placed on a tree so that conflicts are found.

* service: `hunan_trees.use_cases.habitat.check` — GeoJSON validation, the two index range scans of
  `use_cases/habitat_index.py`, exact shapely intersection, distances and the Art. 25 outcome — per site;
* brute force (baseline): the same database and session, every zone of every active tree read and each
  tested with shapely (`habitat_index.brute_force`), i.e. the check without an index;
* a figure for an in-memory vectorised scan (`shapely.intersects` over all pre-parsed zones, no database):
  the best a scan can do, for context.
Both sides must find the same trees for every site the baseline runs, else the ratios are INVALID.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import statistics
import time

import numpy as np
import psycopg
import shapely
from sqlalchemy import create_engine
from sqlmodel import Session

from bench.common import Result, dsn, percentile, sqlalchemy_url, temporary_database
from hunan_shared import migrations
from hunan_trees.models import HabitatZone, Tree
from hunan_trees.schemas.habitat import HabitatCheckRequest
from hunan_trees.use_cases import habitat, habitat_index
from hunan_trees.use_cases.trees import ACTIVE

SIZES = {"quick": (2_000, 20_000), "full": (20_000, 200_000)}
SITES = {"quick": 60, "full": 300}
BRUTE_SITES = {"quick": 3, "full": 3}
LON, LAT = (108.8, 114.2), (24.7, 30.1)
M_PER_DEG_LAT = 111_000.0
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def parse_size(size: str) -> tuple[int, int]:
    if size in SIZES:
        return SIZES[size]
    small, large = (int(x) for x in size.split(","))
    return small, large


def zones(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tree points (lon, lat) and their zone polygons (WGS84, metric radius converted per latitude)."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(*LON, n)
    lat = rng.uniform(*LAT, n)
    radius_m = rng.uniform(3, 15, n) + 5.0
    wide = rng.random(n) < 0.01
    radius_m[wide] = 200.0
    unit = shapely.buffer(shapely.points(np.zeros(n), np.zeros(n)), radius_m / M_PER_DEG_LAT, quad_segs=8)
    # stretch x by 1/cos(lat) so the circle is round on the ground; shapely.transform applies one function
    # to all coordinates, so do it per geometry through the coordinate arrays
    coords = shapely.get_coordinates(unit)
    counts = shapely.get_num_coordinates(unit)
    owner = np.repeat(np.arange(n), counts)
    coords[:, 0] = lon[owner] + coords[:, 0] / np.cos(np.radians(lat[owner]))
    coords[:, 1] = lat[owner] + coords[:, 1]
    geoms = shapely.set_coordinates(unit, coords)
    return lon, lat, geoms


def _copy(conn: psycopg.Connection, table: str, rows: list[dict]) -> None:
    """COPY model_dump() rows (every column, defaults included, so new nullable/defaulted columns load too)."""
    columns = list(rows[0])
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(v) if isinstance(v, (list, dict)) else v for v in row.values()])


def load(url: str, database: str, n: int, seed: int) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Migrate to the trees head, then COPY n trees and their zones."""
    engine = create_engine(url, hide_parameters=True)
    started = time.perf_counter()
    migrations.upgrade(engine, "hunan_trees:migrations")
    engine.dispose()
    lon, lat, geoms = zones(n, seed)
    bounds = shapely.bounds(geoms)
    wkts = shapely.to_wkt(geoms, rounding_precision=7)
    # One model instance each gives every column with its default (constructing 2n SQLModel objects would
    # cost ~2 ms apiece); the rows vary only in the fields set below.
    tree_template = Tree(
        id="template",
        species="樟树",
        age_years=150,
        is_famous=False,
        in_urban_planning_area=False,
        grade="GRADE_3",
        protection_level="LEVEL_3",
        recognising_level="COUNTY",
        division_code="430104",
        latitude=0.0,
        longitude=0.0,
        custodian_category="ORG_PREMISES",
        status=ACTIVE,
        created_at=NOW,
    ).model_dump()
    zone_template = HabitatZone(
        tree_id="template", margin_m=5.0, geometry_wkt="", min_lon=0, min_lat=0, max_lon=0, max_lat=0, delineated_at=NOW
    ).model_dump()
    trees, zone_rows = [], []
    for i in range(n):
        tree_id = f"bench-{i:07d}"
        trees.append(
            {
                **tree_template,
                "id": tree_id,
                "tree_no": f"B{i:07d}",
                "latitude": float(lat[i]),
                "longitude": float(lon[i]),
            }
        )
        zone_rows.append(
            {
                **zone_template,
                "tree_id": tree_id,
                "geometry_wkt": str(wkts[i]),
                "min_lon": float(bounds[i, 0]),
                "min_lat": float(bounds[i, 1]),
                "max_lon": float(bounds[i, 2]),
                "max_lat": float(bounds[i, 3]),
            }
        )
    with psycopg.connect(dsn(database)) as conn:
        _copy(conn, Tree.__tablename__, trees)
        _copy(conn, HabitatZone.__tablename__, zone_rows)
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started, lon, lat, geoms


def sites(count: int, lon: np.ndarray, lat: np.ndarray, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for k in range(count):
        half_m = rng.uniform(50, 200)
        if k % 2 == 0:
            i = rng.randrange(len(lon))  # on a tree: a conflict
            cx, cy = float(lon[i]) + rng.uniform(-1e-4, 1e-4), float(lat[i]) + rng.uniform(-1e-4, 1e-4)
        else:
            cx, cy = rng.uniform(*LON), rng.uniform(*LAT)
        dy = half_m / M_PER_DEG_LAT
        dx = dy / math.cos(math.radians(cy))
        ring = [[cx - dx, cy - dy], [cx + dx, cy - dy], [cx + dx, cy + dy], [cx - dx, cy + dy], [cx - dx, cy - dy]]
        out.append({"type": "Polygon", "coordinates": [ring]})
    return out


def measure(n: int, size_key: str, result: Result, seed: int) -> dict:
    tag = f"{n // 1000}k zones"
    with temporary_database("habitat") as name:
        load_s, lon, lat, geoms = load(sqlalchemy_url(name), name, n, seed)
        engine = create_engine(sqlalchemy_url(name), hide_parameters=True)
        try:
            checks = sites(SITES[size_key], lon, lat, seed + 1)
            service_times, found = [], []
            with Session(engine) as session:
                habitat.check(session, HabitatCheckRequest(site=checks[0]))  # warm-up
                for site in checks:
                    request = HabitatCheckRequest(site=site)
                    started = time.perf_counter()
                    answer = habitat.check(session, request)
                    service_times.append(time.perf_counter() - started)
                    found.append([t.tree_id for t in answer.trees])

                brute_times, mismatches = [], 0
                for k in range(BRUTE_SITES[size_key]):
                    site = shapely.geometry.shape(checks[k])
                    started = time.perf_counter()
                    rows = habitat_index.brute_force(session, ACTIVE)
                    hits = [t.id for z, t in rows if site.intersects(shapely.from_wkt(z.geometry_wkt))]
                    brute_times.append(time.perf_counter() - started)
                    mismatches += hits != found[k]

            memory_times = []
            for site in checks[: BRUTE_SITES[size_key] * 4]:
                polygon = shapely.geometry.shape(site)
                started = time.perf_counter()
                shapely.intersects(geoms, polygon).nonzero()
                memory_times.append(time.perf_counter() - started)
        finally:
            engine.dispose()

    service_median = statistics.median(service_times)
    brute_median = statistics.median(brute_times)
    conflicts = sum(1 for f in found if f)
    result.figure(f"{tag}: load (migrate + COPY + VACUUM ANALYZE)", load_s, "s")
    result.figure(f"{tag}: service check median ({len(service_times)} sites)", service_median * 1000, "ms")
    result.figure(f"{tag}: service check p99", percentile(service_times, 99) * 1000, "ms")
    result.figure(f"{tag}: brute force median ({len(brute_times)} sites)", brute_median * 1000, "ms")
    result.figure(f"{tag}: in-memory vectorised scan median (no DB)", statistics.median(memory_times) * 1000, "ms")
    result.figure(f"{tag}: sites with a conflict", conflicts, "sites")
    result.params[f"{n}_runs_ms"] = {
        "service": [round(t * 1000, 3) for t in service_times],
        "brute_force": [round(t * 1000, 3) for t in brute_times],
    }
    invalid = f"{mismatches} site(s) where brute force found other trees" if mismatches else None
    return {"service": service_median, "brute": brute_median, "invalid": invalid, "tag": tag}


def run(size: str) -> Result:
    small, large = parse_size(size)
    size_key = "quick" if size == "quick" else "full"
    result = Result("habitat", size, params={"zones": [small, large], "sites": SITES[size_key]})
    low = measure(small, size_key, result, seed=14)
    high = measure(large, size_key, result, seed=15)
    for m, goal in ((low, None), (high, 30.0)):
        result.ratio(
            f"{m['tag']}: indexed check speed-up vs brute force", m["brute"] / m["service"], goal, invalid=m["invalid"]
        )
    result.ratio(
        f"growth of the service check, {small // 1000}k → {large // 1000}k zones (×{large // small} zones)",
        high["service"] / low["service"],
        2.0,
        higher_is_better=False,
        invalid=low["invalid"] or high["invalid"],
    )
    result.figure(
        f"growth of brute force, {small // 1000}k → {large // 1000}k zones", high["brute"] / low["brute"], "x"
    )
    result.notes.append(
        "brute force = the check without its prefilter (every active zone read and tested with shapely, same "
        "database and session); the in-memory figure is a vectorised shapely scan over pre-parsed zones, no SQL"
    )
    return result
