"""Warnings: colour grades, release path ("1+5"), public coverage and broadcast coverage (R7–R9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hunan_emergency.rules.basis import RateCheck, as_decimal, decide, plan_basis, ratio
from hunan_emergency.rules.classification import NaturalHazardType, ResponseLevel
from hunan_shared.legal import Decision

WARNING_COVERAGE_TARGET = Decimal("0.90")  # Plan 2(三)2: 预警信息发布公众覆盖率达到90%
BROADCAST_COVERAGE_TARGET = Decimal("0.95")  # Plan 10(二): 主动发布终端人口覆盖率95%以上
BROADCAST_COVERAGE_DEADLINE = date(2022, 12, 31)  # Plan 10(二): 到2022年


def warning_coverage_met(population_reached: int, population_targeted: int) -> Decision[RateCheck]:
    """Plan 2(三)2 / 第二章（三）2: public coverage of disaster-warning release reaches 90 % (预警信息发布
    公众覆盖率达到90%); exactly 90 % is met ("达到") (R7)."""
    rate = ratio(population_reached, population_targeted, "warning coverage")
    met = rate >= WARNING_COVERAGE_TARGET
    return decide(
        RateCheck(as_decimal(rate), WARNING_COVERAGE_TARGET, met),
        f"reached {population_reached} of {population_targeted} ({float(rate):.2%}); target 90 % "
        f"{'met' if met else 'not met'}",
        plan_basis("Plan 2(三)2 / 第二章（三）2", "灾害预警信息发布公众覆盖率达到90%"),
    )


def broadcast_coverage_met(population_covered: int, population: int) -> Decision[RateCheck]:
    """Plan 10(二) / 第十章（二）: emergency-broadcast active-release terminals cover 95 % or more (95%以上)
    of the population of disaster-prone areas by end-2022; exactly 95 % is met (R8)."""
    rate = ratio(population_covered, population, "broadcast coverage")
    met = rate >= BROADCAST_COVERAGE_TARGET
    return decide(
        RateCheck(as_decimal(rate), BROADCAST_COVERAGE_TARGET, met),
        f"terminals cover {float(rate):.2%}; "
        f"target 95 % by {BROADCAST_COVERAGE_DEADLINE} {'met' if met else 'not met'}",
        plan_basis("Plan 10(二) / 第十章（二）", "应急广播主动发布终端人口覆盖率达到95%以上"),
    )


class ReleaseSystem(StrEnum):
    """The "1+5" warning release system (名词解释20)."""

    INTEGRATED_PLATFORM = "INTEGRATED_PLATFORM"  # 自然灾害应急综合信息平台
    FLOOD_DROUGHT = "FLOOD_DROUGHT"  # 水旱灾害预警信息发布系统
    GEOLOGICAL = "GEOLOGICAL"
    METEOROLOGICAL = "METEOROLOGICAL"
    FOREST_FIRE = "FOREST_FIRE"
    EARTHQUAKE = "EARTHQUAKE"


def warning_release_systems(hazard: NaturalHazardType) -> Decision[tuple[ReleaseSystem, ReleaseSystem]]:
    """名词解释20 / "1+5": a natural-disaster warning is released through the integrated platform plus the
    release system of its own hazard (R9)."""
    system = ReleaseSystem(hazard.value)
    return decide(
        (ReleaseSystem.INTEGRATED_PLATFORM, system),
        f"{hazard.value} warning → integrated platform + {system.value} release system",
        plan_basis("名词解释20", "自然灾害应急综合信息平台＋五个预警信息发布系统"),
        plan_basis("Plan 7(二) / 第七章（二）", "针对特定区域、特定人群的精准发布"),
    )


class WarningColour(StrEnum):
    """Warning grade by colour (预警级别): 蓝 blue (lowest) … 红 red (highest)."""

    BLUE = "蓝"
    YELLOW = "黄"
    ORANGE = "橙"
    RED = "红"


@dataclass(frozen=True)
class CapGrade:
    """CAP 1.2 urgency/severity/certainty chosen for one colour grade."""

    urgency: str
    severity: str
    certainty: str


# [DESIGN] The plan requires a graded warning system (Plan 7(二) 分级预警制度) without defining the grades;
# we use the national four colours (突发事件应对法 第四十二条: 红橙黄蓝, 一级最高) and map each to one
# response level and an explicit CAP triple. Severity follows the colour one-to-one; urgency drops to
# Expected/Future for the lower grades because those announce a possible, not an imminent, event.
COLOUR_RESPONSE_LEVEL: dict[WarningColour, ResponseLevel] = {
    WarningColour.RED: ResponseLevel.I,
    WarningColour.ORANGE: ResponseLevel.II,
    WarningColour.YELLOW: ResponseLevel.III,
    WarningColour.BLUE: ResponseLevel.IV,
}
COLOUR_CAP_GRADE: dict[WarningColour, CapGrade] = {
    WarningColour.RED: CapGrade("Immediate", "Extreme", "Likely"),
    WarningColour.ORANGE: CapGrade("Immediate", "Severe", "Likely"),
    WarningColour.YELLOW: CapGrade("Expected", "Moderate", "Likely"),
    WarningColour.BLUE: CapGrade("Future", "Minor", "Possible"),
}


def response_level_for_colour(colour: WarningColour) -> Decision[ResponseLevel]:
    """Plan 7(二) / 第七章（二）: graded warnings (分级预警) — red ↔ Level I … blue ↔ Level IV [DESIGN]."""
    level = COLOUR_RESPONSE_LEVEL[colour]
    return decide(
        level,
        f"{colour.value}色预警 ↔ Level {level}",
        plan_basis("Plan 7(二) / 第七章（二）", "分级预警制度"),
    )


def cap_grade_for_colour(colour: WarningColour) -> Decision[CapGrade]:
    """Plan 7(二) / 第七章（二）: CAP urgency/severity/certainty of a colour grade [DESIGN table above]."""
    grade = COLOUR_CAP_GRADE[colour]
    return decide(
        grade,
        f"{colour.value}色 → urgency {grade.urgency}, severity {grade.severity}, certainty {grade.certainty}",
        plan_basis("Plan 7(二) / 第七章（二）", "分级预警制度"),
    )
