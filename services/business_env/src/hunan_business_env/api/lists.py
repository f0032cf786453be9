"""HTTP routes of the port fee catalogue (Art. 33), approval delegations (Art. 26) and supervisors (Art. 48)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.schemas.complaints import ComplaintOut
from hunan_business_env.schemas.lists import (
    DelegationIn,
    DelegationOut,
    DelegationRevokeIn,
    HandlerOut,
    PortChargeIn,
    PortChargeOut,
    PortFeeIn,
    PortFeeOut,
    SupervisorIn,
    SupervisorOut,
    SupervisorReportIn,
)
from hunan_business_env.use_cases import lists
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["port fees, delegations, supervisors"])
WRITE = ["business_env:write"]
READ = "business_env:read"


@router.post(
    "/port-fees",
    status_code=201,
    response_model=PortFeeOut,
    operation_id="addPortFee",
    summary="Publish a port fee: refused (422, blank fields named) unless item, scope, standard and pricing method "
    "are disclosed (Art. 33 para 2)",
)
def add_port_fee(body: PortFeeIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: lists.add_port_fee(uow, body), status_code=201, body=body)


@router.get(
    "/port-fees",
    response_model=Page[PortFeeOut],
    operation_id="listPortFees",
    summary="The port fee catalogue, searchable by charging entity and item",
    dependencies=[reader(READ)],
)
def list_port_fees(
    page: PageParams = Depends(page_params),
    entity: str | None = Query(None, max_length=200),
    q: str | None = Query(None, max_length=100),
    session: Session = Depends(db_session),
):
    return lists.list_port_fees(session, page, entity, q)


@router.post(
    "/checks/port-charges",
    response_model=PortChargeOut,
    operation_id="checkPortCharge",
    summary="Is this port charge in the entity's published catalogue? UNLISTED_ITEM otherwise (Art. 33 para 2)",
    dependencies=[reader(READ)],
)
def check_port_charge(body: PortChargeIn, session: Session = Depends(db_session)):
    return lists.check_port_charge(session, body)


@router.post(
    "/delegations",
    status_code=201,
    response_model=DelegationOut,
    operation_id="delegateApprovalPower",
    summary="Record a delegated approval power with the delegator's support (Art. 26 para 1)",
)
def delegate(body: DelegationIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: lists.delegate(uow, body), status_code=201, body=body)


@router.post(
    "/delegations/{delegation_id}/revocation",
    response_model=DelegationOut,
    operation_id="revokeDelegation",
    summary="Take a delegated power back from a day",
)
def revoke(delegation_id: str, body: DelegationRevokeIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: lists.revoke(uow, delegation_id, body), body=body)


@router.get(
    "/delegations",
    response_model=Page[DelegationOut],
    operation_id="listDelegations",
    summary="Delegated approval powers",
    dependencies=[reader(READ)],
)
def list_delegations(page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return lists.list_delegations(session, page)


@router.get(
    "/delegations/handler",
    response_model=HandlerOut,
    operation_id="resolveHandlingAgency",
    summary="Which agency handles an approval matter on a day, following delegations (Art. 26 para 1)",
    dependencies=[reader(READ)],
)
def handler(
    matter: str = Query(min_length=2, max_length=200),
    original_agency: str = Query(min_length=2, max_length=200),
    on: dt.date = Query(),
    session: Session = Depends(db_session),
):
    return lists.handler(session, matter, original_agency, on)


@router.post(
    "/supervisors",
    status_code=201,
    response_model=SupervisorOut,
    operation_id="appointSupervisor",
    summary="Appoint a business-environment supervision station, point or officer (Art. 48)",
)
def appoint(body: SupervisorIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: lists.appoint(uow, body), status_code=201, body=body)


@router.post(
    "/supervisors/{supervisor_id}/dismissal",
    response_model=SupervisorOut,
    operation_id="dismissSupervisor",
    summary="End a supervisor's appointment from a day (body field revoked_on)",
)
def dismiss(supervisor_id: str, body: DelegationRevokeIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: lists.dismiss(uow, supervisor_id, body), body=body)


@router.get(
    "/supervisors",
    response_model=Page[SupervisorOut],
    operation_id="listSupervisors",
    summary="Appointed supervisors",
    dependencies=[reader(READ)],
)
def list_supervisors(page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return lists.list_supervisors(session, page)


@router.post(
    "/supervisors/{supervisor_id}/reports",
    status_code=201,
    response_model=ComplaintOut,
    operation_id="fileSupervisorReport",
    summary="A supervisor's report enters the complaints ledger with source SUPERVISOR (Art. 48); 422 outside "
    "the appointment",
)
def file_report(
    supervisor_id: str, body: SupervisorReportIn, request: Request, write: Writer = Security(writer, scopes=WRITE)
):
    settings = request.app.state.settings
    return write.run(lambda uow: lists.report(uow, supervisor_id, body, settings), status_code=201, body=body)
