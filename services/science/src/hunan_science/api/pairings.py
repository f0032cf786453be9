"""HTTP routes for enterprise–village pairings 万企兴万村 (二(二)3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.pairings import PairingIn, PairingOut
from hunan_science.use_cases import pairings
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/pairings", tags=["programmes"])


@router.post(
    "",
    status_code=201,
    response_model=PairingOut,
    operation_id="recordPairing",
    summary="Record a chamber of commerce or enterprise paired with a village",
)
def record_pairing(body: PairingIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: pairings.record(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[PairingOut],
    operation_id="listPairings",
    summary="List pairings",
    dependencies=[reader("science:read")],
)
def list_pairings(
    page: PageParams = Depends(page_params),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return pairings.list_pairings(session, page, year, division)
