"""HTTP route for the ten 专栏1 indicators (also exported as Prometheus gauges)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlmodel import Session

from hunan_disability.api import service_settings
from hunan_disability.schemas.indicators import IndicatorOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases import indicators
from hunan_shared.api import db_session, reader

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])


@router.get(
    "",
    response_model=list[IndicatorOut],
    operation_id="listIndicators",
    summary="The ten 专栏1 indicators: baseline, target, nature and the value computed from records",
    dependencies=[reader("disability:read")],
)
def list_indicators(session: Session = Depends(db_session), settings: DisabilitySettings = Depends(service_settings)):
    return indicators.compute(session, settings)
