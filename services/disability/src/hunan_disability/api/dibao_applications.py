"""HTTP routes for single-person 低保 applications (专栏3·资金类·1, R2)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Security
from sqlmodel import Session

from hunan_disability.rules.social_assistance import DibaoApplicationStatus
from hunan_disability.schemas.dibao_applications import DibaoApplicationIn, DibaoApplicationOut, DibaoDecisionIn
from hunan_disability.use_cases import dibao_applications
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/dibao-applications", tags=["social assistance"])


@router.post(
    "",
    status_code=201,
    response_model=DibaoApplicationOut,
    operation_id="applyForSinglePersonDibao",
    summary="Apply for 低保 as a single-person household (severe disability, 低保-marginal household; R2)",
)
def apply(body: DibaoApplicationIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: dibao_applications.apply(uow, body), status_code=201, body=body)


@router.post(
    "/{application_id}/decision",
    response_model=DibaoApplicationOut,
    operation_id="decideSinglePersonDibao",
    summary="Decide an application: own income against the 低保 standard; approval enrols the person (R2)",
)
def decide(
    body: DibaoDecisionIn,
    application_id: str = Path(max_length=36),
    write: Writer = Security(writer, scopes=["disability:write"]),
):
    return write.run(lambda uow: dibao_applications.decide(uow, application_id, body), body=body)


@router.get(
    "/{application_id}",
    response_model=DibaoApplicationOut,
    operation_id="getDibaoApplication",
    summary="Get one application",
    dependencies=[reader("disability:read")],
)
def get(application_id: str = Path(max_length=36), session: Session = Depends(db_session)):
    return dibao_applications.get(session, application_id)


@router.get(
    "",
    response_model=Page[DibaoApplicationOut],
    operation_id="listDibaoApplications",
    summary="List applications",
    dependencies=[reader("disability:read")],
)
def list_applications(
    page: PageParams = Depends(page_params),
    person_id: str | None = Query(None, max_length=36),
    status: DibaoApplicationStatus | None = None,
    session: Session = Depends(db_session),
):
    return dibao_applications.list_applications(session, page, person_id, status)
