"""HTTP routes for directed science-teacher training quotas (二(一)7, R4)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.teacher_quotas import TeacherQuotaIn, TeacherQuotaOut
from hunan_science.use_cases import teacher_quotas
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/teacher-quotas", tags=["programmes"])


@router.post(
    "",
    status_code=201,
    response_model=TeacherQuotaOut,
    operation_id="recordTeacherQuota",
    summary="Record a county's directed science-teacher request and grant (R4: met only in full)",
)
def record_quota(body: TeacherQuotaIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: teacher_quotas.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[TeacherQuotaOut],
    operation_id="listTeacherQuotas",
    summary="List teacher quotas",
    dependencies=[reader("science:read")],
)
def list_quotas(
    page: PageParams = Depends(page_params),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    met: bool | None = Query(None, description="Only requests met in full (true) or short (false)"),
    session: Session = Depends(db_session),
):
    return teacher_quotas.list_quotas(session, page, year, division, met)
