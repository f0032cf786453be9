"""Service layer for care 照护 and 托养 placements (三(二)3, 专栏3·服务类·2–4)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from hunan_disability.models import CarePlacement, Person
from hunan_disability.rules.enums import DisabilityCategory, DisabilityGrade
from hunan_disability.rules.identity import age_on
from hunan_disability.rules.services import tuoyang_target_group
from hunan_disability.schemas.care import CareIn, CareOut
from hunan_disability.use_cases.persons import get_row
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput
from hunan_shared.uow import UnitOfWork, new_id


def place(uow: UnitOfWork, cmd: CareIn) -> CareOut:
    """Record a placement; the R25 decision says whether the person is in the 托养 target group (the text's
    "等" keeps the service open to others, so the decision is recorded, not enforced)."""
    person = get_row(uow.session, cmd.person_id)
    decision = tuoyang_target_group(
        DisabilityCategory(person.category), DisabilityGrade(person.grade), age_on(person.birth_date, cmd.start_on)
    )
    row = CarePlacement(id=new_id(), **cmd.model_dump(), target_group=decision.value, created_at=clock.now())
    uow.repo(CarePlacement).add(row)
    out = CareOut(**row.model_dump(), basis=list(decision.basis))
    uow.audit("care.place", "care_placement", row.id, after=out)
    return out


def end(uow: UnitOfWork, placement_id: str, end_on: dt.date) -> CareOut:
    row = uow.repo(CarePlacement).for_update(placement_id)
    if end_on < row.start_on:
        raise InvalidInput("end_on is before start_on")
    with uow.audited_change("care.end", row, render=_out, target_type="care_placement"):
        row.end_on = end_on
        uow.session.add(row)
    return _out(row)


def _out(row: CarePlacement) -> CareOut:
    return CareOut(**row.model_dump())


def list_placements(
    session: Session,
    page: PageParams,
    division: str | None = None,
    person_id: str | None = None,
    mode: str | None = None,
    active_on: dt.date | None = None,
) -> Page[CareOut]:
    query = select(CarePlacement)
    if division:
        query = query.join(Person, Person.id == CarePlacement.person_id).where(
            in_division(Person.division_code, division)
        )
    query = query.order_by(CarePlacement.start_on, CarePlacement.id)
    if person_id:
        query = query.where(CarePlacement.person_id == person_id)
    if mode:
        query = query.where(CarePlacement.mode == mode)
    if active_on:
        query = query.where(
            CarePlacement.start_on <= active_on, (CarePlacement.end_on.is_(None)) | (CarePlacement.end_on >= active_on)
        )
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda r: CareOut(**r.model_dump()))
