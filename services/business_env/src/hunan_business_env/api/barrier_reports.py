"""HTTP routes of the market-access barrier feedback channel (Art. 9, R10)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.barrier_reports import BarrierState
from hunan_business_env.schemas.barrier_reports import BarrierReportIn, BarrierReportOut, BarrierResponseIn
from hunan_business_env.use_cases import barrier_reports
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/barrier-reports", tags=["barrier-reports"])
WRITE = ["business_env:write"]


@router.post(
    "",
    status_code=201,
    response_model=BarrierReportOut,
    operation_id="receiveBarrierReport",
    summary="Receive a market entity's report of an explicit or hidden market-access barrier (Art. 9)",
)
def receive(body: BarrierReportIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: barrier_reports.receive(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{report_id}/response",
    response_model=BarrierReportOut,
    operation_id="respondToBarrierReport",
    summary="Record the government's or department's response to a barrier report (Art. 9)",
)
def respond(report_id: str, body: BarrierResponseIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: barrier_reports.respond(uow, report_id, body), body=body)


@router.get(
    "",
    response_model=Page[BarrierReportOut],
    operation_id="listBarrierReports",
    summary="List barrier reports",
    dependencies=[reader("business_env:read")],
)
def list_reports(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="This division and every division inside it"),
    state: BarrierState | None = Query(None),
    session: Session = Depends(db_session),
):
    return barrier_reports.list_reports(session, page, division, state)


@router.get(
    "/{report_id}",
    response_model=BarrierReportOut,
    operation_id="getBarrierReport",
    summary="Get one barrier report",
    dependencies=[reader("business_env:read")],
)
def get_report(report_id: str, session: Session = Depends(db_session)):
    return barrier_reports.get(session, report_id)
