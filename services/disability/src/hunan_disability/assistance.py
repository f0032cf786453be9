"""Emergency assistance (急难救助, W6) at provincial scale: set-based SQL driven by the pure rules.

Which persons get a case is decided by `rules.emergency_assistance.vulnerability_reasons`; the SQL clause
below is the same predicate over the register (a unit test checks both agree on a synthetic register).
Opening, assigning liaisons, marking supplied and closing are each a few INSERT … SELECT / UPDATE
statements, never a Python loop over persons, so a city of 100 000 vulnerable persons opens in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Integer, and_, cast, false, func, insert, literal, or_, select, update
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from hunan_disability.models import AssistanceCase, DisasterRecord, Liaison, Person, SupplyRequest
from hunan_disability.rules.emergency_assistance import (
    COGNITIVE_CATEGORIES,
    CaseAction,
    CaseStatus,
    ResponseLevel,
    VulnerabilityPolicy,
    aggregate_supply_request,
    assign_liaisons,
    contact_channels,
    transition_case,
    visit_schedule,
)
from hunan_disability.rules.enums import (
    HARDSHIP_STATUSES,
    DisabilityCategory,
    DisabilityGrade,
    GuardianStatus,
    TekunSupportMode,
)
from hunan_disability.settings import DisabilitySettings
from hunan_shared import clock, divisions
from hunan_shared.db import AwareDateTime
from hunan_shared.events.catalogue import (
    AccessibilityNeedsSummarized,
    AssistanceOpened,
    DivisionSupplyDemand,
    SuppliesRequested,
    SupplyLine,
)
from hunan_shared.uow import UnitOfWork, new_id

OPEN_STATUSES = (CaseStatus.OPENED, CaseStatus.LIAISON_ASSIGNED, CaseStatus.VISITED, CaseStatus.SUPPLIED)


def policy_from(settings: DisabilitySettings) -> VulnerabilityPolicy:
    return VulnerabilityPolicy(
        hardship=settings.vulnerability_hardship,
        intellectual_mental_multiple=settings.vulnerability_cognitive,
        home_isolated=settings.vulnerability_home_isolated,
        tekun_dispersed=settings.vulnerability_tekun_dispersed,
        severe_grades=frozenset(DisabilityGrade(g) for g in settings.severe_grades),
    )


def vulnerable_clause(policy: VulnerabilityPolicy) -> ColumnElement[bool]:
    """SQL form of `vulnerability_reasons(person, policy) != []` (R-E1 (a)–(g) on R17, R56–R57)."""
    p = Person
    terms: list[ColumnElement[bool]] = []
    if policy.hardship:
        terms.append(or_(p.household_status.in_([s.value for s in HARDSHIP_STATUSES]), p.anti_relapse_monitored))
    if policy.severe:
        terms.append(p.grade.in_([int(g) for g in policy.severe_grades]))
    if policy.guardian_or_orphan:
        terms.append(or_(p.guardian == GuardianStatus.GUARDIAN_UNABLE.value, p.orphan_or_unsupported_child))
    if policy.intellectual_mental_multiple:
        terms.append(p.category.in_([int(c) for c in COGNITIVE_CATEGORIES]))
    if policy.lives_alone:
        terms.append(p.lives_alone)
    if policy.home_isolated:
        terms.append(p.home_isolated)
    if policy.tekun_dispersed:
        terms.append(p.tekun_support == TekunSupportMode.DISPERSED.value)
    return or_(*terms) if terms else false()


def temporary_care_clause() -> ColumnElement[bool]:
    """SQL form of `needs_temporary_care(...)` is not None (专栏6·6, R57): guardian unable and nobody caring."""
    return and_(Person.guardian == GuardianStatus.GUARDIAN_UNABLE.value, ~Person.other_carer_present)


@dataclass(frozen=True)
class OpeningResult:
    disaster_id: str
    opened_by_division: dict[str, int]
    temporary_care_by_division: dict[str, int]
    without_liaison_by_division: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.opened_by_division.values())


def record_disaster(session: Session, disaster_id: str, hazard: str, level: str, declared_at: dt.datetime) -> DisasterRecord:
    record = session.get(DisasterRecord, disaster_id)
    if record is None:
        record = DisasterRecord(id=disaster_id, hazard=hazard, response_level=level, declared_at=declared_at)
        session.add(record)
        session.flush()
    return record


def open_cases(uow: UnitOfWork, disaster_id: str, level: ResponseLevel, division_codes: list[str],
               policy: VulnerabilityPolicy) -> OpeningResult:
    """Open a case for every vulnerable registered person in the divisions (once per person and disaster),
    assign liaisons, and announce the opening and the supplies needed."""
    session = uow.session
    counties = divisions.expand_to_counties(division_codes)
    now = clock.now()
    first_contact = visit_schedule(now, level)[0]
    already = select(AssistanceCase.person_id).where(AssistanceCase.disaster_id == disaster_id)
    candidates = select(
        literal(disaster_id), Person.id, Person.division_code, literal(CaseStatus.OPENED.value),
        temporary_care_clause(), literal(level.value), literal(now, AwareDateTime()), literal(first_contact, AwareDateTime()),
    ).where(Person.division_code.in_(counties), vulnerable_clause(policy), Person.id.not_in(already))
    session.execute(insert(AssistanceCase).from_select(
        ["disaster_id", "person_id", "division_code", "status", "needs_temporary_care", "response_level",
         "opened_at", "first_contact_due"], candidates))

    opened_rows = session.execute(
        select(AssistanceCase.division_code, func.count(), func.sum(cast(AssistanceCase.needs_temporary_care, Integer)))
        .where(AssistanceCase.disaster_id == disaster_id, AssistanceCase.opened_at == literal(now, AwareDateTime()))
        .group_by(AssistanceCase.division_code)
    ).all()
    opened = {code: count for code, count, _ in opened_rows}
    temporary_care = {code: int(care or 0) for code, _, care in opened_rows}
    without_liaison = {code: n for code in sorted(opened) if (n := assign_county_liaisons(session, disaster_id, code))}
    result = OpeningResult(disaster_id, opened, temporary_care, without_liaison)
    if result.total:
        announce_opening(uow, result, now)
    uow.audit("assistance.open", "disaster", disaster_id, after={"opened": opened, "without_liaison": without_liaison})
    return result


def assign_county_liaisons(session: Session, disaster_id: str, county: str) -> int:
    """Give the county's unassigned cases to its liaisons, least-loaded first (R56 包保联系人).

    The pure rule decides how many cases each liaison takes (balanced over every open case they hold, in
    any disaster); SQL hands each liaison the lowest-id cases still unassigned. Returns how many cases remain
    without a liaison (no active roster in the county).
    """
    unassigned = select(AssistanceCase.id).where(
        AssistanceCase.disaster_id == disaster_id, AssistanceCase.division_code == county,
        AssistanceCase.liaison_id.is_(None), AssistanceCase.status == CaseStatus.OPENED.value)
    waiting = session.scalar(select(func.count()).select_from(unassigned.subquery())) or 0
    if not waiting:
        return 0
    loads = dict(session.execute(
        select(Liaison.id, func.count(AssistanceCase.id))
        .join(AssistanceCase, and_(AssistanceCase.liaison_id == Liaison.id,
                                   AssistanceCase.status.in_([s.value for s in OPEN_STATUSES])), isouter=True)
        .where(Liaison.division_code == county, Liaison.active)
        .group_by(Liaison.id)
    ).all())
    if not loads:
        return waiting
    quotas = Counter(assign_liaisons([str(i) for i in range(waiting)], loads).values())
    target = transition_case(CaseStatus.OPENED, CaseAction.ASSIGN_LIAISON).after
    for liaison_id in sorted(quotas):
        # Re-ranked on every statement: the cases handed out just before no longer match `unassigned`.
        ranked = unassigned.add_columns(func.row_number().over(order_by=AssistanceCase.id).label("rank")).subquery()
        session.execute(
            update(AssistanceCase)
            .where(AssistanceCase.id.in_(select(ranked.c.id).where(ranked.c.rank <= quotas[liaison_id])))
            .values(liaison_id=liaison_id, status=target.value)
            .execution_options(synchronize_session=False)
        )
    return 0


def assign_waiting_cases(session: Session, county: str) -> int:
    """After a liaison joins a county's roster: hand out the cases of open disasters that were left waiting."""
    disasters = session.scalars(
        select(AssistanceCase.disaster_id).distinct()
        .join(DisasterRecord, DisasterRecord.id == AssistanceCase.disaster_id)
        .where(AssistanceCase.division_code == county, AssistanceCase.liaison_id.is_(None),
               AssistanceCase.status == CaseStatus.OPENED.value, ~DisasterRecord.closed)
        .order_by(AssistanceCase.disaster_id)
    ).all()
    before = _waiting(session, county)
    for disaster_id in disasters:
        assign_county_liaisons(session, disaster_id, county)
    return before - _waiting(session, county)


def _waiting(session: Session, county: str) -> int:
    return session.scalar(select(func.count()).select_from(AssistanceCase).where(
        AssistanceCase.division_code == county, AssistanceCase.liaison_id.is_(None),
        AssistanceCase.status == CaseStatus.OPENED.value)) or 0


def announce_opening(uow: UnitOfWork, result: OpeningResult, now: dt.datetime) -> None:
    """One summary event per division, one supplies request, one accessibility summary (counts only)."""
    for code, count in sorted(result.opened_by_division.items()):
        uow.emit(AssistanceOpened(disaster_id=result.disaster_id, division_code=code, cases_opened=count,
                                  needing_temporary_care=result.temporary_care_by_division.get(code, 0), opened_at=now))
    request = aggregate_supply_request(result.opened_by_division)
    request_id = new_id()
    uow.session.add(SupplyRequest(id=request_id, disaster_id=result.disaster_id, persons=result.total, requested_at=now))
    uow.emit(SuppliesRequested(
        request_id=request_id, disaster_id=result.disaster_id, requested_at=now,
        demands=[DivisionSupplyDemand(division_code=code, persons=result.opened_by_division[code],
                                      lines=[SupplyLine(item=item, quantity=qty) for item, qty in items.items()])
                 for code, items in request.items()],
    ))
    uow.emit(AccessibilityNeedsSummarized(
        disaster_id=result.disaster_id, division_codes=sorted(result.opened_by_division),
        channel_counts=channel_counts(uow.session, result.disaster_id, opened_at=now), summarized_at=now,
    ))


def channel_counts(session: Session, disaster_id: str, opened_at: dt.datetime | None = None) -> dict[str, int]:
    """Persons per contact channel (R56, R60), from one GROUP BY over the distinct channel inputs.

    With `opened_at`, only the cases of that opening batch (the divisions the summary event names).
    """
    query = (
        select(Person.category, Person.component_categories, Person.guardian, func.count())
        .join(AssistanceCase, AssistanceCase.person_id == Person.id)
        .where(AssistanceCase.disaster_id == disaster_id)
    )
    if opened_at is not None:
        query = query.where(AssistanceCase.opened_at == literal(opened_at, AwareDateTime()))
    rows = session.execute(
        query
        .group_by(Person.category, Person.component_categories, Person.guardian)
    ).all()
    counts: Counter[str] = Counter()
    for category, components, guardian, n in rows:
        channels = contact_channels(DisabilityCategory(category), [DisabilityCategory(int(c)) for c in components],
                                    GuardianStatus(guardian)).value
        for channel in channels:
            counts[channel.value] += n
    return dict(sorted(counts.items()))


def declare(uow: UnitOfWork, disaster_id: str, hazard: str, level: ResponseLevel, division_codes: list[str],
            declared_at: dt.datetime, policy: VulnerabilityPolicy) -> OpeningResult | None:
    """disaster.declared: remember the disaster and open cases; a declaration of a closed disaster opens nothing."""
    record = record_disaster(uow.session, disaster_id, hazard, level.value, declared_at)
    if record.closed:
        return None
    return open_cases(uow, disaster_id, ResponseLevel(record.response_level), division_codes, policy)


def extend_cases(uow: UnitOfWork, disaster_id: str, hazard: str, level: ResponseLevel, added: list[str],
                 all_divisions: list[str], extended_at: dt.datetime, policy: VulnerabilityPolicy) -> OpeningResult | None:
    """disaster.divisions_extended: open cases in the added divisions only.

    If the declaration never reached this service (it arrived later, or was dead-lettered), the event itself
    carries the disaster's full division list, so every division is covered; persons who already hold a case
    are skipped by `open_cases`.
    """
    record = uow.session.get(DisasterRecord, disaster_id)
    if record is None:
        record = record_disaster(uow.session, disaster_id, hazard, level.value, extended_at)
        added = all_divisions
    if record.closed:
        return None
    return open_cases(uow, disaster_id, ResponseLevel(record.response_level), added, policy)


def change_level(uow: UnitOfWork, disaster_id: str, hazard: str, level: ResponseLevel, division_codes: list[str],
                 changed_at: dt.datetime, policy: VulnerabilityPolicy) -> OpeningResult | None:
    """disaster.level_changed: the new level applies to cases opened from now on (visit plans follow it), and
    the divisions are swept again, so persons registered since the declaration get their case."""
    record = uow.session.get(DisasterRecord, disaster_id)
    if record is None:
        record = record_disaster(uow.session, disaster_id, hazard, level.value, changed_at)
    if record.closed:
        return None
    before = record.response_level
    record.response_level = level.value
    uow.session.add(record)
    uow.audit("disaster.level_changed", "disaster", disaster_id, before={"level": before}, after={"level": level.value})
    return open_cases(uow, disaster_id, level, division_codes, policy)


def mark_supplied(uow: UnitOfWork, disaster_id: str, division_codes: list[str]) -> int:
    """Cases of the disaster in the delivered divisions become `supplied` where the case rules allow it."""
    allowed = [s.value for s in CaseStatus if _allows(s, CaseAction.MARK_SUPPLIED)]
    counties = divisions.expand_to_counties(division_codes)
    now = clock.now()
    result = uow.session.execute(
        update(AssistanceCase)
        .where(AssistanceCase.disaster_id == disaster_id, AssistanceCase.division_code.in_(counties),
               AssistanceCase.status.in_(allowed))
        .values(status=CaseStatus.SUPPLIED.value, supplied_at=now)
        .execution_options(synchronize_session=False)
    )
    uow.audit("assistance.mark_supplied", "disaster", disaster_id, after={"divisions": counties, "cases": result.rowcount})
    return result.rowcount


def close_cases(uow: UnitOfWork, disaster_id: str) -> int:
    """When the disaster closes, close the cases the rules allow to close (visited or supplied, no care pending).

    The others stay open: a case not yet visited closes at its visit, one in temporary care when the care
    ends (T-20); see `close_if_done`.
    """
    record = uow.session.get(DisasterRecord, disaster_id)
    if record is not None:
        record.closed = True
        uow.session.add(record)
    allowed = [s.value for s in CaseStatus if _allows(s, CaseAction.CLOSE)]
    result = uow.session.execute(
        update(AssistanceCase)
        .where(AssistanceCase.disaster_id == disaster_id, AssistanceCase.status.in_(allowed),
               ~AssistanceCase.needs_temporary_care)
        .values(status=CaseStatus.CLOSED.value, closed_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    uow.audit("assistance.close", "disaster", disaster_id, after={"cases_closed": result.rowcount})
    return result.rowcount


def close_if_done(session: Session, case: AssistanceCase) -> bool:
    """Close one case whose disaster has closed, once the rules allow it (visited, no temporary care)."""
    record = session.get(DisasterRecord, case.disaster_id)
    if record is None or not record.closed:
        return False
    if not _allows(CaseStatus(case.status), CaseAction.CLOSE, case.needs_temporary_care):
        return False
    case.status = CaseStatus.CLOSED.value
    case.closed_at = clock.now()
    session.add(case)
    return True


def _allows(status: CaseStatus, action: CaseAction, active_temporary_care: bool = False) -> bool:
    """Whether the case rules move a case in `status` forward with `action` (no-ops and errors excluded)."""
    try:
        return transition_case(status, action, active_temporary_care).changed
    except ValueError:
        return False
