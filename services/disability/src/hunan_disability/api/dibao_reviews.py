"""HTTP routes for 低保 reviews after employment (gradual exit 渐退期, 三(三)1, R4)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.api import service_settings
from hunan_disability.rules.employment import DibaoStatus
from hunan_disability.schemas.dibao_reviews import DibaoReviewIn, DibaoReviewOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases import dibao_reviews
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/dibao-reviews", tags=["employment"])


@router.post(
    "",
    status_code=201,
    response_model=DibaoReviewOut,
    operation_id="reviewDibao",
    summary="Review an employed person's 低保 household (income above the standard → gradual exit)",
)
def review(
    body: DibaoReviewIn,
    write: Writer = Security(writer, scopes=["disability:write"]),
    settings: DisabilitySettings = Depends(service_settings),
):
    return write.run(lambda uow: dibao_reviews.review(uow, body, settings), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[DibaoReviewOut],
    operation_id="listDibaoReviews",
    summary="List reviews",
    dependencies=[reader("disability:read")],
)
def list_reviews(
    page: PageParams = Depends(page_params),
    person_id: str | None = Query(None, max_length=36),
    status: DibaoStatus | None = None,
    session: Session = Depends(db_session),
):
    return dibao_reviews.list_reviews(session, page, person_id, status)
