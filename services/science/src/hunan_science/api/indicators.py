"""HTTP routes of the indicator dashboard (一(二), 二, 三, 四(四)) and the programme reference data (责任分工)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query
from sqlmodel import Session

from hunan_science.api import service_settings
from hunan_science.schemas.indicators import DashboardOut, IndicatorOut, ProgrammeOut
from hunan_science.settings import ScienceSettings
from hunan_science.use_cases import indicators
from hunan_shared.api import db_session, reader

router = APIRouter(prefix="/v1", tags=["indicators"])

YEAR = Query(None, ge=2021, le=2100, description="Calendar year to assess (default: this year)")
DIVISION = Query(
    "430000",
    pattern=r"^43\d{4}$",
    description="The province (default) or a 市州 / county: rates on its own figures, counts as its contribution",
)


@router.get(
    "/indicators",
    response_model=DashboardOut,
    operation_id="getIndicatorDashboard",
    summary="Every target of the plan with its progress computed from the registers, and its basis",
    dependencies=[reader("science:read")],
)
def get_dashboard(
    year: int | None = YEAR,
    division: str = DIVISION,
    session: Session = Depends(db_session),
    settings: ScienceSettings = Depends(service_settings),
):
    return indicators.dashboard(session, settings, year, division)


@router.get(
    "/indicators/{code}",
    response_model=IndicatorOut,
    operation_id="getIndicator",
    summary="One target (S1 … S29) with its progress",
    dependencies=[reader("science:read")],
)
def get_indicator(
    code: str = Path(pattern=r"^S\d{1,2}$"),
    year: int | None = YEAR,
    division: str = DIVISION,
    session: Session = Depends(db_session),
    settings: ScienceSettings = Depends(service_settings),
):
    return indicators.indicator(session, settings, code, year, division)


@router.get(
    "/programmes",
    response_model=list[ProgrammeOut],
    operation_id="listProgrammes",
    summary="The five improvement actions and four key projects, with lead and participating agencies",
    dependencies=[reader("science:read")],
)
def list_programmes():
    return indicators.programmes()
