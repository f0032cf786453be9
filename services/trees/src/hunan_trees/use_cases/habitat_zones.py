"""Service layer for habitat-zone reductions (W6, Art. 23 para 2) and construction damage claims (W7, Art. 25
para 3)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidTransition, NotFound, RuleViolation
from hunan_shared.legal import Basis, Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.engines import geo
from hunan_trees.models import DamageClaim, HabitatReduction, HabitatZone, Tree
from hunan_trees.rules.basis import ART25
from hunan_trees.rules.classification import GovernmentLevel, Grade
from hunan_trees.rules.habitat import MIN_ZONE_MARGIN_M, reduction_approver, zone_margin_compliant, zone_radius_m
from hunan_trees.rules.lifecycle import damage_claim_valid, reduction_margin_valid
from hunan_trees.schemas.habitat_zones import (
    DamageClaimIn,
    DamageClaimOut,
    ReductionDecisionIn,
    ReductionIn,
    ReductionOut,
    SettlementIn,
)
from hunan_trees.use_cases.archive import record_version
from hunan_trees.use_cases.trees import ACTIVE

REQUESTED = "REQUESTED"
APPROVED = "APPROVED"
REFUSED = "REFUSED"
CLAIMED = "CLAIMED"
SETTLED = "SETTLED"


def _require(decision: Decision[bool]) -> None:
    if not decision.value:
        raise RuleViolation(decision.reason, basis=decision.basis)


def _grade(tree: Tree) -> Grade | None:
    return Grade(tree.grade) if tree.grade else None


def _reduction_out(row: HabitatReduction, basis: tuple[Basis, ...] | list[Basis] = ()) -> ReductionOut:
    return ReductionOut(**row.model_dump(), basis=list(basis))


def request_reduction(uow: UnitOfWork, cmd: ReductionIn) -> ReductionOut:
    """Art. 23 para 2 / 第二十三条第二款 (R22): a margin below 5 m goes to the government that recognised the tree."""
    tree = uow.session.get(Tree, cmd.tree_id)
    if tree is None or tree.status != ACTIVE:
        raise NotFound(f"no registered tree {cmd.tree_id}")
    zone = uow.repo(HabitatZone, noun="habitat zone").get(tree.id)
    _require(reduction_margin_valid(cmd.proposed_margin_m, MIN_ZONE_MARGIN_M))
    if cmd.proposed_margin_m >= zone.margin_m:
        raise RuleViolation(
            f"the zone's margin is already {zone.margin_m} m; {cmd.proposed_margin_m} m is no reduction"
        )
    pending = uow.session.exec(
        select(HabitatReduction.id).where(HabitatReduction.tree_id == tree.id, HabitatReduction.state == REQUESTED)
    ).first()
    if pending:
        raise Conflict(f"tree {tree.id} already has a pending reduction request {pending}")
    approver = reduction_approver(_grade(tree), tree.is_famous)
    if approver.value is None:
        raise RuleViolation(approver.reason, basis=approver.basis)
    row = HabitatReduction(
        id=new_id(),
        tree_id=tree.id,
        current_margin_m=zone.margin_m,
        proposed_margin_m=cmd.proposed_margin_m,
        reason=cmd.reason,
        approver_level=approver.value.value,
        state=REQUESTED,
        requested_at=clock.now(),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _reduction_out(row, approver.basis)
    uow.audit("habitat_reduction.request", "habitat_reduction", row.id, after=out.model_dump(mode="json"))
    return out


def decide_reduction(uow: UnitOfWork, reduction_id: str, cmd: ReductionDecisionIn) -> ReductionOut:
    """Art. 23 para 2 (R22): only the recognising government (by grade) decides; an approval redraws the zone with
    the reduced margin."""
    row = uow.repo(HabitatReduction, noun="reduction request").for_update(reduction_id)
    if row.state != REQUESTED:
        raise InvalidTransition(f"request is {row.state}")
    tree = uow.repo(Tree).get(row.tree_id)
    required = reduction_approver(_grade(tree), tree.is_famous)
    if required.value is not GovernmentLevel(cmd.deciding_level):
        raise RuleViolation(
            f"the {required.value} government decides this reduction, not the {cmd.deciding_level} government",
            basis=required.basis,
        )
    basis: tuple[Basis, ...] = required.basis
    now = clock.now()
    with uow.audited_change("habitat_reduction.decide", row, target_type="habitat_reduction"):
        row.state = APPROVED if cmd.approved else REFUSED
        row.decided_by_level = cmd.deciding_level.value
        row.decision_ref = cmd.decision_ref
        row.decided_at = now
        uow.session.add(row)
        if cmd.approved:
            compliant = zone_margin_compliant(row.proposed_margin_m, cmd.deciding_level, _grade(tree), tree.is_famous)
            _require(compliant)
            basis = compliant.basis
            before_margin = _redraw(uow, tree, row.proposed_margin_m, now)
            record_version(
                uow,
                tree.id,
                "habitat_zone.reduce",
                f"habitat zone reduced by the {cmd.deciding_level.value} government ({cmd.decision_ref})",
                basis,
                {"before": {"margin_m": before_margin}, "after": {"margin_m": row.proposed_margin_m}},
            )
    return _reduction_out(row, basis)


def _redraw(uow: UnitOfWork, tree: Tree, margin_m: float, now) -> float:
    """Redraw the zone with a new margin: a circle when the crown radius is known, the crown polygon grown by the
    margin when it is kept, otherwise (zones drawn before the polygon was kept) the stored zone shrunk by the
    difference, in metres."""
    zone = uow.repo(HabitatZone, noun="habitat zone").for_update(tree.id)
    old_margin = zone.margin_m
    before = {"margin_m": zone.margin_m, "bounds": [zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat]}
    if zone.crown_radius_m is not None:
        geometry = geo.zone_around_point(tree.longitude, tree.latitude, zone_radius_m(zone.crown_radius_m, margin_m))
    elif zone.crown_wkt is not None:  # the crown polygon is kept: draw the new margin around it exactly
        geometry = geo.zone_around_area(geo.from_wkt(zone.crown_wkt), margin_m)  # type: ignore[arg-type]
    else:
        geometry = geo.zone_around_area(geo.from_wkt(zone.geometry_wkt), margin_m - zone.margin_m)  # type: ignore[arg-type]
    zone.margin_m = margin_m
    zone.geometry_wkt = geometry.wkt
    zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat = geometry.bounds
    zone.delineated_at = now
    uow.session.add(zone)
    uow.audit("habitat_zone.redraw", "habitat_zone", tree.id, before=before, after={"margin_m": margin_m})
    return old_margin


def get_reduction(session: Session, reduction_id: str) -> ReductionOut:
    return _reduction_out(Repository(session, HabitatReduction, noun="reduction request").get(reduction_id))


def list_reductions(
    session: Session, page: PageParams, tree_id: str | None = None, state: str | None = None
) -> Page[ReductionOut]:
    query = select(HabitatReduction).order_by(col(HabitatReduction.requested_at).desc(), HabitatReduction.id)
    if tree_id:
        query = query.where(HabitatReduction.tree_id == tree_id)
    if state:
        query = query.where(HabitatReduction.state == state)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _reduction_out)


def _claim_out(row: DamageClaim, basis: tuple[Basis, ...] | list[Basis] = ()) -> DamageClaimOut:
    return DamageClaimOut(
        **row.model_dump(),
        total_cost=row.rejuvenation_cost + row.maintenance_cost,
        payer=f"construction_unit:{row.construction_unit}",
        basis=list(basis) or [ART25],
    )


def claim_damage(uow: UnitOfWork, cmd: DamageClaimIn) -> DamageClaimOut:
    """Art. 25 para 3 / 第二十五条第三款 (R26): the construction unit whose project damaged the tree bears the
    rejuvenation and maintenance costs, whatever the project's tier."""
    if cmd.damage_found_on > clock.now().astimezone(clock.SHANGHAI).date():
        raise RuleViolation("damage_found_on lies in the future")
    valid = damage_claim_valid(cmd.rejuvenation_cost, cmd.maintenance_cost)
    _require(valid)
    tree = uow.session.get(Tree, cmd.tree_id)
    if tree is None:
        raise NotFound(f"no registered tree {cmd.tree_id}")
    row = DamageClaim(id=new_id(), **cmd.model_dump(), state=CLAIMED, claimed_at=clock.now())
    uow.session.add(row)
    uow.session.flush()
    out = _claim_out(row, valid.basis)
    uow.audit("damage_claim.create", "damage_claim", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def settle(uow: UnitOfWork, claim_id: str, cmd: SettlementIn) -> DamageClaimOut:
    row = uow.repo(DamageClaim, noun="damage claim").for_update(claim_id)
    if row.state != CLAIMED:
        raise InvalidTransition(f"claim is {row.state}")
    if cmd.settled_on < row.damage_found_on or cmd.settled_on > clock.now().astimezone(clock.SHANGHAI).date():
        raise RuleViolation("settled_on must lie between the damage finding and today")
    with uow.audited_change("damage_claim.settle", row, render=lambda r: _claim_out(r).model_dump(mode="json")):
        row.state = SETTLED
        row.settled_on = cmd.settled_on
        uow.session.add(row)
    return _claim_out(row)


def get_claim(session: Session, claim_id: str) -> DamageClaimOut:
    return _claim_out(Repository(session, DamageClaim, noun="damage claim").get(claim_id))


def list_claims(
    session: Session, page: PageParams, tree_id: str | None = None, state: str | None = None
) -> Page[DamageClaimOut]:
    query = select(DamageClaim).order_by(col(DamageClaim.claimed_at).desc(), DamageClaim.id)
    if tree_id:
        query = query.where(DamageClaim.tree_id == tree_id)
    if state:
        query = query.where(DamageClaim.state == state)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _claim_out)
