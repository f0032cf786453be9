"""HTTP routes for the content library (三(二)1, 三(四)1; W3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.content import ContentState
from hunan_science.schemas.content import ContentIn, ContentOut, ReviewIn, VariantsIn
from hunan_science.use_cases import content
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/content", tags=["content"])


@router.post(
    "",
    status_code=201,
    response_model=ContentOut,
    operation_id="createContent",
    summary="Add a science work to the library (a draft until reviewed)",
)
def create_content(body: ContentIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: content.create(uow, body), status_code=201, body=body)


@router.post(
    "/{content_id}/review",
    response_model=ContentOut,
    operation_id="reviewContent",
    summary="Expert review: approve or reject a draft",
)
def review_content(content_id: str, body: ReviewIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: content.decide_review(uow, content_id, body), body=body)


@router.post(
    "/{content_id}/variants",
    response_model=ContentOut,
    operation_id="addContentVariants",
    summary="Add accessible variants (captions, sign language, audio, braille …); blocked campaign items re-gate",
)
def add_variants(content_id: str, body: VariantsIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: content.add_variants(uow, content_id, body), body=body)


@router.get(
    "",
    response_model=Page[ContentOut],
    operation_id="listContent",
    summary="List the library",
    dependencies=[reader("science:read")],
)
def list_content(
    page: PageParams = Depends(page_params),
    state: ContentState | None = Query(None),
    reserve: bool | None = Query(None),
    hazard: str | None = Query(None, max_length=60),
    session: Session = Depends(db_session),
):
    return content.list_content(session, page, state.value if state else None, reserve, hazard)


@router.get(
    "/{content_id}",
    response_model=ContentOut,
    operation_id="getContent",
    summary="Get one library item",
    dependencies=[reader("science:read")],
)
def get_content(content_id: str, session: Session = Depends(db_session)):
    return content.get(session, content_id)
