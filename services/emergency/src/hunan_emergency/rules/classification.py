"""Classification and declaration of disasters and accidents: hazard taxonomy, response levels, divisions,
direct reporting, command structure and severity (R1–R6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from hunan_emergency.rules.areas import covers, normalise_division
from hunan_emergency.rules.basis import EmergencyRuleError, InvalidInput, decide, plan_basis, require_aware
from hunan_shared.legal import Decision


class InvalidHazard(EmergencyRuleError):
    """A declaration whose hazard is outside the plan's taxonomy (R1)."""


class InvalidDeclaration(EmergencyRuleError):
    """A declaration whose divisions or declaring level break R3."""


class HazardCategory(StrEnum):
    NATURAL_DISASTER = "NATURAL_DISASTER"
    PRODUCTION_SAFETY_ACCIDENT = "PRODUCTION_SAFETY_ACCIDENT"


class NaturalHazardType(StrEnum):
    """The five major disasters 五大灾害 (Plan 1(二))."""

    FLOOD_DROUGHT = "FLOOD_DROUGHT"
    GEOLOGICAL = "GEOLOGICAL"
    METEOROLOGICAL = "METEOROLOGICAL"
    FOREST_FIRE = "FOREST_FIRE"
    EARTHQUAKE = "EARTHQUAKE"


class SafetySector(StrEnum):
    """Production-safety sectors of the special campaigns (Plan 6(三)) plus those used in lists."""

    COAL_MINE = "COAL_MINE"
    NON_COAL_MINE = "NON_COAL_MINE"
    TAILINGS_POND = "TAILINGS_POND"
    HAZCHEM = "HAZCHEM"
    FIREWORKS = "FIREWORKS"
    METALLURGY_INDUSTRY_TRADE = "METALLURGY_INDUSTRY_TRADE"
    ROAD_TRANSPORT = "ROAD_TRANSPORT"
    TRANSPORT_FISHERY_VESSELS = "TRANSPORT_FISHERY_VESSELS"
    URBAN_RAIL = "URBAN_RAIL"
    FIRE = "FIRE"
    CIVIL_EXPLOSIVES = "CIVIL_EXPLOSIVES"
    SPECIAL_EQUIPMENT = "SPECIAL_EQUIPMENT"
    URBAN_CONSTRUCTION = "URBAN_CONSTRUCTION"
    INDUSTRIAL_PARK = "INDUSTRIAL_PARK"
    HAZARDOUS_WASTE = "HAZARDOUS_WASTE"
    CONSTRUCTION = "CONSTRUCTION"
    METAL_SMELTING = "METAL_SMELTING"
    FISHERY = "FISHERY"


# Names a reporter may use for a natural hazard → the five-disaster type it belongs to.
NATURAL_HAZARD_ALIASES: Mapping[str, NaturalHazardType] = {
    "水旱灾害": NaturalHazardType.FLOOD_DROUGHT,
    "洪涝": NaturalHazardType.FLOOD_DROUGHT,
    "干旱": NaturalHazardType.FLOOD_DROUGHT,
    "山洪": NaturalHazardType.FLOOD_DROUGHT,
    "FLASH_FLOOD": NaturalHazardType.FLOOD_DROUGHT,
    "FLOOD": NaturalHazardType.FLOOD_DROUGHT,
    "DROUGHT": NaturalHazardType.FLOOD_DROUGHT,
    "地质灾害": NaturalHazardType.GEOLOGICAL,
    "气象灾害": NaturalHazardType.METEOROLOGICAL,
    "低温雨雪冰冻": NaturalHazardType.METEOROLOGICAL,
    "LOW_TEMPERATURE_RAIN_SNOW_FREEZING": NaturalHazardType.METEOROLOGICAL,
    "森林火灾": NaturalHazardType.FOREST_FIRE,
    "地震": NaturalHazardType.EARTHQUAKE,
}


@dataclass(frozen=True)
class HazardClassification:
    category: HazardCategory
    natural_type: NaturalHazardType | None = None
    sector: SafetySector | None = None


def classify_hazard(
    category: HazardCategory | str, hazard_type: str | None = None, sector: str | None = None
) -> Decision[HazardClassification]:
    """Plan 1(二) / 第一章（二）: a disaster is one of the five major natural disasters (五大灾害) or a
    production-safety accident (生产安全事故) of a named sector; anything else is rejected (R1).

    Low-temperature rain/snow/freezing (低温雨雪冰冻) is meteorological (Plan 1(一)); flash floods count as
    flood & drought [DESIGN]."""
    basis = plan_basis("Plan 1(二) / 第一章（二）", "五大灾害: 水旱、地质、气象、森林火灾、地震")
    try:
        category = HazardCategory(category)
    except ValueError:
        raise InvalidHazard(f"unknown hazard category {category!r}") from None
    if category is HazardCategory.NATURAL_DISASTER:
        if sector is not None:
            raise InvalidHazard("a natural disaster carries a hazard type, not a production-safety sector")
        if not hazard_type:
            raise InvalidHazard("a natural disaster needs one of the five major hazard types")
        natural = _natural_type(hazard_type)
        if natural is None:
            raise InvalidHazard(f"{hazard_type!r} is not one of the five major disasters (五大灾害) the plan covers")
        return decide(
            HazardClassification(category, natural_type=natural),
            f"{hazard_type} is classified as {natural.value}",
            basis,
            plan_basis("Plan 1(一) / 第一章（一）", "低温雨雪冰冻 is a meteorological disaster"),
        )
    if hazard_type is not None:
        raise InvalidHazard("a production-safety accident carries a sector, not a natural hazard type")
    if not sector:
        raise InvalidHazard("a production-safety accident needs its sector (安全生产行业领域)")
    try:
        safety_sector = SafetySector(sector)
    except ValueError:
        raise InvalidHazard(f"unknown production-safety sector {sector!r}") from None
    return decide(
        HazardClassification(category, sector=safety_sector),
        f"production-safety accident in sector {safety_sector.value}",
        plan_basis("Plan 6(三) / 第六章（三）", "sector campaigns"),
    )


def _natural_type(name: str) -> NaturalHazardType | None:
    if name in NaturalHazardType.__members__:
        return NaturalHazardType(name)
    return NATURAL_HAZARD_ALIASES.get(name)


class ResponseLevel(StrEnum):
    """Response level 应急响应级别; I is the most severe (Plan 3(三) 分级响应; levels II–IV are [DESIGN])."""

    I = "I"  # noqa: E741 - the official name of the level
    II = "II"
    III = "III"
    IV = "IV"

    @property
    def severity_rank(self) -> int:
        """4 for Level I down to 1 for Level IV, so that a bigger number means a more severe response."""
        return {"I": 4, "II": 3, "III": 2, "IV": 1}[self.value]


class LevelChange(StrEnum):
    ESCALATION = "ESCALATION"
    DE_ESCALATION = "DE_ESCALATION"
    UNCHANGED = "UNCHANGED"


def classify_level_change(current: ResponseLevel, new: ResponseLevel) -> Decision[LevelChange]:
    """Plan 3(三) / 第三章（三）: graded response (分级响应); moving towards Level I is an escalation (R2)."""
    if new.severity_rank > current.severity_rank:
        change = LevelChange.ESCALATION
    elif new.severity_rank < current.severity_rank:
        change = LevelChange.DE_ESCALATION
    else:
        change = LevelChange.UNCHANGED
    return decide(change, f"response level {current} → {new}: {change.value}", plan_basis("Plan 3(三) / 第三章（三）"))


def activated_response_level(
    measured: Decimal, thresholds: Mapping[ResponseLevel, Decimal]
) -> Decision[ResponseLevel | None]:
    """Plan 7(四) / 第七章（四）: response activation criteria (应急响应启动标准) are per-hazard reference
    data that the plan asks to be adjusted; the most severe level whose threshold is reached applies (R2)."""
    reached = [level for level, threshold in thresholds.items() if measured >= threshold]
    basis = plan_basis("Plan 7(四) / 第七章（四）", "调整优化应急响应启动标准和条件")
    if not reached:
        return decide(None, f"measured {measured} reaches no activation threshold", basis)
    level = max(reached, key=lambda lv: lv.severity_rank)
    return decide(level, f"measured {measured} ≥ threshold {thresholds[level]} of Level {level}", basis)


def validate_declaration_divisions(affected: Sequence[str], declaring_division: str) -> Decision[tuple[str, ...]]:
    """Plan 3(四) / 第三章（四）: territorial responsibility (属地为主) — a declaration names at least one
    affected division, and the declaring government's division covers all of them [DESIGN] (R3)."""
    if not affected:
        raise InvalidDeclaration("a declaration must list at least one affected division")
    try:
        codes = tuple(sorted({normalise_division(code) for code in affected}))
        declaring = normalise_division(declaring_division)
    except InvalidInput as exc:
        raise InvalidDeclaration(str(exc)) from None
    outside = [code for code in codes if not covers(declaring, code)]
    if outside:
        raise InvalidDeclaration(
            f"declaring division {declaring} does not cover {', '.join(outside)}; a higher level must declare"
        )
    return decide(
        codes,
        f"{len(codes)} division(s) within declaring division {declaring}",
        plan_basis("Plan 3(四) / 第三章（四）", "属地为主"),
    )


def divisions_to_extend(current: Sequence[str], requested: Sequence[str]) -> Decision[tuple[str, ...]]:
    """Plan 3(四) / 第三章（四）: extending a disaster adds only divisions not already covered (R3);
    an empty result means the extension is a no-op and no `divisions_extended` event is due."""
    current_codes = [normalise_division(code) for code in current]
    new = tuple(
        sorted(
            {
                code
                for code in (normalise_division(c) for c in requested)
                if not any(covers(existing, code) for existing in current_codes)
            }
        )
    )
    return decide(
        new,
        f"{len(new)} new division(s) beyond the current {len(current_codes)}",
        plan_basis("Plan 3(四) / 第三章（四）"),
    )


class ReportViolation(StrEnum):
    """Direct-reporting violations (直报): 瞒报 concealed, 谎报 false, 漏报 omitted, 迟报 late."""

    CONCEALED = "CONCEALED"
    FALSE = "FALSE"
    OMITTED = "OMITTED"
    LATE = "LATE"


# [DESIGN] The plan fixes no reporting deadline; one hour follows the national accident-reporting rule
# (生产安全事故报告和调查处理条例 第九条). Exposed as the setting `late_report_limit`.
DEFAULT_LATE_REPORT_LIMIT = timedelta(hours=1)


def direct_report_violations(
    occurred_at: datetime,
    reported_at: datetime | None,
    now: datetime,
    *,
    reported_casualties: int,
    verified_casualties: int,
    content_verified_false: bool = False,
    late_report_limit: timedelta = DEFAULT_LATE_REPORT_LIMIT,
) -> Decision[frozenset[ReportViolation]]:
    """Plan 3(四) / 第三章（四）: 完善灾害事故直报制度，严厉追究瞒报、谎报、漏报、迟报责任 (R4).

    Late when reported more than `late_report_limit` after occurrence (exactly the limit is on time);
    concealed when still unreported past the limit; omitted when fewer casualties were reported than
    verified; false when verification found the content untrue."""
    require_aware(occurred_at, now, *([reported_at] if reported_at else []))
    found: set[ReportViolation] = set()
    if reported_at is None:
        if now - occurred_at > late_report_limit:
            found.add(ReportViolation.CONCEALED)
    elif reported_at - occurred_at > late_report_limit:
        found.add(ReportViolation.LATE)
    if reported_at is not None and reported_casualties < verified_casualties:
        found.add(ReportViolation.OMITTED)
    if content_verified_false:
        found.add(ReportViolation.FALSE)
    reason = ", ".join(sorted(v.value for v in found)) or "no direct-reporting violation"
    return decide(frozenset(found), reason, plan_basis("Plan 3(四) / 第三章（四）", "直报; 瞒报、谎报、漏报、迟报"))


SPECIALISED_HQ_COUNT = 18  # 名词解释21: "1+18+N"


def forward_hq_required(level: ResponseLevel) -> Decision[bool]:
    """名词解释21 / "1+18+N": a Level I or II response sets up a forward HQ (前方指挥部) under one of the
    18 specialised HQs [DESIGN mapping of N to levels] (R5)."""
    required = level in (ResponseLevel.I, ResponseLevel.II)
    return decide(
        required,
        f"Level {level}: forward HQ {'required' if required else 'not required'}",
        plan_basis("名词解释21", "1个总指挥部＋18个专项指挥部＋N个前方指挥部"),
        plan_basis("Plan 8(一) / 第八章（一）"),
    )


class AccidentSeverity(StrEnum):
    """事故等级: 特别重大, 重大 (together 重特大), 较大, 一般 [DESIGN split per national rules]."""

    EXTRAORDINARY = "EXTRAORDINARY"
    MAJOR = "MAJOR"
    LARGER = "LARGER"
    GENERAL = "GENERAL"


def counts_as_extraordinary_or_major_accident(category: HazardCategory, severity: AccidentSeverity) -> Decision[bool]:
    """核心指标表 #2 / Plan 2(三)2: 重特大事故起数 target 0 — every extraordinary or major production-safety
    accident counts and breaches the indicator (R6)."""
    counts = category is HazardCategory.PRODUCTION_SAFETY_ACCIDENT and severity in (
        AccidentSeverity.EXTRAORDINARY,
        AccidentSeverity.MAJOR,
    )
    return decide(
        counts,
        f"{category.value}/{severity.value} {'counts' if counts else 'does not count'} toward 重特大事故起数",
        plan_basis("核心指标表 #2", "重特大事故起数 0"),
        plan_basis("Plan 2(三)2 / 第二章（三）2", "坚决杜绝重特大事故"),
    )
