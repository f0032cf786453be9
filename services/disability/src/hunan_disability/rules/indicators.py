"""专栏1: the ten main indicators of the plan (2020 baseline, 2025 target, nature) and progress verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_shared.legal import Decision, cite

from .basis import PLAN, design

COLUMN_1 = cite(PLAN, "专栏1", "湖南省'十四五'残疾人保障和发展主要指标")


class Nature(StrEnum):
    BINDING = "binding"  # 约束性
    EXPECTED = "expected"  # 预期性


class Comparison(StrEnum):
    AT_LEAST = "at_least"  # a plain number: reach it (≥)
    GREATER_THAN = "greater_than"  # "＞": strictly greater


class Unit(StrEnum):
    PERSONS = "persons"  # 人
    PERCENT = "percent"  # %
    HOUSEHOLDS = "households"  # 户


@dataclass(frozen=True)
class Indicator:
    number: int
    name: str  # the exact Chinese name of 专栏1
    unit: Unit
    baseline_2020: Decimal
    baseline_comparison: Comparison
    target_2025: Decimal
    target_comparison: Comparison
    nature: Nature

    @property
    def is_count(self) -> bool:
        """Counts (#1, #10) are summed over 2021–2025 [D]; rates are read as the latest value."""
        return self.unit is not Unit.PERCENT


_P, _G = Comparison.AT_LEAST, Comparison.GREATER_THAN
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        1,
        "城乡残疾人实用技术和职业技能培训人数",
        Unit.PERSONS,
        Decimal(130_000),
        _P,
        Decimal(100_000),
        _P,
        Nature.EXPECTED,
    ),
    Indicator(
        2,
        "符合条件的残疾人纳入最低生活保障比例",
        Unit.PERCENT,
        Decimal(100),
        _P,
        Decimal(100),
        _P,
        Nature.BINDING,
    ),
    Indicator(3, "困难残疾人生活补贴覆盖率", Unit.PERCENT, Decimal(95), _G, Decimal(100), _P, Nature.BINDING),
    Indicator(4, "重度残疾人护理补贴覆盖率", Unit.PERCENT, Decimal(95), _G, Decimal(100), _P, Nature.BINDING),
    Indicator(5, "残疾人城乡居民基本养老保险参保率", Unit.PERCENT, Decimal(90), _P, Decimal(90), _G, Nature.EXPECTED),
    Indicator(6, "残疾人城乡居民基本医疗保险参保率", Unit.PERCENT, Decimal(95), _P, Decimal(95), _G, Nature.EXPECTED),
    Indicator(7, "残疾儿童少年义务教育入学率", Unit.PERCENT, Decimal(97), _P, Decimal(97), _G, Nature.EXPECTED),
    Indicator(8, "残疾人基本康复服务覆盖率", Unit.PERCENT, Decimal(80), _G, Decimal(85), _G, Nature.BINDING),
    Indicator(9, "残疾人辅助器具适配率", Unit.PERCENT, Decimal(80), _G, Decimal(85), _G, Nature.BINDING),
    Indicator(
        10,
        "困难残疾人家庭无障碍改造数",
        Unit.HOUSEHOLDS,
        Decimal(37_000),
        _P,
        Decimal(60_000),
        _P,
        Nature.BINDING,
    ),
)


def indicator(number: int) -> Indicator:
    for item in INDICATORS:
        if item.number == number:
            return item
    raise KeyError(f"专栏1 has indicators 1–10, not {number}")


def rate_percent(numerator: int, denominator: int) -> Decimal:
    """coverage = recipients ÷ eligible persons (same division and period) × 100 [D]; exact Decimal."""
    if denominator <= 0 or numerator < 0 or numerator > denominator:
        raise ValueError(f"need 0 ≤ numerator ≤ denominator > 0, got {numerator}/{denominator}")
    return Decimal(numerator) * 100 / Decimal(denominator)


def meets_target(item: Indicator, value: Decimal) -> Decision[bool]:
    """专栏1: does a 2025 value meet the target? "＞" is strict: 90.0 does not meet "＞90" (T-24)."""
    value = Decimal(value)
    if item.target_comparison is Comparison.GREATER_THAN:
        ok, sign = value > item.target_2025, "＞"
    else:
        ok, sign = value >= item.target_2025, "≥"
    reason = f"#{item.number} {value} vs {sign}{item.target_2025} ({item.nature.value})"
    return Decision[bool](value=ok, reason=reason, basis=(COLUMN_1,))


def progress(item: Indicator, value: Decimal) -> Decimal:
    """Share of the 2025 target reached, capped at 1 (counts are cumulative 2021–2025 by default [D])."""
    return min(Decimal(value) / item.target_2025, Decimal(1))


class Verdict(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"


PLAN_START_YEAR, PLAN_END_YEAR = 2021, 2025


def on_track(item: Indicator, value: Decimal, year: int) -> Decision[Verdict]:
    """Verdict for a year of the plan [D]: counts (cumulative) keep a linear pace from 0 to the target; rates
    stay on the straight line from the 2020 baseline to the 2025 target. 2025 itself: met or off track."""
    if not PLAN_START_YEAR <= year <= PLAN_END_YEAR:
        raise ValueError(f"{year} is outside the plan period 2021–2025")
    basis = (COLUMN_1, design("专栏1", "linear pace; counts cumulative"))
    value = Decimal(value)
    if meets_target(item, value).value:
        return Decision[Verdict](value=Verdict.MET, reason=f"#{item.number} target met", basis=basis)
    if year == PLAN_END_YEAR:
        return Decision[Verdict](value=Verdict.OFF_TRACK, reason=f"#{item.number} 2025 target missed", basis=basis)
    elapsed = Decimal(year - PLAN_START_YEAR + 1) / (PLAN_END_YEAR - PLAN_START_YEAR + 1)
    if item.is_count:
        expected = item.target_2025 * elapsed
    else:
        start = item.baseline_2020
        expected = start + (item.target_2025 - start) * elapsed
    ok = value >= expected
    verdict = Verdict.ON_TRACK if ok else Verdict.OFF_TRACK
    reason = f"#{item.number} {value} vs expected {expected.quantize(Decimal('0.01'))} by {year}"
    return Decision[Verdict](value=verdict, reason=reason, basis=basis)
