"""HTTP routes of the accessibility acceptances received from business_env (三同步, R68)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlmodel import Session

from hunan_disability.schemas.accessibility import AccessibilityAcceptanceOut
from hunan_disability.use_cases import accessibility
from hunan_shared.api import Page, PageParams, db_session, page_params, reader

router = APIRouter(prefix="/v1/accessibility-acceptances", tags=["accessibility"])


@router.get(
    "",
    response_model=Page[AccessibilityAcceptanceOut],
    operation_id="listAccessibilityAcceptances",
    summary="Projects accepted with or without their accessible facilities in step (三同步); in_step=false: follow up",
    dependencies=[reader("disability:read")],
)
def list_acceptances(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    in_step: bool | None = Query(None),
    session: Session = Depends(db_session),
):
    return accessibility.list_acceptances(session, page, division, in_step)
