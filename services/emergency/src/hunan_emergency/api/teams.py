"""HTTP routes for rescue teams (R20–R22 size bands, availability, assignment to disasters)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.teams import AssignmentIn, AssignmentOut, AvailabilityIn, TeamIn, TeamOut
from hunan_emergency.use_cases import teams
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/rescue-teams", tags=["rescue teams"])
assignments_router = APIRouter(prefix="/v1/disasters", tags=["rescue teams"])
WRITE = ["emergency:write"]


@router.post(
    "",
    status_code=201,
    response_model=TeamOut,
    operation_id="registerRescueTeam",
    summary="Register a rescue team (comprehensive teams are checked against the size bands)",
)
def register_team(body: TeamIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: teams.register(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[TeamOut],
    operation_id="listRescueTeams",
    summary="List rescue teams",
    dependencies=[reader("emergency:read")],
)
def list_teams(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    available: bool | None = None,
    session: Session = Depends(db_session),
):
    return teams.list_teams(session, page, division, available)


@router.get(
    "/{team_id}",
    response_model=TeamOut,
    operation_id="getRescueTeam",
    summary="Get a rescue team",
    dependencies=[reader("emergency:read")],
)
def get_team(team_id: str, session: Session = Depends(db_session)):
    return teams.get(session, team_id)


@router.post(
    "/{team_id}/availability",
    response_model=TeamOut,
    operation_id="setRescueTeamAvailability",
    summary="Mark a team available or stood down",
)
def set_availability(team_id: str, body: AvailabilityIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: teams.set_availability(uow, team_id, body.available), body=body)


@router.post(
    "/{team_id}/release",
    response_model=TeamOut,
    operation_id="releaseRescueTeam",
    summary="Release a team from its disaster assignment",
)
def release_team(team_id: str, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: teams.release(uow, team_id))


@assignments_router.post(
    "/{disaster_id}/teams",
    status_code=201,
    response_model=AssignmentOut,
    operation_id="assignRescueTeam",
    summary="Assign an available team to a declared disaster",
)
def assign_team(disaster_id: str, body: AssignmentIn, write: Writer = Security(writer, scopes=["emergency:declare"])):
    return write.run(lambda uow: teams.assign(uow, disaster_id, body), status_code=201, body=body)


@assignments_router.get(
    "/{disaster_id}/teams",
    response_model=list[AssignmentOut],
    operation_id="listDisasterTeams",
    summary="Teams assigned to a disaster, with linkage times",
    dependencies=[reader("emergency:read")],
)
def list_assignments(disaster_id: str, session: Session = Depends(db_session)):
    return teams.assignments(session, disaster_id)
