"""HTTP routes of the electronic-licence library (Art. 27) and the planning-permit list (Art. 28 para 4)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.schemas.licences import (
    AggregationIn,
    LicenceEffectIn,
    LicenceEffectOut,
    LicenceIn,
    LicenceOut,
    PermitModeIn,
    PermitModeOut,
    PermitTypeIn,
    PermitTypeOut,
    RevocationIn,
)
from hunan_business_env.use_cases import licences
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["electronic licences, planning permits"])
WRITE = ["business_env:write"]
READ = "business_env:read"


@router.post(
    "/electronic-licences",
    status_code=201,
    response_model=LicenceOut,
    operation_id="recordElectronicLicence",
    summary="Record an issued electronic licence (电子证照), with an aggregation exemption's basis if any",
)
def issue(body: LicenceIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: licences.issue(uow, body), status_code=201, body=body)


@router.post(
    "/electronic-licences/{licence_id}/aggregation",
    response_model=LicenceOut,
    operation_id="aggregateElectronicLicence",
    summary="The licence reached the library; its lag is judged against the real-time limit (Art. 27 para 2)",
)
def aggregate(licence_id: str, body: AggregationIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: licences.aggregate(uow, licence_id, body, settings), body=body)


@router.post(
    "/electronic-licences/{licence_id}/revocation",
    response_model=LicenceOut,
    operation_id="revokeElectronicLicence",
    summary="Revoke an electronic licence from a day",
)
def revoke(licence_id: str, body: RevocationIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: licences.revoke(uow, licence_id, body), body=body)


@router.get(
    "/electronic-licences",
    response_model=Page[LicenceOut],
    operation_id="listElectronicLicences",
    summary="Electronic licences (late=true: aggregated beyond the real-time limit)",
    dependencies=[reader(READ)],
)
def list_licences(
    page: PageParams = Depends(page_params), late: bool | None = Query(None), session: Session = Depends(db_session)
):
    return licences.list_licences(session, page, late)


@router.post(
    "/checks/electronic-licence-effect",
    response_model=LicenceEffectOut,
    operation_id="checkElectronicLicenceEffect",
    summary="Does this electronic licence have the effect of the paper one on that day? (Art. 27 para 1)",
    dependencies=[reader(READ)],
)
def effect(body: LicenceEffectIn, session: Session = Depends(db_session)):
    return licences.effect(session, body)


@router.post(
    "/planning-permit-types",
    status_code=201,
    response_model=PermitTypeOut,
    operation_id="listPlanningPermitType",
    summary="Enter a project type in the province-wide commitment / exempt list (Art. 28 para 4)",
)
def list_type(body: PermitTypeIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: licences.list_type(uow, body), status_code=201, body=body)


@router.get(
    "/planning-permit-types",
    response_model=Page[PermitTypeOut],
    operation_id="listPlanningPermitTypes",
    summary="The province-wide list of planning-permit project types by commitment or exempt",
    dependencies=[reader(READ)],
)
def list_types(page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return licences.list_types(session, page)


@router.post(
    "/checks/planning-permit-mode",
    response_model=PermitModeOut,
    operation_id="checkPlanningPermitMode",
    summary="How a project type's planning permit is handled: review, commitment or exempt (Art. 28 para 4)",
    dependencies=[reader(READ)],
)
def permit_mode(body: PermitModeIn, session: Session = Depends(db_session)):
    return licences.permit_mode(session, body)
