"""Service layer for the governance the plan makes checkable: the published list of major decision items and the
statutory steps of each major decision (第四章（三）, R60); the enforcement-items list adjusted dynamically, cases
only on items in force, and the hand-over of suspected crimes before closure (第四章（四）, R61)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col

from hunan_emergency.models import DecisionItem, EnforcementCase, EnforcementItem, MajorDecision
from hunan_emergency.rules.governance import (
    DecisionStep,
    case_closure_gaps,
    enforcement_item_in_force,
    major_decision_gaps,
)
from hunan_emergency.schemas.governance import (
    CloseCaseIn,
    DecideIn,
    DecisionItemIn,
    DecisionItemOut,
    EnforcementCaseIn,
    EnforcementCaseOut,
    EnforcementItemIn,
    EnforcementItemOut,
    HandOverIn,
    MajorDecisionIn,
    MajorDecisionOut,
    StepIn,
    WithdrawIn,
)
from hunan_shared import clock
from hunan_shared.errors import Conflict, RuleViolation
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# --- major decisions (R60) ---------------------------------------------------------------------------------


def publish_item(uow: UnitOfWork, cmd: DecisionItemIn) -> DecisionItemOut:
    if uow.repo(DecisionItem).find(cmd.code) is not None:
        raise Conflict(f"decision item {cmd.code} is already on the list")
    row = uow.repo(DecisionItem).add(DecisionItem(**cmd.model_dump()))
    out = DecisionItemOut(**row.model_dump())
    uow.audit("decision_item.publish", "decision_item", row.code, after=out)
    return out


def list_items(session: Session) -> list[DecisionItemOut]:
    rows = Repository(session, DecisionItem).list(order_by=DecisionItem.code)
    return [DecisionItemOut(**r.model_dump()) for r in rows]


def _decision_out(session: Session, row: MajorDecision) -> MajorDecisionOut:
    item = Repository(session, DecisionItem).find(row.item_code)
    gaps = major_decision_gaps([DecisionStep(s) for s in row.steps], on_published_list=item is not None)
    missing = [] if row.decided_on else list(gaps.value)
    return MajorDecisionOut(**row.model_dump(exclude={"created_at"}), missing=missing, basis=list(gaps.basis))


def open_decision(uow: UnitOfWork, cmd: MajorDecisionIn) -> MajorDecisionOut:
    row = uow.repo(MajorDecision).add(MajorDecision(id=new_id(), steps=[], created_at=clock.now(), **cmd.model_dump()))
    out = _decision_out(uow.session, row)
    uow.audit("major_decision.open", "major_decision", row.id, after=out)
    return out


def record_step(uow: UnitOfWork, decision_id: str, cmd: StepIn) -> MajorDecisionOut:
    row = uow.repo(MajorDecision).for_update(decision_id)
    if row.decided_on is not None:
        raise Conflict(f"decision {decision_id} was taken on {row.decided_on}")
    with uow.audited_change("major_decision.step", row, render=lambda r: _decision_out(uow.session, r)) as change:
        row.steps = sorted({*row.steps, cmd.step}, key=list(DecisionStep).index)
        change.after = out = _decision_out(uow.session, row)
    return out


def decide(uow: UnitOfWork, decision_id: str, cmd: DecideIn) -> MajorDecisionOut:
    """The collective decision (集体讨论决定): refused (422) while a statutory step is missing or the item is not on
    the published list (R60)."""
    row = uow.repo(MajorDecision).for_update(decision_id)
    if row.decided_on is not None:
        raise Conflict(f"decision {decision_id} was taken on {row.decided_on}")
    item = uow.repo(DecisionItem).find(row.item_code)
    gaps = major_decision_gaps([DecisionStep(s) for s in row.steps], on_published_list=item is not None)
    if gaps.value:
        raise RuleViolation(gaps.reason, basis=gaps.basis)
    with uow.audited_change("major_decision.decide", row, render=lambda r: _decision_out(uow.session, r)) as change:
        row.steps = [*row.steps, DecisionStep.COLLECTIVE_DECISION.value]
        row.decided_on = cmd.decided_on
        change.after = out = _decision_out(uow.session, row)
    return out


def get_decision(session: Session, decision_id: str) -> MajorDecisionOut:
    return _decision_out(session, Repository(session, MajorDecision).get(decision_id))


# --- enforcement items and cases (R61) ---------------------------------------------------------------------


def add_item(uow: UnitOfWork, cmd: EnforcementItemIn) -> EnforcementItemOut:
    if uow.repo(EnforcementItem).find(cmd.code) is not None:
        raise Conflict(f"enforcement item {cmd.code} is already listed")
    row = uow.repo(EnforcementItem).add(EnforcementItem(**cmd.model_dump()))
    out = EnforcementItemOut(**row.model_dump())
    uow.audit("enforcement_item.add", "enforcement_item", row.code, after=out)
    return out


def withdraw_item(uow: UnitOfWork, code: str, cmd: WithdrawIn) -> EnforcementItemOut:
    """Dynamic adjustment (动态调整): the item stops counting from the withdrawal day; its cases stay."""
    row = uow.repo(EnforcementItem).for_update(code)
    if row.withdrawn_on is not None:
        raise Conflict(f"enforcement item {code} was withdrawn on {row.withdrawn_on}")
    if cmd.withdrawn_on < row.added_on:
        raise RuleViolation("an item cannot be withdrawn before it was added")
    render = lambda r: EnforcementItemOut(**r.model_dump())  # noqa: E731
    with uow.audited_change("enforcement_item.withdraw", row, render=render, target_id=code):
        row.withdrawn_on, row.withdrawal_reason = cmd.withdrawn_on, cmd.reason
    return EnforcementItemOut(**row.model_dump())


def list_enforcement_items(session: Session, in_force_on: dt.date | None) -> list[EnforcementItemOut]:
    """The list; with a date, only the items in force on that day (the list as it stood)."""
    rows = Repository(session, EnforcementItem).list(order_by=EnforcementItem.code)
    if in_force_on is not None:
        rows = [r for r in rows if enforcement_item_in_force(r.added_on, r.withdrawn_on, in_force_on).value]
    return [EnforcementItemOut(**r.model_dump()) for r in rows]


def _case_out(row: EnforcementCase, basis: tuple[Basis, ...] = ()) -> EnforcementCaseOut:
    return EnforcementCaseOut(**row.model_dump(), basis=list(basis))


def open_case(uow: UnitOfWork, cmd: EnforcementCaseIn) -> EnforcementCaseOut:
    """A case only on an item of the list in force on its opening day (清单制度, R61)."""
    item = uow.repo(EnforcementItem).find(cmd.item_code)
    check = enforcement_item_in_force(item.added_on, item.withdrawn_on, cmd.opened_on) if item else None
    if check is None or not check.value:
        reason = check.reason if check else "not on the enforcement-items list"
        raise RuleViolation(f"enforcement item {cmd.item_code}: {reason}", basis=check.basis if check else ())
    row = uow.repo(EnforcementCase).add(EnforcementCase(id=new_id(), **cmd.model_dump()))
    out = _case_out(row, check.basis)
    uow.audit("enforcement_case.open", "enforcement_case", row.id, after=out)
    return out


def hand_over(uow: UnitOfWork, case_id: str, cmd: HandOverIn) -> EnforcementCaseOut:
    """行政执法与刑事司法衔接: a suspected crime goes to the public-security or procuratorial organ (R61)."""
    row = uow.repo(EnforcementCase).for_update(case_id)
    if row.closed_on is not None or row.handed_over_on is not None:
        raise Conflict(f"case {case_id} is closed or already handed over")
    with uow.audited_change("enforcement_case.hand_over", row, render=_case_out) as change:
        row.suspected_crime, row.handed_over_to, row.handed_over_on = True, cmd.to, cmd.on
        change.after = out = _case_out(row, case_closure_gaps(suspected_crime=True, handed_over=True).basis)
    return out


def close_case(uow: UnitOfWork, case_id: str, cmd: CloseCaseIn) -> EnforcementCaseOut:
    row = uow.repo(EnforcementCase).for_update(case_id)
    if row.closed_on is not None:
        raise Conflict(f"case {case_id} was closed on {row.closed_on}")
    gaps = case_closure_gaps(suspected_crime=row.suspected_crime, handed_over=row.handed_over_on is not None)
    if gaps.value:
        raise RuleViolation(gaps.reason, basis=gaps.basis)
    with uow.audited_change("enforcement_case.close", row, render=_case_out) as change:
        row.closed_on = cmd.on
        change.after = out = _case_out(row, gaps.basis)
    return out


def get_case(session: Session, case_id: str) -> EnforcementCaseOut:
    return _case_out(Repository(session, EnforcementCase).get(case_id))


def open_cases_awaiting_handover(session: Session) -> list[EnforcementCaseOut]:
    rows = Repository(session, EnforcementCase).list(
        col(EnforcementCase.suspected_crime).is_(True),
        col(EnforcementCase.closed_on).is_(None),
        col(EnforcementCase.handed_over_on).is_(None),
        order_by=EnforcementCase.opened_on,
    )
    return [_case_out(r) for r in rows]
