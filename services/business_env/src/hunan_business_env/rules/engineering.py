"""Engineering projects and tree habitat zones (W14: order 307 Art. 28 stages; trees Measures Art. 25)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import ACCESSIBILITY_IN_STEP, TREES_ART25, art

ART28 = art("Art. 28 / 第二十八条", "工程建设项目审批：立项用地规划许可、工程建设许可、施工许可、竣工验收")


class ProjectStage(StrEnum):
    PROJECT_LAND_PLANNING = "PROJECT_LAND_PLANNING"  # 立项用地规划许可
    ENGINEERING_PERMIT = "ENGINEERING_PERMIT"  # 工程建设许可
    CONSTRUCTION_PERMIT = "CONSTRUCTION_PERMIT"  # 施工许可
    COMPLETION_ACCEPTANCE = "COMPLETION_ACCEPTANCE"  # 竣工验收


class TreeMeasure(StrEnum):
    """What the trees habitat check requires of the builder."""

    NONE = "NONE"
    AVOIDANCE_PLAN = "AVOIDANCE_PLAN"  # 避让措施
    PROTECTION_PLAN = "PROTECTION_PLAN"  # 古树名木保护方案，施工前备案
    RELOCATE_OR_REDESIGN = "RELOCATE_OR_REDESIGN"  # building in the zone is prohibited


_MEASURE = {
    "NO_CONFLICT": TreeMeasure.NONE,
    "AVOIDANCE_REQUIRED": TreeMeasure.AVOIDANCE_PLAN,
    "PROTECTION_PLAN_REQUIRED": TreeMeasure.PROTECTION_PLAN,
    "PROHIBITED": TreeMeasure.RELOCATE_OR_REDESIGN,
}


def tree_measure(outcome: str) -> Decision[TreeMeasure]:
    """Trees Measures Art. 25 / 第二十五条 (W14): the trees service's outcome decides the builder's duty —
    avoid, file a protection plan before construction (key projects only), or not build in the zone."""
    if outcome not in _MEASURE:
        raise ValueError(f"unknown habitat-check outcome {outcome!r}")
    measure = _MEASURE[outcome]
    return Decision[TreeMeasure](value=measure, reason=f"habitat check {outcome}: {measure}", basis=(TREES_ART25,))


def construction_permit_allowed(
    measure: TreeMeasure, plan_filed_on: dt.date | None, construction_start: dt.date | None
) -> Decision[bool]:
    """Art. 28 / 第二十八条 with trees Art. 25 (W14): the construction-permit stage is blocked while a required
    protection plan is not filed before construction starts, and whenever building in the zone is prohibited."""
    if measure is TreeMeasure.RELOCATE_OR_REDESIGN:
        return Decision[bool](
            value=False,
            reason="the footprint lies in a habitat zone and the project may not build there",
            basis=(ART28, TREES_ART25),
        )
    if measure is TreeMeasure.PROTECTION_PLAN:
        if plan_filed_on is None:
            return Decision[bool](
                value=False,
                reason="protection plan not filed with the county tree department",
                basis=(ART28, TREES_ART25),
            )
        if construction_start is not None and plan_filed_on >= construction_start:
            return Decision[bool](
                value=False, reason="the plan must be filed before construction starts", basis=(ART28, TREES_ART25)
            )
    return Decision[bool](
        value=True, reason=f"tree measure {measure} does not block the permit", basis=(ART28, TREES_ART25)
    )


ACCESSIBILITY_STEPS = ("designed", "built", "accepted")  # 同步设计、同步施工、同步验收


def accessibility_in_step(designed: bool, built: bool, accepted: bool) -> Decision[list[str]]:
    """Disability plan 三(五)1 (三同步, R68): accessible facilities are designed, built and accepted together with
    the main works. Checked when the main works are accepted (竣工验收); returns the steps that were not in step."""
    missing = [step for step, done in zip(ACCESSIBILITY_STEPS, (designed, built, accepted), strict=True) if not done]
    return Decision[list[str]](
        value=missing,
        reason="accessible facilities in step with the main works"
        if not missing
        else "accessible facilities not in step: " + ", ".join(missing),
        basis=(ACCESSIBILITY_IN_STEP,),
    )
