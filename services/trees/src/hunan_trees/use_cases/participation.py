"""Service layer for public participation and use: donation/adoption with naming rights (Art. 8, W11), public
reports (Art. 9), insurance (Art. 31), utilisation (Art. 32) and department routing (Art. 6)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from hunan_shared import clock, divisions
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidTransition, NotFound, RuleViolation
from hunan_shared.events.catalogue import UtilisationRegistered
from hunan_shared.legal import Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import InsurancePolicy, InsuredTree, PublicReport, Sponsorship, Tree, UtilisationActivity
from hunan_trees.rules.habitat import ProhibitedAct
from hunan_trees.rules.participation import (
    ART8,
    ART31,
    Branch,
    ReportSubject,
    UtilisationKind,
    department_for,
    insurer_government_valid,
    naming_shown,
    naming_term_valid,
    policy_period_valid,
    report_routing,
    sponsorship_valid,
    utilisation_allowed,
)
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.participation import (
    DepartmentOut,
    InsurancePolicyIn,
    InsurancePolicyOut,
    NamingOut,
    PublicReportClose,
    PublicReportIn,
    PublicReportOut,
    SponsorshipDecisionIn,
    SponsorshipIn,
    SponsorshipOut,
    UtilisationIn,
    UtilisationOut,
)
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases.trees import ACTIVE as TREE_ACTIVE

APPLIED, ACCEPTED, DECLINED = "APPLIED", "ACCEPTED", "DECLINED"
RECEIVED, CLOSED = "RECEIVED", "CLOSED"


def _require(decision: Decision[bool]) -> None:
    if not decision.value:
        raise RuleViolation(decision.reason, basis=decision.basis)


def _tree(session: Session, tree_id: str) -> Tree:
    tree = session.get(Tree, tree_id)
    if tree is None or tree.status != TREE_ACTIVE:
        raise NotFound(f"no registered tree {tree_id}")
    return tree


# --- Art. 6: which department handles a tree ------------------------------------------------------------


def department(division_code: str, in_urban_planning_area: bool, settings: TreesSettings) -> DepartmentOut:
    decision, source = department_for(
        division_code, in_urban_planning_area, settings.department_routes, settings.department_default
    )
    policy = settings.department_routes.get(source, settings.department_default)
    return DepartmentOut(
        division_code=division_code,
        in_urban_planning_area=in_urban_planning_area,
        branch=decision.value,
        policy=policy,
        configured_at=source,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def tree_department(session: Session, tree_id: str, settings: TreesSettings) -> DepartmentOut:
    tree = _tree(session, tree_id)
    return department(tree.division_code, tree.in_urban_planning_area, settings)


# --- Art. 8: donation and adoption ------------------------------------------------------------------------


def _sponsorship_out(row: Sponsorship) -> SponsorshipOut:
    return SponsorshipOut(**row.model_dump(), basis=[ART8])


def apply_sponsorship(uow: UnitOfWork, cmd: SponsorshipIn, settings: TreesSettings) -> SponsorshipOut:
    """Art. 8 (R40): a donation needs an amount, an adoption its period; a naming right is for a limited term."""
    _tree(uow.session, cmd.tree_id)
    _require(sponsorship_valid(cmd.kind, cmd.amount_cny, cmd.adoption_to))
    _require(naming_term_valid(cmd.naming_from, cmd.naming_to, settings.naming_right_max_years))
    row = Sponsorship(
        id=new_id(),
        **cmd.model_dump(exclude={"kind"}),
        kind=cmd.kind.value,
        state=APPLIED,
        applied_at=clock.now(),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _sponsorship_out(row)
    uow.audit("sponsorship.apply", "sponsorship", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def decide_sponsorship(uow: UnitOfWork, sponsorship_id: str, cmd: SponsorshipDecisionIn) -> SponsorshipOut:
    row = uow.repo(Sponsorship).for_update(sponsorship_id)
    if row.state != APPLIED:
        raise InvalidTransition(f"sponsorship is {row.state}; only an application can be decided")
    with uow.audited_change(
        "sponsorship.decide", row, render=lambda r: _sponsorship_out(r).model_dump(mode="json", exclude={"basis"})
    ):
        row.state = ACCEPTED if cmd.accept else DECLINED
        row.decision_ref = cmd.decision_ref
        row.decided_at = clock.now()
        uow.session.add(row)
        uow.session.flush()
    return _sponsorship_out(row)


def get_sponsorship(session: Session, sponsorship_id: str) -> SponsorshipOut:
    return _sponsorship_out(Repository(session, Sponsorship).get(sponsorship_id))


def list_sponsorships(session: Session, tree_id: str | None, state: str | None) -> list[SponsorshipOut]:
    query = select(Sponsorship).order_by(col(Sponsorship.applied_at).desc(), col(Sponsorship.id))
    if tree_id:
        query = query.where(Sponsorship.tree_id == tree_id)
    if state:
        query = query.where(Sponsorship.state == state)
    return [_sponsorship_out(r) for r in session.exec(query.limit(500)).all()]


def naming(session: Session, tree_id: str, on: dt.date | None) -> NamingOut:
    """Art. 8: the names shown with a tree are those whose accepted naming term runs on the day."""
    _tree(session, tree_id)
    on = on or clock.now().date()
    rows = session.exec(
        select(Sponsorship).where(Sponsorship.tree_id == tree_id, Sponsorship.naming_text.is_not(None))  # type: ignore[union-attr]
    ).all()
    names = sorted(
        r.naming_text
        for r in rows
        if r.naming_text and naming_shown(on, r.naming_from, r.naming_to, r.state == ACCEPTED).value
    )
    return NamingOut(tree_id=tree_id, on=on, names=names, basis=[ART8])


# --- Art. 32: utilisation ---------------------------------------------------------------------------------


def register_utilisation(uow: UnitOfWork, cmd: UtilisationIn, settings: TreesSettings) -> UtilisationOut:
    """Art. 32 (R39): a use is registered only if it involves no act Art. 24 prohibits (protection first), and
    is placed under the supervision of the department that handles the tree (Art. 6)."""
    tree = _tree(uow.session, cmd.tree_id)
    allowed = utilisation_allowed(cmd.kind, list(cmd.involved_acts), cmd.inside_habitat_zone)
    _require(allowed)
    branch = department(tree.division_code, tree.in_urban_planning_area, settings)
    now = clock.now()
    row = UtilisationActivity(
        id=new_id(),
        tree_id=tree.id,
        kind=cmd.kind.value,
        operator=cmd.operator,
        description=cmd.description,
        inside_habitat_zone=cmd.inside_habitat_zone,
        supervising_branch=branch.branch.value,
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        registered_at=now,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.emit(
        UtilisationRegistered(
            activity_id=row.id,
            tree_id=tree.id,
            division_code=tree.division_code,
            kind=row.kind,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            registered_at=now,
        )
    )
    out = UtilisationOut(**row.model_dump(), basis=list(allowed.basis) + branch.basis)
    uow.audit("utilisation.register", "utilisation", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def list_utilisations(session: Session, tree_id: str | None, kind: UtilisationKind | None) -> list[UtilisationOut]:
    query = select(UtilisationActivity).order_by(col(UtilisationActivity.starts_on).desc(), col(UtilisationActivity.id))
    if tree_id:
        query = query.where(UtilisationActivity.tree_id == tree_id)
    if kind:
        query = query.where(UtilisationActivity.kind == kind.value)
    basis = utilisation_allowed(UtilisationKind.RESEARCH, [], False).basis
    return [UtilisationOut(**r.model_dump(), basis=list(basis)) for r in session.exec(query.limit(500)).all()]


# --- Art. 31: insurance -----------------------------------------------------------------------------------


def register_policy(uow: UnitOfWork, cmd: InsurancePolicyIn) -> InsurancePolicyOut:
    """Art. 31 (R36): a county-or-above government insures trees inside its area for a period."""
    _require(policy_period_valid(cmd.starts_on, cmd.ends_on))
    tree_ids = sorted(set(cmd.tree_ids))
    trees = [_tree(uow.session, t) for t in tree_ids]
    _require(insurer_government_valid(cmd.division_code, [t.division_code for t in trees]))
    if uow.session.exec(select(InsurancePolicy.id).where(InsurancePolicy.policy_no == cmd.policy_no)).first():
        raise Conflict(f"policy {cmd.policy_no} is already registered")
    row = InsurancePolicy(
        id=new_id(), **cmd.model_dump(exclude={"tree_ids"}), tree_ids=tree_ids, registered_at=clock.now()
    )
    uow.session.add(row)
    uow.session.flush()
    for tree_id in tree_ids:
        uow.session.add(InsuredTree(policy_id=row.id, tree_id=tree_id))
    uow.session.flush()
    out = InsurancePolicyOut(**row.model_dump(), basis=[ART31])
    uow.audit("insurance.register", "insurance_policy", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def tree_policies(session: Session, tree_id: str, on: dt.date | None) -> list[InsurancePolicyOut]:
    """The policies covering a tree on a day (all of them when no day is given)."""
    _tree(session, tree_id)
    query = (
        select(InsurancePolicy)
        .join(InsuredTree, col(InsuredTree.policy_id) == InsurancePolicy.id)
        .where(InsuredTree.tree_id == tree_id)
        .order_by(col(InsurancePolicy.starts_on))
    )
    if on:
        query = query.where(InsurancePolicy.starts_on <= on, InsurancePolicy.ends_on >= on)
    return [InsurancePolicyOut(**r.model_dump(), basis=[ART31]) for r in session.exec(query).all()]


# --- Art. 9: public reports -------------------------------------------------------------------------------


def _report_out(row: PublicReport) -> PublicReportOut:
    routing = report_routing(ReportSubject(row.subject), ProhibitedAct(row.act) if row.act else None)
    return PublicReportOut(
        **row.model_dump(exclude={"latitude", "longitude"}),
        location=Location(latitude=row.latitude, longitude=row.longitude),
        basis=list(routing.basis),
    )


def file_report(uow: UnitOfWork, cmd: PublicReportIn, settings: TreesSettings) -> PublicReportOut:
    """Art. 9 (R41): anyone may report damage to a tree, its sign or facilities; the report is routed to
    violation handling, abnormality handling or facility repair, at the department that handles the tree."""
    tree: Tree | None = None
    if cmd.tree_id:
        tree = _tree(uow.session, cmd.tree_id)
    elif cmd.tree_no:
        tree = uow.session.exec(select(Tree).where(Tree.tree_no == cmd.tree_no, Tree.status == TREE_ACTIVE)).first()
        if tree is None:
            raise NotFound(f"no registered tree with sign number {cmd.tree_no}")
    if tree is not None and cmd.tree_no and tree.tree_no != cmd.tree_no:
        raise RuleViolation(f"tree {tree.id} carries sign number {tree.tree_no}, not {cmd.tree_no}")
    location = cmd.location or Location(latitude=tree.latitude, longitude=tree.longitude)  # type: ignore[union-attr]
    division_code = tree.division_code if tree else cmd.division_code
    assert division_code is not None  # the schema requires one of them
    if divisions.get(division_code).level is not divisions.Level.COUNTY:
        raise RuleViolation(f"{division_code} is not a county-level division; reports go to the county department")
    routing = report_routing(cmd.subject, cmd.act)
    branch = department(division_code, tree.in_urban_planning_area if tree else False, settings)
    row = PublicReport(
        id=new_id(),
        tree_id=tree.id if tree else None,
        division_code=division_code,
        subject=cmd.subject.value,
        act=cmd.act.value if cmd.act else None,
        description=cmd.description,
        latitude=location.latitude,
        longitude=location.longitude,
        routed_to=routing.value,
        branch=branch.branch.value,
        state=RECEIVED,
        received_at=clock.now(),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _report_out(row)
    out.basis = list(routing.basis) + [b for b in branch.basis if b not in routing.basis]
    uow.audit("public_report.file", "public_report", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def close_report(uow: UnitOfWork, report_id: str, cmd: PublicReportClose) -> PublicReportOut:
    row = uow.repo(PublicReport).for_update(report_id)
    if row.state != RECEIVED:
        raise InvalidTransition(f"report is {row.state}")
    with uow.audited_change(
        "public_report.close", row, render=lambda r: _report_out(r).model_dump(mode="json", exclude={"basis"})
    ):
        row.state = CLOSED
        row.outcome = cmd.outcome
        row.closed_at = clock.now()
        uow.session.add(row)
        uow.session.flush()
    return _report_out(row)


def get_report(session: Session, report_id: str) -> PublicReportOut:
    return _report_out(Repository(session, PublicReport).get(report_id))


def list_reports(
    session: Session, division: str | None, state: str | None, routed_to: str | None, branch: Branch | None
) -> list[PublicReportOut]:
    query = select(PublicReport).order_by(col(PublicReport.received_at).desc(), col(PublicReport.id))
    if division:
        query = query.where(in_division(PublicReport.division_code, division))
    if state:
        query = query.where(PublicReport.state == state)
    if routed_to:
        query = query.where(PublicReport.routed_to == routed_to)
    if branch:
        query = query.where(PublicReport.branch == branch.value)
    return [_report_out(r) for r in session.exec(query.limit(500)).all()]
