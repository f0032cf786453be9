"""Service layer of the indicator dashboard: every target of the plan with its progress computed from the
registers (surveys, trainings, innovation projects, pairings, commissioners, designations, venues, school
visits, teacher quotas, evaluations), and the same values as Prometheus gauges."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from sqlmodel import Session, col, func, select, true

from hunan_science.models import (
    Certification,
    Commissioner,
    Designation,
    Evaluation,
    InnovationProject,
    Pairing,
    Survey,
    TeacherQuota,
    Training,
    Venue,
)
from hunan_science.rules.indicators import TARGETS, assess, assess_division, cumulative_years, progress_percent
from hunan_science.rules.programmes import (
    COUNTED_PROJECT_STATES,
    PROGRAMMES,
    DesignationKind,
    ProjectLevel,
    TrainingProgramme,
)
from hunan_science.rules.venues import CertificationState, VenueLevel, VenueType
from hunan_science.schemas.indicators import DashboardOut, IndicatorOut, ProgrammeOut
from hunan_science.settings import ScienceSettings
from hunan_science.use_cases import certifications, clocks, school_visits
from hunan_shared import clock, divisions
from hunan_shared.db import in_division
from hunan_shared.errors import NotFound

PROVINCE = divisions.PROVINCE_CODE


class _Ctx:
    def __init__(self, session: Session, settings: ScienceSettings, year: int, division: str = PROVINCE):
        self.session, self.settings, self.year, self.division = session, settings, year, division
        self.first, self.last = cumulative_years(year)

    @property
    def provincial(self) -> bool:
        return self.division == PROVINCE

    def within(self, column):
        """Records in or under the asked division (everything for the province)."""
        return true() if self.provincial else in_division(column, self.division)

    def county_count(self) -> int:
        """Counties the share targets divide by: the configured count for the province, else those inside."""
        return self.settings.county_count if self.provincial else len(divisions.counties(within=self.division))

    def prefectures(self) -> list[str]:
        return [p.code for p in divisions.prefectures() if divisions.contains(self.division, p.code)]

    def scalar(self, query) -> Decimal:
        return Decimal(str(self.session.exec(query).one() or 0))

    def years(self, column):
        return column.between(self.first, self.last)

    def latest_survey(self, kind: str) -> Survey | None:
        return self.session.exec(
            select(Survey)
            .where(Survey.kind == kind, Survey.division_code == self.division, Survey.year <= self.year)
            .order_by(Survey.year.desc(), Survey.recorded_at.desc())
        ).first()


def _nonzero(value: Decimal) -> Decimal | None:
    """A count of zero means nothing has been recorded toward the target yet."""
    return value or None


def _literacy(c: _Ctx) -> Decimal | None:
    row = c.latest_survey("LITERACY")
    return None if row is None else Decimal(row.value)


def _above_national(c: _Ctx) -> Decimal | None:
    row = c.latest_survey("LITERACY")
    if row is None or row.national_average is None:
        return None
    return Decimal(row.value) - Decimal(row.national_average)


def _projects(level: ProjectLevel) -> Callable[[_Ctx], Decimal | None]:
    def measure(c: _Ctx) -> Decimal | None:
        return _nonzero(
            c.scalar(
                select(func.count()).where(
                    InnovationProject.level == level,
                    InnovationProject.year == c.year,
                    InnovationProject.state.in_(COUNTED_PROJECT_STATES),
                    c.within(InnovationProject.division_code),
                )
            )
        )

    return measure


def _trainings(programme: TrainingProgramme, *, persons: bool, annual: bool) -> Callable[[_Ctx], Decimal | None]:
    def measure(c: _Ctx) -> Decimal | None:
        amount = func.count(func.distinct(Training.person_id)) if persons else func.sum(Training.person_times)
        years = Training.year == c.year if annual else c.years(Training.year)
        return _nonzero(
            c.scalar(select(amount).where(Training.programme == programme, years, c.within(Training.division_code)))
        )

    return measure


def _pairings(c: _Ctx) -> Decimal | None:
    return _nonzero(
        c.scalar(
            select(func.count(func.distinct(Pairing.organisation))).where(
                c.years(Pairing.year), c.within(Pairing.division_code)
            )
        )
    )


def _commissioners(c: _Ctx) -> Decimal | None:
    return _nonzero(
        c.scalar(
            select(func.count(func.distinct(Commissioner.person_id))).where(
                Commissioner.dispatched_by == "PROVINCE",
                c.years(Commissioner.year),
                c.within(Commissioner.division_code),
            )
        )
    )


def _designations(kind: DesignationKind) -> Callable[[_Ctx], Decimal | None]:
    def measure(c: _Ctx) -> Decimal | None:
        return _nonzero(
            c.scalar(
                select(func.count()).where(
                    Designation.kind == kind, Designation.year <= c.year, c.within(Designation.division_code)
                )
            )
        )

    return measure


def _station_and_town_counties(c: _Ctx) -> Decimal | None:
    rows = c.session.exec(
        select(Venue.division_code, Venue.venue_type).where(
            Venue.venue_type.in_((VenueType.SOCIETY_SERVICE_STATION, VenueType.SCI_TOWN)),
            c.within(Venue.division_code),
        )
    ).all()
    kinds: dict[str, set[str]] = {}
    for code, venue_type in rows:
        if divisions.get(code).level is divisions.Level.COUNTY:
            kinds.setdefault(code, set()).add(venue_type)
    both = sum(1 for found in kinds.values() if len(found) == 2)
    return Decimal(both) if rows else None


def _prefecture_museums(c: _Ctx) -> Decimal | None:
    prefectures = set(c.prefectures())
    if not prefectures:
        return None  # a county: the target is about 市州
    codes = c.session.exec(
        select(Venue.division_code).where(
            Venue.venue_type == VenueType.SCI_MUSEUM_PHYSICAL, c.within(Venue.division_code)
        )
    ).all()
    with_museum = set()
    for code in codes:
        node = divisions.get(code)
        while node.level is divisions.Level.COUNTY and node.parent:
            node = divisions.get(node.parent)
        if node.code in prefectures:
            with_museum.add(node.code)
    return (Decimal(len(with_museum)) * 100 / len(prefectures)).quantize(Decimal("0.1")) if codes else None


def _provincial_bases(c: _Ctx) -> Decimal | None:
    """R17: provincial science bases in the register, less those whose provincial certification was revoked
    (W4) and not applied for again."""
    provincial = Certification.level == VenueLevel.PROVINCIAL.value
    revoked = select(Certification.venue_id).where(provincial, Certification.state == CertificationState.REVOKED)
    reopened = select(Certification.venue_id).where(provincial, Certification.state.in_(certifications.OPEN_STATES))
    return _nonzero(
        c.scalar(
            select(func.count()).where(
                Venue.venue_type == VenueType.PROV_SCI_BASE,
                c.within(Venue.division_code),
                col(Venue.id).not_in(revoked) | col(Venue.id).in_(reopened),
            )
        )
    )


def _area_per_10k(c: _Ctx) -> Decimal | None:
    residents = c.latest_survey("RESIDENTS")
    if residents is None or not residents.value:
        return None
    area = c.scalar(
        select(func.coalesce(func.sum(Venue.exhibition_hall_area_m2), 0)).where(
            Venue.open_to_public, c.within(Venue.division_code)
        )
    )
    return (area * 10_000 / Decimal(residents.value)).quantize(Decimal("0.01"))


def _share_of_counties(kind: DesignationKind) -> Callable[[_Ctx], Decimal | None]:
    def measure(c: _Ctx) -> Decimal | None:
        count = c.scalar(
            select(func.count(func.distinct(Designation.division_code))).where(
                Designation.kind == kind, Designation.year <= c.year, c.within(Designation.division_code)
            )
        )
        return (count * 100 / max(c.county_count(), 1)).quantize(Decimal("0.1")) if count else None

    return measure


def _health_literacy(c: _Ctx) -> Decimal | None:
    row = c.latest_survey("HEALTH_LITERACY")
    return None if row is None else Decimal(row.value)


def _platforms(c: _Ctx) -> Decimal | None:
    count = c.scalar(
        select(func.count(func.distinct(Designation.division_code))).where(
            Designation.kind.in_((DesignationKind.CITY_PLATFORM_EMBEDDED, DesignationKind.COUNTY_MEDIA_EMBEDDED)),
            Designation.year <= c.year,
            c.within(Designation.division_code),
        )
    )
    total = len(c.prefectures()) + c.county_count()
    return (count * 100 / total).quantize(Decimal("0.1")) if count else None


def _milestones_2023(c: _Ctx) -> Decimal | None:
    if not c.provincial:
        return None
    survey = c.scalar(
        select(func.count()).where(Survey.kind == "LITERACY", Survey.division_code == PROVINCE, Survey.year == 2023)
    )
    inspection = c.scalar(select(func.count()).where(Evaluation.kind == "MID_TERM_INSPECTION", Evaluation.year == 2023))
    return Decimal(int(bool(survey)) + int(bool(inspection))) if c.year >= 2023 else None


def _final_evaluation(c: _Ctx) -> Decimal | None:
    if not c.provincial:
        return None
    done = c.scalar(select(func.count()).where(Evaluation.kind == "FINAL_EVALUATION", Evaluation.year == 2025))
    return Decimal(int(bool(done))) if c.year >= 2025 else None


def _programmes(c: _Ctx) -> Decimal | None:
    return Decimal(len(PROGRAMMES)) if c.provincial else None


def _school_visits(c: _Ctx) -> Decimal | None:
    known, missing = school_visits.coverage(c.session, school_visits.current_semester(), c.division)
    return (Decimal(known - len(missing)) * 100 / known).quantize(Decimal("0.1")) if known else None


def _teacher_quotas(c: _Ctx) -> Decimal | None:
    total = c.scalar(select(func.count()).where(TeacherQuota.year == c.year, c.within(TeacherQuota.division_code)))
    met = c.scalar(
        select(func.count()).where(TeacherQuota.year == c.year, TeacherQuota.met, c.within(TeacherQuota.division_code))
    )
    return (met * 100 / total).quantize(Decimal("0.1")) if total else None


MEASURES: dict[str, Callable[[_Ctx], Decimal | None]] = {
    "S1": _literacy,
    "S2": _above_national,
    "S3": _projects(ProjectLevel.NATIONAL),
    "S4": _projects(ProjectLevel.PROVINCIAL),
    "S5": _trainings(TrainingProgramme.SCI_COUNSELLOR, persons=True, annual=True),
    "S6": _trainings(TrainingProgramme.FARMER, persons=False, annual=False),
    "S7": _trainings(TrainingProgramme.RURAL_ENTREPRENEUR, persons=True, annual=False),
    "S8": _pairings,
    "S9": _commissioners,
    "S10": _station_and_town_counties,
    "S11": _designations(DesignationKind.CRAFTSMAN_BASE),
    "S12": _designations(DesignationKind.INNOVATION_STUDIO),
    "S13": _designations(DesignationKind.HIGH_SKILL_TALENT_OR_PAIR),
    "S14": _designations(DesignationKind.HIGHER_VOCATIONAL_COLLEGE),
    "S15": _designations(DesignationKind.SECONDARY_VOCATIONAL_SCHOOL),
    "S16": _designations(DesignationKind.HIGHER_VOCATIONAL_MAJOR),
    "S17": _designations(DesignationKind.SECONDARY_VOCATIONAL_MAJOR),
    "S18": _trainings(TrainingProgramme.SKILLS_WORKER, persons=False, annual=True),
    "S19": _prefecture_museums,
    "S20": _provincial_bases,
    "S21": _area_per_10k,
    "S22": _share_of_counties(DesignationKind.HEALTH_PROMOTION_COUNTY),
    "S23": _health_literacy,
    "S24": _platforms,
    "S25": _milestones_2023,
    "S26": _final_evaluation,
    "S27": _programmes,
    "S28": _school_visits,
    "S29": _teacher_quotas,
}
assert set(MEASURES) == set(TARGETS), "every target has a measure"


def _indicator(c: _Ctx, code: str) -> IndicatorOut:
    target = TARGETS[code]
    value = MEASURES[code](c)
    verdict = assess(code, value, c.year) if c.provincial else assess_division(code, value, c.year)
    return IndicatorOut(
        code=code,
        name=target.name,
        section=target.basis.article.split(" (")[0],
        target=target.value,
        comparison=target.comparison.value,
        unit=target.unit,
        period=target.period.value,
        by_year=target.by_year,
        level=target.level if c.provincial else divisions.get(c.division).level.value,
        aspirational=target.aspirational,
        year=c.year,
        value=value,
        progress_percent=progress_percent(code, value),
        outcome=verdict.value.value,
        reason=verdict.reason,
        source=target.source,
        basis=list(verdict.basis),
    )


def _year(year: int | None) -> int:
    return year if year is not None else clock.now().year


def dashboard(
    session: Session, settings: ScienceSettings, year: int | None = None, division: str = PROVINCE
) -> DashboardOut:
    """Every target in catalogue order (S1 … S29) for `year` (default: this year), for the province or, by
    `division`, a 市州 or county (rates assessed on its own figures, counts shown as its contribution)."""
    c = _Ctx(session, settings, _year(year), divisions.validate(division))
    ordered = sorted(TARGETS, key=lambda code: int(code[1:]))
    return DashboardOut(year=c.year, division_code=c.division, indicators=[_indicator(c, code) for code in ordered])


def indicator(
    session: Session, settings: ScienceSettings, code: str, year: int | None = None, division: str = PROVINCE
) -> IndicatorOut:
    if code not in TARGETS:
        raise NotFound(f"no indicator {code}")
    return _indicator(_Ctx(session, settings, _year(year), divisions.validate(division)), code)


def gauges(session: Session, settings: ScienceSettings) -> dict[str, float]:
    """ServiceSpec.indicators: `hunan_science_indicator{indicator="S1"}` (the measured value) and
    `{indicator="S1_progress_percent"}` (value as % of the target) for this year, for targets with records."""
    out: dict[str, float] = {}
    for item in dashboard(session, settings).indicators:
        if item.value is not None:
            out[item.code] = float(item.value)
        if item.progress_percent is not None:
            out[f"{item.code}_progress_percent"] = float(item.progress_percent)
    out.update(clocks.publication_gauges(session))
    return out


def programmes() -> list[ProgrammeOut]:
    """The five improvement actions and four key projects with lead and participating agencies (责任分工)."""
    return [
        ProgrammeOut(
            code=p.code,
            name=p.name,
            section=p.section,
            kind=p.kind,
            target_groups=list(p.target_groups),
            lead=list(p.lead),
            participants=list(p.participants),
        )
        for p in PROGRAMMES
    ]
