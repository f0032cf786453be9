"""HTTP routes for monitored villages 监测村 and their coverage (专栏2·1, R28)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.villages import VillageCoverageOut, VillageIn, VillageOut
from hunan_disability.use_cases import villages
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/monitored-villages", tags=["monitoring"])


@router.post(
    "",
    status_code=201,
    response_model=VillageOut,
    operation_id="designateVillage",
    summary="Designate a monitored village in a county",
)
def designate(body: VillageIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: villages.designate(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[VillageOut],
    operation_id="listVillages",
    summary="List monitored villages",
    dependencies=[reader("disability:read")],
)
def list_villages(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    session: Session = Depends(db_session),
):
    return villages.list_villages(session, page, division)


@router.get(
    "/coverage",
    response_model=VillageCoverageOut,
    operation_id="villageCoverage",
    summary="≥ 1 village in every county and ≥ 140 in the province?",
    dependencies=[reader("disability:read")],
)
def coverage(session: Session = Depends(db_session)):
    return villages.coverage(session)
