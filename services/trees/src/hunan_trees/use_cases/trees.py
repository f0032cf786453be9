"""Service layer for the tree register (一树一档): register, read, list. Rules live in rules/, SQL stays here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, RuleViolation
from hunan_shared.legal import Basis, Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.engines import geo
from hunan_trees.models import CustodianAssignment, HabitatZone, Tree
from hunan_trees.rules.archive import TreeOrigin
from hunan_trees.rules.classification import (
    Grade,
    art35_reference_eligible,
    famous_finding_valid,
    grade_by_age,
    in_scope,
    protection_level,
    recognising_authority,
)
from hunan_trees.rules.custodian import CustodianCategory, LandUse, custodian_for
from hunan_trees.rules.habitat import zone_margin_compliant, zone_radius_m
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.trees import Custodian, HabitatZoneOut, TreeOut, TreeRegistration
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases import archive

ACTIVE = "REGISTERED"
Assigned = tuple[CustodianAssignment, tuple[Basis, ...]]


def _require(decision: Decision[bool]) -> None:
    if not decision.value:
        raise RuleViolation(decision.reason, basis=decision.basis)


def _decisions(tree: Tree) -> list[Decision]:
    """Re-derive the classification of a stored tree (pure and cheap), so every response carries its basis."""
    grade = grade_by_age(tree.age_years)
    return [
        grade,
        protection_level(grade.value, tree.is_famous, tree.in_urban_planning_area),
        recognising_authority(grade.value, tree.is_famous),
    ]


def _custodian(tree: Tree):
    return custodian_for(
        LandUse(tree.land_use) if tree.land_use else None,
        privately_owned=tree.privately_owned,
        property_managed=tree.property_managed,
        in_subdistrict=tree.in_subdistrict,
    )


def _basis(decisions: list[Decision], extra: Iterable[Basis] = ()) -> list[Basis]:
    seen: list[Basis] = []
    for basis in [*(d.basis for d in decisions), tuple(extra)]:
        seen.extend(b for b in basis if b not in seen)
    return seen


def to_out(tree: Tree, zone: HabitatZone | None, assigned: Assigned | None = None) -> TreeOut:
    """Render a tree. The custodian is the custodian register's assignment in force when one exists (a county
    department decision, a construction unit, Art. 16), else what the land facts give by the Art. 16 table."""
    derived = _custodian(tree)
    if assigned is not None:
        row, custodian_basis = assigned
        custodian = Custodian(
            category=CustodianCategory(row.category),
            party=row.party,
            name=row.party_name,
            assignment_id=row.id,
            determined_by=row.determined_by,
        )
    else:
        custodian = Custodian(
            category=derived.value.category,
            party=derived.value.party,
            name=tree.custodian_name,
            determined_by="LAND_FACTS",
        )
        custodian_basis = derived.basis
    return TreeOut(
        **tree.model_dump(
            exclude={
                "latitude",
                "longitude",
                "land_use",
                "privately_owned",
                "property_managed",
                "in_subdistrict",
                "custodian_category",
                "custodian_name",
            }
        ),
        location=Location(latitude=tree.latitude, longitude=tree.longitude),
        custodian=custodian,
        habitat_zone=HabitatZoneOut(
            crown_radius_m=zone.crown_radius_m,
            margin_m=zone.margin_m,
            geometry=geo.as_geojson(geo.from_wkt(zone.geometry_wkt)),
        )
        if zone
        else None,
        basis=_basis(_decisions(tree), custodian_basis),
    )


def assigned(session: Session, tree_id: str) -> Assigned | None:
    """The custodian register's assignment in force today (use_cases/custodians.py), if any."""
    from hunan_trees.use_cases import custodians  # the custodian register imports the tree register

    return custodians.recorded(session, tree_id)


def render(session: Session, tree: Tree, zone: HabitatZone | None) -> TreeOut:
    return to_out(tree, zone, assigned(session, tree.id))


def register(
    uow: UnitOfWork,
    cmd: TreeRegistration,
    settings: TreesSettings,
    *,
    origin: TreeOrigin = TreeOrigin.IMPORTED,
    recognised_on: dt.date | None = None,
    reason: str = "registration of a tree recognised earlier or elsewhere (imported)",
) -> TreeOut:
    """Register an appraised tree: classify it by the rules, determine its custodian and delineate its zone.

    Called directly (POST /v1/trees, bulk import) the tree is marked IMPORTED: it was recognised outside this
    service's W1 workflow. Recognition through W1 calls it with origin RECOGNITION (use_cases/recognition.py).
    The first archive version (一树一档, Art. 14) is written with the tree."""
    _require(in_scope(cmd.in_primeval_forest))
    _require(famous_finding_valid(cmd.is_famous, set(cmd.famous_basis)))
    grade = grade_by_age(cmd.age_years)
    art35 = art35_reference_eligible(cmd.age_years, cmd.is_famous)
    if grade.value is None and not cmd.is_famous and not (art35.value and settings.art35_reference_protection):
        raise RuleViolation(
            f"not an ancient or famous tree ({grade.reason}); Art. 35 reference protection "
            f"{'is not enabled' if art35.value else 'does not apply'}",
            basis=grade.basis + art35.basis,
        )
    _require(zone_margin_compliant(cmd.zone_margin_m))
    if cmd.tree_no and uow.session.exec(select(Tree.id).where(Tree.tree_no == cmd.tree_no)).first():
        raise Conflict(f"tree number {cmd.tree_no} is already registered")

    level = protection_level(grade.value, cmd.is_famous, cmd.in_urban_planning_area)
    authority = recognising_authority(grade.value, cmd.is_famous)
    custodian = custodian_for(
        cmd.land_use,
        privately_owned=cmd.privately_owned,
        property_managed=cmd.property_managed,
        in_subdistrict=cmd.in_subdistrict,
    )
    now = clock.now()
    tree = Tree(
        id=new_id(),
        tree_no=cmd.tree_no,
        species=cmd.species,
        species_latin=cmd.species_latin,
        age_years=cmd.age_years,
        is_famous=cmd.is_famous,
        famous_basis=sorted({b.value for b in cmd.famous_basis}),
        in_urban_planning_area=cmd.in_urban_planning_area,
        art35_reference=grade.value is None and not cmd.is_famous,
        grade=grade.value,
        protection_level=level.value,
        recognising_level=authority.value,
        division_code=cmd.division_code,
        latitude=cmd.location.latitude,
        longitude=cmd.location.longitude,
        land_use=cmd.land_use.value if cmd.land_use else None,
        privately_owned=cmd.privately_owned,
        property_managed=cmd.property_managed,
        in_subdistrict=cmd.in_subdistrict,
        custodian_category=custodian.value.category.value,
        custodian_name=cmd.custodian_name,
        status=ACTIVE,
        created_at=now,
        origin=origin.value,
        recognition_ref=cmd.recognition_ref,
        recognised_on=recognised_on,
    )
    zone = _delineate(tree, cmd, now)
    uow.session.add(tree)
    uow.session.flush()
    uow.session.add(zone)
    uow.session.flush()
    out = to_out(tree, zone)
    snapshot = out.model_dump(exclude={"habitat_zone", "basis"}, mode="json")
    uow.audit("tree.register", "tree", tree.id, after=snapshot)
    archive.record_version(
        uow,
        tree.id,
        "tree.register" if origin is TreeOrigin.IMPORTED else "tree.recognise",
        reason,
        out.basis,
        {"after": snapshot},
    )
    return out


def _delineate(tree: Tree, cmd: TreeRegistration, now) -> HabitatZone:
    """Art. 23: the zone is the crown projection grown by the margin (a circle when only the radius is known)."""
    crown = geo.parse_area(cmd.crown_projection) if cmd.crown_projection is not None else None
    if crown is not None:
        geometry = geo.zone_around_area(crown, cmd.zone_margin_m)
    else:
        geometry = geo.zone_around_point(
            tree.longitude, tree.latitude, zone_radius_m(cmd.crown_radius_m, cmd.zone_margin_m)
        )
    lon_min, lat_min, lon_max, lat_max = geometry.bounds
    return HabitatZone(
        tree_id=tree.id,
        crown_radius_m=cmd.crown_radius_m,
        crown_wkt=crown.wkt if crown is not None else None,
        margin_m=cmd.zone_margin_m,
        geometry_wkt=geometry.wkt,
        min_lon=lon_min,
        min_lat=lat_min,
        max_lon=lon_max,
        max_lat=lat_max,
        delineated_at=now,
    )


def get(session: Session, tree_id: str) -> TreeOut:
    tree = Repository(session, Tree).get(tree_id)
    return render(session, tree, session.get(HabitatZone, tree_id))


def list_trees(
    session: Session,
    page: PageParams,
    division: str | None = None,
    grade: Grade | None = None,
    famous: bool | None = None,
) -> Page[TreeOut]:
    query = (
        select(Tree, HabitatZone)
        .join(HabitatZone, HabitatZone.tree_id == Tree.id, isouter=True)
        .order_by(Tree.created_at.desc(), Tree.id)
    )
    if division:
        query = query.where(in_division(Tree.division_code, division))
    if grade:
        query = query.where(Tree.grade == grade.value)
    if famous is not None:
        query = query.where(Tree.is_famous == famous)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda row: render(session, row[0], row[1]))
