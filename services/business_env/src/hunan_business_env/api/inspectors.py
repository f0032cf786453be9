"""HTTP routes of the inspector pool of 'double random, one public' inspections (W2, Art. 39): inspectors with
the entities they must keep away from (回避)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_business_env.schemas.inspections import (
    InspectorIn,
    InspectorOut,
)
from hunan_business_env.use_cases import inspections
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["inspections"])
WRITE = ["business_env:write"]
DIVISION = Query(None, pattern=r"^43\d{4}$", description="This division and every division inside it")


@router.post(
    "/inspectors",
    status_code=201,
    response_model=InspectorOut,
    operation_id="addInspector",
    summary="Enter an inspector in the pool, with the entities they must keep away from (回避)",
)
def add_inspector(body: InspectorIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: inspections.add_inspector(uow, body), status_code=201, body=body)


@router.get(
    "/inspectors",
    response_model=Page[InspectorOut],
    operation_id="listInspectors",
    summary="List the inspector pool",
    dependencies=[reader("business_env:read")],
)
def list_inspectors(
    page: PageParams = Depends(page_params), division: str | None = DIVISION, session: Session = Depends(db_session)
):
    return inspections.list_inspectors(session, page, division)
