"""Service layer for assistance cases and the liaison roster: reads, visits, temporary care, roster changes."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import AssistanceCase, Liaison, Person
from hunan_disability.rules.emergency_assistance import (
    R57,
    CaseAction,
    CaseStatus,
    contact_channels,
    transition_case,
)
from hunan_disability.rules.enums import DisabilityCategory, GuardianStatus
from hunan_disability.schemas.cases import AssistanceCaseOut, LiaisonIn, LiaisonOut
from hunan_disability.use_cases import assistance
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidTransition, NotFound, rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _out(case: AssistanceCase, person: Person, extra_basis=()) -> AssistanceCaseOut:
    channels = contact_channels(
        DisabilityCategory(person.category),
        [DisabilityCategory(int(c)) for c in person.component_categories],
        GuardianStatus(person.guardian),
    )
    return AssistanceCaseOut(
        **case.model_dump(),
        contact_channels=[c.value for c in channels.value],
        basis=list(channels.basis) + list(extra_basis),
    )


def get(session: Session, case_id: int) -> AssistanceCaseOut:
    row = session.exec(select(AssistanceCase, Person).join(Person).where(AssistanceCase.id == case_id)).first()
    if row is None:
        raise NotFound(f"no assistance case {case_id}")
    return _out(*row)


def list_cases(
    session: Session,
    page: PageParams,
    *,
    disaster_id: str | None = None,
    division: str | None = None,
    status: str | None = None,
) -> Page[AssistanceCaseOut]:
    query = select(AssistanceCase, Person).join(Person).order_by(AssistanceCase.id)
    if disaster_id:
        query = query.where(AssistanceCase.disaster_id == disaster_id)
    if division:
        query = query.where(in_division(AssistanceCase.division_code, division))
    if status:
        query = query.where(AssistanceCase.status == status)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda row: _out(*row))


def _case(uow: UnitOfWork, case_id: int) -> AssistanceCase:
    return uow.repo(AssistanceCase, noun="assistance case").for_update(case_id)


def record_visit(uow: UnitOfWork, case_id: int) -> AssistanceCaseOut:
    """The liaison visited (走访探视, R56): liaison_assigned → visited; every visit is counted.

    A visit after the disaster closed also closes the case when nothing else keeps it open.
    """
    case = _case(uow, case_id)
    with rule_errors():
        step = transition_case(CaseStatus(case.status), CaseAction.RECORD_VISIT)
    with uow.audited_change(
        "case.record_visit",
        case,
        render=lambda c: {"status": c.status, "visits": c.visits},
        target_type="assistance_case",
    ) as change:
        case.status = step.after
        case.visits += 1
        case.last_visit_at = clock.now()
        assistance.close_if_done(uow.session, case)
        uow.session.add(case)
        change.after = {"status": case.status, "visits": case.visits, "at": case.last_visit_at}
    return _out(case, uow.repo(Person).get(case.person_id))


def set_temporary_care(uow: UnitOfWork, case_id: int, active: bool) -> AssistanceCaseOut:
    """专栏6·6 (R57): flag that temporary care 临时生活照护 is being provided, or that it ended.

    Ending it after the disaster closed closes the case if it was visited (T-20).
    """
    case = _case(uow, case_id)
    if CaseStatus(case.status) in (CaseStatus.CLOSED, CaseStatus.CANCELLED):
        raise InvalidTransition(f"the case is {case.status}: temporary care cannot change")
    with uow.audited_change(
        "case.temporary_care",
        case,
        render=lambda c: {"needs_temporary_care": c.needs_temporary_care, "status": c.status},
        target_type="assistance_case",
    ):
        case.needs_temporary_care = active
        if not active:
            assistance.close_if_done(uow.session, case)
        uow.session.add(case)
    return _out(case, uow.repo(Person).get(case.person_id), extra_basis=(R57,))


def add_liaison(uow: UnitOfWork, cmd: LiaisonIn) -> LiaisonOut:
    """Add a liaison to a county's roster; cases that were waiting for one in open disasters are handed out."""
    liaison = Liaison(
        id=new_id(), name=cmd.name, division_code=cmd.division_code, phone=cmd.phone, created_at=clock.now()
    )
    uow.repo(Liaison).add(liaison)
    assigned = assistance.assign_waiting_cases(uow.session, cmd.division_code)
    out = LiaisonOut(**liaison.model_dump(), assigned_now=assigned)
    uow.audit("liaison.add", "liaison", liaison.id, after=out)
    return out


def list_liaisons(session: Session, page: PageParams, division: str | None = None) -> Page[LiaisonOut]:
    query = select(Liaison).order_by(Liaison.division_code, Liaison.id)
    if division:
        query = query.where(in_division(Liaison.division_code, division))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda liaison: LiaisonOut(**liaison.model_dump()))
