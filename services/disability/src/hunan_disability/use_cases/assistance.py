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

from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    cast,
    column,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    update,
    values,
)
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

from hunan_disability.models import (
    AssistanceCase,
    DisasterDivision,
    DisasterRecord,
    Liaison,
    Person,
    SupplyRequest,
)
from hunan_disability.rules.emergency_assistance import (
    COGNITIVE_CATEGORIES,
    CaseAction,
    CaseStatus,
    ResponseLevel,
    VulnerabilityPolicy,
    affected_counties,
    aggregate_supply_request,
    contact_channels,
    liaison_quotas,
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
from hunan_shared import clock
from hunan_shared.db import AwareDateTime
from hunan_shared.events.catalogue import (
    AccessibilityNeedsSummarized,
    AssistanceOpened,
    DivisionSupplyDemand,
    SuppliesRequested,
    SupplyLine,
)
from hunan_shared.repository import Repository
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


def record_disaster(
    session: Session, disaster_id: str, hazard: str, level: str, declared_at: dt.datetime
) -> DisasterRecord:
    record = Repository(session, DisasterRecord).find(disaster_id)
    if record is None:
        record = DisasterRecord(id=disaster_id, hazard=hazard, response_level=level, declared_at=declared_at)
        session.add(record)
        session.flush()
    return record


def record_divisions(session: Session, disaster_id: str, division_codes: list[str]) -> None:
    """Remember the counties a disaster covers (idempotent; a list of at most the province's counties)."""
    counties = affected_counties(division_codes)
    known = set(
        session.scalars(
            select(DisasterDivision.division_code).where(
                DisasterDivision.disaster_id == disaster_id, DisasterDivision.division_code.in_(counties)
            )
        ).all()
    )
    missing = [{"disaster_id": disaster_id, "division_code": code} for code in counties if code not in known]
    if missing:
        session.execute(insert(DisasterDivision), missing)


def open_cases_for_persons(
    uow: UnitOfWork, person_ids: list[str], counties: list[str], policy: VulnerabilityPolicy
) -> int:
    """After a registration, an import or a register update: open a case in every open disaster covering
    the persons' counties for each of them who is vulnerable (R-E1 (a)–(g)) and holds none there yet.
    Idempotent; one query finds the open disasters, then one set-based opening per disaster; returns the
    cases opened."""
    if not person_ids:
        return 0
    covered: dict[tuple[str, str], list[str]] = {}
    for disaster_id, level, county in uow.session.execute(
        select(DisasterRecord.id, DisasterRecord.response_level, DisasterDivision.division_code)
        .join(DisasterDivision, DisasterDivision.disaster_id == DisasterRecord.id)
        .where(DisasterDivision.division_code.in_(counties), ~DisasterRecord.closed)
        .order_by(DisasterRecord.id, DisasterDivision.division_code)
    ).all():
        covered.setdefault((disaster_id, level), []).append(county)
    return sum(
        open_cases(uow, disaster_id, ResponseLevel(level), where, policy, person_ids=person_ids).total
        for (disaster_id, level), where in covered.items()
    )


def open_cases(
    uow: UnitOfWork,
    disaster_id: str,
    level: ResponseLevel,
    division_codes: list[str],
    policy: VulnerabilityPolicy,
    person_ids: list[str] | None = None,
) -> OpeningResult:
    """Open a case for every vulnerable registered person in the divisions (once per person and disaster),
    assign liaisons, and announce the opening and the supplies needed.

    A constant number of statements whatever the number of counties: one GROUP BY counts the batch (per
    county and contact-channel inputs, for the summary events and the liaison quotas); cases of the disaster
    already waiting in those counties get their liaison first (`assign_liaisons_set_based`: one count, and
    only if some wait, the loads and one UPDATE); one query reads the rosters' loads; the pure rule
    `liaison_quotas` gives each liaison its quota; one INSERT … SELECT writes the batch with its liaisons,
    ranking each county's new cases by person id and joining the ranks to the liaisons' quota ranges.
    Assigning in the INSERT rather than UPDATE-ing the fresh rows avoids rewriting every case (all its
    index entries and foreign-key checks again) in the same transaction. `person_ids` restricts the batch to
    those persons (a register update).
    """
    session = uow.session
    counties = affected_counties(division_codes)
    now = clock.now()
    first_contact = visit_schedule(now, level)[0]
    already = select(AssistanceCase.person_id).where(AssistanceCase.disaster_id == disaster_id)
    batch_filter: tuple[ColumnElement[bool], ...] = (
        Person.division_code.in_(counties),
        vulnerable_clause(policy),
        Person.id.not_in(already),
    )
    if person_ids is not None:
        batch_filter += (Person.id.in_(person_ids),)
    care = temporary_care_clause()
    stats = _stats_from_rows(
        session.execute(
            select(
                Person.division_code,
                Person.category,
                Person.component_categories,
                Person.guardian,
                func.count(),
                func.sum(cast(care, Integer)),
            )
            .where(*batch_filter)
            .group_by(Person.division_code, Person.category, Person.component_categories, Person.guardian)
        ).all()
    )
    without_liaison: Counter[str] = Counter()
    if stats.opened:
        earlier = assign_liaisons_set_based(session, list(stats.opened), disaster_id=disaster_id)
        without_liaison.update(earlier.without_liaison)
        quota_rows, without = _quotas(session, {(disaster_id, code): n for code, n in stats.opened.items()})
        without_liaison.update(without)
        ranked = (
            select(
                Person.id.label("person_id"),
                Person.division_code.label("division_code"),
                care.label("care"),
                func.row_number().over(partition_by=Person.division_code, order_by=Person.id).label("rank"),
            )
            .where(*batch_filter)
            .subquery("batch")
        )
        source = ranked
        liaison_id: ColumnElement = null()
        if quota_rows:
            quota = _quota_table(quota_rows)
            source = ranked.outerjoin(
                quota,
                and_(quota.c.division_code == ranked.c.division_code, ranked.c.rank.between(quota.c.lo, quota.c.hi)),
            )
            liaison_id = quota.c.liaison_id
        assigned = transition_case(CaseStatus.OPENED, CaseAction.ASSIGN_LIAISON).after
        status = case((liaison_id.is_(None), CaseStatus.OPENED.value), else_=assigned.value)
        inserted = session.execute(
            insert(AssistanceCase).from_select(
                [
                    "disaster_id",
                    "person_id",
                    "division_code",
                    "status",
                    "needs_temporary_care",
                    "response_level",
                    "opened_at",
                    "first_contact_due",
                    "liaison_id",
                ],
                select(
                    literal(disaster_id),
                    ranked.c.person_id,
                    ranked.c.division_code,
                    status,
                    ranked.c.care,
                    literal(level.value),
                    literal(now, AwareDateTime()),
                    literal(first_contact, AwareDateTime()),
                    liaison_id,
                ).select_from(source),
            )
        ).rowcount
        if inserted >= 0 and inserted != sum(stats.opened.values()):
            # The register changed between the count and the INSERT (a concurrent registration or edit;
            # PostgreSQL's READ COMMITTED allows it, SQLite's snapshot refuses the INSERT instead, and its
            # driver reports -1 for a statement opening with WITH): count what was written and hand out
            # whatever the quotas missed.
            stats = _opening_stats(session, disaster_id, now)
            without_liaison = Counter(
                assign_liaisons_set_based(session, list(stats.opened), disaster_id=disaster_id).without_liaison
            )
    opened, temporary_care = stats.opened, stats.temporary_care
    without = dict(sorted(without_liaison.items()))
    result = OpeningResult(disaster_id, opened, temporary_care, without)
    if result.total:
        announce_opening(uow, result, now, channels=stats.channels)
    uow.audit("assistance.open", "disaster", disaster_id, after={"opened": opened, "without_liaison": without})
    return result


@dataclass(frozen=True)
class _OpeningStats:
    opened: dict[str, int]
    temporary_care: dict[str, int]
    channels: dict[str, int]


def _stats_from_rows(rows) -> _OpeningStats:
    """From (county, category, component categories, guardian, persons, needing temporary care) groups."""
    opened: Counter[str] = Counter()
    care: Counter[str] = Counter()
    for code, _, _, _, n, needing_care in rows:
        opened[code] += n
        care[code] += int(needing_care or 0)
    return _OpeningStats(
        dict(sorted(opened.items())),
        {code: care[code] for code in sorted(opened)},
        _channels_from_rows((category, components, guardian, n) for _, category, components, guardian, n, _ in rows),
    )


def _opening_stats(session: Session, disaster_id: str, opened_at: dt.datetime) -> _OpeningStats:
    """The same figures read back from the cases of one opening batch joined to the register."""
    return _stats_from_rows(
        session.execute(
            select(
                AssistanceCase.division_code,
                Person.category,
                Person.component_categories,
                Person.guardian,
                func.count(),
                func.sum(cast(AssistanceCase.needs_temporary_care, Integer)),
            )
            .join(Person, Person.id == AssistanceCase.person_id)
            .where(
                AssistanceCase.disaster_id == disaster_id,
                AssistanceCase.opened_at == literal(opened_at, AwareDateTime()),
            )
            .group_by(AssistanceCase.division_code, Person.category, Person.component_categories, Person.guardian)
        ).all()
    )


@dataclass(frozen=True)
class LiaisonAssignment:
    assigned: int  # cases given a liaison
    without_liaison: dict[str, int]  # county -> cases still waiting (no active roster there)


def assign_county_liaisons(session: Session, disaster_id: str, county: str) -> int:
    """Give the county's unassigned cases of the disaster to its liaisons (R56 包保联系人); returns how many
    remain without a liaison (no active roster in the county). See `assign_liaisons_set_based`."""
    return assign_liaisons_set_based(session, [county], disaster_id=disaster_id).without_liaison.get(county, 0)


def assign_liaisons_set_based(
    session: Session, counties: list[str], *, disaster_id: str | None = None, open_disasters_only: bool = False
) -> LiaisonAssignment:
    """Give the waiting (unassigned, opened) cases of the counties to their liaisons, least-loaded first (R56).

    Three statements whatever the number of counties, liaisons and cases (one when nothing waits): one
    GROUP BY counts the waiting cases per (disaster, county); `_quotas` reads the open cases each active
    liaison of those counties holds (in any disaster) and has the pure rule `liaison_quotas` give each
    liaison its quota (balanced over every open case they hold, ties to the smaller id); one UPDATE … FROM
    ranks the waiting cases of each (disaster, county) by id once and joins the ranks to the liaisons'
    cumulative quota ranges (liaisons in id order: the smallest id gets the lowest case ids). With several
    disasters (a liaison joining a roster) they are served in disaster-id order, each seeing the loads the
    previous one left.
    """
    if not counties:
        return LiaisonAssignment(0, {})
    waiting_filter = [
        AssistanceCase.division_code.in_(counties),
        AssistanceCase.liaison_id.is_(None),
        AssistanceCase.status == CaseStatus.OPENED.value,
    ]
    if disaster_id is not None:
        waiting_filter.append(AssistanceCase.disaster_id == disaster_id)
    count_query = select(AssistanceCase.disaster_id, AssistanceCase.division_code, func.count()).where(*waiting_filter)
    if open_disasters_only:
        count_query = count_query.join(DisasterRecord, DisasterRecord.id == AssistanceCase.disaster_id).where(
            ~DisasterRecord.closed
        )
    waiting = {
        (d, c): n
        for d, c, n in session.execute(
            count_query.group_by(AssistanceCase.disaster_id, AssistanceCase.division_code)
        ).all()
    }
    if not waiting:
        return LiaisonAssignment(0, {})
    quota_rows, without = _quotas(session, waiting)
    if not quota_rows:
        return LiaisonAssignment(0, without)
    ranked = (
        select(
            AssistanceCase.id,
            AssistanceCase.disaster_id,
            AssistanceCase.division_code,
            func.row_number()
            .over(partition_by=(AssistanceCase.disaster_id, AssistanceCase.division_code), order_by=AssistanceCase.id)
            .label("rank"),
        )
        .where(*waiting_filter)
        .cte("ranked")
    )
    quota = _quota_table(quota_rows)
    target = transition_case(CaseStatus.OPENED, CaseAction.ASSIGN_LIAISON).after
    session.execute(
        update(AssistanceCase)
        .where(
            AssistanceCase.id == ranked.c.id,
            ranked.c.disaster_id == quota.c.disaster_id,
            ranked.c.division_code == quota.c.division_code,
            ranked.c.rank.between(quota.c.lo, quota.c.hi),
        )
        .values(liaison_id=quota.c.liaison_id, status=target.value)
        .execution_options(synchronize_session=False)
    )
    # Every rank 1..n of a (disaster, county) lies in one quota range, so this is the rows updated (the
    # driver's rowcount is not reliable for a WITH … UPDATE on SQLite).
    return LiaisonAssignment(sum(hi - lo + 1 for *_, lo, hi in quota_rows), without)


QuotaRow = tuple[str, str, str, int, int]  # disaster, county, liaison, first rank, last rank


def _quotas(session: Session, waiting: dict[tuple[str, str], int]) -> tuple[list[QuotaRow], dict[str, int]]:
    """Each liaison's range of ranks among the waiting cases of each (disaster, county), from one query of
    the loads of the counties' active rosters and the pure rule; and the cases of counties with no roster."""
    roster: dict[str, dict[str, int]] = {}
    for liaison_id, county, load in session.execute(
        select(Liaison.id, Liaison.division_code, func.count(AssistanceCase.id))
        .join(
            AssistanceCase,
            and_(AssistanceCase.liaison_id == Liaison.id, AssistanceCase.status.in_([s.value for s in OPEN_STATUSES])),
            isouter=True,
        )
        .where(Liaison.division_code.in_(sorted({c for _, c in waiting})), Liaison.active)
        .group_by(Liaison.id, Liaison.division_code)
    ).all():
        roster.setdefault(county, {})[liaison_id] = load
    rows: list[QuotaRow] = []
    without: Counter[str] = Counter()
    for (disaster, county), n in sorted(waiting.items()):
        loads = roster.get(county)
        if not loads:
            without[county] += n
            continue
        first = 1
        for liaison_id, quota in liaison_quotas(n, loads).items():  # in liaison-id order
            rows.append((disaster, county, liaison_id, first, first + quota - 1))
            first += quota
            loads[liaison_id] += quota
    return rows, dict(sorted(without.items()))


def _quota_table(rows: list[QuotaRow]):
    """The quota ranges as a VALUES table (a CTE, which SQLite and PostgreSQL both accept)."""
    return (
        values(
            column("disaster_id", String),
            column("division_code", String),
            column("liaison_id", String),
            column("lo", Integer),
            column("hi", Integer),
            name="quota",
        )
        .data(rows)
        .cte("quota")
    )


def assign_waiting_cases(session: Session, county: str) -> int:
    """After a liaison joins a county's roster: hand out the cases of open disasters that were left waiting."""
    return assign_liaisons_set_based(session, [county], open_disasters_only=True).assigned


def announce_opening(
    uow: UnitOfWork, result: OpeningResult, now: dt.datetime, channels: dict[str, int] | None = None
) -> None:
    """One summary event per division, one supplies request, one accessibility summary (counts only)."""
    for code, count in sorted(result.opened_by_division.items()):
        uow.emit(
            AssistanceOpened(
                disaster_id=result.disaster_id,
                division_code=code,
                cases_opened=count,
                needing_temporary_care=result.temporary_care_by_division.get(code, 0),
                opened_at=now,
            )
        )
    request = aggregate_supply_request(result.opened_by_division)
    request_id = new_id()
    uow.session.add(
        SupplyRequest(id=request_id, disaster_id=result.disaster_id, persons=result.total, requested_at=now)
    )
    uow.emit(
        SuppliesRequested(
            request_id=request_id,
            disaster_id=result.disaster_id,
            requested_at=now,
            demands=[
                DivisionSupplyDemand(
                    division_code=code,
                    persons=result.opened_by_division[code],
                    lines=[SupplyLine(item=item, quantity=qty) for item, qty in items.items()],
                )
                for code, items in request.items()
            ],
        )
    )
    uow.emit(
        AccessibilityNeedsSummarized(
            disaster_id=result.disaster_id,
            division_codes=sorted(result.opened_by_division),
            channel_counts=channels
            if channels is not None
            else channel_counts(uow.session, result.disaster_id, opened_at=now),
            summarized_at=now,
        )
    )


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
    rows = session.execute(query.group_by(Person.category, Person.component_categories, Person.guardian)).all()
    return _channels_from_rows(rows)


def _channels_from_rows(rows) -> dict[str, int]:
    """Persons per contact channel from (category, component categories, guardian, persons) groups (R56, R60)."""
    counts: Counter[str] = Counter()
    for category, components, guardian, n in rows:
        channels = contact_channels(
            DisabilityCategory(category), [DisabilityCategory(int(c)) for c in components], GuardianStatus(guardian)
        ).value
        for channel in channels:
            counts[channel.value] += n
    return dict(sorted(counts.items()))


def declare(
    uow: UnitOfWork,
    disaster_id: str,
    hazard: str,
    level: ResponseLevel,
    division_codes: list[str],
    declared_at: dt.datetime,
    policy: VulnerabilityPolicy,
) -> OpeningResult | None:
    """disaster.declared: remember the disaster and open cases; a declaration of a closed disaster opens nothing."""
    record = record_disaster(uow.session, disaster_id, hazard, level.value, declared_at)
    record_divisions(uow.session, disaster_id, division_codes)
    if record.closed:
        return None
    return open_cases(uow, disaster_id, ResponseLevel(record.response_level), division_codes, policy)


def extend_cases(
    uow: UnitOfWork,
    disaster_id: str,
    hazard: str,
    level: ResponseLevel,
    added: list[str],
    all_divisions: list[str],
    extended_at: dt.datetime,
    policy: VulnerabilityPolicy,
) -> OpeningResult | None:
    """disaster.divisions_extended: open cases in the added divisions only.

    If the declaration never reached this service (it arrived later, or was dead-lettered), the event itself
    carries the disaster's full division list, so every division is covered; persons who already hold a case
    are skipped by `open_cases`.
    """
    record = uow.repo(DisasterRecord).find(disaster_id)
    if record is None:
        record = record_disaster(uow.session, disaster_id, hazard, level.value, extended_at)
        added = all_divisions
    record_divisions(uow.session, disaster_id, all_divisions)
    if record.closed:
        return None
    return open_cases(uow, disaster_id, ResponseLevel(record.response_level), added, policy)


def change_level(
    uow: UnitOfWork,
    disaster_id: str,
    hazard: str,
    level: ResponseLevel,
    division_codes: list[str],
    changed_at: dt.datetime,
    policy: VulnerabilityPolicy,
) -> OpeningResult | None:
    """disaster.level_changed: the new level applies to cases opened from now on (visit plans follow it), and
    the divisions are swept again, so persons registered since the declaration get their case."""
    record = uow.repo(DisasterRecord).find(disaster_id)
    if record is None:
        record = record_disaster(uow.session, disaster_id, hazard, level.value, changed_at)
    record_divisions(uow.session, disaster_id, division_codes)
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
    counties = affected_counties(division_codes)
    now = clock.now()
    result = uow.session.execute(
        update(AssistanceCase)
        .where(
            AssistanceCase.disaster_id == disaster_id,
            AssistanceCase.division_code.in_(counties),
            AssistanceCase.status.in_(allowed),
        )
        .values(status=CaseStatus.SUPPLIED.value, supplied_at=now)
        .execution_options(synchronize_session=False)
    )
    uow.audit(
        "assistance.mark_supplied", "disaster", disaster_id, after={"divisions": counties, "cases": result.rowcount}
    )
    return result.rowcount


def close_cases(uow: UnitOfWork, disaster_id: str) -> int:
    """When the disaster closes, close the cases the rules allow to close (visited or supplied, no care pending).

    The others stay open: a case not yet visited closes at its visit, one in temporary care when the care
    ends (T-20); see `close_if_done`.
    """
    record = uow.repo(DisasterRecord).find(disaster_id)
    if record is not None:
        record.closed = True
        uow.session.add(record)
    allowed = [s.value for s in CaseStatus if _allows(s, CaseAction.CLOSE)]
    result = uow.session.execute(
        update(AssistanceCase)
        .where(
            AssistanceCase.disaster_id == disaster_id,
            AssistanceCase.status.in_(allowed),
            ~AssistanceCase.needs_temporary_care,
        )
        .values(status=CaseStatus.CLOSED.value, closed_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    uow.audit("assistance.close", "disaster", disaster_id, after={"cases_closed": result.rowcount})
    return result.rowcount


def close_if_done(session: Session, case: AssistanceCase) -> bool:
    """Close one case whose disaster has closed, once the rules allow it (visited, no temporary care)."""
    record = Repository(session, DisasterRecord).find(case.disaster_id)
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
