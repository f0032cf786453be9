"""Habitat-conflict check (trees, issue #14 item 9): the service's indexed check vs brute force, and its growth
from the smallest to the largest number of zones.

Size "full": 20 000, 100 000 and 200 000 habitat zones (the growth curve); "quick": 2 000 and 20 000; custom
`--size habitat=20000,200000` (two or more sizes, ascending).
Zones are loaded into a throw-away PostgreSQL database migrated to the trees head (the production schema and
indexes), trees spread uniformly over Hunan, crowns 3–15 m plus the 5 m margin, 1 % of them wide (≈ 400 m
across, so the wide-zone branch of the query is exercised). Construction sites are 100–400 m squares, half of
them placed on a tree so that conflicts are found.

* service: `hunan_trees.use_cases.habitat.check` — GeoJSON validation, the two index range scans of
  `use_cases/habitat_index.py`, exact shapely intersection, distances and the Art. 25 outcome — per site;
* brute force (baseline): the same database and session, every zone of every active tree read and each
  tested with shapely (`brute_force` here: one joined SELECT), i.e. the check without an index;
* a figure for an in-memory vectorised scan (`shapely.intersects` over all pre-parsed zones, no database):
  the best a scan can do, for context.
Every probe is checked: the service's trees must equal those of an exact scan of every stored zone (the
vectorised scan above, over the zones parsed back from the stored WKT) on every site, and those of the
database brute force on the sites it runs; any difference makes that size's ratios INVALID.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import random
import statistics
import sys
import time

import numpy as np
import psycopg
import shapely
from sqlalchemy import create_engine
from sqlmodel import Session, select

from bench.common import Result, dsn, percentile, sqlalchemy_url, temporary_database
from hunan_shared import migrations
from hunan_trees.models import HabitatZone, Tree
from hunan_trees.schemas.habitat import HabitatCheckRequest
from hunan_trees.use_cases import habitat
from hunan_trees.use_cases.trees import ACTIVE

SIZES = {"quick": (2_000, 20_000), "full": (20_000, 100_000, 200_000)}
SITES = {"quick": 60, "full": 300}
BRUTE_SITES = {"quick": 3, "full": 3}
LON, LAT = (108.8, 114.2), (24.7, 30.1)
M_PER_DEG_LAT = 111_000.0
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def parse_size(size: str) -> tuple[int, ...]:
    if size in SIZES:
        return SIZES[size]
    sizes = tuple(int(x) for x in size.split(","))
    if len(sizes) < 2 or list(sizes) != sorted(set(sizes)):
        raise ValueError(f"habitat size {size!r}: two or more ascending zone counts, e.g. 20000,200000")
    return sizes


def progress(message: str) -> None:
    """One line on stderr (the full size takes minutes; the table goes to stdout)."""
    print(f"    habitat: {message}", file=sys.stderr, flush=True)


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


COPY_CHUNK = 20_000  # rows per write to the COPY stream


def _text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dt.datetime):
        value = value.isoformat()
    elif isinstance(value, float):
        return repr(value)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(conn: psycopg.Connection, table: str, template: dict, varying: list[str], rows) -> None:
    """COPY rows of `table`: every column of the `template` model_dump() (defaults included, so new
    nullable/defaulted columns load too), with the `varying` columns taken from each row tuple. The template's
    values are formatted once; only the varying ones per row (text format, written in chunks)."""
    columns = list(template)
    fixed = [_text(v) for v in template.values()]
    slots = [columns.index(c) for c in varying]
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = []
        for row in rows:
            line = fixed.copy()
            for slot, value in zip(slots, row, strict=True):
                line[slot] = _text(value)
            buffer.append("\t".join(line))
            if len(buffer) >= COPY_CHUNK:
                copy.write("\n".join(buffer) + "\n")
                buffer.clear()
        if buffer:
            copy.write("\n".join(buffer) + "\n")


def load(url: str, database: str, n: int, seed: int) -> tuple[dict[str, float], np.ndarray, np.ndarray, np.ndarray]:
    """Migrate to the trees head, then COPY n trees and their zones; returns the seconds per phase, the tree
    points and the zones as stored (parsed back from the WKT written, so the oracle sees what the service
    reads)."""
    phases: dict[str, float] = {}
    engine = create_engine(url, hide_parameters=True)
    started = time.perf_counter()
    migrations.upgrade(engine, "hunan_trees:migrations")
    engine.dispose()
    phases["migrate"] = time.perf_counter() - started
    started = time.perf_counter()
    lon, lat, geoms = zones(n, seed)
    wkts = shapely.to_wkt(geoms, rounding_precision=7)
    stored = shapely.from_wkt(wkts)  # what the service will read: boxes and the oracle from the rounded WKT
    bounds = shapely.bounds(stored)
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
    ids = [f"bench-{i:07d}" for i in range(n)]
    tree_rows = zip(ids, [f"B{i:07d}" for i in range(n)], lat.tolist(), lon.tolist(), strict=True)
    zone_rows = zip(ids, wkts.tolist(), *bounds.T.tolist(), strict=True)
    phases["generate"] = time.perf_counter() - started
    progress(f"{n} zones generated in {phases['generate']:.1f} s; COPY …")
    started = time.perf_counter()
    with psycopg.connect(dsn(database)) as conn:
        _copy(conn, Tree.__tablename__, tree_template, ["id", "tree_no", "latitude", "longitude"], tree_rows)
        _copy(
            conn,
            HabitatZone.__tablename__,
            zone_template,
            ["tree_id", "geometry_wkt", "min_lon", "min_lat", "max_lon", "max_lat"],
            zone_rows,
        )
    phases["copy"] = time.perf_counter() - started
    progress(f"{n} trees and zones copied in {phases['copy']:.1f} s; VACUUM ANALYZE …")
    started = time.perf_counter()
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    phases["vacuum_analyze"] = time.perf_counter() - started
    return phases, lon, lat, stored


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


def brute_force(session: Session) -> list[tuple[HabitatZone, Tree]]:
    """Every zone of every active tree, unfiltered, in one joined statement: the check without an index.
    (`habitat_index.brute_force`, the tests' oracle, fetches the trees with one IN list of every zone's tree,
    which PostgreSQL's 65 535-parameter limit refuses above that many zones.)"""
    return session.exec(
        select(HabitatZone, Tree)
        .join(Tree, Tree.id == HabitatZone.tree_id)
        .where(Tree.status == ACTIVE)
        .order_by(Tree.id)
    ).all()


def measure(n: int, size_key: str, result: Result, seed: int) -> dict:
    tag = f"{n // 1000}k zones" if n >= 1000 else f"{n} zones"
    with temporary_database("habitat") as name:
        progress(f"{tag}: loading …")
        phases, lon, lat, stored = load(sqlalchemy_url(name), name, n, seed)
        engine = create_engine(sqlalchemy_url(name), hide_parameters=True)
        try:
            checks = sites(SITES[size_key], lon, lat, seed + 1)
            service_times, found = [], []
            progress(f"{tag}: service check on {len(checks)} sites …")
            with Session(engine) as session:
                habitat.check(session, HabitatCheckRequest(site=checks[0]))  # warm-up
                for site in checks:
                    request = HabitatCheckRequest(site=site)
                    started = time.perf_counter()
                    answer = habitat.check(session, request)
                    service_times.append(time.perf_counter() - started)
                    found.append([t.tree_id for t in answer.trees])

                brute_times, brute_mismatches = [], 0
                for k in range(BRUTE_SITES[size_key]):
                    progress(f"{tag}: brute force site {k + 1}/{BRUTE_SITES[size_key]} …")
                    site = shapely.geometry.shape(checks[k])
                    started = time.perf_counter()
                    rows = brute_force(session)
                    hits = [t.id for z, t in rows if site.intersects(shapely.from_wkt(z.geometry_wkt))]
                    brute_times.append(time.perf_counter() - started)
                    brute_mismatches += hits != found[k]

            # The oracle on every probe: an exact test of every stored zone (all trees are active here; ids
            # are bench-<index>, so index order is the service's tree-id order).
            memory_times, scan_mismatches = [], 0
            for site, trees in zip(checks, found, strict=True):
                polygon = shapely.geometry.shape(site)
                started = time.perf_counter()
                hits = shapely.intersects(stored, polygon).nonzero()[0]
                memory_times.append(time.perf_counter() - started)
                scan_mismatches += [f"bench-{i:07d}" for i in hits] != trees
        finally:
            engine.dispose()

    service_median = statistics.median(service_times)
    brute_median = statistics.median(brute_times)
    conflicts = sum(1 for f in found if f)
    progress(
        f"{tag}: service {service_median * 1000:.1f} ms, brute force {brute_median * 1000:.0f} ms "
        f"({brute_median / service_median:.0f}x); {conflicts} sites with conflicts"
    )
    result.figure(f"{tag}: load (migrate + generate + COPY + VACUUM ANALYZE)", sum(phases.values()), "s")
    result.figure(f"{tag}: of which COPY of trees and zones", phases["copy"], "s")
    result.figure(f"{tag}: service check median ({len(service_times)} sites)", service_median * 1000, "ms")
    result.figure(f"{tag}: service check p99", percentile(service_times, 99) * 1000, "ms")
    result.figure(f"{tag}: brute force median ({len(brute_times)} sites)", brute_median * 1000, "ms")
    result.figure(f"{tag}: in-memory vectorised scan median (no DB)", statistics.median(memory_times) * 1000, "ms")
    result.figure(f"{tag}: sites with a conflict", conflicts, "sites")
    result.figure(f"{tag}: trees found in all sites", sum(len(f) for f in found), "trees")
    result.params[f"{n}_load_s"] = {k: round(v, 3) for k, v in phases.items()}
    result.params[f"{n}_runs_ms"] = {
        "service": [round(t * 1000, 3) for t in service_times],
        "brute_force": [round(t * 1000, 3) for t in brute_times],
    }
    result.params[f"{n}_probes_checked"] = {"every_zone_scan": len(checks), "database_brute_force": len(brute_times)}
    problems = []
    if brute_mismatches:
        problems.append(f"{brute_mismatches} site(s) where the database brute force found other trees")
    if scan_mismatches:
        problems.append(
            f"{scan_mismatches} of {len(checks)} site(s) where the exact scan of every zone found other trees"
        )
    return {
        "n": n,
        "service": service_median,
        "brute": brute_median,
        "invalid": "; ".join(problems) or None,
        "tag": tag,
    }


def run(size: str) -> Result:
    counts = parse_size(size)
    size_key = "quick" if size == "quick" else "full"
    result = Result("habitat", size, params={"zones": list(counts), "sites": SITES[size_key]})
    measured = [measure(n, size_key, result, seed=14 + k) for k, n in enumerate(counts)]
    first, last = measured[0], measured[-1]
    for m in measured:
        result.ratio(
            f"{m['tag']}: indexed check speed-up vs brute force",
            m["brute"] / m["service"],
            30.0 if m is last else None,
            invalid=m["invalid"],
        )
    for m in measured[1:]:
        result.ratio(
            f"growth of the service check, {first['n'] // 1000}k → {m['n'] // 1000}k zones "
            f"(×{m['n'] / first['n']:g} zones)",
            m["service"] / first["service"],
            2.0 if m is last else None,
            higher_is_better=False,
            invalid=first["invalid"] or m["invalid"],
        )
        result.figure(
            f"growth of brute force, {first['n'] // 1000}k → {m['n'] // 1000}k zones", m["brute"] / first["brute"], "x"
        )
    result.notes.append(
        "brute force = the check without its prefilter (every active zone read and tested with shapely, same "
        "database and session); the in-memory figure is a vectorised shapely scan over pre-parsed zones, no SQL; "
        "it also checks every probe: the service must find exactly the trees whose stored zone meets the site"
    )
    return result
