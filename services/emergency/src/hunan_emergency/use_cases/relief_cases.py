"""Service layer for relief cases (W4, Plan 7(四)): opened for a disaster's victims with a type allowed by R50,
first basic-living aid against the 10 h target (R13), then transitional living, reconstruction and closure."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from hunan_emergency.models import Disaster, DisasterDivision, ReliefCase
from hunan_emergency.rules.areas import covers
from hunan_emergency.rules.classification import NaturalHazardType
from hunan_emergency.rules.relief import RELIEF_BASIS, ReliefType, relief_type_allowed
from hunan_emergency.rules.time_targets import BASIC_LIVING_RELIEF_LIMIT, TargetOutcome, basic_living_relief_met
from hunan_emergency.rules.workflows import DisasterState, ReliefAction, ReliefState, next_relief_state
from hunan_emergency.schemas.common import TimeTargetOut
from hunan_emergency.schemas.relief_cases import BasicLivingIn, ReliefActionIn, ReliefCaseIn, ReliefCaseOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, RuleViolation, rule_errors
from hunan_shared.events.catalogue import Money, ReliefOverdue, ReliefProvided
from hunan_shared.legal import Basis
from hunan_shared.money import exact_fen
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(session: Session, row: ReliefCase, basis: tuple[Basis, ...] = ()) -> ReliefCaseOut:
    disaster = session.get(Disaster, row.disaster_id)
    decision = basic_living_relief_met(
        disaster.occurred_at, row.basic_living_provided_at, None if row.basic_living_provided_at else clock.now()
    )
    target = TimeTargetOut(
        rule="R13 basic living relief",
        outcome=decision.value.outcome.value,
        elapsed_minutes=round(decision.value.elapsed.total_seconds() / 60, 1),
        limit_minutes=decision.value.limit.total_seconds() / 60,
        reason=decision.reason,
        basis=list(decision.basis),
    )
    return ReliefCaseOut(**row.model_dump(), basic_living=target, basis=list(basis))


def open_case(uow: UnitOfWork, cmd: ReliefCaseIn) -> ReliefCaseOut:
    """Open a case for a disaster that is not dismissed or closed, in one of its affected divisions, with a relief
    type the disaster allows (R50)."""
    disaster = uow.repo(Disaster).get(cmd.disaster_id)
    if disaster.state in (DisasterState.DISMISSED.value, DisasterState.CLOSED.value):
        raise Conflict(f"disaster {disaster.id} is {disaster.state}", basis=(RELIEF_BASIS,))
    affected = uow.session.exec(
        select(DisasterDivision.division_code).where(DisasterDivision.disaster_id == disaster.id)
    ).all()
    if not any(covers(code, cmd.division_code) for code in affected):
        raise RuleViolation(
            f"division {cmd.division_code} is not affected by disaster {disaster.id}", basis=(RELIEF_BASIS,)
        )
    now = clock.now()
    hazard = disaster.hazard if disaster.hazard in NaturalHazardType.__members__ else None
    with rule_errors():
        allowed = relief_type_allowed(
            ReliefType(cmd.relief_type),
            hazard=NaturalHazardType(hazard) if hazard else None,
            is_drought=cmd.is_drought,
            forest_damaged=cmd.forest_damaged,
            month=now.month,
        )
    if not allowed.value:
        raise RuleViolation(allowed.reason, basis=allowed.basis)
    row = ReliefCase(
        id=new_id(),
        state=ReliefState.OPENED.value,
        opened_at=now,
        **cmd.model_dump(exclude={"is_drought", "forest_damaged"}),
    )
    uow.session.add(row)
    uow.session.flush()
    out = _out(uow.session, row, allowed.basis)
    uow.audit("relief.open", "relief_case", row.id, after=out)
    return out


def provide_basic_living(uow: UnitOfWork, case_id: str, cmd: BasicLivingIn) -> ReliefCaseOut:
    """W4 OPENED → BASIC_LIVING_PROVIDED; the time from the disaster's occurrence is judged against 10 h (R13)."""
    row = uow.repo(ReliefCase).for_update(case_id)
    with rule_errors():
        transition = next_relief_state(ReliefState(row.state), ReliefAction.PROVIDE_BASIC_LIVING)
    provided = cmd.provided_at or clock.now()
    if provided < uow.repo(Disaster).get(row.disaster_id).occurred_at:
        raise RuleViolation("basic-living aid cannot precede the disaster", basis=transition.basis)
    render = lambda r: _out(uow.session, r)  # noqa: E731
    with uow.audited_change("relief.basic_living", row, render=render, target_type="relief_case") as change:
        row.state, row.basic_living_provided_at = transition.value, provided
        row.relief_funds = exact_fen(cmd.relief_funds)
        uow.emit(
            ReliefProvided(
                case_id=row.id,
                disaster_id=row.disaster_id,
                relief_type=row.relief_type,
                division_code=row.division_code,
                persons=row.persons,
                amount=Money(amount=row.relief_funds),
                provided_at=provided,
            )
        )
        change.after = out = _out(uow.session, row, transition.basis)
    return out


def act(uow: UnitOfWork, case_id: str, cmd: ReliefActionIn) -> ReliefCaseOut:
    row = uow.repo(ReliefCase).for_update(case_id)
    with rule_errors():
        transition = next_relief_state(ReliefState(row.state), ReliefAction(cmd.action))
    render = lambda r: _out(uow.session, r)  # noqa: E731
    with uow.audited_change(f"relief.{cmd.action}", row, render=render, target_type="relief_case") as change:
        row.state = transition.value
        if transition.value is ReliefState.CLOSED:
            row.closed_at = clock.now()
        change.after = out = _out(uow.session, row, transition.basis)
    return out


def get(session: Session, case_id: str) -> ReliefCaseOut:
    return _out(session, Repository(session, ReliefCase).get(case_id))


def list_cases(
    session: Session, page: PageParams, division: str | None, disaster_id: str | None, state: str | None
) -> Page[ReliefCaseOut]:
    where = []
    if division:
        where.append(in_division(ReliefCase.division_code, division, below_county=True))
    if disaster_id:
        where.append(ReliefCase.disaster_id == disaster_id)
    if state:
        where.append(ReliefCase.state == state)
    return Repository(session, ReliefCase).page(
        page, *where, order_by=(col(ReliefCase.opened_at).desc(), ReliefCase.id), convert=lambda r: _out(session, r)
    )


def announce_overdue_relief(uow: UnitOfWork, now: dt.datetime) -> int:
    """Plan 2(三)2 / 第二章（三）2 (R13): a case still OPENED (no basic-living aid) more than 10 h after the
    disaster's occurrence is announced once (`basic_living_overdue_announced`); the aid stays due. Exactly 10 h
    is still met, so nothing is announced at the limit itself."""
    rows = uow.session.exec(
        select(ReliefCase, Disaster)
        .join(Disaster, col(Disaster.id) == col(ReliefCase.disaster_id))
        .where(
            ReliefCase.state == ReliefState.OPENED.value,
            col(ReliefCase.basic_living_provided_at).is_(None),
            col(ReliefCase.basic_living_overdue_announced).is_(False),
            col(Disaster.occurred_at) < now - BASIC_LIVING_RELIEF_LIMIT,
        )
        .order_by(col(ReliefCase.id))
        .with_for_update(of=ReliefCase)
    ).all()
    announced = 0
    for case, disaster in rows:
        decision = basic_living_relief_met(disaster.occurred_at, None, now)
        if decision.value.outcome is not TargetOutcome.BREACHED:
            continue
        case.basic_living_overdue_announced = True
        uow.session.add(case)
        due_at = disaster.occurred_at + BASIC_LIVING_RELIEF_LIMIT
        uow.emit(
            ReliefOverdue(
                case_id=case.id,
                disaster_id=case.disaster_id,
                relief_type=case.relief_type,
                division_code=case.division_code,
                households=case.households,
                persons=case.persons,
                due_at=due_at,
                detected_at=now,
            )
        )
        uow.audit("relief.basic_living_overdue", "relief_case", case.id, after={"due_at": due_at.isoformat()})
        announced += 1
    return announced
