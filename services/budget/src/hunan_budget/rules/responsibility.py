"""Responsibility matrix of the natural-resources Division Plan 划分方案 二 (R54–R61): who holds the fiscal
responsibility 财政事权 and bears the expenditure 支出责任 for each natural-resources matter.

The 103 rows are reference data (`reference/responsibility_matrix.json`, transcribed from Division Plan
二(一)–(七) in source order); the functions here look rows up and derive the paying parties.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from hunan_budget.rules.basis import BudgetRuleError, decide, design, division_plan
from hunan_shared import divisions
from hunan_shared.legal import Decision


class ResponsibilityLevel(StrEnum):
    PROVINCE = "PROVINCE"  # 省级财政事权，由省级承担支出责任
    SHARED = "SHARED"  # 省与市县共同财政事权，由省与市县共同承担支出责任
    CITY_COUNTY = "CITY_COUNTY"  # 市县财政事权，由市县承担支出责任
    SPLIT_BY_CLASSIFICATION = "SPLIT_BY_CLASSIFICATION"  # 分类确定为省级与市县财政事权 (national parks)
    PER_EMERGENCY_RESCUE_PLAN = "PER_EMERGENCY_RESCUE_PLAN"  # 按照应急救援领域改革实施方案执行


class FiscalLevel(StrEnum):
    """Fiscal level of a budget (财政层级); 市县 = 市州 and 财政省直管县市 (Division Plan preamble, R55)."""

    PROVINCE = "PROVINCE"
    CITY = "CITY"  # 市州
    DIRECT_COUNTY = "DIRECT_COUNTY"  # 财政省直管县市
    COUNTY = "COUNTY"  # an ordinary county, inside its 市州's fiscal party for this plan


class Payer(StrEnum):
    PROVINCE = "province"
    CITY_COUNTY = "city_county"


@dataclass(frozen=True)
class Matter:
    id: str
    section: str
    area: str
    matter_zh: str
    matter_en: str
    level: ResponsibilityLevel
    umbrella: bool = False
    note: str | None = None


@lru_cache(maxsize=1)
def matrix() -> tuple[Matter, ...]:
    raw = json.loads(
        resources.files("hunan_budget.reference").joinpath("responsibility_matrix.json").read_text("utf-8")
    )
    return tuple(Matter(**{**row, "level": ResponsibilityLevel(row["level"])}) for row in raw["matters"])


def matrix_version() -> str:
    raw = json.loads(
        resources.files("hunan_budget.reference").joinpath("responsibility_matrix.json").read_text("utf-8")
    )
    return str(raw["version"])


def find_matters(item: str) -> list[Matter]:
    """Rows whose id equals `item` (e.g. NR-505) or whose Chinese or English wording contains it."""
    needle = item.strip()
    if not needle:
        return []
    by_id = [m for m in matrix() if m.id.upper() == needle.upper()]
    if by_id:
        return by_id
    lowered = needle.lower()
    return [m for m in matrix() if needle in m.matter_zh or lowered in m.matter_en.lower()]


def get_matter(matter_id: str) -> Matter:
    for m in matrix():
        if m.id == matter_id.upper():
            return m
    raise BudgetRuleError(f"no responsibility-matrix row {matter_id!r}")


@dataclass(frozen=True)
class Responsibility:
    matter: Matter
    payers: tuple[Payer, ...]  # empty when the plan does not decide (R57, R58)
    province_share: Decimal | None  # None: not fixed by the plan (R60) and not configured
    city_county_share: Decimal | None


def responsibility_for(
    matter: Matter, shared_province_shares: dict[str, Decimal] | None = None
) -> Decision[Responsibility]:
    """R54 / Division Plan 二: who pays for a matter. PROVINCE → the province alone; CITY_COUNTY → the 市州 or
    the fiscally province-managed county alone; SHARED → both, in shares the plan leaves open (R60: configured
    per matter in BUDGET_SHARED_PROVINCE_SHARES, else unknown). R57/R58 rows name no payer: never guessed."""
    basis = [division_plan(matter.section, "R54", matter.matter_zh)]
    level = matter.level
    if level is ResponsibilityLevel.PROVINCE:
        result = Responsibility(matter, (Payer.PROVINCE,), Decimal(1), Decimal(0))
    elif level is ResponsibilityLevel.CITY_COUNTY:
        result = Responsibility(matter, (Payer.CITY_COUNTY,), Decimal(0), Decimal(1))
    elif level is ResponsibilityLevel.SHARED:
        share = (shared_province_shares or {}).get(matter.id)
        basis.append(division_plan("二", "R60", "共同财政事权的分担比例未在方案中规定"))
        if share is not None and not (Decimal(0) <= share <= Decimal(1)):
            raise BudgetRuleError(f"configured province share of {matter.id} must lie in [0, 1], got {share}")
        result = Responsibility(
            matter, (Payer.PROVINCE, Payer.CITY_COUNTY), share, None if share is None else Decimal(1) - share
        )
    elif level is ResponsibilityLevel.SPLIT_BY_CLASSIFICATION:
        basis.append(division_plan("二(四)", "R58", "国家公园具体事务分类确定为省级与市县财政事权"))
        result = Responsibility(matter, (), None, None)
    else:
        basis.append(division_plan("二(七)", "R57", "按照应急救援领域改革实施方案执行"))
        result = Responsibility(matter, (), None, None)
    payers = " and ".join(p.value for p in result.payers) or "not decided by this plan"
    return decide(result, f"{matter.id} {level.value}: paid by {payers}", *basis)


class HazardCause(StrEnum):
    NATURAL = "NATURAL"  # 因自然因素造成
    HUMAN = "HUMAN"


class HazardSize(StrEnum):
    LARGE = "LARGE"  # 大型
    MEDIUM = "MEDIUM"  # 中型
    SMALL = "SMALL"  # 小型


def geological_remediation_matter(cause: HazardCause, size: HazardSize) -> Decision[Matter | None]:
    """R56 / Division Plan 二(六): remediation of natural-cause large/medium geological hazards is shared
    (NR-602); other natural-cause hazards are city/county (NR-610); human-caused ones are in neither row."""
    basis = division_plan("二(六)", "R56", "因自然因素造成的大、中型地质灾害综合治理 / 其他地质灾害综合治理")
    if HazardCause(cause) is HazardCause.HUMAN:
        return decide(None, "human-caused geological hazards are not classified by the plan", basis)
    matter = get_matter("NR-602" if HazardSize(size) in (HazardSize.LARGE, HazardSize.MEDIUM) else "NR-610")
    return decide(matter, f"natural cause, {size.value.lower()} → {matter.id} {matter.level.value}", basis)


def fiscal_level(division_code: str, province_managed_counties: frozenset[str] = frozenset()) -> Decision[FiscalLevel]:
    """R55 / Division Plan preamble: 市县 means the 市州 and the counties fiscally managed by the province.

    Which counties are 财政省直管 is not in the gazette: configured (BUDGET_PROVINCE_MANAGED_COUNTIES)."""
    division = divisions.get(division_code)
    if division.level is divisions.Level.PROVINCE:
        level = FiscalLevel.PROVINCE
    elif division.level is divisions.Level.PREFECTURE:
        level = FiscalLevel.CITY
    elif division_code in province_managed_counties:
        level = FiscalLevel.DIRECT_COUNTY
    else:
        level = FiscalLevel.COUNTY
    return decide(
        level,
        f"{division_code} {division.name} → {level.value}",
        division_plan("preamble", "R55", "市县指市州和财政省直管县市"),
    )


_ALLOWED_LEVELS: dict[ResponsibilityLevel, frozenset[FiscalLevel]] = {
    ResponsibilityLevel.PROVINCE: frozenset({FiscalLevel.PROVINCE}),
    ResponsibilityLevel.CITY_COUNTY: frozenset({FiscalLevel.CITY, FiscalLevel.DIRECT_COUNTY}),
    ResponsibilityLevel.SHARED: frozenset({FiscalLevel.PROVINCE, FiscalLevel.CITY, FiscalLevel.DIRECT_COUNTY}),
}


def budget_level_allowed(matter: Matter, level: FiscalLevel) -> Decision[bool]:
    """R61 / Division Plan 三(二): a budget line tagged with a matter sits at a level that bears it — PROVINCE
    matters at the province, CITY_COUNTY matters at a 市州 or 省直管县, SHARED at either. R57/R58 rows need a
    classification first, so no level is allowed for them yet."""
    allowed = _ALLOWED_LEVELS.get(matter.level, frozenset())
    ok = FiscalLevel(level) in allowed
    shown = ", ".join(sorted(a.value for a in allowed)) or "none until classified"
    return decide(
        ok,
        f"{matter.id} ({matter.level.value}) at {level}: allowed {shown}",
        division_plan("三(二)", "R61", "各级政府要合理安排预算，确保职责履行到位"),
        design("R61", "an ordinary county budgets inside its 市州's share (R55 reading)"),
    )
