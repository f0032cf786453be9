"""HTTP routes for dispatches (W3): read, ship, deliver, cancel. Supply requests at /v1/supply-requests start them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.dispatches import DispatchOut, SupplyRequestIn, SupplyRequestOut
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import dispatches
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/dispatches", tags=["dispatch"])
DISPATCH = ["emergency:dispatch"]


@router.get(
    "",
    response_model=Page[DispatchOut],
    operation_id="listDispatches",
    summary="List dispatches",
    dependencies=[reader("emergency:read")],
)
def list_dispatches(
    page: PageParams = Depends(page_params),
    disaster_id: str | None = Query(None, max_length=36),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
    settings: EmergencySettings = Depends(service_settings),
):
    return dispatches.list_dispatches(session, page, settings, disaster_id, state)


@router.get(
    "/{dispatch_id}",
    response_model=DispatchOut,
    operation_id="getDispatch",
    summary="Get a dispatch with its legs, shortfalls and time targets",
    dependencies=[reader("emergency:read")],
)
def get_dispatch(
    dispatch_id: str, session: Session = Depends(db_session), settings: EmergencySettings = Depends(service_settings)
):
    return dispatches.get(session, dispatch_id, settings)


@router.post(
    "/{dispatch_id}/ship",
    response_model=DispatchOut,
    operation_id="shipDispatch",
    summary="Goods left the depots: issue the reserved stock and report the cost",
)
def ship_dispatch(
    dispatch_id: str,
    write: Writer = Security(writer, scopes=DISPATCH),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: dispatches.ship(uow, dispatch_id, settings))


@router.post(
    "/{dispatch_id}/deliver",
    response_model=DispatchOut,
    operation_id="deliverDispatch",
    summary="Supplies arrived in the requesting divisions",
)
def deliver_dispatch(
    dispatch_id: str,
    write: Writer = Security(writer, scopes=DISPATCH),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: dispatches.deliver(uow, dispatch_id, settings))


@router.post(
    "/{dispatch_id}/cancel",
    response_model=DispatchOut,
    operation_id="cancelDispatch",
    summary="Cancel a dispatch before shipping; reservations are released",
)
def cancel_dispatch(
    dispatch_id: str,
    write: Writer = Security(writer, scopes=DISPATCH),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: dispatches.cancel(uow, dispatch_id, settings))


requests_router = APIRouter(prefix="/v1/supply-requests", tags=["dispatch"])


@requests_router.post(
    "",
    status_code=201,
    response_model=SupplyRequestOut,
    operation_id="requestSupplies",
    summary="Request supplies; the dispatch is planned and its stock reserved at once",
)
def request_supplies(
    body: SupplyRequestIn,
    write: Writer = Security(writer, scopes=["emergency:dispatch"]),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: dispatches.submit(uow, body, settings), status_code=201, body=body)


@requests_router.get(
    "/{request_id}",
    response_model=SupplyRequestOut,
    operation_id="getSupplyRequest",
    summary="Get a supply request and its dispatch",
    dependencies=[reader("emergency:read")],
)
def get_supply_request(
    request_id: str, session: Session = Depends(db_session), settings: EmergencySettings = Depends(service_settings)
):
    return dispatches.get_request(session, request_id, settings)
