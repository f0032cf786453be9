"""Service layer for transplant applications (W3, Arts. 26–28): apply, approve (→ TransplantApproved), read."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidTransition, NotFound, RuleViolation
from hunan_shared.events.catalogue import Money, TransplantApproved
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import TransplantApplication, Tree
from hunan_trees.rules.habitat import ProjectTier
from hunan_trees.rules.transplant import (
    AFTERCARE_YEARS,
    ConsultationMode,
    CostBearer,
    SiteFacts,
    TransplantGround,
    application_complete,
    approval_allowed,
    cost_bearer,
    transplant_admissible,
)
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.transplants import TransplantApplicationIn, TransplantApproval, TransplantOut
from hunan_trees.use_cases.trees import ACTIVE

SUBMITTED = "SUBMITTED"
APPROVED = "APPROVED"
OPEN_STATES = (SUBMITTED, APPROVED)


def _facts(raw: dict) -> SiteFacts:
    tier = raw.get("project_tier")
    return SiteFacts(**{**raw, "project_tier": ProjectTier(tier) if tier else None})


def _out(app: TransplantApplication, division_code: str, basis=()) -> TransplantOut:
    return TransplantOut(
        **app.model_dump(exclude={"facts", "target_latitude", "target_longitude"}),
        division_code=division_code,
        target=Location(latitude=app.target_latitude, longitude=app.target_longitude),
        aftercare_years=AFTERCARE_YEARS,
        basis=list(basis),
    )


def apply(uow: UnitOfWork, cmd: TransplantApplicationIn) -> TransplantOut:
    """Submit an application: the ground must hold (Art. 26) and plan and funding be present (Art. 27)."""
    tree = uow.session.get(Tree, cmd.tree_id)
    if tree is None or tree.status != ACTIVE:
        raise NotFound(f"no registered tree {cmd.tree_id}")
    facts = cmd.facts.model_dump(mode="json")
    admissible = transplant_admissible(cmd.ground, _facts(facts))
    if not admissible.value:
        raise RuleViolation(admissible.reason, basis=admissible.basis)
    complete = application_complete(bool(cmd.plan_summary.strip()), cmd.funding_secured)
    if not complete.value:
        raise RuleViolation(complete.reason, basis=complete.basis)
    open_app = uow.session.exec(
        select(TransplantApplication.id).where(
            TransplantApplication.tree_id == tree.id, TransplantApplication.state.in_(OPEN_STATES)
        )
    ).first()
    if open_app:
        raise Conflict(f"tree {tree.id} already has an open transplant application {open_app}")
    app = TransplantApplication(
        id=new_id(),
        tree_id=tree.id,
        ground=cmd.ground.value,
        facts=facts,
        applicant=cmd.applicant,
        plan_summary=cmd.plan_summary,
        target_latitude=cmd.target.latitude,
        target_longitude=cmd.target.longitude,
        estimated_cost=cmd.estimated_cost,
        funding_secured=cmd.funding_secured,
        state=SUBMITTED,
        submitted_at=clock.now(),
    )
    uow.session.add(app)
    uow.session.flush()
    out = _out(app, tree.division_code, admissible.basis + complete.basis)
    uow.audit("transplant.apply", "transplant", app.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def approve(uow: UnitOfWork, application_id: str, cmd: TransplantApproval) -> TransplantOut:
    """Approve after expert review and a closed public consultation (Art. 27); name the cost bearer (Art. 28)
    and announce it to budget (event TransplantApproved)."""
    app = uow.repo(TransplantApplication).for_update(application_id)
    if app.state != SUBMITTED:
        raise InvalidTransition(f"application is {app.state}; only a submitted application can be approved")
    today = clock.now().date()
    closed = cmd.consultation_closed_on is not None and cmd.consultation_closed_on <= today
    allowed = approval_allowed(bool(cmd.expert_review_ref), cmd.consultation_mode, closed)
    if not allowed.value:
        raise InvalidTransition(allowed.reason, basis=allowed.basis)
    tree = uow.repo(Tree).get(app.tree_id)
    bearer = cost_bearer(TransplantGround(app.ground))
    now = clock.now()

    def audit_view(row: TransplantApplication) -> dict:
        return _out(row, tree.division_code).model_dump(mode="json", exclude={"basis"})

    with uow.audited_change("transplant.approve", app, render=audit_view):
        app.state = APPROVED
        app.cost_bearer = bearer.value
        app.expert_review_ref = cmd.expert_review_ref
        app.consultation_mode = ConsultationMode(cmd.consultation_mode).value
        app.consultation_closed_on = cmd.consultation_closed_on
        app.decision_ref = cmd.decision_ref
        app.decided_at = now
        uow.session.add(app)
        uow.session.flush()
        uow.emit(
            TransplantApproved(
                application_id=app.id,
                tree_id=app.tree_id,
                division_code=tree.division_code,
                cost_bearer=event_cost_bearer(bearer.value, app.applicant, tree.division_code),
                estimated_cost=Money(amount=app.estimated_cost),
                aftercare_years=AFTERCARE_YEARS,
                approved_at=now,
            )
        )
    return _out(app, tree.division_code, allowed.basis + bearer.basis)


def event_cost_bearer(bearer: CostBearer, applicant: str, division_code: str) -> str:
    """The event names the payer: `government:<county code>` (T1/T2) or `applicant:<organisation>` (T3)."""
    if bearer is CostBearer.APPLICANT_UNIT:
        return f"applicant:{applicant}"
    return f"government:{division_code}"


def get(session: Session, application_id: str) -> TransplantOut:
    app = Repository(session, TransplantApplication).get(application_id)
    tree = session.get(Tree, app.tree_id)
    return _out(app, tree.division_code)


def list_transplants(
    session: Session, page: PageParams, tree_id: str | None = None, state: str | None = None
) -> Page[TransplantOut]:
    query = (
        select(TransplantApplication, Tree.division_code)
        .join(Tree, Tree.id == TransplantApplication.tree_id)
        .order_by(TransplantApplication.submitted_at.desc(), TransplantApplication.id)
    )
    if tree_id:
        query = query.where(TransplantApplication.tree_id == tree_id)
    if state:
        query = query.where(TransplantApplication.state == state)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda row: _out(row[0], row[1]))
