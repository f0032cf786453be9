"""Service layer for the person register: validated registration, all-or-nothing CSV import, masked reads."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert
from sqlmodel import Session, select

from hunan_disability.models import Person
from hunan_disability.rules.emergency_assistance import VulnerabilityPolicy, vulnerability_reasons
from hunan_disability.rules.enums import (
    DisabilityCategory,
    DisabilityGrade,
    GuardianStatus,
    HouseholdStatus,
    TekunSupportMode,
)
from hunan_disability.rules.identity import (
    age_on,
    certificate_number,
    check_certificate_number,
    check_id_number,
    mask_id_number,
    mask_phone,
    parse_id_number,
)
from hunan_disability.rules.masking import age_band, mask_name
from hunan_disability.rules.models import PersonFacts
from hunan_disability.schemas.persons import PATCHABLE, PersonIn, PersonOut, PersonPatch
from hunan_disability.use_cases import assistance
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidInput
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

log = logging.getLogger(__name__)

MAX_IMPORT_ROWS = 5000
# What `disability:pii` adds to a person's rendering (ADR 0013); everything else is shown masked or banded.
PII_FIELDS = ("id_number", "certificate_number", "birth_date", "phone", "contact_name", "contact_phone")


class ImportRejected(InvalidInput):
    """A CSV import with at least one bad row: nothing is written; `rows` lists every problem."""

    title = "Import rejected"

    def __init__(self, rows: list[tuple[int, str, str]]):
        # (CSV line number, field, message) → the problem's `errors[]`, one entry per bad field.
        errors = [
            {"field": f"line {line}.{field}", "message": message, "type": "invalid_row"}
            for line, field, message in rows
        ]
        super().__init__(f"{len({r for r, _, _ in rows})} bad row(s); nothing was imported", extra={"errors": errors})
        self.rows = rows


def mask_certificate(number: str) -> str:
    """Certificate numbers embed the identity number: mask that part, keep category and grade digits."""
    return mask_id_number(number[:18]) + number[18:]


def masked_fields(person: Person) -> dict[str, object]:
    """The PII fields as a reader without `disability:pii` sees them (ADR 0013): identity and certificate
    numbers masked, no birth date (the age band stands in), phones masked, the contact's name initialled."""
    return {
        "id_number": mask_id_number(person.id_number),
        "certificate_number": mask_certificate(person.certificate_number),
        "birth_date": None,
        "phone": mask_phone(person.phone) if person.phone else None,
        "contact_name": mask_name(person.contact_name),
        "contact_phone": mask_phone(person.contact_phone) if person.contact_phone else None,
    }


def clear_fields(person: Person) -> dict[str, object]:
    """The PII fields in clear, for a caller holding `disability:pii`."""
    return {name: getattr(person, name) for name in PII_FIELDS}


def to_out(person: Person, *, pii: bool, basis: Iterable[Basis] = ()) -> PersonOut:
    data = person.model_dump()
    if not pii:
        data |= masked_fields(person)
    band = age_band(person.birth_date, clock.now().date())
    return PersonOut(**data, age_band=band.label, basis=list(basis))


def facts(person: Person) -> PersonFacts:
    """The register row as the pure rules see it."""
    return PersonFacts(
        person_id=person.id,
        category=DisabilityCategory(person.category),
        grade=DisabilityGrade(person.grade),
        residence_division_code=person.division_code,
        household_status=HouseholdStatus(person.household_status),
        anti_relapse_monitored=person.anti_relapse_monitored,
        lives_alone=person.lives_alone,
        guardian=GuardianStatus(person.guardian),
        other_carer_present=person.other_carer_present,
        orphan_or_unsupported_child=person.orphan_or_unsupported_child,
        home_isolated=person.home_isolated,
        tekun_support=TekunSupportMode(person.tekun_support) if person.tekun_support else None,
        age=age_on(person.birth_date, clock.now().date()),
    )


class NewPerson(dict[str, Any]):
    """The column values of a person about to be inserted (a plain dict: imports build hundreds of thousands, and
    a SQLModel instance costs more to build than all the checks); `Person(**row)` for a single registration."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _build(cmd: PersonIn) -> tuple[NewPerson, tuple[Basis, ...]]:
    """A new person row from a validated command; raises InvalidInput when the certificate number disagrees."""
    today = clock.now().date()
    identity = parse_id_number(cmd.id_number, today)
    derived = certificate_number(identity.number, cmd.category, DisabilityGrade(cmd.grade), today)
    check = check_certificate_number(cmd.certificate_number or derived, today, identity.number)
    if not check.value or (cmd.certificate_number and cmd.certificate_number.upper() != derived):
        why = check.reason if not check.value else "category or grade digits differ from the registered disability"
        raise InvalidInput(f"certificate_number: {why} (R81)", basis=check.basis)
    person = NewPerson(
        id=new_id(),
        id_number=identity.number,
        sex=identity.sex.value,
        birth_date=identity.birth_date,
        category=int(cmd.category),
        grade=cmd.grade,
        certificate_number=derived,
        component_categories="".join(str(int(c)) for c in sorted(set(cmd.component_categories))),
        **cmd.model_dump(
            mode="json", exclude={"id_number", "category", "component_categories", "grade", "certificate_number"}
        ),
        created_at=clock.now(),
    )
    return person, check_id_number(identity.number, today).basis + check.basis


def register(uow: UnitOfWork, cmd: PersonIn, policy: VulnerabilityPolicy, *, pii: bool) -> PersonOut:
    """Register one person; a vulnerable person (R-E1 (a)–(g)) in a county covered by an open disaster gets a
    case there at once, exactly as a PATCH that makes someone vulnerable does."""
    row, basis = _build(cmd)
    if uow.session.exec(select(Person.id).where(Person.id_number == row.id_number)).first():
        raise Conflict("a person with this identity number is already registered")
    person = uow.repo(Person).add(Person(**row))
    # Logs and the audit trail keep the masked form only: they are read by operators and auditors.
    log.info(
        "person registered",
        extra={
            "person_id": person.id,
            "id_number": mask_id_number(person.id_number),
            "division_code": person.division_code,
        },
    )
    uow.audit("person.register", "person", person.id, after=to_out(person, pii=False))
    assistance.open_cases_for_persons(uow, [person.id], [person.division_code], policy)
    return to_out(person, pii=pii, basis=basis)


def _merged_command(person: Person, patch: PersonPatch) -> PersonIn:
    """The person as a registration command with the patch applied, checked by the registration rules."""
    data = {name: getattr(person, name) for name in PersonIn.model_fields if name != "certificate_number"}
    data["component_categories"] = [int(c) for c in person.component_categories]
    changes = patch.model_dump(mode="json", include=patch.model_fields_set)
    if "category" in changes and "component_categories" not in changes and changes["category"] != 7:
        data["component_categories"] = []  # leaving 多重 drops its components unless new ones are sent
    data |= {k: v for k, v in changes.items() if k != "certificate_number"}
    data["certificate_number"] = changes.get("certificate_number")
    try:
        return PersonIn.model_validate(data)
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"], "type": e["type"]}
            for e in exc.errors()
        ]
        raise InvalidInput(
            "the changed record breaks a registration rule; nothing was changed", extra={"errors": errors}
        ) from None


def update(uow: UnitOfWork, person_id: str, patch: PersonPatch, policy: VulnerabilityPolicy, *, pii: bool) -> PersonOut:
    """Change the mutable facts (PATCH): the merged record passes the registration checks or nothing is written.

    The certificate number is re-derived from the identity number and the (new) category and grade (R81). A
    person newly vulnerable (R-E1 (a)–(g)) in a county covered by an open disaster gets a case there.
    """
    person = uow.repo(Person).for_update(person_id)
    was_vulnerable = bool(vulnerability_reasons(facts(person), policy))
    cmd = _merged_command(person, patch)
    built, basis = _build(cmd)  # certificate re-derived and checked against a number sent
    changed = [
        name for name in PATCHABLE if name != "certificate_number" and getattr(built, name) != getattr(person, name)
    ]
    if built.certificate_number != person.certificate_number:
        changed.append("certificate_number")
    moved = built.division_code != person.division_code

    def audit_view(row: Person) -> dict[str, object]:
        masked = to_out(row, pii=False)  # the audit trail keeps the masked form only
        return {k: getattr(masked, k) for k in changed}

    with uow.audited_change("person.update", person, render=audit_view):
        for name in changed:
            setattr(person, name, getattr(built, name))
        uow.session.add(person)
    log.info("person updated", extra={"person_id": person.id, "fields": changed})
    if bool(vulnerability_reasons(facts(person), policy)) and (not was_vulnerable or moved):
        assistance.open_cases_for_persons(uow, [person.id], [person.division_code], policy)
    return to_out(person, pii=pii, basis=basis)


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    try:
        return _parse_rows(text)
    except csv.Error as exc:  # e.g. a bare carriage return inside an unquoted field
        raise InvalidInput(f"the CSV cannot be read: {exc}") from None


def _parse_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    check_header(reader.fieldnames)
    rows = [(reader.line_num, row) for row in reader]
    if not rows:
        raise InvalidInput("the CSV has no data rows")
    if len(rows) > MAX_IMPORT_ROWS:
        raise InvalidInput(f"at most {MAX_IMPORT_ROWS} rows per import")
    return rows


def check_header(fieldnames: Sequence[str] | None) -> None:
    """The CSV's header names known columns and every required one (HTTP and bulk imports alike)."""
    if not fieldnames:
        raise InvalidInput("the CSV has no header row")
    unknown = sorted(set(fieldnames) - set(PersonIn.model_fields))
    missing = sorted(n for n, f in PersonIn.model_fields.items() if f.is_required() and n not in fieldnames)
    if unknown or missing:
        raise InvalidInput(f"CSV header: unknown columns {unknown}, missing columns {missing}")


def _command(row: dict[str, str | None]) -> dict[str, object]:
    """CSV cells → PersonIn input: empty cells are absent; component categories as digits ('24')."""
    data: dict[str, object] = {k: v.strip() for k, v in row.items() if k is not None and v is not None and v.strip()}
    if "component_categories" in data:
        data["component_categories"] = list(str(data["component_categories"]).replace(",", "").replace(" ", ""))
    return data


def import_csv(uow: UnitOfWork, text: str, policy: VulnerabilityPolicy, *, can_read: bool) -> dict[str, object]:
    """Bulk registration 批量导入: every row is validated first; one bad row rejects the whole file.

    The rejection lists every bad row with its reasons (never echoing identity numbers). Rows of persons
    already registered are named only to a caller who may read the register (`can_read`); anyone else
    learns that the file conflicts with the register, not which rows (no membership oracle). Valid files
    are written with one multi-row INSERT in the caller's transaction, and the vulnerable persons among
    them join the open disasters of their counties like any registration.
    """
    problems, people, first_line = validate_rows(_rows(text))
    if people:
        known = registered_ids(uow.session, list(first_line))
        if known and not can_read:
            problems.append((0, "file", MEMBERSHIP_HIDDEN))
        elif known:
            problems += [(first_line[n], "id_number", "already registered") for n in sorted(known)]
    if problems:
        log.info("person import rejected", extra={"bad_rows": len({r for r, _, _ in problems})})
        raise ImportRejected(sorted(problems))
    insert_persons(uow, people, policy)
    return {"imported": len(people), "person_ids": [p.id for p in people]}


MEMBERSHIP_HIDDEN = (
    "some rows conflict with the register; a caller with disability:read sees which (nothing was imported)"
)


def registered_ids(session: Session, id_numbers: list[str]) -> set[str]:
    """Which of these identity numbers are already registered."""
    return set(session.exec(select(Person.id_number).where(Person.id_number.in_(id_numbers))).all())


def insert_persons(uow: UnitOfWork, people: list[NewPerson], policy: VulnerabilityPolicy) -> None:
    """Write validated new persons (one multi-row INSERT), audit masked, and open their cases in open disasters."""
    uow.session.execute(insert(Person), people)
    log.info(
        "persons imported",
        extra={"count": len(people), "id_numbers": [mask_id_number(p.id_number) for p in people[:3]]},
    )
    uow.audit(
        "person.import",
        "person",
        None,
        after={
            "count": len(people),
            "persons": [{"id": p.id, "id_number": mask_id_number(p.id_number)} for p in people],
        },
    )
    assistance.open_cases_for_persons(uow, [p.id for p in people], sorted({p.division_code for p in people}), policy)


def validate_rows(
    rows: Iterable[tuple[int, dict[str, str | None]]],
) -> tuple[list[tuple[int, str, str]], list[NewPerson], dict[str, int]]:
    """Check CSV rows against the registration rules: (problems, valid persons, first line per identity number).
    Messages never echo an identity number."""
    problems: list[tuple[int, str, str]] = []
    people: list[NewPerson] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        if None in row:
            problems.append((line, "row", "more cells than header columns"))
            continue
        try:
            person, _ = _build(PersonIn.model_validate(_command(row)))
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(p) for p in error["loc"]) or "row"
                problems.append((line, field, error["msg"]))
            continue
        except InvalidInput as exc:
            problems.append((line, "certificate_number", exc.detail))
            continue
        if person.id_number in first_line:
            problems.append((line, "id_number", f"duplicate of line {first_line[person.id_number]}"))
            continue
        first_line[person.id_number] = line
        people.append(person)
    return problems, people, first_line


def get_row(session: Session, person_id: str) -> Person:
    return Repository(session, Person).get(person_id)


def get(session: Session, person_id: str, *, pii: bool) -> PersonOut:
    return to_out(get_row(session, person_id), pii=pii)


def list_persons(session: Session, page: PageParams, *, pii: bool, division: str | None = None) -> Page[PersonOut]:
    query = select(Person).order_by(Person.created_at, Person.id)
    if division:
        query = query.where(in_division(Person.division_code, division))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, lambda p: to_out(p, pii=pii))
