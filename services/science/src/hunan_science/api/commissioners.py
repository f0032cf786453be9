"""HTTP routes for science and technology commissioners 科技特派员 (二(二)3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.commissioners import CommissionerIn, CommissionerOut
from hunan_science.use_cases import commissioners
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/commissioners", tags=["programmes"])


@router.post(
    "",
    status_code=201,
    response_model=CommissionerOut,
    operation_id="recordCommissioner",
    summary="Record a dispatched commissioner",
)
def record_commissioner(body: CommissionerIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: commissioners.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[CommissionerOut],
    operation_id="listCommissioners",
    summary="List commissioners",
    dependencies=[reader("science:read")],
)
def list_commissioners(
    page: PageParams = Depends(page_params),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return commissioners.list_commissioners(session, page, year, division)
