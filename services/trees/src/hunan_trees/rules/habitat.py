"""Habitat protection zone 生境保护范围 (Art. 23), prohibited acts (Art. 24) and construction (Art. 25)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import ART23, ART24, ART25
from .classification import GovernmentLevel, Grade, recognising_authority

MIN_ZONE_MARGIN_M = 5.0  # 不小于树冠垂直投影外五米


class ProjectTier(StrEnum):
    NATIONAL_KEY = "NATIONAL_KEY"  # 国家重点建设项目
    PROVINCIAL_KEY = "PROVINCIAL_KEY"  # 省重点建设项目
    OTHER = "OTHER"


KEY_TIERS = frozenset({ProjectTier.NATIONAL_KEY, ProjectTier.PROVINCIAL_KEY})


class ConstructionOutcome(StrEnum):
    NO_CONFLICT = "NO_CONFLICT"
    AVOIDANCE_REQUIRED = "AVOIDANCE_REQUIRED"  # 采取避让措施
    PROTECTION_PLAN_REQUIRED = "PROTECTION_PLAN_REQUIRED"  # 施工前制定保护方案并备案
    PROHIBITED = "PROHIBITED"  # Art. 24(3): building works inside the zone


class ProhibitedAct(StrEnum):
    """Art. 24 / 第二十四条: the listed acts; P3 acts only count inside the habitat zone."""

    P1_UNAUTHORISED_TRANSPLANT = "P1_UNAUTHORISED_TRANSPLANT"
    P1_UNAUTHORISED_FELLING = "P1_UNAUTHORISED_FELLING"
    P2_CLIMBING = "P2_CLIMBING"
    P2_BREAKING_BRANCHES = "P2_BREAKING_BRANCHES"
    P2_DIGGING_ROOTS = "P2_DIGGING_ROOTS"
    P2_STRIPPING_BARK = "P2_STRIPPING_BARK"
    P2_INJECTING_TOXIC = "P2_INJECTING_TOXIC"
    P2_CARVING = "P2_CARVING"
    P2_NAILING = "P2_NAILING"
    P2_HANGING_HEAVY_OBJECTS = "P2_HANGING_HEAVY_OBJECTS"
    P2_USING_AS_SUPPORT = "P2_USING_AS_SUPPORT"
    P3_NEW_OR_EXTENDED_BUILDING = "P3_NEW_OR_EXTENDED_BUILDING"
    P3_IMPERVIOUS_PAVING = "P3_IMPERVIOUS_PAVING"
    P3_ROAD_BUILDING = "P3_ROAD_BUILDING"
    P3_PIPELINE_LAYING = "P3_PIPELINE_LAYING"
    P3_WIRE_ERECTING = "P3_WIRE_ERECTING"
    P3_DIGGING_PITS_TAKING_SOIL = "P3_DIGGING_PITS_TAKING_SOIL"
    P3_QUARRYING_SAND = "P3_QUARRYING_SAND"
    P3_NON_PROTECTIVE_FILLING = "P3_NON_PROTECTIVE_FILLING"
    P3_OPEN_FIRE = "P3_OPEN_FIRE"
    P3_DUMPING_SEWAGE_GARBAGE = "P3_DUMPING_SEWAGE_GARBAGE"
    P3_HAZARDOUS_GOODS = "P3_HAZARDOUS_GOODS"
    P4_OTHER_DAMAGE = "P4_OTHER_DAMAGE"


def zone_radius_m(crown_radius_m: float, margin_m: float = MIN_ZONE_MARGIN_M) -> float:
    """Art. 23 / 第二十三条 (R21): with only a crown radius known, the zone radius is crown radius + margin."""
    return crown_radius_m + margin_m


def zone_margin_compliant(
    margin_m: float,
    approved_reduction_by: GovernmentLevel | None = None,
    grade: Grade | None = None,
    is_famous: bool = False,
) -> Decision[bool]:
    """Art. 23 / 第二十三条 (R21, R22): margin ≥ 5 m beyond the crown projection, or a reduction approved by
    the government that recognised the tree (by grade: province for 一级/名木, city for 二级, county for 三级)."""
    if margin_m >= MIN_ZONE_MARGIN_M:
        return Decision[bool](value=True, reason=f"margin {margin_m} m ≥ 5 m", basis=(ART23,))
    if approved_reduction_by is None:
        return Decision[bool](
            value=False, reason=f"margin {margin_m} m < 5 m without an approved reduction", basis=(ART23,)
        )
    required = reduction_approver(grade, is_famous)
    ok = required.value is approved_reduction_by
    reason = (
        f"reduction approved by the {approved_reduction_by} government"
        if ok
        else f"reduction must be approved by the {required.value} government, not {approved_reduction_by}"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART23,) + required.basis)


def reduction_approver(grade: Grade | None, is_famous: bool) -> Decision[GovernmentLevel | None]:
    """Art. 23 para 2 / 第二十三条第二款 (R22): the recognising government by grade approves a smaller zone."""
    authority = recognising_authority(grade, is_famous)
    return Decision[GovernmentLevel | None](
        value=authority.value, reason=f"reduction approved by {authority.value}", basis=(ART23,) + authority.basis
    )


def act_prohibited(act: ProhibitedAct, inside_habitat_zone: bool) -> Decision[bool]:
    """Art. 24 / 第二十四条 (R23): P1, P2 and P4 acts are always prohibited; P3 acts inside the habitat zone."""
    if act.name.startswith("P3_") and not inside_habitat_zone:
        return Decision[bool](value=False, reason=f"{act} outside the habitat zone", basis=(ART24,))
    return Decision[bool](value=True, reason=f"{act} is prohibited", basis=(ART24,))


def construction_outcome(conflict: bool, tier: ProjectTier, avoidable: bool) -> Decision[ConstructionOutcome]:
    """Art. 25 / 第二十五条 (R24, R25) with Art. 24(3): what a project touching a habitat zone must do.

    Every tier must avoid when it can; only national or provincial key projects that cannot avoid may build
    after filing a protection plan; any other project that cannot avoid is prohibited from building there.
    """
    if not conflict:
        return Decision[ConstructionOutcome](
            value=ConstructionOutcome.NO_CONFLICT, reason="no habitat zone touched", basis=(ART25,)
        )
    if avoidable:
        return Decision[ConstructionOutcome](
            value=ConstructionOutcome.AVOIDANCE_REQUIRED,
            reason="the project touches a habitat zone: take avoidance measures (避让)",
            basis=(ART25,),
        )
    if tier in KEY_TIERS:
        return Decision[ConstructionOutcome](
            value=ConstructionOutcome.PROTECTION_PLAN_REQUIRED,
            reason="key project that cannot avoid: file a protection plan before construction",
            basis=(ART25,),
        )
    return Decision[ConstructionOutcome](
        value=ConstructionOutcome.PROHIBITED,
        reason="not a national or provincial key project: building inside the zone is prohibited",
        basis=(ART25, ART24),
    )


def protection_plan_timely(filed_on: dt.date, construction_start: dt.date) -> Decision[bool]:
    """Art. 25 para 2 / 第二十五条第二款 (R25): the plan is filed (备案) before construction starts (施工前)."""
    ok = filed_on < construction_start
    reason = "filed before construction" if ok else f"filed {filed_on}, construction started {construction_start}"
    return Decision[bool](value=ok, reason=reason, basis=(ART25,))
