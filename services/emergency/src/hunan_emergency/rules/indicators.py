"""Core indicators (核心指标表) and goal indicators (Plan 2(三)2) computed from plain yearly inputs (R57)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from hunan_emergency.rules.basis import InvalidInput, as_decimal, decide, plan_basis, ratio
from hunan_shared.legal import Decision

TABLE = plan_basis("核心指标表", "'十四五'核心指标的基期值以应急部相关规定为准")


class CoreIndicator(StrEnum):
    ACCIDENT_DEATHS = "1"  # 生产安全事故死亡人数, −15 %
    MAJOR_ACCIDENTS = "2"  # 重特大事故起数, 0
    DEATHS_PER_100M_GDP = "3"  # 亿元地区生产总值生产安全事故死亡率, −33 %
    DEATHS_PER_100K_WORKERS = "4"  # 工矿商贸就业人员十万人生产安全事故死亡率, −20 %
    NATURAL_DEATHS_PER_MILLION = "5"  # 平均每百万人口因自然灾害死亡率, < 1
    AFFECTED_PER_100K = "6"  # 平均每十万人受灾人次, < 18 000
    LOSS_SHARE_OF_GDP = "7"  # 年均因自然灾害直接经济损失占全省生产总值比例, < 1 %


class IndicatorKind(StrEnum):
    RELATIVE_REDUCTION = "RELATIVE_REDUCTION"  # met when (base − actual) / base ≥ target
    ZERO_COUNT = "ZERO_COUNT"  # met when actual = 0
    STRICTLY_BELOW = "STRICTLY_BELOW"  # met when actual < target


@dataclass(frozen=True)
class IndicatorTarget:
    kind: IndicatorKind
    target: Decimal
    binding: bool  # 约束性 (True) or 预期性 (False)


CORE_TARGETS: dict[CoreIndicator, IndicatorTarget] = {
    CoreIndicator.ACCIDENT_DEATHS: IndicatorTarget(IndicatorKind.RELATIVE_REDUCTION, Decimal("0.15"), True),
    CoreIndicator.MAJOR_ACCIDENTS: IndicatorTarget(IndicatorKind.ZERO_COUNT, Decimal(0), True),
    CoreIndicator.DEATHS_PER_100M_GDP: IndicatorTarget(IndicatorKind.RELATIVE_REDUCTION, Decimal("0.33"), True),
    CoreIndicator.DEATHS_PER_100K_WORKERS: IndicatorTarget(IndicatorKind.RELATIVE_REDUCTION, Decimal("0.20"), True),
    CoreIndicator.NATURAL_DEATHS_PER_MILLION: IndicatorTarget(IndicatorKind.STRICTLY_BELOW, Decimal(1), False),
    CoreIndicator.AFFECTED_PER_100K: IndicatorTarget(IndicatorKind.STRICTLY_BELOW, Decimal(18000), False),
    CoreIndicator.LOSS_SHARE_OF_GDP: IndicatorTarget(IndicatorKind.STRICTLY_BELOW, Decimal("0.01"), False),
}


@dataclass(frozen=True)
class YearInputs:
    """Plain yearly (or period-average) figures from which the seven core indicators are computed."""

    accident_deaths: int
    major_accidents: int  # 重特大事故起数 (see R6)
    gdp_100m_yuan: Decimal  # 地区生产总值, 亿元
    industry_mining_commerce_workers: int
    industry_mining_commerce_deaths: int
    natural_disaster_deaths: int
    population: int
    affected_person_times: int
    natural_disaster_direct_loss_100m_yuan: Decimal


def core_indicator_values(inputs: YearInputs) -> Decision[dict[CoreIndicator, Decimal]]:
    """核心指标表 / Plan 2(三) / 第二章（三）: the seven indicator values from plain figures — rates per 亿元 GDP,
    per 100 000 workers, per million and per 100 000 population, and the loss share of GDP (R57)."""
    values: dict[CoreIndicator, Fraction] = {
        CoreIndicator.ACCIDENT_DEATHS: Fraction(inputs.accident_deaths),
        CoreIndicator.MAJOR_ACCIDENTS: Fraction(inputs.major_accidents),
        CoreIndicator.DEATHS_PER_100M_GDP: ratio(inputs.accident_deaths, inputs.gdp_100m_yuan, "#3"),
        CoreIndicator.DEATHS_PER_100K_WORKERS: ratio(
            inputs.industry_mining_commerce_deaths, inputs.industry_mining_commerce_workers, "#4"
        )
        * 100_000,
        CoreIndicator.NATURAL_DEATHS_PER_MILLION: ratio(inputs.natural_disaster_deaths, inputs.population, "#5")
        * 1_000_000,
        CoreIndicator.AFFECTED_PER_100K: ratio(inputs.affected_person_times, inputs.population, "#6") * 100_000,
        CoreIndicator.LOSS_SHARE_OF_GDP: ratio(
            inputs.natural_disaster_direct_loss_100m_yuan, inputs.gdp_100m_yuan, "#7"
        ),
    }
    return decide({k: as_decimal(v, 6) for k, v in values.items()}, "seven core indicator values", TABLE)


def core_indicator_met(indicator: CoreIndicator, actual: Decimal, base: Decimal | None = None) -> Decision[bool]:
    """核心指标表 / Plan 2(三) / 第二章（三）: #1, #3, #4 are relative reductions against the MEM base value
    ((base − actual)/base ≥ target, reaching the target exactly is met); #2 is met only at 0; #5–#7 are
    met when strictly below the target ("<") (R57)."""
    target = CORE_TARGETS[indicator]
    if target.kind is IndicatorKind.RELATIVE_REDUCTION:
        if base is None or base <= 0:
            raise InvalidInput(f"indicator #{indicator.value} needs a positive base value (应急部基期值)")
        reduction = (Fraction(base) - Fraction(actual)) / Fraction(base)
        met = reduction >= Fraction(target.target)
        why = f"reduction {float(reduction):.2%} against {target.target:%}"
    elif target.kind is IndicatorKind.ZERO_COUNT:
        met = actual == 0
        why = f"{actual} against 0"
    else:
        met = actual < target.target
        why = f"{actual} against < {target.target}"
    return decide(
        met,
        f"core indicator #{indicator.value} ({'binding' if target.binding else 'expected'}): {why} → "
        f"{'met' if met else 'breached'}",
        plan_basis(f"核心指标表 #{indicator.value}"),
    )


class GoalIndicator(StrEnum):
    EQUIPMENT_COMPLIANCE = "G1"  # 县级以上应急管理部门装备达标率达到80%
    WARNING_COVERAGE = "G2"  # 灾害预警信息发布公众覆盖率达到90%
    PROFESSIONAL_STAFF_SHARE = "G7"  # 专业人才占比超过60%
    NEW_EMPLOYEE_TRAINING = "G8"  # 新招员工安全技能培训率100%


# (target, strictly above?) — "达到" is reached-or-more, "超过" is strictly more.
GOAL_TARGETS: dict[GoalIndicator, tuple[Decimal, bool]] = {
    GoalIndicator.EQUIPMENT_COMPLIANCE: (Decimal("0.80"), False),
    GoalIndicator.WARNING_COVERAGE: (Decimal("0.90"), False),
    GoalIndicator.PROFESSIONAL_STAFF_SHARE: (Decimal("0.60"), True),
    GoalIndicator.NEW_EMPLOYEE_TRAINING: (Decimal(1), False),
}


def goal_indicator_met(goal: GoalIndicator, numerator: int, denominator: int) -> Decision[bool]:
    """Plan 2(三)2 / 第二章（三）2: goal rates — equipment compliance reaches 80 %, warning coverage reaches
    90 %, professional staff exceed 60 % (超过: exactly 60 % is not met), new-employee training 100 %. The
    time goals G3–G6 are R10–R13 (R57)."""
    target, strict = GOAL_TARGETS[goal]
    rate = ratio(numerator, denominator, goal.value)
    met = rate > target if strict else rate >= target
    return decide(
        met,
        f"{goal.value}: {float(rate):.2%} against {'>' if strict else '≥'} {target:%} → {'met' if met else 'not met'}",
        plan_basis("Plan 2(三)2 / 第二章（三）2"),
    )
