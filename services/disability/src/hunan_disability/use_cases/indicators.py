"""专栏1 indicators computed from this service's records, for `GET /v1/indicators` and the Prometheus gauges.

Where the service holds the data, the value is computed; the others (training, 低保 enrolment, insurance)
live with other agencies and are reported as null with the reason, never invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import and_, exists, func, or_, select
from sqlmodel import Session

from hunan_disability.models import EducationPlacement, Person, RenovationDemand, ServiceRecord, SubsidyGrant
from hunan_disability.rules.indicators import COLUMN_1, INDICATORS, Indicator, meets_target, rate_percent
from hunan_disability.rules.services import RenovationStatus, SchoolStage
from hunan_disability.rules.subsidies import SubsidyProgram
from hunan_disability.schemas.indicators import IndicatorOut
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases.subsidy_extensions import load_choices, switches_for
from hunan_disability.use_cases.subsidy_grants import eligibility
from hunan_shared import clock

KEYS = {
    1: "training_persons",
    2: "dibao_enrolment_rate",
    3: "living_subsidy_coverage",
    4: "nursing_subsidy_coverage",
    5: "pension_insurance_rate",
    6: "medical_insurance_rate",
    7: "compulsory_education_enrolment",
    8: "rehabilitation_coverage",
    9: "assistive_device_fitting_rate",
    10: "accessibility_renovations",
}
NOT_HELD = {
    1: "training records are kept by the employment services (人社/残联就业), not by this service",
    2: "低保 eligibility tests belong to civil affairs (民政); this service stores status only",
    5: "pension enrolment comes from 人社 data sharing, not stored here",
    6: "medical insurance enrolment comes from 医保 data sharing, not stored here",
}
COMPULSORY_AGES = (6, 15)  # [BG] 义务教育 age span

Measure = tuple[int, int | None]  # numerator, denominator


def _active_grant(program: SubsidyProgram, today: dt.date):
    return exists().where(
        SubsidyGrant.person_id == Person.id,
        SubsidyGrant.program == program.value,
        SubsidyGrant.approved_on <= today,
        or_(SubsidyGrant.stopped_on.is_(None), SubsidyGrant.stopped_on >= today),
    )


def subsidy_coverage(
    session: Session, program: SubsidyProgram, settings: DisabilitySettings, today: dt.date
) -> Measure:
    """#3/#4: persons holding the subsidy ÷ persons the rule (R5/R6) finds eligible.

    One GROUP BY over the facts the rule reads; the pure rule decides each distinct combination.
    """
    columns = [
        Person.household_status,
        Person.anti_relapse_monitored,
        Person.orphan_or_unsupported_child,
        Person.category,
        Person.grade,
        Person.needs_long_term_care,
        Person.division_code,  # the extension switches in force differ per division (R5/R6)
    ]
    switches = switches_for(load_choices(session), settings)
    granted = _active_grant(program, today).label("granted")
    rows = session.execute(select(*columns, granted, func.count()).group_by(*columns, granted)).all()
    numerator = denominator = 0
    for status, monitored, orphan, category, grade, care, county, has_grant, count in rows:
        probe = Person(
            household_status=status,
            anti_relapse_monitored=monitored,
            orphan_or_unsupported_child=orphan,
            category=category,
            grade=grade,
            needs_long_term_care=care,
        )
        if eligibility(probe, program, settings, switches(county)).value:
            denominator += count
            numerator += count if has_grant else 0
    return numerator, denominator


def compulsory_education(session: Session, today: dt.date) -> Measure:
    """#7: school-age (6–15) registered persons with a compulsory-education placement this school year."""
    youngest, oldest = COMPULSORY_AGES
    born_after, born_by = _years_before(today, oldest + 1), _years_before(today, youngest)
    school_year = today.year if today.month >= 9 else today.year - 1
    in_age = and_(Person.birth_date > born_after, Person.birth_date <= born_by)
    placed = exists().where(
        EducationPlacement.person_id == Person.id,
        EducationPlacement.stage == SchoolStage.COMPULSORY.value,
        EducationPlacement.school_year == school_year,
    )
    denominator = session.scalar(select(func.count()).select_from(Person).where(in_age)) or 0
    numerator = session.scalar(select(func.count()).select_from(Person).where(in_age, placed)) or 0
    return numerator, denominator


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February → 28 February)."""
    return dt.date(day.year - years, day.month, min(day.day, 28) if day.month == 2 else day.day)


def service_coverage(session: Session, kind: str) -> Measure:
    """#8/#9: persons with the service provided ÷ persons with a recorded need for it (needed or provided)."""
    denominator = (
        session.scalar(select(func.count(func.distinct(ServiceRecord.person_id))).where(ServiceRecord.kind == kind))
        or 0
    )
    numerator = (
        session.scalar(
            select(func.count(func.distinct(ServiceRecord.person_id))).where(
                ServiceRecord.kind == kind, ServiceRecord.status == "provided"
            )
        )
        or 0
    )
    return numerator, denominator


def accepted_renovations(session: Session) -> int:
    """#10: only accepted renovations count toward the 60 000 households (R70)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(RenovationDemand)
            .where(RenovationDemand.status == RenovationStatus.ACCEPTED.value)
        )
        or 0
    )


def _out(item: Indicator, value: Decimal | None, measure: Measure | None, source: str) -> IndicatorOut:
    return IndicatorOut(
        number=item.number,
        key=KEYS[item.number],
        name=item.name,
        unit=item.unit.value,
        baseline_2020=item.baseline_2020,
        target_2025=item.target_2025,
        target_comparison=item.target_comparison.value,
        nature=item.nature.value,
        value=None if value is None else value.quantize(Decimal("0.01")),
        numerator=measure[0] if measure else None,
        denominator=measure[1] if measure else None,
        meets_target=None if value is None else meets_target(item, value).value,
        source=source,
        basis=[COLUMN_1],
    )


def compute(session: Session, settings: DisabilitySettings) -> list[IndicatorOut]:
    today = clock.now().date()
    rates: dict[int, tuple[Callable[[], Measure], str]] = {
        3: (
            lambda: subsidy_coverage(session, SubsidyProgram.LIVING, settings, today),
            "active living-subsidy grants ÷ persons eligible under R5 (register)",
        ),
        4: (
            lambda: subsidy_coverage(session, SubsidyProgram.NURSING, settings, today),
            "active nursing-subsidy grants ÷ persons eligible under R6 (register)",
        ),
        7: (
            lambda: compulsory_education(session, today),
            "school-age persons with a compulsory placement this school year ÷ school-age persons",
        ),
        8: (
            lambda: service_coverage(session, "rehabilitation"),
            "persons with rehabilitation provided ÷ persons with a recorded rehabilitation need",
        ),
        9: (
            lambda: service_coverage(session, "assistive_device"),
            "persons fitted with a device ÷ persons with a recorded device need",
        ),
    }
    result = []
    for item in INDICATORS:
        if item.number in NOT_HELD:
            result.append(_out(item, None, None, NOT_HELD[item.number]))
        elif item.number == 10:
            count = accepted_renovations(session)
            result.append(
                _out(item, Decimal(count), (count, None), "accepted renovations in the demand pool (cumulative)")
            )
        else:
            measure, source = rates[item.number]
            numerator, denominator = measure()
            value = rate_percent(numerator, denominator) if denominator else None
            result.append(
                _out(
                    item,
                    value,
                    (numerator, denominator),
                    source if denominator else "no eligible or recorded persons yet: " + source,
                )
            )
    return result


def gauges(session: Session, settings: DisabilitySettings) -> dict[str, float]:
    """ServiceSpec.indicators: the computed values as `hunan_disability_indicator{indicator=<key>}`."""
    return {item.key: float(item.value) for item in compute(session, settings) if item.value is not None}
