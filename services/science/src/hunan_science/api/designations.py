"""HTTP routes for designations counted by the targets (S11–S17, S22, S24)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.programmes import DesignationKind
from hunan_science.schemas.designations import DesignationIn, DesignationOut
from hunan_science.use_cases import designations
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/designations", tags=["programmes"])


@router.post(
    "",
    status_code=201,
    response_model=DesignationOut,
    operation_id="recordDesignation",
    summary="Record a designated base, studio, school, major, health-promotion county or embedded platform",
)
def record_designation(body: DesignationIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: designations.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[DesignationOut],
    operation_id="listDesignations",
    summary="List designations",
    dependencies=[reader("science:read")],
)
def list_designations(
    page: PageParams = Depends(page_params),
    kind: DesignationKind | None = Query(None),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return designations.list_designations(session, page, kind.value if kind else None, year, division)
