"""HTTP routes for emergency assistance cases and the liaison roster."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.cases import (
    CASE_STATUS_PATTERN,
    AssistanceCaseOut,
    LiaisonIn,
    LiaisonOut,
    TemporaryCareIn,
)
from hunan_disability.use_cases import cases
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["assistance"])
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Assistance case number")]


@router.get(
    "/assistance-cases",
    response_model=Page[AssistanceCaseOut],
    operation_id="listAssistanceCases",
    summary="List emergency assistance cases",
    dependencies=[reader("disability:read")],
)
def list_cases(
    page: PageParams = Depends(page_params),
    disaster_id: str | None = Query(None, max_length=36),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    status: str | None = Query(None, pattern=CASE_STATUS_PATTERN),
    session: Session = Depends(db_session),
):
    return cases.list_cases(session, page, disaster_id=disaster_id, division=division, status=status)


@router.get(
    "/assistance-cases/{case_id}",
    response_model=AssistanceCaseOut,
    operation_id="getAssistanceCase",
    summary="Get one assistance case",
    dependencies=[reader("disability:read")],
)
def get_case(case_id: CaseId, session: Session = Depends(db_session)):
    return cases.get(session, case_id)


@router.post(
    "/assistance-cases/{case_id}/visits",
    response_model=AssistanceCaseOut,
    operation_id="recordVisit",
    summary="Record the liaison's visit (走访探视)",
)
def record_visit(case_id: CaseId, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: cases.record_visit(uow, case_id), body=None)


@router.put(
    "/assistance-cases/{case_id}/temporary-care",
    response_model=AssistanceCaseOut,
    operation_id="setTemporaryCare",
    summary="Start or end temporary care (临时生活照护, R57)",
)
def set_temporary_care(
    case_id: CaseId, body: TemporaryCareIn, write: Writer = Security(writer, scopes=["disability:write"])
):
    return write.run(lambda uow: cases.set_temporary_care(uow, case_id, body.active), body=body)


@router.post(
    "/liaisons",
    status_code=201,
    response_model=LiaisonOut,
    operation_id="addLiaison",
    summary="Add a liaison (包保联系人) to a county's roster",
)
def add_liaison(body: LiaisonIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: cases.add_liaison(uow, body), status_code=201, body=body)


@router.get(
    "/liaisons",
    response_model=Page[LiaisonOut],
    operation_id="listLiaisons",
    summary="List liaisons",
    dependencies=[reader("disability:read")],
)
def list_liaisons(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    session: Session = Depends(db_session),
):
    return cases.list_liaisons(session, page, division)
