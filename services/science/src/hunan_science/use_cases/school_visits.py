"""Service layer for school–venue visits 馆校合作 (二(一)5, R11, W9): record visits, report schools without one."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_science.models import SchoolVisit, Venue
from hunan_science.rules.programmes import schools_missing_visit
from hunan_science.schemas.school_visits import MissingVisitsOut, SchoolVisitIn, SchoolVisitOut
from hunan_science.use_cases import _registers
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: SchoolVisit) -> SchoolVisitOut:
    return SchoolVisitOut(**row.model_dump())


def record(uow: UnitOfWork, cmd: SchoolVisitIn) -> SchoolVisitOut:
    uow.repo(Venue).get(cmd.venue_id)  # a visit is to a registered venue (404 otherwise)
    row = SchoolVisit(id=new_id(), **cmd.model_dump(), recorded_at=clock.now())
    return _out(_registers.record(uow, row, "school_visit.record"))


def list_visits(session: Session, page: PageParams, semester: str | None, division: str | None) -> Page[SchoolVisitOut]:
    where = [SchoolVisit.semester == semester] if semester else []
    return _registers.page(
        session,
        SchoolVisit,
        page,
        *where,
        convert=_out,
        division=division,
        order_by=(SchoolVisit.visited_on.desc(), SchoolVisit.id),
    )


def _known_and_visited(session: Session, semester: str, division: str) -> tuple[set[str], set[str]]:
    """Schools the register knows in the division (any semester) and those with a visit in `semester`."""
    area = in_division(SchoolVisit.division_code, division)
    known = set(session.exec(select(SchoolVisit.school_id).where(area)).all())
    visited = set(session.exec(select(SchoolVisit.school_id).where(area, SchoolVisit.semester == semester)).all())
    return known, visited


def coverage(session: Session, semester: str, division: str = divisions.PROVINCE_CODE) -> tuple[int, list[str]]:
    """How many schools the register knows, and those without a visit in `semester` (S28)."""
    known, visited = _known_and_visited(session, semester, division)
    return len(known), schools_missing_visit(known, visited).value


def missing(session: Session, semester: str, division: str) -> MissingVisitsOut:
    """R11 (S-T20): schools with no venue visit in the semester."""
    known, visited = _known_and_visited(session, semester, division)
    decision = schools_missing_visit(known, visited)
    return MissingVisitsOut(
        semester=semester,
        division_code=division,
        schools=len(known),
        missing_school_ids=decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def current_semester(today=None) -> str:
    """The school term of a date: September–January is term 1 of the school year starting that September,
    February–August term 2 of the school year that started the previous September."""
    today = today or clock.now().date()
    if today.month >= 9:
        return f"{today.year}-1"
    if today.month == 1:
        return f"{today.year - 1}-1"
    return f"{today.year - 1}-2"
