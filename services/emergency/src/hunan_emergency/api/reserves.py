"""HTTP routes for reserve reports: Level-I sufficiency (R14) and network completeness (R15)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlmodel import Session

from hunan_emergency.schemas.reserves import NetworkOut, SufficiencyOut
from hunan_emergency.use_cases import reserves
from hunan_shared.api import db_session, reader

router = APIRouter(prefix="/v1/reserves", tags=["reserves"])


@router.get(
    "/sufficiency",
    response_model=SufficiencyOut,
    operation_id="reserveSufficiency",
    summary="Stock against the Level-I quota per level and division (R14)",
    dependencies=[reader("emergency:read")],
)
def sufficiency(within: str | None = Query(None, pattern=r"^43\d{4}$"), session: Session = Depends(db_session)):
    return reserves.sufficiency(session, within)


@router.get(
    "/network",
    response_model=NetworkOut,
    operation_id="reserveNetworkGaps",
    summary="Missing nodes of the reserve network (R15)",
    dependencies=[reader("emergency:read")],
)
def network(
    within: str = Query("430000", pattern=r"^43\d{4}$"),
    townships_needing_point: list[str] = Query([], max_length=500, description="Remote high-risk townships (9 digits)"),
    session: Session = Depends(db_session),
):
    return reserves.network(session, within, townships_needing_point)
