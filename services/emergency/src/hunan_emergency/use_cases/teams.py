"""Service layer for rescue teams: registration against the size bands (R20), availability, and assignment
to a declared disaster with the engineering-rescue linkage time (R12)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_emergency.models import Disaster, RescueTeam, TeamAssignment
from hunan_emergency.rules.teams import ComprehensiveTeamLevel, team_size_status
from hunan_emergency.rules.time_targets import engineering_rescue_linkage_met
from hunan_emergency.rules.workflows import DisasterState
from hunan_emergency.schemas.common import TimeTargetOut
from hunan_emergency.schemas.teams import AssignmentIn, AssignmentOut, TeamIn, TeamOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(team: RescueTeam) -> TeamOut:
    status = reason = None
    basis = []
    if team.comprehensive_level:
        with rule_errors():
            decision = team_size_status(ComprehensiveTeamLevel(team.comprehensive_level), team.size)
        status, reason, basis = decision.value, decision.reason, list(decision.basis)
    return TeamOut(**team.model_dump(exclude={"created_at"}), size_status=status, size_reason=reason, basis=basis)


def register(uow: UnitOfWork, cmd: TeamIn) -> TeamOut:
    """Register a team; a comprehensive team below its band is recorded and reported NON_COMPLIANT (R20)."""
    team = RescueTeam(id=new_id(), created_at=clock.now(), **cmd.model_dump())
    uow.session.add(team)
    out = _out(team)
    uow.audit("team.register", "rescue_team", team.id, after=out)
    return out


def set_availability(uow: UnitOfWork, team_id: str, available: bool) -> TeamOut:
    team = uow.repo(RescueTeam).for_update(team_id)
    if available and _open_assignment(uow.session, team_id) is not None:
        raise Conflict("the team is assigned to a disaster; release it first")
    with uow.audited_change("team.availability", team, render=_out, target_type="rescue_team") as change:
        team.available = available
        change.after = out = _out(team)
    return out


def get(session: Session, team_id: str) -> TeamOut:
    return _out(Repository(session, RescueTeam).get(team_id))


def list_teams(session: Session, page: PageParams, division: str | None, available: bool | None) -> Page[TeamOut]:
    where = []
    if division:
        where.append(in_division(RescueTeam.division_code, division, below_county=True))
    if available is not None:
        where.append(RescueTeam.available == available)
    return Repository(session, RescueTeam).page(
        page, *where, order_by=(RescueTeam.division_code, RescueTeam.id), convert=_out
    )


def _open_assignment(session: Session, team_id: str) -> TeamAssignment | None:
    return session.exec(
        select(TeamAssignment).where(TeamAssignment.team_id == team_id, col(TeamAssignment.released_at).is_(None))
    ).first()


def _assignment_out(row: TeamAssignment) -> AssignmentOut:
    decision = engineering_rescue_linkage_met(min(row.requested_at, row.assigned_at), row.assigned_at)
    linkage = TimeTargetOut(
        rule="R12 engineering-rescue linkage",
        outcome=decision.value.outcome.value,
        elapsed_minutes=round(decision.value.elapsed.total_seconds() / 60, 1),
        limit_minutes=decision.value.limit.total_seconds() / 60,
        reason=decision.reason,
        basis=list(decision.basis),
    )
    return AssignmentOut(**row.model_dump(), linkage=linkage)


def assign(uow: UnitOfWork, disaster_id: str, cmd: AssignmentIn) -> AssignmentOut:
    """Send an available team to a declared disaster; the linkage time runs from the request (R12)."""
    disaster = uow.repo(Disaster).get(disaster_id)
    if disaster.state != DisasterState.DECLARED.value:
        raise Conflict(f"disaster {disaster_id} is {disaster.state}; teams join declared disasters only")
    team = uow.repo(RescueTeam).for_update(cmd.team_id)
    if not team.available:
        raise Conflict(f"team {team.id} is not available")
    now = clock.now()
    team.available = False
    row = TeamAssignment(
        id=new_id(), team_id=team.id, disaster_id=disaster_id, requested_at=cmd.requested_at or now, assigned_at=now
    )
    uow.session.add(row)
    out = _assignment_out(row)
    uow.audit("team.assign", "rescue_team", team.id, after=out)
    return out


def release(uow: UnitOfWork, team_id: str) -> TeamOut:
    team = uow.repo(RescueTeam).for_update(team_id)
    row = _open_assignment(uow.session, team_id)
    if row is None:
        raise Conflict(f"team {team_id} is not assigned")
    with uow.audited_change("team.release", team, render=_out, target_type="rescue_team") as change:
        row.released_at = clock.now()
        team.available = True
        change.after = out = _out(team)
    return out


def assignments(session: Session, disaster_id: str) -> list[AssignmentOut]:
    rows = session.exec(
        select(TeamAssignment).where(TeamAssignment.disaster_id == disaster_id).order_by(TeamAssignment.assigned_at)
    ).all()
    return [_assignment_out(r) for r in rows]
