"""Venue and base thresholds (W4): exhibition-hall area per 10,000 residents (R15), science museums and the
provincial post-completion subsidy (R16), counties counted for service stations + science towns (R8), and who
funds city/county natural-resources science bases (Division Plan NR-707)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from hunan_science.rules.basis import DIVISION_PLAN, ScienceRuleError, decide, design, plan
from hunan_shared.legal import Decision, IllegalTransition, cite

AREA_PER_10K_MIN = Decimal(160)  # 三(四)3: 每万人拥有科普展厅面积达到160平方米
MUSEUM_POPULATION_MIN = 600_000  # 三(三)2: 60万以上人口有条件的县市


class VenueType(StrEnum):
    """Venue and base types named by the plan (三(三) of the plan); the Chinese name is in the value's comment."""

    SCI_MUSEUM_PHYSICAL = "SCI_MUSEUM_PHYSICAL"  # 实体科技馆
    SCI_MUSEUM_DIGITAL = "SCI_MUSEUM_DIGITAL"  # 数字科技馆
    SCI_MUSEUM_MOBILE = "SCI_MUSEUM_MOBILE"  # 流动科技馆
    RURAL_SCHOOL_SCI_MUSEUM = "RURAL_SCHOOL_SCI_MUSEUM"  # 农村中学科技馆
    MUSEUM = "MUSEUM"  # 博物馆
    SAFETY_EXPERIENCE = "SAFETY_EXPERIENCE"  # 安全体验场馆
    SAFETY_EMERGENCY_EXPERIENCE_PROV = "SAFETY_EMERGENCY_EXPERIENCE_PROV"  # 省级安全应急体验基地
    PUBLIC_SAFETY_HEALTH_BASE = "PUBLIC_SAFETY_HEALTH_BASE"  # 公共安全健康教育基地
    SCI_EDU_BASE = "SCI_EDU_BASE"  # 科普教育基地
    PROV_SCI_BASE = "PROV_SCI_BASE"  # 省级科普基地
    NATURE_EDU_BASE = "NATURE_EDU_BASE"  # 自然教育学校（基地）
    YOUTH_CENTER = "YOUTH_CENTER"  # 青少年活动中心
    SOCIETY_SERVICE_STATION = "SOCIETY_SERVICE_STATION"  # 学会服务站
    SCI_TOWN = "SCI_TOWN"  # 科普小镇
    COMMUNITY_SCI_UNIVERSITY = "COMMUNITY_SCI_UNIVERSITY"  # 社区科普大学
    CIVILIZATION_PRACTICE = "CIVILIZATION_PRACTICE"  # 新时代文明实践中心（所、站）
    COMMUNITY_SERVICE_FACILITY = "COMMUNITY_SERVICE_FACILITY"  # 城乡社区综合服务设施 (with 科普展厅)
    PUBLIC_CULTURE_FACILITY = "PUBLIC_CULTURE_FACILITY"  # 图书馆, 文化馆, 工人文化宫
    PUBLIC_PLACE = "PUBLIC_PLACE"  # 公园, 植物园, 自然保护区 …
    NATURAL_RESOURCES_SCI_BASE = "NATURAL_RESOURCES_SCI_BASE"  # 自然资源科普基地


class VenueLevel(StrEnum):
    NATIONAL = "NATIONAL"
    PROVINCIAL = "PROVINCIAL"
    PREFECTURE = "PREFECTURE"
    COUNTY = "COUNTY"
    TOWNSHIP = "TOWNSHIP"
    VILLAGE = "VILLAGE"


def exhibition_area_per_10k(total_area_m2: Decimal, residents: int) -> Decision[bool]:
    """R15 / 三(四)3: 每万人拥有科普展厅面积达到160平方米 — area ÷ (residents ÷ 10,000) ≥ 160 m².

    A district of 1,000,000 residents needs 16,000 m²; 15,999 m² is not enough."""
    if residents <= 0:
        raise ScienceRuleError("residents must be positive")
    per_10k = Decimal(total_area_m2) * 10_000 / Decimal(residents)
    met = per_10k >= AREA_PER_10K_MIN
    return decide(
        met,
        f"{total_area_m2} m² for {residents} residents = {per_10k:.2f} m² per 10k vs ≥ {AREA_PER_10K_MIN}",
        plan("三(四)3", "R15", "每万人拥有科普展厅面积达到160平方米"),
        design("R15", "qualifying venue types are configuration"),
    )


def museum_subsidy_in_scope(
    population: int, is_prefecture: bool, accepted: bool, conditions_met: bool = False
) -> Decision[bool]:
    """R16 / 三(三)2: 「推动各市州和60万以上人口有条件的县市建设科技馆，省级财政予以后补助」.

    The provincial post-completion subsidy 后补助 covers the whole sentence: a science museum of any 市州
    (no population threshold, no condition), and one of a county or county-level city with 600,000 residents or
    more (以上, inclusive) that has the conditions in place (有条件). Either way it is paid only after the
    completed museum is accepted [D: 后补助 = after completion]. `conditions_met` is the county's own
    assessment (land, funding, operating capacity: the plan does not list them); it is not asked of a 市州."""
    basis = [plan("三(三)2", "R16", "推动各市州和60万以上人口有条件的县市建设科技馆，省级财政予以后补助")]
    after_acceptance = design("R16", "后补助: paid after the completed museum is accepted")
    if is_prefecture:
        if not accepted:
            return decide(False, "a 市州 museum: in scope, the subsidy waits for acceptance", *basis, after_acceptance)
        return decide(True, "a 市州 museum, completed and accepted", *basis, after_acceptance)
    if population < MUSEUM_POPULATION_MIN:
        return decide(False, f"population {population} < {MUSEUM_POPULATION_MIN}: not under this clause", *basis)
    if not conditions_met:
        return decide(
            False, f"population {population} ≥ {MUSEUM_POPULATION_MIN} but the conditions (有条件) are not met", *basis
        )
    if not accepted:
        return decide(
            False, "in scope (population and conditions), the subsidy waits for acceptance", *basis, after_acceptance
        )
    return decide(
        True, f"population {population} ≥ {MUSEUM_POPULATION_MIN}, conditions met, accepted", *basis, after_acceptance
    )


def county_has_station_and_town(venue_types: set[VenueType]) -> Decision[bool]:
    """R8 / 二(二)3: a county counts toward the 80 only with both a 学会服务站 and a 科普小镇 [D: both required]."""
    both = {VenueType.SOCIETY_SERVICE_STATION, VenueType.SCI_TOWN} <= set(venue_types)
    return decide(
        both,
        "both station and town" if both else "needs both a society service station and a science town",
        plan("二(二)3", "R8", "在全省80个县市区建立学会服务站和科普小镇"),
        design("R8", "both required"),
    )


def funding_level(venue_type: VenueType, level: VenueLevel) -> Decision[str | None]:
    """Division Plan 二(七) NR-707: city/county natural-resources science bases are a city/county fiscal matter
    (市县财政事权, paid by the city or county). Other venues have no rule in the gazette (None)."""
    if VenueType(venue_type) is VenueType.NATURAL_RESOURCES_SCI_BASE and VenueLevel(level) in (
        VenueLevel.PREFECTURE,
        VenueLevel.COUNTY,
    ):
        return decide(
            "CITY_COUNTY",
            "市县级自然资源科普基地建设 is a city/county matter (NR-707)",
            cite(DIVISION_PLAN, "二(七) (NR-707)", "市县级自然资源科普基地建设为市县财政事权"),
        )
    return decide(
        None,
        "no fiscal-responsibility rule for this venue in the gazette",
        design("NR-707", "only city/county natural-resources bases are tagged"),
    )


# --- W4: certification of venues and bases, and the science-museum post-completion subsidy ----------------------


class IllegalVenueStep(IllegalTransition, ScienceRuleError):
    """A certification or subsidy step W4 does not allow from the current state (HTTP 409)."""


class CertificationState(StrEnum):
    APPLIED = "APPLIED"
    ASSESSED = "ASSESSED"
    CERTIFIED = "CERTIFIED"
    ANNUAL_REVIEW = "ANNUAL_REVIEW"
    RENEWED = "RENEWED"
    REVOKED = "REVOKED"


class CertificationAction(StrEnum):
    ASSESS = "assess"
    CERTIFY = "certify"
    REVIEW = "review"
    RENEW = "renew"
    REVOKE = "revoke"


_CERTIFICATION: dict[tuple[CertificationState, CertificationAction], CertificationState] = {
    (CertificationState.APPLIED, CertificationAction.ASSESS): CertificationState.ASSESSED,
    (CertificationState.ASSESSED, CertificationAction.CERTIFY): CertificationState.CERTIFIED,
    (CertificationState.CERTIFIED, CertificationAction.REVIEW): CertificationState.ANNUAL_REVIEW,
    (CertificationState.RENEWED, CertificationAction.REVIEW): CertificationState.ANNUAL_REVIEW,
    (CertificationState.ANNUAL_REVIEW, CertificationAction.RENEW): CertificationState.RENEWED,
    (CertificationState.ANNUAL_REVIEW, CertificationAction.REVOKE): CertificationState.REVOKED,
}
# Certified (and still standing after its review) — what S20 counts as a supported base.
CERTIFIED_STATES = (CertificationState.CERTIFIED, CertificationState.ANNUAL_REVIEW, CertificationState.RENEWED)


def next_certification_state(state: CertificationState, action: CertificationAction) -> Decision[CertificationState]:
    """W4 / 三(三)3 「5年内支持建设300个省级科普基地」: a venue applies, is assessed, certified at a level, then
    reviewed each year and renewed or revoked; a revoked base applies again from the start."""
    try:
        new = _CERTIFICATION[(CertificationState(state), CertificationAction(action))]
    except KeyError:
        raise IllegalVenueStep(f"certification (W4): cannot {action} when {state}") from None
    return decide(
        new,
        f"{state} --{action}--> {new}",
        plan("三(三)3", "R17", "5年内支持建设300个省级科普基地"),
        design("W4", "APPLIED → ASSESSED → CERTIFIED → ANNUAL_REVIEW → RENEWED | REVOKED"),
    )


class SubsidyState(StrEnum):
    BUILT = "BUILT"
    ACCEPTED = "ACCEPTED"
    SUBSIDY_CLAIMED = "SUBSIDY_CLAIMED"
    SUBSIDY_PAID = "SUBSIDY_PAID"


class SubsidyAction(StrEnum):
    ACCEPT = "accept"
    CLAIM = "claim"
    PAY = "pay"


_SUBSIDY: dict[tuple[SubsidyState, SubsidyAction], SubsidyState] = {
    (SubsidyState.BUILT, SubsidyAction.ACCEPT): SubsidyState.ACCEPTED,
    (SubsidyState.ACCEPTED, SubsidyAction.CLAIM): SubsidyState.SUBSIDY_CLAIMED,
    (SubsidyState.SUBSIDY_CLAIMED, SubsidyAction.PAY): SubsidyState.SUBSIDY_PAID,
}


def next_subsidy_state(state: SubsidyState, action: SubsidyAction) -> Decision[SubsidyState]:
    """W4 / 三(三)2 「省级财政予以后补助」: a built museum is accepted, then the subsidy is claimed from the
    province (sent to the budget service), then paid; one claim per museum."""
    try:
        new = _SUBSIDY[(SubsidyState(state), SubsidyAction(action))]
    except KeyError:
        raise IllegalVenueStep(f"museum subsidy (W4): cannot {action} when {state}") from None
    return decide(
        new,
        f"{state} --{action}--> {new}",
        plan("三(三)2", "R16", "省级财政予以后补助"),
        design("W4", "BUILT → ACCEPTED → SUBSIDY_CLAIMED → SUBSIDY_PAID"),
    )
