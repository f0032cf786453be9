"""HTTP routes for periodic data comparisons 数据比对 and the risk alerts they raise (三(一)1, R29)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.api import service_settings
from hunan_disability.schemas.monitoring import ComparisonIn, ComparisonOut, FollowUpIn, RiskAlertOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases import monitoring
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["monitoring"])


@router.post(
    "/monitoring-comparisons",
    status_code=201,
    response_model=ComparisonOut,
    operation_id="runComparison",
    summary="Compare programme coverage with the previous run and raise risk alerts",
)
def compare(
    body: ComparisonIn,
    write: Writer = Security(writer, scopes=["disability:write"]),
    settings: DisabilitySettings = Depends(service_settings),
):
    return write.run(lambda uow: monitoring.compare(uow, body, settings), status_code=201, body=body)


@router.get(
    "/risk-alerts",
    response_model=Page[RiskAlertOut],
    operation_id="listRiskAlerts",
    summary="List risk alerts",
    dependencies=[reader("disability:read")],
)
def list_alerts(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    status: str | None = Query(None, pattern="^(open|in_progress|resolved)$"),
    person_id: str | None = Query(None, max_length=36),
    session: Session = Depends(db_session),
):
    return monitoring.list_alerts(session, page, division, status, person_id)


@router.post(
    "/risk-alerts/{alert_id}/follow-ups",
    response_model=RiskAlertOut,
    operation_id="followUpRiskAlert",
    summary="Record the follow-up of an alert (跟踪处置); resolve it",
)
def follow_up(alert_id: str, body: FollowUpIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: monitoring.follow_up(uow, alert_id, body), body=body)
