"""HTTP route for the core and goal indicators (R57)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.indicators import IndicatorsOut, TargetOut
from hunan_emergency.schemas.targets import TargetFigureIn
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import indicators
from hunan_shared.api import Writer, db_session, reader, writer

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


targets_router = APIRouter(prefix="/v1/targets", tags=["indicators"])


@targets_router.get(
    "",
    response_model=list[TargetOut],
    operation_id="listPlanTargets",
    summary="The plan's quantified targets with id, deadline, figure, status and basis (R41, R42, R59)",
    dependencies=[reader("emergency:read")],
)
def list_targets(
    as_of: dt.date | None = Query(None, description="Judge on this date (default today)"),
    session: Session = Depends(db_session),
):
    return indicators.targets(session, as_of)


@targets_router.post(
    "/{target_id}/figures",
    status_code=201,
    response_model=TargetOut,
    operation_id="recordTargetFigure",
    summary="Report a figure of a target (count or share) as of a date; the latest one counts (R59)",
)
def record_figure(target_id: str, body: TargetFigureIn, write: Writer = Security(writer, scopes=["emergency:write"])):
    return write.run(lambda uow: indicators.record_figure(uow, target_id, body), status_code=201, body=body)
