"""Service layer for custodians (Arts. 16–18, 21; W9): determination, assignment over time (construction
periods, 16(9)), disputes decided by the county department, agreements, free training and subsidies."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from hunan_shared import clock, divisions
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidTransition, NotFound, RuleViolation
from hunan_shared.events.catalogue import CustodianAssigned, Money, SubsidyGranted
from hunan_shared.legal import Basis, Decision
from hunan_shared.uow import UnitOfWork, new_id
from hunan_trees.models import CustodianAgreement, CustodianAssignment, CustodianTraining, MaintenanceSubsidy, Tree
from hunan_trees.rules.basis import ART16, ART17
from hunan_trees.rules.custodian import PARTY, CustodianCategory, LandUse, custodian_for, training_fee_allowed
from hunan_trees.rules.custody import (
    ART16_9,
    ART16_LAST,
    ART18,
    ART21,
    agreement_covers_duties,
    construction_period_valid,
    decision_needed,
    dispute_decider_valid,
    subsidy_grantor_valid,
    subsidy_inputs_complete,
    within_construction_period,
)
from hunan_trees.schemas.custodians import (
    AgreementIn,
    AgreementOut,
    AssignmentIn,
    AssignmentOut,
    ConstructionAssignmentIn,
    ConstructionCompletionIn,
    DecisionIn,
    DeterminationOut,
    DeterminationRequest,
    DisputeIn,
    LandFacts,
    SubsidyIn,
    SubsidyOut,
    TrainingIn,
    TrainingOut,
)
from hunan_trees.use_cases.archive import record_version
from hunan_trees.use_cases.trees import ACTIVE as TREE_ACTIVE

ACTIVE, DISPUTED, SUPERSEDED = "ACTIVE", "DISPUTED", "SUPERSEDED"
RULE, DECISION = "RULE", "COUNTY_DEPT_DECISION"
CONSTRUCTION = CustodianCategory.CONSTRUCTION_SITE.value


def _require(decision: Decision[bool], error: type[RuleViolation] | type[Conflict] = RuleViolation) -> None:
    if not decision.value:
        raise error(decision.reason, basis=decision.basis)


def _tree(session: Session, tree_id: str) -> Tree:
    tree = session.get(Tree, tree_id)
    if tree is None or tree.status != TREE_ACTIVE:
        raise NotFound(f"no registered tree {tree_id}")
    return tree


def _rule(facts: LandFacts, disputed: bool = False, under_construction: bool = False):
    return custodian_for(
        facts.land_use,
        privately_owned=facts.privately_owned,
        property_managed=facts.property_managed,
        in_subdistrict=facts.in_subdistrict,
        disputed=disputed,
        under_construction=under_construction,
    )


def determine(request: DeterminationRequest) -> DeterminationOut:
    """Art. 16 (R13, R14): the custodian for the given facts on a day; nothing is stored."""
    on = request.on or clock.now().date()
    basis: list[Basis] = []
    building = False
    if request.construction:
        c = request.construction
        _require(construction_period_valid(c.construction_start, c.construction_end))
        period = within_construction_period(on, c.construction_start, c.construction_end)
        building = period.value
        basis.extend(period.basis)
    decision = _rule(request, disputed=request.disputed, under_construction=building)
    undetermined = decision.value.category is CustodianCategory.UNDETERMINED
    needed = decision_needed(request.disputed, undetermined)
    for b in (*decision.basis, *needed.basis):
        if b not in basis:
            basis.append(b)
    return DeterminationOut(
        category=decision.value.category,
        party=decision.value.party,
        reason=decision.reason,
        county_decision_needed=needed.value,
        basis=basis,
    )


def _out(row: CustodianAssignment, basis: tuple[Basis, ...] = (), reason: str | None = None) -> AssignmentOut:
    return AssignmentOut(**row.model_dump(), reason=reason, basis=list(basis))


def _basis_of(row: CustodianAssignment) -> tuple[Basis, ...]:
    if row.category == CONSTRUCTION:
        return (ART16_9,)
    if row.determined_by == DECISION or row.state == DISPUTED:
        return (ART16_LAST,)
    return (ART16,)


def _live(session: Session, tree_id: str, on: dt.date) -> list[CustodianAssignment]:
    """Assignments in force on `on` (ACTIVE or DISPUTED), construction ones first, newest first."""
    rows = session.exec(
        select(CustodianAssignment)
        .where(
            CustodianAssignment.tree_id == tree_id,
            col(CustodianAssignment.state).in_((ACTIVE, DISPUTED)),
            CustodianAssignment.valid_from <= on,
        )
        .order_by(col(CustodianAssignment.created_at).desc(), col(CustodianAssignment.id).desc())
    ).all()
    live = [r for r in rows if r.valid_to is None or r.valid_to >= on]
    return sorted(live, key=lambda r: r.category != CONSTRUCTION)


def recorded(
    session: Session, tree_id: str, on: dt.date | None = None
) -> tuple[CustodianAssignment, tuple[Basis, ...]] | None:
    """The register's assignment in force on `on` (today), with its basis, or None when none is recorded."""
    live = _live(session, tree_id, on or clock.now().date())
    return (live[0], _basis_of(live[0])) if live else None


def current(session: Session, tree_id: str, on: dt.date | None = None) -> AssignmentOut:
    """The custodian on a day: a construction unit during its construction period (16(9)), else the recorded
    land-use or decided custodian, else what the register's land facts give by the table (not yet recorded)."""
    tree = _tree(session, tree_id)
    on = on or clock.now().date()
    live = _live(session, tree_id, on)
    if live:
        row = live[0]
        return _out(row, _basis_of(row))
    decision = custodian_for(
        LandUse(tree.land_use) if tree.land_use else None,
        privately_owned=tree.privately_owned,
        property_managed=tree.property_managed,
        in_subdistrict=tree.in_subdistrict,
    )
    return AssignmentOut(
        id=None,
        tree_id=tree.id,
        category=decision.value.category,
        party=decision.value.party,
        party_name=tree.custodian_name,
        determined_by=RULE,
        project_ref=None,
        valid_from=None,
        valid_to=None,
        state="NOT_RECORDED",
        dispute_reason=None,
        decision_ref=None,
        decided_by_division=None,
        created_at=None,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def history(session: Session, tree_id: str) -> list[AssignmentOut]:
    _tree(session, tree_id)
    rows = session.exec(
        select(CustodianAssignment)
        .where(CustodianAssignment.tree_id == tree_id)
        .order_by(col(CustodianAssignment.created_at), col(CustodianAssignment.id))
    ).all()
    return [_out(r, _basis_of(r)) for r in rows]


def _emit(uow: UnitOfWork, row: CustodianAssignment, tree: Tree, basis: Basis) -> None:
    uow.emit(
        CustodianAssigned(
            assignment_id=row.id,
            tree_id=tree.id,
            division_code=tree.division_code,
            category=row.category,
            determined_by=row.determined_by,
            article=basis.article,
            valid_from=row.valid_from,
            valid_until=row.valid_to,
            assigned_at=row.created_at,
        )
    )


def _supersede_land_use(uow: UnitOfWork, tree_id: str, until: dt.date) -> None:
    """End every land-use (non-construction) assignment still in force: a new determination replaces it."""
    rows = uow.session.exec(
        select(CustodianAssignment).where(
            CustodianAssignment.tree_id == tree_id,
            col(CustodianAssignment.state).in_((ACTIVE, DISPUTED)),
            CustodianAssignment.category != CONSTRUCTION,
        )
    ).all()
    for row in rows:
        row.state = SUPERSEDED
        row.valid_to = max(row.valid_from, until)
        uow.session.add(row)


def _version(uow: UnitOfWork, tree_id: str, action: str, reason: str, out: AssignmentOut) -> None:
    """Art. 14 一树一档: the archive records every change of custodian."""
    after = out.model_dump(mode="json", include={"id", "category", "party", "party_name", "valid_from", "valid_to"})
    record_version(uow, tree_id, action, reason, out.basis, {"after": {"custodian": after}})


def assign(uow: UnitOfWork, tree_id: str, cmd: AssignmentIn) -> AssignmentOut:
    """Art. 16 items (1)–(8): determine by the land-use table and record. An unclear result (不明确) is not
    recorded: the county department decides it (Art. 16 last para, `decide`)."""
    tree = _tree(uow.session, tree_id)
    decision = _rule(cmd)
    if decision.value.category is CustodianCategory.UNDETERMINED:
        raise RuleViolation(
            f"{decision.reason}: the county tree department must decide the custodian", basis=(ART16_LAST,)
        )
    live = [r for r in _live(uow.session, tree_id, cmd.valid_from or clock.now().date()) if r.state == DISPUTED]
    if live:
        raise InvalidTransition(
            "the custodian is disputed: only the county department's decision can settle it", basis=(ART16_LAST,)
        )
    now = clock.now()
    valid_from = cmd.valid_from or now.date()
    _supersede_land_use(uow, tree_id, valid_from - dt.timedelta(days=1))
    row = CustodianAssignment(
        id=new_id(),
        tree_id=tree_id,
        category=decision.value.category.value,
        party=decision.value.party,
        party_name=cmd.party_name,
        determined_by=RULE,
        valid_from=valid_from,
        state=ACTIVE,
        created_at=now,
    )
    uow.session.add(row)
    uow.session.flush()
    _emit(uow, row, tree, decision.basis[0])
    out = _out(row, decision.basis, decision.reason)
    uow.audit("custodian.assign", "custodian_assignment", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    _version(uow, tree_id, "custodian.assign", f"custodian recorded by the land-use table: {decision.reason}", out)
    return out


def assign_construction(uow: UnitOfWork, tree_id: str, cmd: ConstructionAssignmentIn) -> AssignmentOut:
    """Art. 16(9): the construction unit is custodian during construction; it overrides the land-use custodian
    only for that period (`current` falls back after `valid_to`)."""
    tree = _tree(uow.session, tree_id)
    _require(construction_period_valid(cmd.construction_start, cmd.construction_end))
    open_rows = uow.session.exec(
        select(CustodianAssignment).where(
            CustodianAssignment.tree_id == tree_id,
            CustodianAssignment.category == CONSTRUCTION,
            CustodianAssignment.state == ACTIVE,
        )
    ).all()
    for other in open_rows:
        ends = cmd.construction_end or dt.date.max
        other_ends = other.valid_to or dt.date.max
        if other.valid_from <= ends and cmd.construction_start <= other_ends:
            raise Conflict(
                f"construction period overlaps project {other.project_ref} ({other.valid_from} – "
                f"{other.valid_to or 'open'}) already responsible for this tree",
                basis=(ART16_9,),
            )
    now = clock.now()
    row = CustodianAssignment(
        id=new_id(),
        tree_id=tree_id,
        category=CONSTRUCTION,
        party=PARTY[CustodianCategory.CONSTRUCTION_SITE],
        party_name=cmd.construction_unit,
        determined_by=RULE,
        project_ref=cmd.project_ref,
        valid_from=cmd.construction_start,
        valid_to=cmd.construction_end,
        state=ACTIVE,
        created_at=now,
    )
    uow.session.add(row)
    uow.session.flush()
    _emit(uow, row, tree, ART16_9)
    out = _out(row, (ART16_9,), "inside a construction project during construction (建设期间)")
    uow.audit(
        "custodian.construction", "custodian_assignment", row.id, after=out.model_dump(mode="json", exclude={"basis"})
    )
    _version(
        uow,
        tree_id,
        "custodian.construction",
        f"construction unit {cmd.construction_unit} responsible during project {cmd.project_ref}",
        out,
    )
    return out


def complete_construction(
    uow: UnitOfWork, tree_id: str, assignment_id: str, cmd: ConstructionCompletionIn
) -> AssignmentOut:
    """Art. 16(9): at completion the construction unit's custody ends; the land-use custodian is in force again
    from the next day (announced again, so other agencies know who answers for the tree)."""
    tree = _tree(uow.session, tree_id)
    row = uow.repo(CustodianAssignment).for_update(assignment_id)
    if row.tree_id != tree_id or row.category != CONSTRUCTION:
        raise NotFound(f"no construction custody {assignment_id} for tree {tree_id}")
    if row.state != ACTIVE:
        raise InvalidTransition(f"construction custody is {row.state}")
    _require(construction_period_valid(row.valid_from, cmd.completed_on))
    with uow.audited_change("custodian.construction_completed", row, render=lambda r: _out(r).model_dump(mode="json")):
        row.valid_to = cmd.completed_on
        uow.session.add(row)
        uow.session.flush()
    after = _live(uow.session, tree_id, cmd.completed_on + dt.timedelta(days=1))
    if after and after[0].category != CONSTRUCTION:
        back = after[0]
        _emit_return(uow, back, tree, cmd.completed_on + dt.timedelta(days=1))
    out = _out(row, (ART16_9,), f"construction completed on {cmd.completed_on}")
    _version(uow, tree_id, "custodian.construction_completed", f"construction completed on {cmd.completed_on}", out)
    return out


def _emit_return(uow: UnitOfWork, row: CustodianAssignment, tree: Tree, from_day: dt.date) -> None:
    uow.emit(
        CustodianAssigned(
            assignment_id=row.id,
            tree_id=tree.id,
            division_code=tree.division_code,
            category=row.category,
            determined_by=row.determined_by,
            article=_basis_of(row)[0].article,
            valid_from=from_day,
            valid_until=row.valid_to,
            assigned_at=clock.now(),
        )
    )


def dispute(uow: UnitOfWork, tree_id: str, cmd: DisputeIn) -> AssignmentOut:
    """Art. 16 last para: an objection (有异议) to the recorded custodian puts it in dispute until decided."""
    _tree(uow.session, tree_id)
    live = [r for r in _live(uow.session, tree_id, clock.now().date()) if r.category != CONSTRUCTION]
    if not live:
        raise InvalidTransition("no recorded custodian to dispute; record one first (POST …/custodian)")
    row = uow.repo(CustodianAssignment).for_update(live[0].id)
    if row.state == DISPUTED:
        raise InvalidTransition("the custodian is already disputed", basis=(ART16_LAST,))
    with uow.audited_change("custodian.dispute", row, render=lambda r: _out(r).model_dump(mode="json")):
        row.state = DISPUTED
        row.dispute_reason = cmd.reason
        uow.session.add(row)
        uow.session.flush()
    return _out(row, (ART16_LAST,), "disputed (有异议): the county tree department where the tree stands decides")


def decide(uow: UnitOfWork, tree_id: str, cmd: DecisionIn) -> AssignmentOut:
    """Art. 16 last para (R14): the county department of the tree's location decides an unclear or disputed
    custodian; the decision replaces the disputed assignment."""
    tree = _tree(uow.session, tree_id)
    _require(dispute_decider_valid(cmd.decided_by_division, tree.division_code))
    today = clock.now().date()
    valid_from = cmd.valid_from or today
    live = [r for r in _live(uow.session, tree_id, today) if r.category != CONSTRUCTION]
    disputed = any(r.state == DISPUTED for r in live)
    if live and not disputed:
        undetermined = False
    else:
        facts = LandFacts(
            land_use=LandUse(tree.land_use) if tree.land_use else None,
            privately_owned=tree.privately_owned,
            property_managed=tree.property_managed,
            in_subdistrict=tree.in_subdistrict,
        )
        undetermined = _rule(facts).value.category is CustodianCategory.UNDETERMINED
    _require(decision_needed(disputed, undetermined), InvalidTransition)
    now = clock.now()
    _supersede_land_use(uow, tree_id, valid_from - dt.timedelta(days=1))
    row = CustodianAssignment(
        id=new_id(),
        tree_id=tree_id,
        category=cmd.category.value,
        party=PARTY[cmd.category],
        party_name=cmd.party_name,
        determined_by=DECISION,
        valid_from=valid_from,
        state=ACTIVE,
        decision_ref=cmd.decision_ref,
        decided_by_division=cmd.decided_by_division,
        created_at=now,
    )
    uow.session.add(row)
    uow.session.flush()
    _emit(uow, row, tree, ART16_LAST)
    out = _out(row, (ART16_LAST,), "decided by the county tree department where the tree stands")
    uow.audit("custodian.decide", "custodian_assignment", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    _version(uow, tree_id, "custodian.decide", f"custodian decided by the county department ({cmd.decision_ref})", out)
    return out


def _settled(session: Session, tree_id: str) -> CustodianAssignment:
    """The recorded custodian in force today, which must not be in dispute (Art. 16 last para)."""
    live = _live(session, tree_id, clock.now().date())
    if not live:
        raise InvalidTransition("no custodian is recorded for this tree (Art. 16)", basis=(ART16,))
    if live[0].state == DISPUTED:
        raise InvalidTransition("the custodian is disputed until the county department decides", basis=(ART16_LAST,))
    return live[0]


def add_agreement(uow: UnitOfWork, tree_id: str, cmd: AgreementIn) -> AgreementOut:
    """A custodian agreement with the custodian in force, covering every Art. 18 duty."""
    _tree(uow.session, tree_id)
    _require(agreement_covers_duties(set(cmd.duties)))
    if cmd.valid_to is not None and cmd.valid_to < cmd.valid_from:
        raise RuleViolation("the agreement ends before it starts")
    assignment = _settled(uow.session, tree_id)
    if assignment.party_name and assignment.party_name != cmd.custodian_name:
        raise RuleViolation(
            f"the custodian in force is {assignment.party_name}, not {cmd.custodian_name}", basis=_basis_of(assignment)
        )
    row = CustodianAgreement(
        id=new_id(),
        tree_id=tree_id,
        assignment_id=assignment.id,
        custodian_name=cmd.custodian_name,
        signed_on=cmd.signed_on,
        valid_from=cmd.valid_from,
        valid_to=cmd.valid_to,
        duties=sorted(d.value for d in cmd.duties),
        created_at=clock.now(),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _agreement_out(row)
    uow.audit(
        "custodian.agreement", "custodian_agreement", row.id, after=out.model_dump(mode="json", exclude={"basis"})
    )
    return out


def _agreement_out(row: CustodianAgreement) -> AgreementOut:
    return AgreementOut(**row.model_dump(), basis=[ART18])


def agreements(session: Session, tree_id: str) -> list[AgreementOut]:
    _tree(session, tree_id)
    rows = session.exec(
        select(CustodianAgreement)
        .where(CustodianAgreement.tree_id == tree_id)
        .order_by(col(CustodianAgreement.signed_on))
    ).all()
    return [_agreement_out(r) for r in rows]


def add_training(uow: UnitOfWork, cmd: TrainingIn) -> TrainingOut:
    """Art. 17 (R15): departments at county level or above train custodians free of charge; the custodians'
    trees must lie in the organising department's area."""
    fee = training_fee_allowed(cmd.fee_cny)
    _require(fee)
    for tree_id in cmd.tree_ids:
        tree = _tree(uow.session, tree_id)
        if not divisions.contains(cmd.division_code, tree.division_code):
            raise RuleViolation(f"tree {tree_id} lies outside the organising department's area {cmd.division_code}")
    row = CustodianTraining(id=new_id(), **cmd.model_dump(), created_at=clock.now())
    uow.session.add(row)
    uow.session.flush()
    out = TrainingOut(**row.model_dump(), basis=list(fee.basis))
    uow.audit("custodian.training", "custodian_training", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def trainings(session: Session, division: str | None) -> list[TrainingOut]:
    query = select(CustodianTraining).order_by(col(CustodianTraining.held_on).desc(), col(CustodianTraining.id))
    if division:
        query = query.where(in_division(CustodianTraining.division_code, division))
    return [TrainingOut(**r.model_dump(), basis=[ART17]) for r in session.exec(query.limit(500)).all()]


def grant_subsidy(uow: UnitOfWork, tree_id: str, cmd: SubsidyIn) -> SubsidyOut:
    """Art. 21 (R19): a county-or-above government whose area holds the tree grants the custodian in force a
    subsidy weighing grade, maintenance condition and expenditure (all three stored); announced to budget."""
    tree = _tree(uow.session, tree_id)
    grantor = subsidy_grantor_valid(cmd.granting_division, tree.division_code)
    _require(grantor)
    inputs = subsidy_inputs_complete(tree.grade is not None or tree.is_famous, cmd.condition, cmd.expenditure_cny)
    _require(inputs)
    assignment = _settled(uow.session, tree_id)
    now = clock.now()
    row = MaintenanceSubsidy(
        id=new_id(),
        tree_id=tree_id,
        assignment_id=assignment.id,
        custodian_name=assignment.party_name,
        granting_division=cmd.granting_division,
        year=cmd.year,
        grade=tree.grade,
        is_famous=tree.is_famous,
        condition=cmd.condition.value,
        expenditure_cny=cmd.expenditure_cny,
        amount_cny=cmd.amount_cny,
        decision_ref=cmd.decision_ref,
        granted_at=now,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.emit(
        SubsidyGranted(
            subsidy_id=row.id,
            tree_id=tree_id,
            granting_division=cmd.granting_division,
            year=cmd.year,
            amount=Money(amount=cmd.amount_cny),
            granted_at=now,
        )
    )
    out = SubsidyOut(**row.model_dump(), basis=list(grantor.basis))
    uow.audit("custodian.subsidy", "maintenance_subsidy", row.id, after=out.model_dump(mode="json", exclude={"basis"}))
    return out


def subsidies(session: Session, tree_id: str) -> list[SubsidyOut]:
    _tree(session, tree_id)
    rows = session.exec(
        select(MaintenanceSubsidy).where(MaintenanceSubsidy.tree_id == tree_id).order_by(col(MaintenanceSubsidy.year))
    ).all()
    return [SubsidyOut(**r.model_dump(), basis=[ART21]) for r in rows]
