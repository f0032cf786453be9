"""Service layer for assistance cases and the liaison roster (reads, visits)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import InvalidTransition, NotFound
from hunan_shared.uow import UnitOfWork, new_id
from hunan_disability.models import AssistanceCase, Liaison, Person
from hunan_disability.rules.emergency_assistance import CaseAction, CaseStatus, contact_channels, transition_case
from hunan_disability.rules.enums import DisabilityCategory, GuardianStatus
from hunan_disability.rules.errors import IllegalCaseTransition
from hunan_disability.schemas import AssistanceCaseOut, LiaisonIn, LiaisonOut


def _out(case: AssistanceCase, person: Person) -> AssistanceCaseOut:
    channels = contact_channels(DisabilityCategory(person.category),
                                [DisabilityCategory(int(c)) for c in person.component_categories],
                                GuardianStatus(person.guardian))
    return AssistanceCaseOut(**case.model_dump(), contact_channels=[c.value for c in channels.value], basis=list(channels.basis))


def get(session: Session, case_id: int) -> AssistanceCaseOut:
    row = session.exec(select(AssistanceCase, Person).join(Person).where(AssistanceCase.id == case_id)).first()
    if row is None:
        raise NotFound(f"no assistance case {case_id}")
    return _out(*row)


def list_cases(session: Session, page: PageParams, *, disaster_id: str | None = None, division: str | None = None,
               status: str | None = None) -> Page[AssistanceCaseOut]:
    query = select(AssistanceCase, Person).join(Person).order_by(AssistanceCase.id)
    if disaster_id:
        query = query.where(AssistanceCase.disaster_id == disaster_id)
    if division:
        query = query.where(AssistanceCase.division_code.in_([c.code for c in divisions.counties(division)]))
    if status:
        query = query.where(AssistanceCase.status == status)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda row: _out(*row))


def record_visit(uow: UnitOfWork, case_id: int) -> AssistanceCaseOut:
    """The liaison visited (走访探视, R56): liaison_assigned → visited; repeating it is harmless."""
    case = uow.session.get(AssistanceCase, case_id)
    if case is None:
        raise NotFound(f"no assistance case {case_id}")
    try:
        step = transition_case(CaseStatus(case.status), CaseAction.RECORD_VISIT)
    except IllegalCaseTransition as exc:
        raise InvalidTransition(str(exc)) from None
    before = case.status
    case.status = step.after.value
    uow.session.add(case)
    uow.session.flush()
    uow.audit("case.record_visit", "assistance_case", str(case_id), before={"status": before},
              after={"status": case.status, "at": clock.now()})
    return _out(case, uow.session.get(Person, case.person_id))


def add_liaison(uow: UnitOfWork, cmd: LiaisonIn) -> LiaisonOut:
    liaison = Liaison(id=new_id(), name=cmd.name, division_code=cmd.division_code, phone=cmd.phone, created_at=clock.now())
    uow.session.add(liaison)
    uow.session.flush()
    out = LiaisonOut(**liaison.model_dump())
    uow.audit("liaison.add", "liaison", liaison.id, after=out)
    return out


def list_liaisons(session: Session, page: PageParams, division: str | None = None) -> Page[LiaisonOut]:
    query = select(Liaison).order_by(Liaison.division_code, Liaison.id)
    if division:
        query = query.where(Liaison.division_code.in_([c.code for c in divisions.counties(division)]))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda l: LiaisonOut(**l.model_dump()))
