"""HTTP route for the core and goal indicators (R57)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlmodel import Session

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.indicators import IndicatorsOut
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import indicators
from hunan_shared.api import db_session, reader

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])


@router.get(
    "",
    response_model=IndicatorsOut,
    operation_id="getIndicators",
    summary="The seven core indicators and the goal indicators of a year, from the records",
    dependencies=[reader("emergency:read")],
)
def get_indicators(
    year: int | None = Query(None, ge=2021, le=2035),
    session: Session = Depends(db_session),
    settings: EmergencySettings = Depends(service_settings),
):
    return indicators.compute(session, settings, year)
