"""Service layer for direct funds (R37, Opinion (十五)): an allocation to a level, each use by an end user, and the
fund's status from source to end user — traced, in transit, idle (沉淀闲置) or diverted (挤占挪用)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from sqlmodel import Session

from hunan_budget.models import DirectFund, DirectFundUse
from hunan_budget.rules.execution import direct_fund_status
from hunan_budget.schemas.oversight import DirectFundIn, DirectFundOut, DirectFundUseIn, DirectFundUseOut
from hunan_budget.settings import BudgetSettings
from hunan_shared import clock
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _uses(session: Session, fund_id: str) -> list[DirectFundUse]:
    return Repository(session, DirectFundUse).list(
        DirectFundUse.fund_id == fund_id, order_by=(DirectFundUse.used_on, DirectFundUse.id)
    )


def _out(session: Session, fund: DirectFund, on: dt.date, settings: BudgetSettings) -> DirectFundOut:
    uses = _uses(session, fund.id)
    used = sum((u.amount for u in uses if u.within_scope), Decimal(0))
    outside = sum((u.amount for u in uses if not u.within_scope), Decimal(0))
    with rule_errors():
        decision = direct_fund_status(
            fund.allocated, used, outside, fund.allocated_on, on, settings.direct_fund_idle_days
        )
    basis: Iterable[Basis] = decision.basis
    return DirectFundOut(
        **fund.model_dump(),
        used=used,
        used_outside_scope=outside,
        status=decision.value.value,
        evaluated_on=on,
        reason=decision.reason,
        uses=[DirectFundUseOut(**u.model_dump()) for u in uses],
        basis=list(basis),
    )


def allocate(uow: UnitOfWork, cmd: DirectFundIn, settings: BudgetSettings) -> DirectFundOut:
    row = uow.repo(DirectFund).add(DirectFund(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = _out(uow.session, row, cmd.allocated_on, settings)
    uow.audit("direct_fund.create", "direct_fund", row.id, after=out)
    return out


def record_use(uow: UnitOfWork, fund_id: str, cmd: DirectFundUseIn, settings: BudgetSettings) -> DirectFundOut:
    """An end user's use of the fund; more than what remains unused, or a use before the allocation, is refused."""
    fund = uow.repo(DirectFund, noun="direct fund").for_update(fund_id)
    if cmd.used_on < fund.allocated_on:
        raise InvalidInput("a use cannot come before the allocation")
    spent = sum((u.amount for u in _uses(uow.session, fund.id)), Decimal(0))
    if spent + cmd.amount > fund.allocated:
        raise InvalidInput(f"only {fund.allocated - spent} of the allocation is left")
    row = uow.repo(DirectFundUse).add(
        DirectFundUse(id=new_id(), fund_id=fund.id, **cmd.model_dump(), created_at=clock.now())
    )
    out = _out(uow.session, fund, cmd.used_on, settings)
    uow.audit("direct_fund.use", "direct_fund", fund.id, after={"use": row.id, "status": out.status})
    return out


def get(session: Session, fund_id: str, on: dt.date, settings: BudgetSettings) -> DirectFundOut:
    return _out(session, Repository(session, DirectFund, noun="direct fund").get(fund_id), on, settings)


def list_funds(
    session: Session, division_code: str, budget_year: int, on: dt.date, settings: BudgetSettings
) -> list[DirectFundOut]:
    rows = Repository(session, DirectFund).list(
        DirectFund.division_code == division_code,
        DirectFund.budget_year == budget_year,
        order_by=(DirectFund.allocated_on, DirectFund.id),
    )
    return [_out(session, r, on, settings) for r in rows]
