"""Relief, donations, 12350 tip-off rewards and credit (R50–R53)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_emergency.rules.basis import InvalidInput, decide, plan_basis
from hunan_emergency.rules.classification import NaturalHazardType
from hunan_shared.legal import Decision
from hunan_shared.money import round_fen

RELIEF_BASIS = plan_basis("Plan 7(四) / 第七章（四）", "统筹救助")


class ReliefType(StrEnum):
    EMERGENCY_RELIEF = "EMERGENCY_RELIEF"  # 应急救助
    TRANSITIONAL_LIVING = "TRANSITIONAL_LIVING"  # 过渡期生活救助
    DROUGHT_TEMPORARY_HARDSHIP = "DROUGHT_TEMPORARY_HARDSHIP"  # 旱灾临时生活困难救助
    WINTER_SPRING_HARDSHIP = "WINTER_SPRING_HARDSHIP"  # 冬春临时生活困难救助
    HOUSING_RECONSTRUCTION = "HOUSING_RECONSTRUCTION"  # 因灾倒损民房恢复重建
    FOREST_ECO_RESTORATION = "FOREST_ECO_RESTORATION"  # 因灾损毁森林生态修复


# [DESIGN] The plan names 冬春 relief without dates; the national practice runs from December to May.
DEFAULT_WINTER_SPRING_MONTHS = frozenset({12, 1, 2, 3, 4, 5})


def relief_type_allowed(
    relief_type: ReliefType,
    *,
    hazard: NaturalHazardType | None,
    is_drought: bool,
    forest_damaged: bool,
    month: int,
    winter_spring_months: Collection[int] = DEFAULT_WINTER_SPRING_MONTHS,
) -> Decision[bool]:
    """Plan 7(四) / 第七章（四）: drought hardship relief only for a drought (水旱灾害), winter–spring hardship
    relief only in the winter–spring months, forest ecological restoration only where forest was damaged
    [DESIGN guards on the TEXT types]; other types are always allowed (R50)."""
    if not 1 <= month <= 12:
        raise InvalidInput(f"month {month} out of range")
    if relief_type is ReliefType.DROUGHT_TEMPORARY_HARDSHIP:
        allowed, why = hazard is NaturalHazardType.FLOOD_DROUGHT and is_drought, "needs a drought event"
    elif relief_type is ReliefType.WINTER_SPRING_HARDSHIP:
        allowed, why = month in winter_spring_months, f"month {month} in winter–spring season"
    elif relief_type is ReliefType.FOREST_ECO_RESTORATION:
        allowed, why = forest_damaged, "needs forest damage"
    else:
        allowed, why = True, "no restriction"
    return decide(allowed, f"{relief_type.value}: {why} → {'allowed' if allowed else 'refused'}", RELIEF_BASIS)


def donation_transparency_gaps(
    *, use_published: bool, use_evaluated: bool, open_to_supervision: bool
) -> Decision[tuple[str, ...]]:
    """Plan 7(四) / 第七章（四）: donated money and goods — their use is published, evaluated and open to
    supervision (救灾捐赠款物使用信息公开、效果评估、社会监督) (R51)."""
    gaps = tuple(
        name
        for name, ok in (
            ("published", use_published),
            ("evaluated", use_evaluated),
            ("supervised", open_to_supervision),
        )
        if not ok
    )
    return decide(gaps, "donation use transparent" if not gaps else f"missing: {', '.join(gaps)}", RELIEF_BASIS)


class ReporterType(StrEnum):
    PUBLIC = "PUBLIC"
    INSIDER = "INSIDER"  # 本单位从业人员
    INFORMANT = "INFORMANT"  # 信息员


@dataclass(frozen=True)
class TipOffReward:
    amount: Decimal
    special_reward: bool  # 特殊奖励: amount decided case by case on top of `amount`


# [AMBIGUOUS] "按照一定比例上浮" is not quantified; 20 % is the default of the setting `insider_reward_uplift`.
DEFAULT_INSIDER_REWARD_UPLIFT = Decimal("0.20")


def tipoff_reward(
    standard_reward: Decimal,
    reporter: ReporterType,
    *,
    verified_true: bool,
    directly_avoided_casualties_or_major_loss: bool,
    insider_uplift: Decimal = DEFAULT_INSIDER_REWARD_UPLIFT,
) -> Decision[TipOffReward]:
    """Plan 10(六) / 第十章（六）: 12350 tip-offs — an insider reporting his own unit gets the standard reward
    raised by a set proportion (按照一定比例上浮); a tip that directly avoided casualties or major property
    loss earns the reporter or informant a special reward (特殊奖励); untrue tips earn nothing (R52)."""
    if standard_reward < 0 or insider_uplift < 0:
        raise InvalidInput("reward and uplift must not be negative")
    if not verified_true:
        return decide(
            TipOffReward(Decimal("0.00"), False),
            "tip not verified true: no reward",
            plan_basis("Plan 10(六) / 第十章（六）"),
        )
    factor = 1 + insider_uplift if reporter is ReporterType.INSIDER else Decimal(1)
    amount = round_fen(standard_reward * factor)  # the one rounding, half up, to the fen (ADR 0016)
    reward = TipOffReward(amount, directly_avoided_casualties_or_major_loss)
    return decide(
        reward,
        f"{reporter.value}: {standard_reward} × {factor} = {amount}"
        + ("; special reward" if reward.special_reward else ""),
        plan_basis("Plan 10(六) / 第十章（六）", "12350; 从业人员举报奖励按一定比例上浮; 特殊奖励"),
    )


def joint_punishment_applies(*, on_serious_dishonesty_list: bool, credit_repaired: bool) -> Decision[bool]:
    """Plan 10(六) / 第十章（六）: seriously dishonest entities in production safety (严重失信主体) face joint
    punishment (联合惩戒) until their credit is repaired (信用修复) (R53)."""
    applies = on_serious_dishonesty_list and not credit_repaired
    return decide(
        applies,
        "joint punishment applies" if applies else "no joint punishment",
        plan_basis("Plan 10(六) / 第十章（六）", "健全信用评价机制; 失信联合惩戒; 信用修复"),
    )
