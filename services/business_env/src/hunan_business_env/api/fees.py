"""HTTP routes of enterprise fees and deposits (W8; Art. 15)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.fees import DepositState
from hunan_business_env.schemas.common import CREDIT_CODE
from hunan_business_env.schemas.fees import (
    DepositIn,
    DepositOut,
    FeeChargeIn,
    FeeChargeOut,
    FeeItemIn,
    FeeItemOut,
    RefundIn,
    ReleaseIn,
)
from hunan_business_env.use_cases import fees
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["fees and deposits"])
WRITE = ["business_env:write"]


@router.post(
    "/fee-items",
    status_code=201,
    response_model=FeeItemOut,
    operation_id="addFeeItem",
    summary="Enter an item in the enterprise fee catalogue (涉企收费目录清单) with standard, scope and validity",
)
def add_item(body: FeeItemIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fees.add_item(uow, body), status_code=201, body=body)


@router.get(
    "/fee-items",
    response_model=Page[FeeItemOut],
    operation_id="listFeeItems",
    summary="The enterprise fee catalogue",
    dependencies=[reader("business_env:read")],
)
def list_items(page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return fees.list_items(session, page)


@router.post(
    "/fee-charges",
    status_code=201,
    response_model=FeeChargeOut,
    operation_id="chargeFee",
    summary="Levy a fee: refused (422, outcome and article) unless a valid catalogue item allows it (Art. 15)",
)
def charge(body: FeeChargeIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fees.charge(uow, body), status_code=201, body=body)


@router.post(
    "/deposits",
    status_code=201,
    response_model=DepositOut,
    operation_id="postDeposit",
    summary="Record a deposit in the form the enterprise chose (cash, bank guarantee, guarantee insurance)",
)
def post_deposit(body: DepositIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: fees.post_deposit(uow, body, settings), status_code=201, body=body)


@router.get(
    "/deposits",
    response_model=Page[DepositOut],
    operation_id="listDeposits",
    summary="The deposit register",
    dependencies=[reader("business_env:read")],
)
def list_deposits(
    page: PageParams = Depends(page_params),
    state: DepositState | None = Query(None),
    credit_code: str | None = Query(None, pattern=CREDIT_CODE),
    session: Session = Depends(db_session),
):
    return fees.list_deposits(session, page, state, credit_code)


@router.get(
    "/deposits/{deposit_id}",
    response_model=DepositOut,
    operation_id="getDeposit",
    summary="Get a deposit with its return deadline",
    dependencies=[reader("business_env:read")],
)
def get_deposit(deposit_id: str, session: Session = Depends(db_session)):
    return fees.get_deposit(session, deposit_id)


@router.post(
    "/deposits/{deposit_id}/release",
    response_model=DepositOut,
    operation_id="releaseDeposit",
    summary="The guaranteed matter ended: the return deadline starts (Art. 15)",
)
def release(deposit_id: str, body: ReleaseIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fees.release(uow, deposit_id, body), body=body)


@router.post(
    "/deposits/{deposit_id}/refund",
    response_model=DepositOut,
    operation_id="refundDeposit",
    summary="Record the return of the deposit (or release of the guarantee); late returns are marked late",
)
def refund(deposit_id: str, body: RefundIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fees.refund(uow, deposit_id, body), body=body)
