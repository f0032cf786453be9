"""Service layer for the habitat-conflict check (Art. 25; called by business_env): which zones a site touches."""

from __future__ import annotations

from sqlmodel import Session

from hunan_trees.engines import geo
from hunan_trees.rules.classification import Grade, ProtectionLevel
from hunan_trees.rules.habitat import construction_outcome
from hunan_trees.schemas.habitat import ConflictingTree, HabitatCheckOut, HabitatCheckRequest
from hunan_trees.use_cases import habitat_index
from hunan_trees.use_cases.trees import ACTIVE


def check(session: Session, request: HabitatCheckRequest) -> HabitatCheckOut:
    """Bounding-box prefilter in SQL (two index range scans, `habitat_index`), exact intersection with shapely,
    outcome from the Art. 25 rule."""
    site = geo.parse_area(request.site)
    candidates = habitat_index.candidates(session, site.bounds, ACTIVE)
    conflicting = [
        ConflictingTree(
            tree_id=tree.id,
            tree_no=tree.tree_no,
            species=tree.species,
            grade=Grade(tree.grade) if tree.grade else None,
            protection_level=ProtectionLevel(tree.protection_level) if tree.protection_level else None,
            division_code=tree.division_code,
            distance_to_tree_m=round(geo.distance_m(site, geo.point(tree.longitude, tree.latitude)), 2),
        )
        for zone, tree in candidates
        if site.intersects(geo.from_wkt(zone.geometry_wkt))
    ]
    outcome = construction_outcome(bool(conflicting), request.tier, request.avoidable)
    return HabitatCheckOut(
        project_ref=request.project_ref,
        conflict=bool(conflicting),
        outcome=outcome.value,
        reason=outcome.reason,
        trees=conflicting,
        basis=list(outcome.basis),
    )
