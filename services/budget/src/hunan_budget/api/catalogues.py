"""HTTP routes for the priority guarantee list (Opinion (一)), the fee-fund catalogue (Opinion (三)) and
expenditure standards (Opinion (十一))."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.schemas.catalogues import (
    FeeFundItemIn,
    FeeFundItemOut,
    PriorityItemIn,
    PriorityItemOut,
    StandardIn,
    StandardOut,
)
from hunan_budget.use_cases import catalogues
from hunan_shared.api import Writer, db_session, reader, writer

priority_router = APIRouter(prefix="/v1/priority-items", tags=["catalogues"])
fees_router = APIRouter(prefix="/v1/fee-fund-items", tags=["catalogues"])
standards_router = APIRouter(prefix="/v1/expenditure-standards", tags=["catalogues"])


@priority_router.post(
    "",
    status_code=201,
    response_model=PriorityItemOut,
    operation_id="addPriorityItem",
    summary="Put an item on a level's priority guarantee list 大事要事保障清单",
)
def add_priority_item(body: PriorityItemIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: catalogues.add_priority_item(uow, body), status_code=201, body=body)


@priority_router.get(
    "",
    response_model=list[PriorityItemOut],
    operation_id="listPriorityItems",
    summary="A level's priority list with funding, or the provincial items it has not mirrored (R2)",
    dependencies=[reader("budget:read")],
)
def list_priority_items(
    division_code: str = Query(pattern=r"^43\d{4}$"),
    budget_year: int = Query(ge=2021, le=2100),
    unmirrored: bool = Query(False, description="Provincial items this division has not mirrored yet"),
    session: Session = Depends(db_session),
):
    return catalogues.list_priority_items(session, division_code, budget_year, unmirrored)


@fees_router.post(
    "",
    status_code=201,
    response_model=FeeFundItemOut,
    operation_id="addFeeFundItem",
    summary="List a fee or government fund in the catalogue with its legal basis",
)
def add_fee_fund_item(body: FeeFundItemIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: catalogues.add_fee_item(uow, body), status_code=201, body=body)


@fees_router.get(
    "",
    response_model=list[FeeFundItemOut],
    operation_id="listFeeFundItems",
    summary="The fee-fund catalogue",
    dependencies=[reader("budget:read")],
)
def list_fee_fund_items(session: Session = Depends(db_session)):
    return catalogues.list_fee_items(session)


@standards_router.post(
    "",
    status_code=201,
    response_model=StandardOut,
    operation_id="addExpenditureStandard",
    summary="Register an expenditure standard; not below the upper level's and filed with it (R27)",
)
def add_expenditure_standard(body: StandardIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: catalogues.add_standard(uow, body), status_code=201, body=body)


@standards_router.get(
    "",
    response_model=list[StandardOut],
    operation_id="listExpenditureStandards",
    summary="Expenditure standards with the upper level's amount they are compared with",
    dependencies=[reader("budget:read")],
)
def list_expenditure_standards(
    code: str | None = Query(None, max_length=60),
    division_code: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return catalogues.list_standards(session, code, division_code)
