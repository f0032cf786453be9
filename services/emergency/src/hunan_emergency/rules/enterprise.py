"""Enterprise safety duties: first responsible persons, 双报告, 十个一次, 一会三卡, 三同时, liability insurance
and professional staffing (R24–R30)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hunan_emergency.rules.basis import InvalidInput, decide, plan_basis
from hunan_emergency.rules.classification import SafetySector
from hunan_shared.legal import Decision


@dataclass(frozen=True)
class ResponsiblePersons:
    """The enterprise's key persons (names or person ids) and who is listed as 第一责任人."""

    legal_representative: str | None
    actual_controller: str | None
    principal_responsible_person: str | None
    listed_first_responsible: frozenset[str]


def first_responsible_persons_missing(persons: ResponsiblePersons) -> Decision[tuple[str, ...]]:
    """Plan 3(四) / 第三章（四）: the legal representative, actual controller and principal responsible person
    are all listed as first responsible persons for safety (同时列为企业安全生产第一责任人); returns the roles
    not covered — empty means compliant. One person holding several roles covers them all (R24)."""
    roles = {
        "legal_representative": persons.legal_representative,
        "actual_controller": persons.actual_controller,
        "principal_responsible_person": persons.principal_responsible_person,
    }
    missing = tuple(role for role, who in roles.items() if not who or who not in persons.listed_first_responsible)
    return decide(
        missing,
        "all three roles are first responsible persons" if not missing else f"not listed: {', '.join(missing)}",
        plan_basis("Plan 3(四) / 第三章（四）", "法定代表人、实际控制人和主要负责人同时列为第一责任人"),
    )


class DualReportStatus(StrEnum):
    COMPLETE = "COMPLETE"
    INCOMPLETE = "INCOMPLETE"
    MISSING = "MISSING"


def dual_report_status(
    sent_to_supervising_department: bool, sent_to_workers_congress: bool
) -> Decision[DualReportStatus]:
    """名词解释4 / 双报告: each period's risk-control and hidden-danger report goes to both the supervising
    department and the workers' congress (职代会); one recipient only is incomplete (R25)."""
    sent = sent_to_supervising_department + sent_to_workers_congress
    status = {2: DualReportStatus.COMPLETE, 1: DualReportStatus.INCOMPLETE, 0: DualReportStatus.MISSING}[sent]
    return decide(
        status,
        f"regulator={sent_to_supervising_department}, workers' congress={sent_to_workers_congress}: {status.value}",
        plan_basis("名词解释4", "双报告"),
        plan_basis("Plan 3(四) / 第三章（四）"),
    )


class TenOnceYearlyItem(StrEnum):
    """The yearly items of 十个一次 (名词解释5), read as at least once a year [AMBIGUOUS → yearly]."""

    SUMMARY_MOBILISATION_MEETING = "SUMMARY_MOBILISATION_MEETING"
    REVIEW_MEETING = "REVIEW_MEETING"
    REPORT_TO_WORKERS_CONGRESS = "REPORT_TO_WORKERS_CONGRESS"
    STAFF_RESPONSIBILITY_LETTERS = "STAFF_RESPONSIBILITY_LETTERS"
    SAFETY_LECTURE = "SAFETY_LECTURE"
    SKILLS_CONTEST = "SKILLS_CONTEST"
    DRILL_PARTICIPATION = "DRILL_PARTICIPATION"
    TRAINING_PARTICIPATION = "TRAINING_PARTICIPATION"


@dataclass(frozen=True)
class TenOnceGaps:
    months_without_inspection: tuple[int, ...]
    quarters_without_study: tuple[int, ...]
    yearly_items_missing: tuple[TenOnceYearlyItem, ...]

    @property
    def complete(self) -> bool:
        return not (self.months_without_inspection or self.quarters_without_study or self.yearly_items_missing)


def ten_once_gaps(
    year: int,
    inspection_dates: Iterable[date],
    study_meeting_dates: Iterable[date],
    yearly_items: Mapping[TenOnceYearlyItem, Sequence[date]],
    *,
    as_of: date | None = None,
) -> Decision[TenOnceGaps]:
    """名词解释5 / 十个一次: the principal responsible person inspects at least monthly, holds a study meeting
    at least quarterly and does each yearly item at least once a year. Only periods that have ended by
    `as_of` are required (default: the whole year) (R26)."""
    as_of = as_of or date(year, 12, 31)
    inspected = {d.month for d in inspection_dates if d.year == year}
    studied = {(d.month - 1) // 3 + 1 for d in study_meeting_dates if d.year == year}
    ended_months = _ended_months(year, as_of)
    ended_quarters = [q for q in range(1, 5) if q * 3 in ended_months]
    year_ended = as_of >= date(year, 12, 31)
    done = {item for item, dates in yearly_items.items() if any(d.year == year for d in dates)}
    gaps = TenOnceGaps(
        tuple(m for m in ended_months if m not in inspected),
        tuple(q for q in ended_quarters if q not in studied),
        tuple(item for item in TenOnceYearlyItem if year_ended and item not in done),
    )
    return decide(
        gaps,
        "十个一次 complete" if gaps.complete else f"gaps in {year}: {gaps}",
        plan_basis("名词解释5", "十个一次: 每月至少1次检查, 每季度至少1次研究, 每年至少1次…"),
    )


def _ended_months(year: int, as_of: date) -> list[int]:
    """Months of `year` whose last day is on or before `as_of`."""
    return [m for m in range(1, 13) if as_of >= _last_day_of_month(year, m)]


def _last_day_of_month(year: int, month: int) -> date:
    first_of_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_of_next - timedelta(days=1)


SHIFT_RECORD_PARTS = ("pre_shift_meeting", "risk_card", "work_card", "emergency_card")


def shift_record_missing(
    *, pre_shift_meeting: bool, risk_card: bool, work_card: bool, emergency_card: bool
) -> Decision[tuple[str, ...]]:
    """名词解释6 / 一会三卡: each shift has a pre-shift meeting (班前会) plus risk, work and emergency cards
    (风险卡、作业卡、应急卡); returns the missing parts (R27)."""
    present = dict(zip(SHIFT_RECORD_PARTS, (pre_shift_meeting, risk_card, work_card, emergency_card), strict=True))
    missing = tuple(part for part, ok in present.items() if not ok)
    return decide(
        missing,
        "一会三卡 complete" if not missing else f"missing: {', '.join(missing)}",
        plan_basis("名词解释6", "一会三卡"),
    )


@dataclass(frozen=True)
class ProjectMilestones:
    designed: date | None
    construction_started: date | None
    put_into_use: date | None


def three_simultaneities_lagging(
    main_works: ProjectMilestones, safety_facilities: ProjectMilestones
) -> Decision[tuple[str, ...]]:
    """名词解释11 / 三同时 and Plan 6(一) / 第六章（一）: safety facilities are designed, built and put into use
    at the same time as the main works; any safety milestone missing or later than the main works' blocks
    approval of operation — returns the lagging stages (R28)."""
    lagging = []
    for stage in ("designed", "construction_started", "put_into_use"):
        main, safety = getattr(main_works, stage), getattr(safety_facilities, stage)
        if main is not None and (safety is None or safety > main):
            lagging.append(stage)
    return decide(
        tuple(lagging),
        "三同时 met" if not lagging else f"safety facilities lag at: {', '.join(lagging)}; operation blocked",
        plan_basis("名词解释11", "三同时"),
        plan_basis("Plan 6(一) / 第六章（一）"),
    )


class HighRiskSector(StrEnum):
    """The 9 high-risk sectors with mandatory safety liability insurance (Plan 10(六))."""

    MINE = "MINE"
    HAZCHEM = "HAZCHEM"
    FIREWORKS = "FIREWORKS"
    TRANSPORT = "TRANSPORT"
    CONSTRUCTION = "CONSTRUCTION"
    CIVIL_EXPLOSIVES = "CIVIL_EXPLOSIVES"
    METAL_SMELTING = "METAL_SMELTING"
    FISHERY = "FISHERY"
    SPECIAL_EQUIPMENT = "SPECIAL_EQUIPMENT"


SECTOR_TO_HIGH_RISK: dict[SafetySector, HighRiskSector] = {
    SafetySector.COAL_MINE: HighRiskSector.MINE,
    SafetySector.NON_COAL_MINE: HighRiskSector.MINE,
    SafetySector.TAILINGS_POND: HighRiskSector.MINE,
    SafetySector.HAZCHEM: HighRiskSector.HAZCHEM,
    SafetySector.FIREWORKS: HighRiskSector.FIREWORKS,
    SafetySector.ROAD_TRANSPORT: HighRiskSector.TRANSPORT,
    SafetySector.TRANSPORT_FISHERY_VESSELS: HighRiskSector.TRANSPORT,
    SafetySector.URBAN_RAIL: HighRiskSector.TRANSPORT,
    SafetySector.CONSTRUCTION: HighRiskSector.CONSTRUCTION,
    SafetySector.CIVIL_EXPLOSIVES: HighRiskSector.CIVIL_EXPLOSIVES,
    SafetySector.METAL_SMELTING: HighRiskSector.METAL_SMELTING,
    SafetySector.FISHERY: HighRiskSector.FISHERY,
    SafetySector.SPECIAL_EQUIPMENT: HighRiskSector.SPECIAL_EQUIPMENT,
}


class InsuranceRequirement(StrEnum):
    REQUIRED_AND_HELD = "REQUIRED_AND_HELD"
    REQUIRED_MISSING = "REQUIRED_MISSING"
    ENCOURAGED = "ENCOURAGED"


# Plan 10(六) / 第十章（六）: 在高危行业领域（矿山、危险化学品、烟花爆竹、交通运输、建筑施工、民用爆炸物品、金属冶炼、
# 渔业生产、特种设备等）依法强制实施安全生产责任保险制度 — the nine sectors in the text's order, with their names.
COMPULSORY_INSURANCE_SECTORS: dict[HighRiskSector, str] = {
    HighRiskSector.MINE: "矿山",
    HighRiskSector.HAZCHEM: "危险化学品",
    HighRiskSector.FIREWORKS: "烟花爆竹",
    HighRiskSector.TRANSPORT: "交通运输",
    HighRiskSector.CONSTRUCTION: "建筑施工",
    HighRiskSector.CIVIL_EXPLOSIVES: "民用爆炸物品",
    HighRiskSector.METAL_SMELTING: "金属冶炼",
    HighRiskSector.FISHERY: "渔业生产",
    HighRiskSector.SPECIAL_EQUIPMENT: "特种设备",
}

# The register's sectors (the campaigns of Plan 6(三)) that fall under one of the nine: 城市建设 is the campaign on
# building works (高层建筑工程、地下工程、拆除工程、房屋市政工程…), i.e. 建筑施工; 冶金工贸 is read as metallurgy
# (冶金 = 金属冶炼: molten metal, metallurgical gas); vessels are 交通运输 and 渔业生产 alike.
INSURANCE_SECTOR_OF: dict[SafetySector, HighRiskSector] = {
    **SECTOR_TO_HIGH_RISK,
    SafetySector.URBAN_CONSTRUCTION: HighRiskSector.CONSTRUCTION,
    SafetySector.METALLURGY_INDUSTRY_TRADE: HighRiskSector.METAL_SMELTING,
}


def liability_insurance_requirement(sector: SafetySector, insured: bool) -> Decision[InsuranceRequirement]:
    """Plan 10(六) / 第十章（六）: enterprises in the high-risk sectors listed by the text — mines, hazardous
    chemicals, fireworks, transport, construction (建筑施工), civil explosives, metal smelting (金属冶炼), fishery and
    special equipment — must hold production-safety liability insurance (安全生产责任保险); enterprises of
    other sectors are encouraged to (R29)."""
    listed = INSURANCE_SECTOR_OF.get(sector)
    if listed is not None:
        requirement = InsuranceRequirement.REQUIRED_AND_HELD if insured else InsuranceRequirement.REQUIRED_MISSING
        why = f"{sector.value} ({COMPULSORY_INSURANCE_SECTORS[listed]}): {requirement.value}"
    else:
        requirement = InsuranceRequirement.ENCOURAGED
        why = f"{sector.value}: not a listed high-risk sector, {requirement.value}"
    return decide(
        requirement,
        why,
        plan_basis(
            "Plan 10(六) / 第十章（六）",
            "高危行业领域（矿山、危险化学品、烟花爆竹、交通运输、建筑施工、民用爆炸物品、金属冶炼、渔业生产、特种设备等）"
            "依法强制实施安全生产责任保险制度",
        ),
    )


NEW_EMPLOYEE_TRAINING_TARGET = 1  # Plan 2(三)2: 新招员工安全技能培训率100%


def professional_staffing_gaps(
    sector: SafetySector,
    *,
    registered_safety_engineers: int,
    key_sector_above_scale: bool,
    new_employees: int,
    new_employees_trained: int,
) -> Decision[tuple[str, ...]]:
    """Plan 6(四) / 第六章（四） and Plan 2(三)2: high-risk enterprises employ or engage registered safety
    engineers (注册安全工程师); above-scale firms in key sectors train 100 % of new employees (R30)."""
    if (
        new_employees_trained > new_employees
        or min(new_employees, new_employees_trained, registered_safety_engineers) < 0
    ):
        raise InvalidInput("trained new employees must be between 0 and the number of new employees")
    gaps = []
    if sector in SECTOR_TO_HIGH_RISK and registered_safety_engineers < 1:
        gaps.append("registered_safety_engineer")
    if key_sector_above_scale and new_employees_trained < new_employees:
        gaps.append("new_employee_training")
    return decide(
        tuple(gaps),
        "staffing duties met" if not gaps else f"gaps: {', '.join(gaps)}",
        plan_basis("Plan 6(四) / 第六章（四）", "高危行业配备或聘请注册安全工程师; 推行安全总监制度"),
        plan_basis("Plan 2(三)2 / 第二章（三）2", "新招员工安全技能培训率100%"),
    )
