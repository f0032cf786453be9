"""Service layer for disasters (W1): declare, read, list. Rules live in rules/, SQL stays here."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import NotFound, RuleViolation
from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.uow import UnitOfWork, new_id
from hunan_emergency.models import Disaster, DisasterDivision
from hunan_emergency.rules.classification import InvalidHazard, classify_hazard
from hunan_emergency.rules.workflows import DisasterAction, DisasterState, next_disaster_state
from hunan_emergency.schemas import DisasterDeclaration, DisasterOut


def _out(session: Session, disaster: Disaster, basis=()) -> DisasterOut:
    codes = session.exec(
        select(DisasterDivision.division_code).where(DisasterDivision.disaster_id == disaster.id).order_by(DisasterDivision.division_code)
    ).all()
    return DisasterOut(**disaster.model_dump(), division_codes=list(codes), basis=list(basis))


def declare(uow: UnitOfWork, cmd: DisasterDeclaration) -> DisasterOut:
    """Record and declare a disaster in one step (REPORTED → DECLARED) and announce it."""
    try:
        hazard = classify_hazard(cmd.category, cmd.hazard_type, cmd.sector)
    except InvalidHazard as exc:
        raise RuleViolation(str(exc)) from None
    transition = next_disaster_state(DisasterState.REPORTED, DisasterAction.DECLARE)
    now = clock.now()
    classification = hazard.value
    disaster = Disaster(
        id=new_id(),
        title=cmd.title,
        category=classification.category.value,
        hazard=(classification.natural_type or classification.sector).value,
        response_level=cmd.response_level.value,
        state=transition.value.value,
        occurred_at=cmd.occurred_at,
        declared_at=now,
        created_at=now,
    )
    uow.session.add(disaster)
    uow.session.add_all(DisasterDivision(disaster_id=disaster.id, division_code=c) for c in cmd.division_codes)
    uow.session.flush()
    uow.emit(DisasterDeclared(
        disaster_id=disaster.id, hazard=disaster.hazard, response_level=disaster.response_level,
        division_codes=cmd.division_codes, title=disaster.title, occurred_at=disaster.occurred_at, declared_at=now,
    ))
    out = _out(uow.session, disaster, basis=hazard.basis + transition.basis)
    uow.audit("disaster.declare", "disaster", disaster.id, after=out)
    return out


def get(session: Session, disaster_id: str) -> DisasterOut:
    disaster = session.get(Disaster, disaster_id)
    if disaster is None:
        raise NotFound(f"no disaster {disaster_id}")
    return _out(session, disaster)


def list_disasters(session: Session, page: PageParams, division: str | None = None, state: str | None = None) -> Page[DisasterOut]:
    query = select(Disaster).order_by(Disaster.created_at.desc(), Disaster.id)
    if division:
        covered = [c.code for c in divisions.counties(divisions.validate(division))] + [division]
        query = query.where(Disaster.id.in_(select(DisasterDivision.disaster_id).where(DisasterDivision.division_code.in_(covered))))
    if state:
        query = query.where(Disaster.state == state)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda d: _out(session, d))
