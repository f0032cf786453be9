"""Indexed candidate search for the habitat-conflict check (issue #14 item 9): which habitat zones' bounding
boxes meet a site's bounding box, without scanning the table.

A B-tree cannot answer a box-overlap query on its own: `min_lon <= site.max_lon` alone matches about half of
all zones. Zones are small (a crown plus ≥ 5 m), so the query is split in two, each an index range scan:

* narrow zones (longitude extent ≤ NARROW_DEG): `min_lon` lies in [site.min_lon − NARROW_DEG, site.max_lon] —
  a band of a few hundred metres on the composite bbox index `ix_habitat_zone_bbox`;
* wide zones (extent > NARROW_DEG, rare: a large crown polygon or a wide margin): found through the expression
  index `ix_habitat_zone_lon_span` on `max_lon - min_lon`.

Both branches apply the full box-overlap test; a zone is in at most one of them. Nothing has to be kept in step
by writers: the two columns and the expression index follow from the zone's stored bounding box. Works the
same on SQLite and PostgreSQL (both index expressions). The exact shapely test stays in `habitat.check`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from hunan_trees.models import HABITAT_LON_SPAN as LON_SPAN
from hunan_trees.models import HabitatZone, Tree

# ≈ 500 m of longitude at Hunan's latitudes (1° ≈ 96–101 km): wider than any zone of a crown up to 20 m radius
# with the statutory 5 m margin and up to ~200 m margins; anything wider goes through the span index.
NARROW_DEG = 0.005
# Trees fetched per statement by id.
IN_LIST_CHUNK = 10_000


def candidates(
    session: Session, bounds: tuple[float, float, float, float], tree_status: str
) -> list[tuple[HabitatZone, Tree]]:
    """(zone, tree) pairs whose zone bounding box overlaps `bounds` (lon_min, lat_min, lon_max, lat_max), for
    trees in `tree_status`, ordered by tree id.

    Zones are found first and their trees fetched by primary key after: joined in one statement, a planner
    without statistics may start from the tree-status index and walk every tree."""
    lon_min, lat_min, lon_max, lat_max = bounds
    overlap = (
        HabitatZone.min_lon <= lon_max,
        HabitatZone.max_lon >= lon_min,
        HabitatZone.min_lat <= lat_max,
        HabitatZone.max_lat >= lat_min,
    )
    narrow = session.exec(
        select(HabitatZone).where(HabitatZone.min_lon >= lon_min - NARROW_DEG, LON_SPAN <= NARROW_DEG, *overlap)
    ).all()
    wide = session.exec(select(HabitatZone).where(LON_SPAN > NARROW_DEG, *overlap)).all()
    return _with_trees(session, [*narrow, *wide], tree_status)


def _with_trees(session: Session, zones: Sequence[HabitatZone], tree_status: str) -> list[tuple[HabitatZone, Tree]]:
    if not zones:
        return []
    by_id = {z.tree_id: z for z in zones}
    ids = sorted(by_id)
    trees: list[Tree] = []
    # In chunks: a footprint as large as a city (or the oracle's every zone) would otherwise bind more than
    # PostgreSQL's 65 535 parameters in one statement.
    for start in range(0, len(ids), IN_LIST_CHUNK):
        chunk = ids[start : start + IN_LIST_CHUNK]
        trees.extend(
            session.exec(
                select(Tree).where(col(Tree.id).in_(chunk), Tree.status == tree_status).order_by(col(Tree.id))
            ).all()
        )
    return [(by_id[t.id], t) for t in trees]


def brute_force(session: Session, tree_status: str) -> list[tuple[HabitatZone, Tree]]:
    """Every zone of a tree in `tree_status`, unfiltered: the benchmark's baseline (then intersected one by
    one) and the tests' oracle."""
    return _with_trees(session, session.exec(select(HabitatZone)).all(), tree_status)
