"""Service layer for government investment funds (W7, Opinion (十)): proposal with its checks (R22 budgeted,
R23 no bond money, R24 no new fund where 三保 is under-covered, R25 no guaranteed return), then establishment,
investment, exit triggers (R26) and exit or merger."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlmodel import Session

from hunan_budget.models import Budget, BudgetLine, InvestmentFund
from hunan_budget.rules.basis import require
from hunan_budget.rules.debt import FundAction, FundState, fund_budgeted, new_fund_allowed, next_fund_state
from hunan_budget.rules.pooling import fund_contribution_allowed, fund_exit_triggered
from hunan_budget.schemas.debt import FundActionIn, FundIn, FundOut
from hunan_shared import clock
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: InvestmentFund, basis: Iterable[Basis] = ()) -> FundOut:
    return FundOut(**row.model_dump(), basis=list(basis))


def propose(uow: UnitOfWork, cmd: FundIn) -> FundOut:
    line = uow.repo(BudgetLine, noun="budget line").get(cmd.budget_line_id) if cmd.budget_line_id else None
    budget = uow.repo(Budget).get(line.budget_id) if line else None
    if budget is not None and budget.division_code != cmd.division_code:
        raise InvalidInput("the contribution's budget line belongs to another government")
    basis: list[Basis] = []
    with rule_errors():
        basis += require(
            fund_contribution_allowed(cmd.contribution_source == "LOCAL_GOV_BOND", cmd.guaranteed_return_clause)
        ).basis
        basis += require(new_fund_allowed(bool(budget and budget.rigid_under_covered))).basis
        basis += require(fund_budgeted(cmd.fiscal_contribution, line.amount if line else None)).basis
    now = clock.now()
    row = uow.repo(InvestmentFund).add(
        InvestmentFund(
            id=new_id(),
            **cmd.model_dump(),
            raised_social_capital=Decimal(0),
            state=FundState.PROPOSED,
            created_at=now,
            updated_at=now,
        )
    )
    out = _out(row, basis)
    uow.audit("fund.propose", "fund", row.id, after=out)
    return out


def act(uow: UnitOfWork, fund_id: str, cmd: FundActionIn) -> FundOut:
    """One W7 step; `trigger_exit` needs an R26 ground (performance, idle money, social capital below the floor)."""
    row = uow.repo(InvestmentFund, noun="fund").for_update(fund_id)
    with uow.audited_change(f"fund.{cmd.action.value}", row, render=_out) as change:
        with rule_errors():
            transition = next_fund_state(FundState(row.state), cmd.action)
            basis = list(transition.basis)
            if cmd.raised_social_capital is not None:
                row.raised_social_capital = cmd.raised_social_capital
            if cmd.action is FundAction.TRIGGER_EXIT:
                trigger = require(
                    fund_exit_triggered(
                        row.raised_social_capital,
                        row.agreed_social_capital_floor,
                        cmd.performance_below_expectation,
                        cmd.idle_long_term,
                    )
                )
                basis += trigger.basis
                row.exit_reason = trigger.reason
        row.state = transition.value
        row.updated_at = clock.now()
        uow.session.add(row)
        change.after = out = _out(row, basis)
    return out


def get(session: Session, fund_id: str) -> FundOut:
    return _out(Repository(session, InvestmentFund, noun="fund").get(fund_id))
