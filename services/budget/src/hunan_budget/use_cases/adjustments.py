"""Service layer for changes to an approved budget (W3): adjustments through the people's congress standing
committee and reallocations approved by procedure. Approved lines change only here (R13, R30)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from sqlmodel import Session, select

from hunan_budget.models import Adjustment, AdjustmentItem, Budget, BudgetLine, Reallocation
from hunan_budget.rules.basis import BudgetRuleError, opinion, require
from hunan_budget.rules.budgets import (
    AdjustmentAction,
    AdjustmentState,
    BudgetState,
    Direction,
    LineCategory,
    ReallocationAction,
    ReallocationState,
    development_allowed,
    line_change_allowed,
    next_adjustment_state,
    next_reallocation_state,
    not_retroactive,
    priority_list_funded,
)
from hunan_budget.rules.rigid import rigid_guaranteed
from hunan_budget.schemas.adjustments import (
    AdjustmentActionIn,
    AdjustmentIn,
    AdjustmentItemOut,
    AdjustmentOut,
    ReallocationActionIn,
    ReallocationIn,
    ReallocationOut,
)
from hunan_budget.use_cases.budgets import event_totals, rigid_funded
from hunan_budget.use_cases.budgets import get as get_budget
from hunan_budget.use_cases.catalogues import priority_funding
from hunan_shared import clock
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.events.catalogue import BudgetAdjusted
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _approved_budget(uow: UnitOfWork, budget_id: str) -> Budget:
    budget = uow.repo(Budget).get(budget_id)
    if budget.state != BudgetState.APPROVED:
        raise Conflict(f"budget is {budget.state}: a draft is changed by editing its lines, not by W3")
    return budget


def _line_of(uow: UnitOfWork, budget: Budget, line_id: str) -> BudgetLine:
    line = uow.repo(BudgetLine, noun="budget line").for_update(line_id)
    if line.budget_id != budget.id:
        raise InvalidInput(f"line {line_id} is not in budget {budget.id}")
    return line


def _priority_guard(uow: UnitOfWork, budget: Budget, lines: list[BudgetLine]) -> list[Basis]:
    """R1 also holds for changes: more money for a development line needs the priority list funded first."""
    unfunded = priority_list_funded(priority_funding(uow.session, budget.division_code, budget.budget_year)).value
    basis: list[Basis] = []
    for line in lines:
        if line.category:
            basis += require(development_allowed(LineCategory(line.category), unfunded)).basis
    # R14 holds after the change too: the rigid lines still carry the declared 三保 and debt service.
    basis += require(rigid_guaranteed(budget.rigid_required, rigid_funded(uow.session, budget))).basis
    return basis


def _announce(
    uow: UnitOfWork, budget: Budget, change: Literal["ADJUSTMENT", "REALLOCATION"], change_id: str, ref: str
) -> None:
    """hunan.budget.budget.adjusted with the budget's new totals, in the same transaction."""
    totals = event_totals(get_budget(uow.session, budget.id))
    uow.emit(BudgetAdjusted(**totals, change=change, change_id=change_id, decision_ref=ref, applied_at=clock.now()))


# --- adjustments ------------------------------------------------------------------------------------------------


def _items(session: Session, adjustment_id: str) -> list[AdjustmentItem]:
    query = select(AdjustmentItem).where(AdjustmentItem.adjustment_id == adjustment_id)
    return list(session.exec(query.order_by(AdjustmentItem.line_id)).all())


def _adjustment_out(session: Session, row: Adjustment, basis: Iterable[Basis] = ()) -> AdjustmentOut:
    items = _items(session, row.id)
    return AdjustmentOut(
        **row.model_dump(),
        items=[AdjustmentItemOut(line_id=i.line_id, delta=i.delta) for i in items],
        basis=list(basis),
    )


def propose(uow: UnitOfWork, cmd: AdjustmentIn) -> AdjustmentOut:
    """Propose an adjustment plan 预算调整方案 of an approved budget (no retroactive increase policy, R30)."""
    budget = _approved_budget(uow, cmd.budget_id)
    line_ids = [i.line_id for i in cmd.items]
    if len(set(line_ids)) != len(line_ids):
        raise InvalidInput("one item per line")
    for item in cmd.items:
        _line_of(uow, budget, item.line_id)
    today = clock.now().date()
    with rule_errors():
        basis = require(not_retroactive(cmd.policy_effective_from, today, any(i.delta > 0 for i in cmd.items))).basis
    now = clock.now()
    row = uow.repo(Adjustment).add(
        Adjustment(
            id=new_id(),
            budget_id=budget.id,
            reason=cmd.reason,
            policy_effective_from=cmd.policy_effective_from,
            state=AdjustmentState.PROPOSED,
            proposed_on=today,
            created_at=now,
            updated_at=now,
        )
    )
    uow.session.add_all(AdjustmentItem(adjustment_id=row.id, line_id=i.line_id, delta=i.delta) for i in cmd.items)
    uow.session.flush()
    out = _adjustment_out(uow.session, row, basis)
    uow.audit("adjustment.propose", "adjustment", row.id, after=out)
    return out


def act_on_adjustment(uow: UnitOfWork, adjustment_id: str, cmd: AdjustmentActionIn) -> AdjustmentOut:
    """Review, submit, approve (with the standing committee's decision), reject, or apply to the lines."""
    session = uow.session
    row = uow.repo(Adjustment).for_update(adjustment_id)
    with uow.audited_change(f"adjustment.{cmd.action.value}", row, render=lambda r: _adjustment_out(session, r)) as ch:
        with rule_errors():
            transition = next_adjustment_state(AdjustmentState(row.state), cmd.action)
            basis = list(transition.basis)
            if cmd.action is AdjustmentAction.APPROVE:
                if not cmd.decision_ref:
                    raise BudgetRuleError(
                        "approval needs the standing committee's decision reference",
                        basis=(opinion("(十三)", "R30", "报人大常委会审查批准"),),
                    )
                row.decision_ref = cmd.decision_ref
            if cmd.action is AdjustmentAction.APPLY:
                budget = _approved_budget(uow, row.budget_id)
                items = _items(session, row.id)
                increased = []
                for item in items:
                    line = _line_of(uow, budget, item.line_id)
                    line.amount = line_change_allowed(line.amount, line.spent, item.delta).value
                    session.add(line)
                    if item.delta > 0 and line.direction == Direction.EXPENDITURE:
                        increased.append(line)
                session.flush()
                basis += _priority_guard(uow, budget, increased)
                _announce(uow, budget, "ADJUSTMENT", row.id, row.decision_ref or "")
        row.state = transition.value
        row.updated_at = clock.now()
        session.add(row)
        session.flush()
        ch.after = out = _adjustment_out(session, row, basis)
    return out


def get_adjustment(session: Session, adjustment_id: str) -> AdjustmentOut:
    return _adjustment_out(session, Repository(session, Adjustment).get(adjustment_id))


# --- reallocations ----------------------------------------------------------------------------------------------


def _reallocation_out(row: Reallocation, basis: Iterable[Basis] = ()) -> ReallocationOut:
    return ReallocationOut(**row.model_dump(), basis=list(basis))


def request(uow: UnitOfWork, cmd: ReallocationIn) -> ReallocationOut:
    """Request moving money between two expenditure lines of an approved budget (预算调剂)."""
    budget = _approved_budget(uow, cmd.budget_id)
    if cmd.from_line_id == cmd.to_line_id:
        raise InvalidInput("a reallocation moves money between two different lines")
    for line_id in (cmd.from_line_id, cmd.to_line_id):
        if _line_of(uow, budget, line_id).direction != Direction.EXPENDITURE:
            raise InvalidInput("reallocations move money between expenditure lines")
    now = clock.now()
    row = uow.repo(Reallocation).add(
        Reallocation(id=new_id(), **cmd.model_dump(), state=ReallocationState.REQUESTED, created_at=now, updated_at=now)
    )
    out = _reallocation_out(row)
    uow.audit("reallocation.request", "reallocation", row.id, after=out)
    return out


def act_on_reallocation(uow: UnitOfWork, reallocation_id: str, cmd: ReallocationActionIn) -> ReallocationOut:
    """Approve (with the approval reference), reject, or apply: the from-line never falls below its spending
    (R29) and the to-line, if development spending, waits for the priority list (R1)."""
    session = uow.session
    row = uow.repo(Reallocation).for_update(reallocation_id)
    with uow.audited_change(f"reallocation.{cmd.action.value}", row, render=_reallocation_out) as change:
        with rule_errors():
            transition = next_reallocation_state(ReallocationState(row.state), cmd.action)
            basis = list(transition.basis)
            if cmd.action is ReallocationAction.APPROVE:
                if not cmd.approval_ref:
                    raise BudgetRuleError(
                        "approval needs its reference (严格按程序报批)",
                        basis=(opinion("(十三)", "R30", "预算调剂严格按程序报批"),),
                    )
                row.approval_ref = cmd.approval_ref
            if cmd.action is ReallocationAction.APPLY:
                budget = _approved_budget(uow, row.budget_id)
                source, target = _line_of(uow, budget, row.from_line_id), _line_of(uow, budget, row.to_line_id)
                source.amount = line_change_allowed(source.amount, source.spent, -row.amount).value
                target.amount = line_change_allowed(target.amount, target.spent, row.amount).value
                session.add_all([source, target])
                session.flush()
                basis += _priority_guard(uow, budget, [target])
                _announce(uow, budget, "REALLOCATION", row.id, row.approval_ref or "")
        row.state = transition.value
        row.updated_at = clock.now()
        session.add(row)
        session.flush()
        change.after = out = _reallocation_out(row, basis)
    return out


def get_reallocation(session: Session, reallocation_id: str) -> ReallocationOut:
    return _reallocation_out(Repository(session, Reallocation).get(reallocation_id))
