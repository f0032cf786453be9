"""HTTP routes of the enterprise start-up bundle (企业开办一件事, W5; Art. 10)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.startup import BundleState
from hunan_business_env.schemas.startup import (
    DeliveryIn,
    ItemOutcomeIn,
    MaterialsRequestIn,
    MaterialsSuppliedIn,
    StartupIn,
    StartupOut,
)
from hunan_business_env.use_cases import startup
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/startups", tags=["start-up bundle"])
WRITE = ["business_env:write"]


@router.post(
    "",
    status_code=201,
    response_model=StartupOut,
    operation_id="submitStartup",
    summary="Submit an enterprise start-up as one matter: one form, six items, one working-day limit (Art. 10)",
)
def submit(body: StartupIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: startup.submit(uow, body, settings), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[StartupOut],
    operation_id="listStartups",
    summary="List start-up bundles",
    dependencies=[reader("business_env:read")],
)
def list_startups(
    page: PageParams = Depends(page_params),
    state: BundleState | None = Query(None),
    session: Session = Depends(db_session),
):
    return startup.list_cases(session, page, state)


@router.get(
    "/{case_id}",
    response_model=StartupOut,
    operation_id="getStartup",
    summary="Get a start-up bundle with each item's state",
    dependencies=[reader("business_env:read")],
)
def get_startup(case_id: str, session: Session = Depends(db_session)):
    return startup.get(session, case_id)


@router.post(
    "/{case_id}/items",
    response_model=StartupOut,
    operation_id="recordStartupItem",
    summary="Record one item done or failed; all six done completes the bundle",
)
def record_item(case_id: str, body: ItemOutcomeIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: startup.record_item(uow, case_id, body), body=body)


@router.post(
    "/{case_id}/materials-request",
    response_model=StartupOut,
    operation_id="requestStartupMaterials",
    summary="Request missing materials in one consolidated notice (一次告知; a second request is refused)",
)
def request_materials(case_id: str, body: MaterialsRequestIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: startup.request_materials(uow, case_id, body), body=body)


@router.post(
    "/{case_id}/materials-supplied",
    response_model=StartupOut,
    operation_id="supplyStartupMaterials",
    summary="The applicant supplied the requested materials; processing resumes",
)
def supply_materials(case_id: str, body: MaterialsSuppliedIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: startup.supply_materials(uow, case_id, body), body=body)


@router.post(
    "/{case_id}/delivery",
    response_model=StartupOut,
    operation_id="deliverStartup",
    summary="Deliver everything once (一次送达), only when all six items are done",
)
def deliver(case_id: str, body: DeliveryIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: startup.deliver(uow, case_id, body), body=body)
