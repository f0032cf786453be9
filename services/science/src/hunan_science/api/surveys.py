"""HTTP routes for survey records (literacy, health literacy, residents; 四(二)1, 四(四), 三(四)3)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.surveys import SurveyIn, SurveyOut
from hunan_science.use_cases import surveys
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/surveys", tags=["indicators"])


@router.post("", status_code=201, response_model=SurveyOut, operation_id="recordSurvey", summary="Record a survey")
def record_survey(body: SurveyIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: surveys.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[SurveyOut],
    operation_id="listSurveys",
    summary="List surveys",
    dependencies=[reader("science:read")],
)
def list_surveys(
    page: PageParams = Depends(page_params),
    kind: Literal["LITERACY", "HEALTH_LITERACY", "RESIDENTS"] | None = Query(None),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return surveys.list_surveys(session, page, kind, year, division)
