"""HTTP routes for warnings (W2), including their CAP 1.2 messages."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Response, Security
from sqlmodel import Session

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.warnings import DeliveryIn, WarningIn, WarningOut, WarningUpdateIn
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import expiry, warnings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/warnings", tags=["warnings"])
WARN = ["emergency:warn"]
CAP_MEDIA_TYPE = "application/cap+xml"


@router.post(
    "",
    status_code=201,
    response_model=WarningOut,
    operation_id="issueWarning",
    summary="Issue a warning through the 1+5 system (published as CAP 1.2)",
)
def issue_warning(
    body: WarningIn,
    write: Writer = Security(writer, scopes=WARN),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: warnings.issue(uow, body, settings), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[WarningOut],
    operation_id="listWarnings",
    summary="List warnings",
    dependencies=[reader("emergency:read")],
)
def list_warnings(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return warnings.list_warnings(session, page, division, state)


@router.post(
    "/expire-due",
    response_model=list[str],
    operation_id="expireDueWarnings",
    summary="Expire every live warning past its expiry time now (the service also does it every 15 s)",
)
def expire_due(write: Writer = Security(writer, scopes=WARN)):
    return write.run(lambda uow: expiry.expire_warnings(uow, clock.now()))


@router.get(
    "/{warning_id}",
    response_model=WarningOut,
    operation_id="getWarning",
    summary="Get a warning",
    dependencies=[reader("emergency:read")],
)
def get_warning(warning_id: str, session: Session = Depends(db_session)):
    return warnings.get(session, warning_id)


@router.get(
    "/{warning_id}/cap.xml",
    operation_id="getWarningCapXml",
    summary="The warning's latest CAP 1.2 message (XML)",
    response_class=Response,
    responses={200: {"content": {CAP_MEDIA_TYPE: {}}}},
    dependencies=[reader("emergency:read")],
)
def get_cap_xml(warning_id: str, session: Session = Depends(db_session)):
    return Response(warnings.cap_message(session, warning_id).xml, media_type=CAP_MEDIA_TYPE)


@router.get(
    "/{warning_id}/cap",
    response_model=dict,
    operation_id="getWarningCapJson",
    summary="The warning's latest CAP 1.2 message (JSON form)",
    dependencies=[reader("emergency:read")],
)
def get_cap_json(warning_id: str, session: Session = Depends(db_session)):
    return warnings.cap_message(session, warning_id).cap


@router.post(
    "/{warning_id}/update",
    response_model=WarningOut,
    operation_id="updateWarning",
    summary="Update grade, area, text or expiry (CAP Update)",
)
def update_warning(
    warning_id: str,
    body: WarningUpdateIn,
    write: Writer = Security(writer, scopes=WARN),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: warnings.update(uow, warning_id, body, settings), body=body)


@router.post(
    "/{warning_id}/cancel",
    response_model=WarningOut,
    operation_id="cancelWarning",
    summary="Cancel a live warning (CAP Cancel)",
)
def cancel_warning(
    warning_id: str,
    write: Writer = Security(writer, scopes=WARN),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: warnings.cancel(uow, warning_id, settings))


@router.post(
    "/{warning_id}/deliveries",
    response_model=WarningOut,
    operation_id="reportWarningDelivery",
    summary="A channel's delivery report: population reached (R7 coverage)",
)
def report_delivery(warning_id: str, body: DeliveryIn, write: Writer = Security(writer, scopes=WARN)):
    return write.run(lambda uow: warnings.record_delivery(uow, warning_id, body), body=body)
