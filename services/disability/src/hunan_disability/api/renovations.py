"""HTTP routes for the home accessibility renovation demand pool (target 60 000 households)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.renovations import RenovationIn, RenovationOut, RenovationProgressOut, RenovationStatusIn
from hunan_disability.use_cases import renovations
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/renovation-demands", tags=["services"])


@router.post(
    "",
    status_code=201,
    response_model=RenovationOut,
    operation_id="registerRenovationDemand",
    summary="Enter a household in difficulty into the demand pool (once per household)",
)
def register(body: RenovationIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: renovations.register(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[RenovationOut],
    operation_id="renovationPool",
    summary="The active demands of a division in priority order",
    dependencies=[reader("disability:read")],
)
def pool(
    division: str = Query(pattern=r"^43[0-9]{4}$"),
    page: PageParams = Depends(page_params),
    session: Session = Depends(db_session),
):
    return renovations.pool(session, page, division)


@router.get(
    "/progress",
    response_model=RenovationProgressOut,
    operation_id="renovationProgress",
    summary="Accepted renovations against the 60 000 target",
    dependencies=[reader("disability:read")],
)
def progress(session: Session = Depends(db_session)):
    return renovations.progress(session)


@router.post(
    "/{demand_id}/status",
    response_model=RenovationOut,
    operation_id="moveRenovationDemand",
    summary="Move a demand to its next status (W7)",
)
def move(demand_id: str, body: RenovationStatusIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: renovations.move(uow, demand_id, body), body=body)
