"""Service layer for rescue teams: registration against the size bands (R20), availability, and assignment
to a declared disaster with the engineering-rescue linkage time (R12)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hunan_emergency import reference
from hunan_emergency.errors import rule_errors
from hunan_emergency.models import Disaster, RescueTeam, TeamAssignment
from hunan_emergency.rules.teams import ComprehensiveTeamLevel, team_size_status
from hunan_emergency.rules.time_targets import engineering_rescue_linkage_met
from hunan_emergency.rules.workflows import DisasterState
from hunan_emergency.schemas.common import TimeTargetOut
from hunan_emergency.schemas.teams import AssignmentIn, AssignmentOut, TeamIn, TeamOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, NotFound
from hunan_shared.uow import UnitOfWork, new_id


def _out(team: RescueTeam) -> TeamOut:
    status = reason = None
    basis = []
    if team.comprehensive_level:
        with rule_errors():
            decision = team_size_status(ComprehensiveTeamLevel(team.comprehensive_level), team.size)
        status, reason, basis = decision.value.value, decision.reason, list(decision.basis)
    return TeamOut(**team.model_dump(exclude={"created_at"}), size_status=status, size_reason=reason, basis=basis)


def _load(session: Session, team_id: str) -> RescueTeam:
    team = session.exec(select(RescueTeam).where(RescueTeam.id == team_id).with_for_update()).first()
    if team is None:
        raise NotFound(f"no rescue team {team_id}")
    return team


def register(uow: UnitOfWork, cmd: TeamIn) -> TeamOut:
    """Register a team; a comprehensive team below its band is recorded and reported NON_COMPLIANT (R20)."""
    team = RescueTeam(id=new_id(), created_at=clock.now(), **cmd.model_dump())
    uow.session.add(team)
    out = _out(team)
    uow.audit("team.register", "rescue_team", team.id, after=out)
    return out


def set_availability(uow: UnitOfWork, team_id: str, available: bool) -> TeamOut:
    team = _load(uow.session, team_id)
    before = _out(team)
    if available and _open_assignment(uow.session, team_id) is not None:
        raise Conflict("the team is assigned to a disaster; release it first")
    team.available = available
    out = _out(team)
    uow.audit("team.availability", "rescue_team", team_id, before=before, after=out)
    return out


def get(session: Session, team_id: str) -> TeamOut:
    team = session.get(RescueTeam, team_id)
    if team is None:
        raise NotFound(f"no rescue team {team_id}")
    return _out(team)


def list_teams(session: Session, page: PageParams, division: str | None, available: bool | None) -> Page[TeamOut]:
    query = select(RescueTeam).order_by(RescueTeam.division_code, RescueTeam.id)
    if division:
        query = query.where(col(RescueTeam.division_code).startswith(reference.division_prefix(division)))
    if available is not None:
        query = query.where(RescueTeam.available == available)
    return page.page(session.exec(query.offset(page.offset).limit(page.limit + 1)).all(), _out)


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
    disaster = uow.session.get(Disaster, disaster_id)
    if disaster is None:
        raise NotFound(f"no disaster {disaster_id}")
    if disaster.state != DisasterState.DECLARED.value:
        raise Conflict(f"disaster {disaster_id} is {disaster.state}; teams join declared disasters only")
    team = _load(uow.session, cmd.team_id)
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
    team = _load(uow.session, team_id)
    row = _open_assignment(uow.session, team_id)
    if row is None:
        raise Conflict(f"team {team_id} is not assigned")
    before = _out(team)
    row.released_at = clock.now()
    team.available = True
    out = _out(team)
    uow.audit("team.release", "rescue_team", team_id, before=before, after=out)
    return out


def assignments(session: Session, disaster_id: str) -> list[AssignmentOut]:
    rows = session.exec(
        select(TeamAssignment).where(TeamAssignment.disaster_id == disaster_id).order_by(TeamAssignment.assigned_at)
    ).all()
    return [_assignment_out(r) for r in rows]
