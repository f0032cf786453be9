"""HTTP routes of the electronic efficiency supervision of service applications (Art. 26 para 2, R49)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.efficiency import EfficiencyStatus
from hunan_business_env.schemas.service_applications import (
    DecisionIn,
    EfficiencyOut,
    ServiceApplicationIn,
    ServiceApplicationOut,
)
from hunan_business_env.use_cases import service_applications
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/service-applications", tags=["service-applications"])
WRITE = ["business_env:write"]
DIVISION = Query(None, pattern=r"^43\d{4}$", description="This division and every division inside it")


@router.post(
    "",
    status_code=201,
    response_model=ServiceApplicationOut,
    operation_id="acceptServiceApplication",
    summary="Record an accepted application for a catalogue service item; its promised limit is supervised (Art. 26)",
)
def accept(body: ServiceApplicationIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: service_applications.accept(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{application_id}/decision",
    response_model=ServiceApplicationOut,
    operation_id="decideServiceApplication",
    summary="Record that an application was decided (办结), on time or late (Art. 26 para 2)",
)
def decide(application_id: str, body: DecisionIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: service_applications.decide(uow, application_id, body, settings), body=body)


@router.get(
    "",
    response_model=Page[ServiceApplicationOut],
    operation_id="listServiceApplications",
    summary="Real-time monitoring: applications with their status against the promised limit (Art. 26 para 2)",
    dependencies=[reader("business_env:read")],
)
def list_applications(
    request: Request,
    page: PageParams = Depends(page_params),
    division: str | None = DIVISION,
    item_code: str | None = Query(None, pattern=r"^[0-9A-Za-z_-]{2,40}$"),
    status: EfficiencyStatus | None = Query(None, description="DUE_SOON lists the warnings, OVERDUE the lapses"),
    session: Session = Depends(db_session),
):
    settings = request.app.state.settings
    return service_applications.list_applications(session, page, settings, division, item_code, status)


@router.get(
    "/efficiency",
    response_model=EfficiencyOut,
    operation_id="evaluateServiceEfficiency",
    summary="Efficiency evaluation 效能评价: counts per status and the on-time rate (Art. 26 para 2)",
    dependencies=[reader("business_env:read")],
)
def evaluate(
    request: Request,
    division: str | None = DIVISION,
    item_code: str | None = Query(None, pattern=r"^[0-9A-Za-z_-]{2,40}$"),
    session: Session = Depends(db_session),
):
    return service_applications.evaluate(session, request.app.state.settings, division, item_code)


@router.get(
    "/{application_id}",
    response_model=ServiceApplicationOut,
    operation_id="getServiceApplication",
    summary="Get one application with its real-time status",
    dependencies=[reader("business_env:read")],
)
def get_application(application_id: str, request: Request, session: Session = Depends(db_session)):
    return service_applications.get(session, application_id, request.app.state.settings)
