"""HTTP routes for supply requests (W3): any agency asks for supplies for a declared disaster."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security
from sqlmodel import Session

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.dispatches import SupplyRequestIn, SupplyRequestOut
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import dispatches
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/supply-requests", tags=["dispatch"])


@router.post(
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


@router.get(
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
