"""HTTP routes of the good/bad review of government services 好差评 (Art. 26, W10)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.reviews import ReviewState
from hunan_business_env.schemas.reviews import ReviewIn, ReviewOut, ReviewStepIn
from hunan_business_env.use_cases import reviews
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/service-reviews", tags=["service reviews"])
WRITE = ["business_env:write"]


@router.post(
    "",
    status_code=201,
    response_model=ReviewOut,
    operation_id="rateService",
    summary="Record a good/bad review (好差评); a bad review or complaint opens an investigation with its deadline",
)
def rate(body: ReviewIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: reviews.rate(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{review_id}/steps",
    response_model=ReviewOut,
    operation_id="followUpReview",
    summary="Investigation finding, rectification, feedback to the rater, closing (Art. 26 para 3)",
)
def step(review_id: str, body: ReviewStepIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: reviews.step(uow, review_id, body), body=body)


@router.get(
    "",
    response_model=Page[ReviewOut],
    operation_id="listServiceReviews",
    summary="List reviews",
    dependencies=[reader("business_env:read")],
)
def list_reviews(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: ReviewState | None = Query(None),
    session: Session = Depends(db_session),
):
    return reviews.list_reviews(session, page, division, state)


@router.get(
    "/{review_id}",
    response_model=ReviewOut,
    operation_id="getServiceReview",
    summary="Get a review and its follow-up",
    dependencies=[reader("business_env:read")],
)
def get(review_id: str, session: Session = Depends(db_session)):
    return reviews.get(session, review_id)
