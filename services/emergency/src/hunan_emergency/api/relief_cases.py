"""HTTP routes for relief cases (W4, R13 10 h basic-living target, R50 relief types)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.relief_cases import BasicLivingIn, ReliefActionIn, ReliefCaseIn, ReliefCaseOut
from hunan_emergency.use_cases import relief_cases
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/relief-cases", tags=["relief"])
WRITE = ["emergency:write"]


@router.post(
    "",
    status_code=201,
    response_model=ReliefCaseOut,
    operation_id="openReliefCase",
    summary="Open a relief case for a disaster's victims (type checked by R50)",
)
def open_case(body: ReliefCaseIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: relief_cases.open_case(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[ReliefCaseOut],
    operation_id="listReliefCases",
    summary="Relief cases",
    dependencies=[reader("emergency:read")],
)
def list_cases(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    disaster_id: str | None = Query(None, max_length=36),
    state: str | None = Query(None, max_length=30),
    session: Session = Depends(db_session),
):
    return relief_cases.list_cases(session, page, division, disaster_id, state)


@router.get(
    "/{case_id}",
    response_model=ReliefCaseOut,
    operation_id="getReliefCase",
    summary="One relief case with its 10 h basic-living target (R13)",
    dependencies=[reader("emergency:read")],
)
def get_case(case_id: str, session: Session = Depends(db_session)):
    return relief_cases.get(session, case_id)


@router.post(
    "/{case_id}/basic-living",
    response_model=ReliefCaseOut,
    operation_id="recordBasicLivingRelief",
    summary="Record first basic-living aid; judged against 10 h from the disaster's occurrence (R13)",
)
def basic_living(case_id: str, body: BasicLivingIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: relief_cases.provide_basic_living(uow, case_id, body), body=body)


@router.post(
    "/{case_id}/actions",
    response_model=ReliefCaseOut,
    operation_id="actOnReliefCase",
    summary="start_transitional, start_reconstruction or close (W4)",
)
def act(case_id: str, body: ReliefActionIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: relief_cases.act(uow, case_id, body), body=body)
