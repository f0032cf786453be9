"""HTTP routes for subsidy eligibility (R5/R6, with basis) and grants 资格认定."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.api import service_settings
from hunan_disability.rules.subsidies import SubsidyProgram
from hunan_disability.schemas.subsidy_grants import GrantIn, GrantOut, GrantStopIn, PersonSubsidiesOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases import subsidy_grants
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["subsidies"])


@router.get(
    "/persons/{person_id}/subsidy-eligibility",
    response_model=PersonSubsidiesOut,
    operation_id="getSubsidyEligibility",
    summary="Decide both subsidies for a person (with legal basis)",
    dependencies=[reader("disability:read")],
)
def eligibility(
    person_id: str, session: Session = Depends(db_session), settings: DisabilitySettings = Depends(service_settings)
):
    return subsidy_grants.person_subsidies(session, person_id, settings)


@router.post(
    "/subsidy-grants",
    status_code=201,
    response_model=GrantOut,
    operation_id="grantSubsidy",
    summary="Grant a subsidy when the person is eligible (422 with basis otherwise)",
)
def grant(
    body: GrantIn,
    write: Writer = Security(writer, scopes=["disability:write"]),
    settings: DisabilitySettings = Depends(service_settings),
):
    return write.run(lambda uow: subsidy_grants.grant(uow, body, settings), status_code=201, body=body)


@router.post(
    "/subsidy-grants/{grant_id}/stop",
    response_model=GrantOut,
    operation_id="stopSubsidy",
    summary="Stop a subsidy from the month after the stop date",
)
def stop(grant_id: str, body: GrantStopIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: subsidy_grants.stop_grant(uow, grant_id, body), body=body)


@router.get(
    "/subsidy-grants",
    response_model=Page[GrantOut],
    operation_id="listSubsidyGrants",
    summary="List grants",
    dependencies=[reader("disability:read")],
)
def list_grants(
    page: PageParams = Depends(page_params),
    person_id: str | None = Query(None, max_length=36),
    program: SubsidyProgram | None = None,
    active_on: dt.date | None = None,
    session: Session = Depends(db_session),
):
    return subsidy_grants.list_grants(session, page, person_id, program, active_on)
