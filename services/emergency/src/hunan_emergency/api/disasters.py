"""HTTP routes for disasters (W1): translate HTTP to the service layer and back; direct reports (直报) before
declaration (R4) come in at /v1/disaster-reports."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.disasters import (
    DeclareIn,
    DisasterDeclaration,
    DisasterOut,
    DisasterReport,
    DismissIn,
    DivisionsIn,
    FiguresIn,
    LevelIn,
)
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import disasters
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/disasters", tags=["disasters"])
DECLARE = ["emergency:declare"]


@router.post(
    "",
    status_code=201,
    response_model=DisasterOut,
    operation_id="declareDisaster",
    summary="Declare a disaster with its response level and affected divisions",
)
def declare_disaster(body: DisasterDeclaration, write: Writer = Security(writer, scopes=DECLARE)):
    return write.run(lambda uow: disasters.declare(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[DisasterOut],
    operation_id="listDisasters",
    summary="List disasters",
    dependencies=[reader("emergency:read")],
)
def list_disasters(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Only disasters touching this division"),
    state: str | None = Query(None, max_length=30),
    session: Session = Depends(db_session),
):
    return disasters.list_disasters(session, page, division, state)


@router.get(
    "/{disaster_id}",
    response_model=DisasterOut,
    operation_id="getDisaster",
    summary="Get one disaster",
    dependencies=[reader("emergency:read")],
)
def get_disaster(disaster_id: str, session: Session = Depends(db_session)):
    return disasters.get(session, disaster_id)


@router.post(
    "/{disaster_id}/declare",
    response_model=DisasterOut,
    operation_id="declareReportedDisaster",
    summary="Declare a reported disaster at a response level (verification of the direct report)",
)
def declare_reported(
    disaster_id: str,
    body: DeclareIn,
    write: Writer = Security(writer, scopes=DECLARE),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: disasters.declare_reported(uow, disaster_id, body, settings), body=body)


@router.post(
    "/{disaster_id}/level",
    response_model=DisasterOut,
    operation_id="changeResponseLevel",
    summary="Escalate or de-escalate the response level",
)
def change_level(disaster_id: str, body: LevelIn, write: Writer = Security(writer, scopes=DECLARE)):
    return write.run(lambda uow: disasters.change_level(uow, disaster_id, body.response_level), body=body)


@router.post(
    "/{disaster_id}/divisions",
    response_model=DisasterOut,
    operation_id="extendDisasterDivisions",
    summary="Add affected divisions to a declared disaster",
)
def extend_divisions(disaster_id: str, body: DivisionsIn, write: Writer = Security(writer, scopes=DECLARE)):
    return write.run(lambda uow: disasters.extend_divisions(uow, disaster_id, body.division_codes), body=body)


@router.post(
    "/{disaster_id}/figures",
    response_model=DisasterOut,
    operation_id="recordDisasterFigures",
    summary="Record casualty and loss figures (feed the core indicators)",
)
def record_figures(disaster_id: str, body: FiguresIn, write: Writer = Security(writer, scopes=DECLARE)):
    return write.run(lambda uow: disasters.record_figures(uow, disaster_id, body), body=body)


@router.post(
    "/{disaster_id}/end-response",
    response_model=DisasterOut,
    operation_id="endDisasterResponse",
    summary="End the emergency response (recovery begins)",
)
def end_response(disaster_id: str, write: Writer = Security(writer, scopes=DECLARE)):
    return write.run(lambda uow: disasters.end_response(uow, disaster_id))


@router.post(
    "/{disaster_id}/investigation",
    response_model=DisasterOut,
    operation_id="openDisasterInvestigation",
    summary="Open the investigation and assessment (调查评估)",
)
def open_investigation(disaster_id: str, write: Writer = Security(writer, scopes=DECLARE)):
    return write.run(lambda uow: disasters.open_investigation(uow, disaster_id))


@router.post(
    "/{disaster_id}/close",
    response_model=DisasterOut,
    operation_id="closeDisaster",
    summary="Close the disaster after the closure evaluation (refused while dispatches are under way)",
)
def close_disaster(disaster_id: str, write: Writer = Security(writer, scopes=DECLARE)):
    return write.run(lambda uow: disasters.close(uow, disaster_id))


@router.post(
    "/{disaster_id}/dismiss",
    response_model=DisasterOut,
    operation_id="dismissDisaster",
    summary="Dismiss a reported disaster as a false alarm",
)
def dismiss_disaster(
    disaster_id: str,
    body: DismissIn,
    write: Writer = Security(writer, scopes=DECLARE),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: disasters.dismiss(uow, disaster_id, body, settings), body=body)


reports_router = APIRouter(prefix="/v1/disaster-reports", tags=["disasters"])


@reports_router.post(
    "",
    status_code=201,
    response_model=DisasterOut,
    operation_id="reportDisaster",
    summary="Directly report a disaster or accident (REPORTED); lateness is recorded (R4)",
)
def report_disaster(
    body: DisasterReport,
    write: Writer = Security(writer, scopes=["emergency:declare"]),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: disasters.report(uow, body, settings), status_code=201, body=body)
