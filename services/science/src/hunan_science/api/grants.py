"""HTTP routes of content-creation grants (三(二)1–2, R33)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.outreach import FundingCategory
from hunan_science.schemas.grants import GrantIn, GrantOut, GrantTotalsOut
from hunan_science.use_cases import grants
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/grants", tags=["content"])


@router.post(
    "",
    status_code=201,
    response_model=GrantOut,
    operation_id="recordGrant",
    summary="Record a grant of the science-creation or sci-fi funding plan (R33)",
)
def record_grant(body: GrantIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: grants.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[GrantOut],
    operation_id="listGrants",
    summary="List grants",
    dependencies=[reader("science:read")],
)
def list_grants(
    page: PageParams = Depends(page_params),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    category: FundingCategory | None = Query(None),
    session: Session = Depends(db_session),
):
    return grants.list_grants(session, page, year, division, category.value if category else None)


@router.get(
    "/totals",
    response_model=GrantTotalsOut,
    operation_id="grantTotals",
    summary="Funding per category (R33)",
    dependencies=[reader("science:read")],
)
def grant_totals(year: int | None = Query(None, ge=2000, le=2100), session: Session = Depends(db_session)):
    return grants.totals(session, year)
