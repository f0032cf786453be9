"""HTTP routes for school–venue visits 馆校合作 (二(一)5, R11, W9)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.school_visits import SEMESTER, MissingVisitsOut, SchoolVisitIn, SchoolVisitOut
from hunan_science.use_cases import school_visits
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/school-visits", tags=["programmes"])


@router.post(
    "",
    status_code=201,
    response_model=SchoolVisitOut,
    operation_id="recordSchoolVisit",
    summary="Record a school's science lesson at a venue",
)
def record_visit(body: SchoolVisitIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: school_visits.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[SchoolVisitOut],
    operation_id="listSchoolVisits",
    summary="List school visits",
    dependencies=[reader("science:read")],
)
def list_visits(
    page: PageParams = Depends(page_params),
    semester: str | None = Query(None, pattern=SEMESTER),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return school_visits.list_visits(session, page, semester, division)


@router.get(
    "/missing",
    response_model=MissingVisitsOut,
    operation_id="listSchoolsMissingVisits",
    summary="R11: schools with no venue visit in a semester (a warning)",
    dependencies=[reader("science:read")],
)
def missing_visits(
    semester: str = Query(..., pattern=SEMESTER),
    division: str = Query("430000", pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return school_visits.missing(session, semester, division)
