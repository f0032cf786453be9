"""Service layer for education placements 一人一案 (三(四)4–5, 专栏7·1): stage, placement type, free education."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import EducationPlacement, Person
from hunan_disability.rules.enums import HouseholdStatus, is_hardship
from hunan_disability.rules.services import free_education, student_aid
from hunan_disability.schemas.education import EducationIn, EducationOut
from hunan_disability.use_cases.persons import get_row
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict
from hunan_shared.uow import UnitOfWork, new_id


def place(uow: UnitOfWork, cmd: EducationIn) -> EducationOut:
    """One placement per student and school year; R63 decides 12-year free education, R64 student aid."""
    person = get_row(uow.session, cmd.person_id)
    if uow.session.exec(
        select(EducationPlacement.id).where(
            EducationPlacement.person_id == person.id, EducationPlacement.school_year == cmd.school_year
        )
    ).first():
        raise Conflict(f"the student already has a placement for {cmd.school_year}")
    difficulty = is_hardship(HouseholdStatus(person.household_status), person.anti_relapse_monitored)
    free = free_education(student_disabled=True, family_in_difficulty=difficulty, stage=cmd.stage)
    aid = student_aid(student_disabled=True, child_of_disabled_family_in_difficulty=difficulty)
    row = EducationPlacement(
        id=new_id(), **cmd.model_dump(mode="json"), free_education=free.value, created_at=clock.now()
    )
    uow.session.add(row)
    uow.session.flush()
    out = EducationOut(**row.model_dump(), basis=list(free.basis + aid.basis))
    uow.audit("education.place", "education_placement", row.id, after=out)
    return out


def list_placements(
    session: Session,
    page: PageParams,
    division: str | None = None,
    person_id: str | None = None,
    school_year: int | None = None,
) -> Page[EducationOut]:
    query = select(EducationPlacement)
    if division:
        query = query.join(Person, Person.id == EducationPlacement.person_id).where(
            in_division(Person.division_code, division)
        )
    query = query.order_by(EducationPlacement.school_year, EducationPlacement.id)
    if person_id:
        query = query.where(EducationPlacement.person_id == person_id)
    if school_year:
        query = query.where(EducationPlacement.school_year == school_year)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda r: EducationOut(**r.model_dump()))
