"""HTTP routes for care 照护 and 托养 placements."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Body, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.care import CARE_MODES, CareIn, CareOut
from hunan_disability.use_cases import care
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/care-placements", tags=["services"])


@router.post(
    "",
    status_code=201,
    response_model=CareOut,
    operation_id="placeInCare",
    summary="Record a care or 托养 placement (R25 target group decided)",
)
def place(body: CareIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: care.place(uow, body), status_code=201, body=body)


@router.post("/{placement_id}/end", response_model=CareOut, operation_id="endCare", summary="End a placement")
def end(
    placement_id: str, end_on: dt.date = Body(embed=True), write: Writer = Security(writer, scopes=["disability:write"])
):
    return write.run(lambda uow: care.end(uow, placement_id, end_on), body=None)


@router.get(
    "",
    response_model=Page[CareOut],
    operation_id="listCarePlacements",
    summary="List placements",
    dependencies=[reader("disability:read")],
)
def list_placements(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    person_id: str | None = Query(None, max_length=36),
    mode: str | None = Query(None, pattern="^(" + "|".join(CARE_MODES) + ")$"),
    active_on: dt.date | None = None,
    session: Session = Depends(db_session),
):
    return care.list_placements(session, page, division, person_id, mode, active_on)
