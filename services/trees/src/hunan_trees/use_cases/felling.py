"""Service layer for felling applications (W5, Art. 30): apply on a ground, decide by the authority other law
names (a setting), record the felling; the archive is then cancelled by the grade level (Art. 29, reports)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidTransition, NotFound, RuleViolation
from hunan_shared.legal import Basis, cite
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import FellingApplication, Tree
from hunan_trees.rules.basis import ART30, DOCUMENT
from hunan_trees.rules.habitat import ProjectTier
from hunan_trees.rules.transplant import FellingGround, SiteFacts, felling_admissible
from hunan_trees.schemas.felling import FellingDecisionIn, FellingExecutionIn, FellingIn, FellingOut
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases.archive import record_version
from hunan_trees.use_cases.reports import CONFIRMED_DEAD, FELLED
from hunan_trees.use_cases.trees import ACTIVE

SUBMITTED = "SUBMITTED"
APPROVED = "APPROVED"
REJECTED = "REJECTED"
OPEN = (SUBMITTED, APPROVED)


def _authority_basis(authority: str) -> Basis:
    return cite(DOCUMENT, "Art. 30 last para / 第三十条末款", f"采伐古树名木应当依法办理审批手续 — {authority}")


def _out(row: FellingApplication, basis: tuple[Basis, ...] | list[Basis] = ()) -> FellingOut:
    return FellingOut(**row.model_dump(), basis=list(basis))


def apply(uow: UnitOfWork, cmd: FellingIn, settings: TreesSettings) -> FellingOut:
    """Art. 30 / 第三十条 (R34): admissible only on one of its three grounds; F3 needs a death confirmed by the
    appraisal of Art. 29 on this tree's record."""
    tree = uow.session.get(Tree, cmd.tree_id)
    if tree is None or tree.status not in (ACTIVE, CONFIRMED_DEAD):
        raise NotFound(f"no registered tree {cmd.tree_id}")
    raw = cmd.facts.model_dump(mode="json")
    facts = SiteFacts(
        **{**raw, "project_tier": ProjectTier(raw["project_tier"]) if raw["project_tier"] else None},
        confirmed_dead=tree.status == CONFIRMED_DEAD,
    )
    admissible = felling_admissible(cmd.ground, facts)
    if not admissible.value:
        raise RuleViolation(admissible.reason, basis=admissible.basis)
    pending = uow.session.exec(
        select(FellingApplication.id).where(
            FellingApplication.tree_id == tree.id, col(FellingApplication.state).in_(OPEN)
        )
    ).first()
    if pending:
        raise Conflict(f"tree {tree.id} already has an open felling application {pending}")
    row = FellingApplication(
        id=new_id(),
        tree_id=tree.id,
        ground=cmd.ground.value,
        facts={**raw, "confirmed_dead": facts.confirmed_dead},
        applicant=cmd.applicant,
        evidence=cmd.evidence,
        approving_authority=settings.felling_approving_authority,
        state=SUBMITTED,
        submitted_at=clock.now(),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _out(row, admissible.basis + (_authority_basis(row.approving_authority),))
    uow.audit("felling.apply", "felling", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def decide(uow: UnitOfWork, application_id: str, cmd: FellingDecisionIn) -> FellingOut:
    """Art. 30 last para (R35): the authority that other law designates (the configured one) approves or rejects;
    the ground is re-checked against the tree's current record."""
    row = uow.repo(FellingApplication, noun="felling application").for_update(application_id)
    if row.state != SUBMITTED:
        raise InvalidTransition(f"application is {row.state}")
    tree = uow.repo(Tree).get(row.tree_id)
    if FellingGround(row.ground) is FellingGround.F3_DEAD and tree.status != CONFIRMED_DEAD:
        raise InvalidTransition("the tree is no longer recorded as confirmed dead", basis=(ART30,))
    with uow.audited_change("felling.decide", row, render=lambda r: _out(r).model_dump(mode="json")):
        row.state = APPROVED if cmd.approved else REJECTED
        row.decision_ref = cmd.decision_ref
        row.decided_at = clock.now()
        uow.session.add(row)
    return _out(row, (ART30, _authority_basis(row.approving_authority)))


def execute(uow: UnitOfWork, application_id: str, cmd: FellingExecutionIn) -> FellingOut:
    """W5: an approved felling is recorded; the tree is FELLED and its archive awaits cancellation (Art. 29)."""
    row = uow.repo(FellingApplication, noun="felling application").for_update(application_id)
    if row.state != APPROVED:
        raise InvalidTransition(f"application is {row.state}; only an approved felling is carried out", basis=(ART30,))
    if cmd.felled_on > clock.now().astimezone(clock.SHANGHAI).date():
        raise RuleViolation("felled_on lies in the future")
    tree = uow.repo(Tree).for_update(row.tree_id)
    with uow.audited_change("felling.execute", row, render=lambda r: _out(r).model_dump(mode="json")):
        row.state = FELLED
        row.felled_on = cmd.felled_on
        before = tree.status
        tree.status = FELLED
        uow.session.add_all([row, tree])
    uow.audit("tree.felled", "tree", tree.id, before={"status": before}, after={"status": FELLED})
    record_version(
        uow,
        tree.id,
        "tree.felled",
        f"felled on {cmd.felled_on} under application {row.id}",
        (ART30,),
        {"before": {"status": before}, "after": {"status": FELLED}},
    )
    return _out(row, (ART30,))


def get(session: Session, application_id: str) -> FellingOut:
    return _out(Repository(session, FellingApplication, noun="felling application").get(application_id))


def list_applications(
    session: Session, page: PageParams, tree_id: str | None = None, state: str | None = None
) -> Page[FellingOut]:
    query = select(FellingApplication).order_by(col(FellingApplication.submitted_at).desc(), FellingApplication.id)
    if tree_id:
        query = query.where(FellingApplication.tree_id == tree_id)
    if state:
        query = query.where(FellingApplication.state == state)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _out)
