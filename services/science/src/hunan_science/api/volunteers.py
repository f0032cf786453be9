"""HTTP routes for science volunteer teams and their dispatch (三(四)2, W8)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.programmes import DispatchAction, DispatchState
from hunan_science.schemas.volunteers import DispatchIn, DispatchMatchIn, DispatchOut, VolunteerTeamIn, VolunteerTeamOut
from hunan_science.use_cases import volunteers
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["programmes"])


@router.post(
    "/volunteer-teams",
    status_code=201,
    response_model=VolunteerTeamOut,
    operation_id="registerVolunteerTeam",
    summary="Register a science volunteer team",
)
def register_team(body: VolunteerTeamIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: volunteers.register_team(uow, body), status_code=201, body=body)


@router.get(
    "/volunteer-teams",
    response_model=Page[VolunteerTeamOut],
    operation_id="listVolunteerTeams",
    summary="List volunteer teams",
    dependencies=[reader("science:read")],
)
def list_teams(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return volunteers.list_teams(session, page, division)


@router.post(
    "/volunteer-dispatches",
    status_code=201,
    response_model=DispatchOut,
    operation_id="requestVolunteers",
    summary="Request volunteers for a division (optionally for a campaign)",
)
def request_volunteers(body: DispatchIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: volunteers.request(uow, body), status_code=201, body=body)


@router.post(
    "/volunteer-dispatches/{dispatch_id}/match",
    response_model=DispatchOut,
    operation_id="matchVolunteers",
    summary="Match a request to a volunteer team serving the division",
)
def match(dispatch_id: str, body: DispatchMatchIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: volunteers.act(uow, dispatch_id, DispatchAction.MATCH, body), body=body)


@router.post(
    "/volunteer-dispatches/{dispatch_id}/{action}",
    response_model=DispatchOut,
    operation_id="advanceDispatch",
    summary="Dispatch the matched team, or complete the dispatch",
)
def advance(dispatch_id: str, action: DispatchAction, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: volunteers.act(uow, dispatch_id, action))


@router.get(
    "/volunteer-dispatches",
    response_model=Page[DispatchOut],
    operation_id="listVolunteerDispatches",
    summary="List volunteer dispatches",
    dependencies=[reader("science:read")],
)
def list_dispatches(
    page: PageParams = Depends(page_params),
    state: DispatchState | None = Query(None),
    campaign_id: str | None = Query(None, max_length=36),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return volunteers.list_dispatches(session, page, state.value if state else None, campaign_id, division)
