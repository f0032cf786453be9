"""Service layer for single-person 低保 applications (专栏3·资金类·1, R2): apply, then the county's decision."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import DibaoApplication, Person
from hunan_disability.rules.enums import DisabilityGrade, HouseholdStatus
from hunan_disability.rules.social_assistance import (
    DibaoApplicationStatus,
    single_person_dibao_decision,
    single_person_dibao_route,
)
from hunan_disability.schemas.dibao_applications import DibaoApplicationIn, DibaoApplicationOut, DibaoDecisionIn
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, RuleViolation, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: DibaoApplication, basis=(), household_status: str | None = None) -> DibaoApplicationOut:
    return DibaoApplicationOut(
        **row.model_dump(exclude={"created_at"}), household_status=household_status, basis=list(basis)
    )


def apply(uow: UnitOfWork, cmd: DibaoApplicationIn) -> DibaoApplicationOut:
    """Record an application if the R2 route applies (severe grade, 低保-marginal household, the person's own
    application or a guardian's for a person lacking capacity); refused with the rule's reason otherwise."""
    person = uow.repo(Person).get(cmd.person_id)
    route = single_person_dibao_route(
        DisabilityGrade(person.grade), HouseholdStatus(person.household_status), cmd.applicant, cmd.lacks_capacity
    )
    if not route.value:
        raise RuleViolation(f"the single-person 低保 route does not apply: {route.reason}", basis=route.basis)
    pending = uow.session.exec(
        select(DibaoApplication.id).where(
            DibaoApplication.person_id == person.id, DibaoApplication.status == DibaoApplicationStatus.SUBMITTED
        )
    ).first()
    if pending:
        raise Conflict(f"application {pending} of this person awaits its decision", basis=route.basis)
    row = uow.repo(DibaoApplication).add(
        DibaoApplication(
            id=new_id(),
            person_id=person.id,
            applicant=cmd.applicant,
            lacks_capacity=cmd.lacks_capacity,
            applied_on=cmd.applied_on,
            status=DibaoApplicationStatus.SUBMITTED,
            created_at=clock.now(),
        )
    )
    out = _out(row, route.basis)
    uow.audit("dibao_application.apply", "dibao_application", row.id, after=out)
    return out


def decide(uow: UnitOfWork, application_id: str, cmd: DibaoDecisionIn) -> DibaoApplicationOut:
    """The county's decision: the applicant's own income against the 低保 standard (assessed as one person).
    Approval enrols the person: the register's household status becomes 低保."""
    row = uow.repo(DibaoApplication).for_update(application_id)
    if cmd.decided_on < row.applied_on:
        raise RuleViolation("decided_on is before the application")
    with rule_errors():
        decision = single_person_dibao_decision(
            DibaoApplicationStatus(row.status), cmd.monthly_income, cmd.dibao_standard
        )
    person = uow.repo(Person).for_update(row.person_id)
    with uow.audited_change("dibao_application.decide", row, render=_out, target_type="dibao_application") as change:
        row.status = decision.value
        row.monthly_income, row.dibao_standard = cmd.monthly_income, cmd.dibao_standard
        row.decided_on, row.decision_reason = cmd.decided_on, decision.reason[:300]
        uow.session.add(row)
        if decision.value is DibaoApplicationStatus.APPROVED:
            person.household_status = HouseholdStatus.DIBAO
            uow.session.add(person)
        change.after = out = _out(row, decision.basis, person.household_status)
    return out


def get(session: Session, application_id: str) -> DibaoApplicationOut:
    return _out(Repository(session, DibaoApplication).get(application_id))


def list_applications(
    session: Session,
    page: PageParams,
    person_id: str | None = None,
    status: DibaoApplicationStatus | None = None,
) -> Page[DibaoApplicationOut]:
    where = []
    if person_id:
        where.append(DibaoApplication.person_id == person_id)
    if status:
        where.append(DibaoApplication.status == status)
    return Repository(session, DibaoApplication).page(
        page, *where, order_by=(DibaoApplication.applied_on, DibaoApplication.id), convert=_out
    )
