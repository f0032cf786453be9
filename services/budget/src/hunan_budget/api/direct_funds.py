"""HTTP routes for direct funds traced from source to end user (R37, Opinion (十五))."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.api import budget_settings
from hunan_budget.schemas.oversight import DirectFundIn, DirectFundOut, DirectFundUseIn
from hunan_budget.settings import BudgetSettings
from hunan_budget.use_cases import direct_funds
from hunan_shared import clock
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/direct-funds", tags=["direct funds"])
On = Query(None, description="Evaluation day (default today, Asia/Shanghai)")


def _day(on: dt.date | None) -> dt.date:
    return on or clock.now().astimezone(clock.SHANGHAI).date()


@router.post(
    "",
    status_code=201,
    response_model=DirectFundOut,
    operation_id="allocateDirectFund",
    summary="Record a direct-fund allocation to a level",
)
def allocate(
    body: DirectFundIn,
    write: Writer = Security(writer, scopes=["budget:write"]),
    settings: BudgetSettings = Depends(budget_settings),
):
    return write.run(lambda uow: direct_funds.allocate(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{fund_id}/uses",
    status_code=201,
    response_model=DirectFundOut,
    operation_id="recordDirectFundUse",
    summary="Record a use by an end user; the fund's status follows (R37)",
)
def record_use(
    fund_id: str,
    body: DirectFundUseIn,
    write: Writer = Security(writer, scopes=["budget:write"]),
    settings: BudgetSettings = Depends(budget_settings),
):
    return write.run(lambda uow: direct_funds.record_use(uow, fund_id, body, settings), status_code=201, body=body)


@router.get(
    "/{fund_id}",
    response_model=DirectFundOut,
    operation_id="getDirectFund",
    summary="A direct fund with its uses and status: TRACED, IN_TRANSIT, IDLE or DIVERTED (R37)",
    dependencies=[reader("budget:read")],
)
def get_fund(
    fund_id: str,
    on: dt.date | None = On,
    session: Session = Depends(db_session),
    settings: BudgetSettings = Depends(budget_settings),
):
    return direct_funds.get(session, fund_id, _day(on), settings)


@router.get(
    "",
    response_model=list[DirectFundOut],
    operation_id="listDirectFunds",
    summary="Direct funds of a level and year with their status",
    dependencies=[reader("budget:read")],
)
def list_funds(
    division_code: str = Query(pattern=r"^43\d{4}$"),
    budget_year: int = Query(ge=2021, le=2100),
    on: dt.date | None = On,
    session: Session = Depends(db_session),
    settings: BudgetSettings = Depends(budget_settings),
):
    return direct_funds.list_funds(session, division_code, budget_year, _day(on), settings)
