"""HTTP routes for government investment funds (W7, Opinion (十))."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security
from sqlmodel import Session

from hunan_budget.schemas.debt import FundActionIn, FundIn, FundOut
from hunan_budget.use_cases import funds
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/funds", tags=["funds"])


@router.post(
    "",
    status_code=201,
    response_model=FundOut,
    operation_id="proposeFund",
    summary="Propose a government investment fund (R22–R25 checked)",
)
def propose_fund(body: FundIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: funds.propose(uow, body), status_code=201, body=body)


@router.post(
    "/{fund_id}/actions",
    response_model=FundOut,
    operation_id="actOnFund",
    summary="establish, invest, trigger_exit (R26), exit, merge",
)
def act_on_fund(fund_id: str, body: FundActionIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: funds.act(uow, fund_id, body), body=body)


@router.get(
    "/{fund_id}",
    response_model=FundOut,
    operation_id="getFund",
    summary="One fund",
    dependencies=[reader("budget:read")],
)
def get_fund(fund_id: str, session: Session = Depends(db_session)):
    return funds.get(session, fund_id)
