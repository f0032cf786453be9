"""HTTP routes for education placements (一人一案)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.education import EducationIn, EducationOut
from hunan_disability.use_cases import education
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/education-placements", tags=["services"])


@router.post(
    "",
    status_code=201,
    response_model=EducationOut,
    operation_id="placeStudent",
    summary="Record a student's placement for a school year (free education R63, aid R64)",
)
def place(body: EducationIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: education.place(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[EducationOut],
    operation_id="listEducationPlacements",
    summary="List placements",
    dependencies=[reader("disability:read")],
)
def list_placements(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    person_id: str | None = Query(None, max_length=36),
    school_year: int | None = Query(None, ge=2021, le=2035),
    session: Session = Depends(db_session),
):
    return education.list_placements(session, page, division, person_id, school_year)
