"""Service layer for the home accessibility renovation demand pool 无障碍改造需求库 (三(五)2, R70, W7)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from hunan_disability.models import Person, RenovationDemand
from hunan_disability.rules.enums import DisabilityGrade, HouseholdStatus, is_hardship, is_severe
from hunan_disability.rules.services import (
    R70,
    RENOVATION_TARGET_HOUSEHOLDS,
    RenovationCandidate,
    RenovationStatus,
    check_new_renovation_demand,
    is_active_renovation,
    renovation_priority,
    renovation_transition_allowed,
)
from hunan_disability.schemas.renovations import RenovationIn, RenovationOut, RenovationProgressOut, RenovationStatusIn
from hunan_disability.use_cases.persons import get_row
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidTransition, RuleViolation, rule_errors
from hunan_shared.uow import UnitOfWork, new_id

ACTIVE = [s.value for s in RenovationStatus if is_active_renovation(s)]


def _out(row: RenovationDemand, basis=()) -> RenovationOut:
    return RenovationOut(**row.model_dump(exclude={"updated_at"}), basis=list(basis))


def register(uow: UnitOfWork, cmd: RenovationIn) -> RenovationOut:
    """Enter a household in difficulty into the pool once (T-25: a second active demand is refused)."""
    person = get_row(uow.session, cmd.person_id)
    household = person.household_id or person.id
    active = set(
        uow.session.exec(
            select(RenovationDemand.household_key).where(
                RenovationDemand.household_key == household, RenovationDemand.status.in_(ACTIVE)
            )
        ).all()
    )
    with rule_errors():  # a second active demand of the household: 409 (R70)
        decision = check_new_renovation_demand(
            household, active, is_hardship(HouseholdStatus(person.household_status), person.anti_relapse_monitored)
        )
    if not decision.value:
        raise RuleViolation(f"renovation demand refused: {decision.reason}", basis=decision.basis)
    members = (
        [person]
        if not person.household_id
        else uow.session.exec(select(Person).where(Person.household_id == person.household_id)).all()
    )
    now = clock.now()
    row = RenovationDemand(
        id=new_id(),
        household_key=household,
        person_id=person.id,
        division_code=person.division_code,
        severe_member=any(is_severe(DisabilityGrade(m.grade)) for m in members),
        household_status=person.household_status,
        status=RenovationStatus.REGISTERED,
        registered_at=now,
        updated_at=now,
    )
    uow.repo(RenovationDemand).add(row)
    out = _out(row, decision.basis)
    uow.audit("renovation.register", "renovation_demand", row.id, after=out)
    return out


def move(uow: UnitOfWork, demand_id: str, cmd: RenovationStatusIn) -> RenovationOut:
    row = uow.repo(RenovationDemand).for_update(demand_id)
    decision = renovation_transition_allowed(RenovationStatus(row.status), cmd.status)
    if not decision.value:
        raise InvalidTransition(decision.reason, basis=decision.basis)
    with uow.audited_change("renovation.status", row, render=_out, target_type="renovation_demand") as change:
        row.status, row.updated_at = cmd.status, clock.now()
        uow.session.add(row)
        change.after = out = _out(row, decision.basis)
    return out


def pool(session: Session, page: PageParams, division: str) -> Page[RenovationOut]:
    """The active demands of a division in priority order (R70 [D]: 重度 member, then assistance tier, then age)."""
    rows = session.exec(
        select(RenovationDemand)
        .where(in_division(RenovationDemand.division_code, division), RenovationDemand.status.in_(ACTIVE))
        .order_by(RenovationDemand.registered_at, RenovationDemand.id)
    ).all()
    by_id = {r.id: r for r in rows}
    order = renovation_priority(
        RenovationCandidate(r.id, r.severe_member, HouseholdStatus(r.household_status), i) for i, r in enumerate(rows)
    )
    window = [by_id[i] for i in order[page.offset : page.offset + page.limit + 1]]
    return page.page(window, _out)


def progress(session: Session) -> RenovationProgressOut:
    """专栏1 #10: accepted renovations against the 60 000 households of the plan."""
    counts = dict(
        session.execute(select(RenovationDemand.status, func.count()).group_by(RenovationDemand.status)).all()
    )
    accepted = counts.get(RenovationStatus.ACCEPTED.value, 0)
    active = sum(n for status, n in counts.items() if status in ACTIVE and status != RenovationStatus.ACCEPTED.value)
    return RenovationProgressOut(
        accepted=accepted,
        target=RENOVATION_TARGET_HOUSEHOLDS,
        active_in_pool=active,
        reason=f"{accepted} accepted of {RENOVATION_TARGET_HOUSEHOLDS}",
        basis=[R70],
    )
