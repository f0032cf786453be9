"""Service layer for science volunteer teams and their dispatch (三(四)2, R25, W8)."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import Campaign, VolunteerDispatch, VolunteerTeam
from hunan_science.rules.programmes import DispatchAction, DispatchState, next_dispatch_state, team_serves
from hunan_science.schemas.volunteers import DispatchIn, DispatchMatchIn, DispatchOut, VolunteerTeamIn, VolunteerTeamOut
from hunan_science.use_cases import _registers
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _team(row: VolunteerTeam) -> VolunteerTeamOut:
    return VolunteerTeamOut(**row.model_dump())


def _dispatch(row: VolunteerDispatch) -> DispatchOut:
    return DispatchOut(**row.model_dump())


def register_team(uow: UnitOfWork, cmd: VolunteerTeamIn) -> VolunteerTeamOut:
    row = VolunteerTeam(id=new_id(), **cmd.model_dump(), created_at=clock.now())
    return _team(_registers.record(uow, row, "volunteer_team.register"))


def list_teams(session: Session, page: PageParams, division: str | None) -> Page[VolunteerTeamOut]:
    return _registers.page(
        session,
        VolunteerTeam,
        page,
        convert=_team,
        division=division,
        order_by=(VolunteerTeam.created_at.desc(), VolunteerTeam.id),
    )


def request(uow: UnitOfWork, cmd: DispatchIn) -> DispatchOut:
    if cmd.campaign_id is not None:
        uow.repo(Campaign).get(cmd.campaign_id)
    now = clock.now()
    row = VolunteerDispatch(
        id=new_id(), **cmd.model_dump(), state=DispatchState.REQUESTED, requested_at=now, updated_at=now
    )
    return _dispatch(_registers.record(uow, row, "volunteer_dispatch.request"))


def act(uow: UnitOfWork, dispatch_id: str, action: DispatchAction, cmd: DispatchMatchIn | None = None) -> DispatchOut:
    dispatch = uow.repo(VolunteerDispatch, noun="volunteer dispatch").for_update(dispatch_id)
    with uow.audited_change(f"volunteer_dispatch.{action.value}", dispatch, render=_dispatch):
        with rule_errors():
            transition = next_dispatch_state(DispatchState(dispatch.state), action)
            if action is DispatchAction.MATCH:
                assert cmd is not None
                team = uow.repo(VolunteerTeam, noun="volunteer team").get(cmd.team_id)
                team_serves(team.division_code, dispatch.division_code, divisions.covered_codes(team.division_code))
                dispatch.team_id = team.id
        dispatch.state = transition.value
        dispatch.updated_at = clock.now()
        uow.session.add(dispatch)
    return _dispatch(dispatch)


def list_dispatches(
    session: Session, page: PageParams, state: str | None, campaign_id: str | None, division: str | None
) -> Page[DispatchOut]:
    where = []
    if state:
        where.append(VolunteerDispatch.state == state)
    if campaign_id:
        where.append(VolunteerDispatch.campaign_id == campaign_id)
    return _registers.page(
        session,
        VolunteerDispatch,
        page,
        *where,
        convert=_dispatch,
        division=division,
        order_by=(VolunteerDispatch.requested_at.desc(), VolunteerDispatch.id),
    )
