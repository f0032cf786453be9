"""HTTP route for post-disaster tree inspections scheduled from emergency events (flow 3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, db_session, page_params, reader
from hunan_trees.schemas.inspections import InspectionOut
from hunan_trees.use_cases import inspections

router = APIRouter(prefix="/v1/inspections", tags=["inspections"])


@router.get(
    "",
    response_model=Page[InspectionOut],
    operation_id="listInspections",
    summary="List post-disaster inspections of registered trees",
    dependencies=[reader("trees:read")],
)
def list_inspections(
    page: PageParams = Depends(page_params),
    disaster_id: str | None = Query(None, max_length=36),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Only inspections inside this division"),
    status: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return inspections.list_inspections(session, page, disaster_id, division, status)
