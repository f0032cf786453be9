"""Service layer for the two subsidies (两项补贴): eligibility with basis and grants (资格认定)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlmodel import Session, select

from hunan_disability.models import Person, SubsidyGrant
from hunan_disability.rules.enums import DisabilityCategory, DisabilityGrade, HouseholdStatus
from hunan_disability.rules.subsidies import (
    EXTENSION_SWITCHES,
    LivingSubsidyPolicy,
    NursingSubsidyPolicy,
    SubsidyProgram,
    living_subsidy_eligibility,
    nursing_subsidy_eligibility,
)
from hunan_disability.schemas.subsidy_grants import Eligibility, GrantIn, GrantOut, GrantStopIn, PersonSubsidiesOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases.persons import get_row
from hunan_disability.use_cases.subsidy_extensions import load_choices, switches_for
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, RuleViolation
from hunan_shared.legal import Decision
from hunan_shared.uow import UnitOfWork, new_id


def living_policy(settings: DisabilitySettings, switches: Mapping[str, bool] | None = None) -> LivingSubsidyPolicy:
    """R5 with the extension switches in force in the person's division (`switches`), else the settings'."""
    on = switches if switches is not None else {s: getattr(settings, s) for s in EXTENSION_SWITCHES}
    return LivingSubsidyPolicy(
        extend_to_marginal=on["living_subsidy_ext_marginal"],
        extend_to_other_hardship=on["living_subsidy_ext_other_hardship"],
        exclude_tekun=settings.living_subsidy_exclude_tekun,
        exclude_orphan_allowance=settings.living_subsidy_exclude_orphan_allowance,
    )


def nursing_policy(settings: DisabilitySettings, switches: Mapping[str, bool] | None = None) -> NursingSubsidyPolicy:
    """R6 with the extension switches in force in the person's division (`switches`), else the settings'."""
    on = switches if switches is not None else {s: getattr(settings, s) for s in EXTENSION_SWITCHES}
    return NursingSubsidyPolicy(
        extend_to_nonsevere_intellectual_mental=on["nursing_subsidy_ext_nonsevere_intellectual_mental"],
        extend_to_other=on["nursing_subsidy_ext_other"],
        severe_grades=frozenset(DisabilityGrade(g) for g in settings.severe_grades),
    )


def eligibility(
    person: Person, program: SubsidyProgram, settings: DisabilitySettings, switches: Mapping[str, bool] | None = None
) -> Decision[bool]:
    """R5/R6 on the register row, with the extensions in force in the person's division (`switches`, from
    `subsidy_extensions.switches_for`). Registered persons hold a certificate and reside in a Hunan county."""
    if program is SubsidyProgram.LIVING:
        status = HouseholdStatus(person.household_status)
        return living_subsidy_eligibility(
            status,
            holds_valid_certificate=True,
            has_local_hukou_or_residence=True,
            other_hardship=status is HouseholdStatus.LOW_INCOME or person.anti_relapse_monitored,
            receives_orphan_allowance=person.orphan_or_unsupported_child,
            policy=living_policy(settings, switches),
        )
    return nursing_subsidy_eligibility(
        DisabilityCategory(person.category),
        DisabilityGrade(person.grade),
        person.needs_long_term_care,
        holds_valid_certificate=True,
        has_local_hukou_or_residence=True,
        policy=nursing_policy(settings, switches),
    )


def person_subsidies(session: Session, person_id: str, settings: DisabilitySettings) -> PersonSubsidiesOut:
    person = get_row(session, person_id)
    switches = switches_for(load_choices(session), settings)(person.division_code)
    decisions = []
    for program in SubsidyProgram:
        decision = eligibility(person, program, settings, switches)
        decisions.append(
            Eligibility(program=program, eligible=decision.value, reason=decision.reason, basis=list(decision.basis))
        )
    return PersonSubsidiesOut(person_id=person_id, decisions=decisions)


def _grant_out(row: SubsidyGrant, basis=()) -> GrantOut:
    return GrantOut(**row.model_dump(), basis=list(basis))


def grant(uow: UnitOfWork, cmd: GrantIn, settings: DisabilitySettings) -> GrantOut:
    """Approve a subsidy after the eligibility rule (R5/R6) says yes; refused with its basis otherwise."""
    person = get_row(uow.session, cmd.person_id)
    switches = switches_for(load_choices(uow.session), settings)(person.division_code)
    decision = eligibility(person, cmd.program, settings, switches)
    if not decision.value:
        raise RuleViolation(f"{cmd.program.value}: not eligible: {decision.reason}", basis=decision.basis)
    row = uow.session.exec(
        select(SubsidyGrant).where(SubsidyGrant.person_id == person.id, SubsidyGrant.program == cmd.program.value)
    ).first()
    before = _grant_out(row) if row else None
    if row is not None and row.stopped_on is None:
        raise Conflict(f"{cmd.program.value} is already granted to this person (grant {row.id})")
    if row is None:
        row = SubsidyGrant(
            id=new_id(),
            person_id=person.id,
            program=cmd.program.value,
            approved_on=cmd.approved_on,
            reason=decision.reason,
            created_at=clock.now(),
        )
    else:  # granted again after a stop
        row.approved_on, row.reason, row.stopped_on, row.stop_reason = cmd.approved_on, decision.reason, None, None
    uow.session.add(row)
    uow.session.flush()
    out = _grant_out(row, decision.basis)
    uow.audit("subsidy_grant.grant", "subsidy_grant", row.id, before=before, after=out)
    return out


def stop_grant(uow: UnitOfWork, grant_id: str, cmd: GrantStopIn) -> GrantOut:
    """Stop paying a subsidy: months starting after `stopped_on` are not paid (次月停发)."""
    row = uow.repo(SubsidyGrant).for_update(grant_id)
    if row.stopped_on is not None:
        raise Conflict(f"grant {grant_id} was already stopped on {row.stopped_on}")
    if cmd.stopped_on < row.approved_on:
        raise RuleViolation("stopped_on is before the approval")
    with uow.audited_change("subsidy_grant.stop", row, render=_grant_out):
        row.stopped_on, row.stop_reason = cmd.stopped_on, cmd.reason
        uow.session.add(row)
    return _grant_out(row)


def list_grants(
    session: Session,
    page: PageParams,
    person_id: str | None = None,
    program: SubsidyProgram | None = None,
    active_on: dt.date | None = None,
) -> Page[GrantOut]:
    query = select(SubsidyGrant).order_by(SubsidyGrant.created_at, SubsidyGrant.id)
    if person_id:
        query = query.where(SubsidyGrant.person_id == person_id)
    if program:
        query = query.where(SubsidyGrant.program == program.value)
    if active_on:
        query = query.where(
            SubsidyGrant.approved_on <= active_on,
            (SubsidyGrant.stopped_on.is_(None)) | (SubsidyGrant.stopped_on >= active_on),
        )
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, _grant_out)
