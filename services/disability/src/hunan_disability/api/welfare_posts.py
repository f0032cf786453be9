"""HTTP routes for county public-welfare post reports (专栏2·6, R31)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.welfare_posts import WelfarePostIn, WelfarePostOut
from hunan_disability.use_cases import welfare_posts
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/welfare-post-reports", tags=["employment"])


@router.put(
    "",
    response_model=WelfarePostOut,
    operation_id="reportWelfarePosts",
    summary="Record a county's public-welfare posts for a year and decide the ≥ 10 % share",
)
def report(body: WelfarePostIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: welfare_posts.report(uow, body), body=body)


@router.get(
    "",
    response_model=Page[WelfarePostOut],
    operation_id="listWelfarePostReports",
    summary="List county reports",
    dependencies=[reader("disability:read")],
)
def list_reports(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    year: int | None = Query(None, ge=2021, le=2035),
    compliant: bool | None = None,
    session: Session = Depends(db_session),
):
    return welfare_posts.list_reports(session, page, division, year, compliant)
