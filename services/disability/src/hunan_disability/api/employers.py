"""HTTP routes for employers and their annual proportional-employment review (专栏5·1, 专栏10·6)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.api import service_settings
from hunan_disability.schemas.employers import EmployerIn, EmployerOut, QuotaReviewIn, QuotaReviewOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases import employers
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/employers", tags=["employment"])


@router.post(
    "",
    status_code=201,
    response_model=EmployerOut,
    operation_id="createEmployer",
    summary="Register an employer (用人单位) with its authorised headcount (编制)",
)
def create(body: EmployerIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: employers.create(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[EmployerOut],
    operation_id="listEmployers",
    summary="List employers",
    dependencies=[reader("disability:read")],
)
def list_employers(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    session: Session = Depends(db_session),
):
    return employers.list_employers(session, page, division)


@router.get(
    "/{employer_id}",
    response_model=EmployerOut,
    operation_id="getEmployer",
    summary="Get one employer",
    dependencies=[reader("disability:read")],
)
def get(employer_id: str, session: Session = Depends(db_session)):
    return employers.get(session, employer_id)


@router.post(
    "/{employer_id}/quota-reviews",
    status_code=201,
    response_model=QuotaReviewOut,
    operation_id="reviewEmployerQuota",
    summary="Annual review: ratio and over-quota (R38), 2025 agency project (R36), DPF cadres (R37)",
)
def review(
    employer_id: str,
    body: QuotaReviewIn,
    write: Writer = Security(writer, scopes=["disability:write"]),
    settings: DisabilitySettings = Depends(service_settings),
):
    return write.run(lambda uow: employers.review(uow, employer_id, body, settings), status_code=201, body=body)


@router.get(
    "/{employer_id}/quota-reviews",
    response_model=Page[QuotaReviewOut],
    operation_id="listQuotaReviews",
    summary="An employer's annual reviews",
    dependencies=[reader("disability:read")],
)
def list_reviews(employer_id: str, page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return employers.list_reviews(session, employer_id, page)
