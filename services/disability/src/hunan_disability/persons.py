"""Service layer for the person register: validated registration and masked reads."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, NotFound
from hunan_shared.uow import UnitOfWork, new_id
from hunan_disability.models import Person
from hunan_disability.rules.enums import DisabilityCategory, DisabilityGrade
from hunan_disability.rules.errors import InvalidIdentityNumber
from hunan_disability.rules.identity import (
    certificate_number,
    check_id_number,
    mask_id_number,
    mask_phone,
    parse_id_number,
)
from hunan_disability.schemas import PersonIn, PersonOut


def to_out(person: Person, *, pii: bool, basis=()) -> PersonOut:
    data = person.model_dump()
    if not pii:
        data["id_number"] = mask_id_number(person.id_number)
        data["certificate_number"] = mask_id_number(person.certificate_number[:18]) + person.certificate_number[18:]
        data["phone"] = mask_phone(person.phone) if person.phone else None
    return PersonOut(**data, basis=list(basis))


def register(uow: UnitOfWork, cmd: PersonIn, *, pii: bool) -> PersonOut:
    today = clock.now().date()
    try:
        identity = parse_id_number(cmd.id_number, today)
    except InvalidIdentityNumber as exc:
        raise InvalidInput(f"id_number: {exc}") from None
    if cmd.category is DisabilityCategory.MULTIPLE and len(set(cmd.component_categories)) < 2:
        raise InvalidInput("a multiple disability (多重) lists at least two component categories")
    if cmd.category is not DisabilityCategory.MULTIPLE and cmd.component_categories:
        raise InvalidInput("component_categories apply only to a multiple disability (category 7)")
    if uow.session.exec(select(Person.id).where(Person.id_number == identity.number)).first():
        raise Conflict("a person with this identity number is already registered")
    person = Person(
        id=new_id(), id_number=identity.number, name=cmd.name, sex=identity.sex.value, birth_date=identity.birth_date,
        category=int(cmd.category), component_categories="".join(str(int(c)) for c in sorted(set(cmd.component_categories))),
        grade=cmd.grade,
        certificate_number=certificate_number(identity.number, cmd.category, DisabilityGrade(cmd.grade), today),
        **cmd.model_dump(include={"division_code", "township", "village", "household_status", "anti_relapse_monitored",
                                  "tekun_support", "lives_alone", "guardian", "other_carer_present",
                                  "orphan_or_unsupported_child", "home_isolated", "phone", "is_demo"}),
        created_at=clock.now(),
    )
    uow.session.add(person)
    uow.session.flush()
    basis = check_id_number(identity.number, today).basis
    # The audit log keeps the masked form: it is read by auditors, not by case workers.
    uow.audit("person.register", "person", person.id, after=to_out(person, pii=False))
    return to_out(person, pii=pii, basis=basis)


def get(session: Session, person_id: str, *, pii: bool) -> PersonOut:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person {person_id}")
    return to_out(person, pii=pii)


def list_persons(session: Session, page: PageParams, *, pii: bool, division: str | None = None) -> Page[PersonOut]:
    query = select(Person).order_by(Person.created_at, Person.id)
    if division:
        query = query.where(Person.division_code.in_([c.code for c in divisions.counties(division)]))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda p: to_out(p, pii=pii))
