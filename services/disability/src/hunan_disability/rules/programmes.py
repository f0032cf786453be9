"""Programme targets the plan states as counts (R30, R35, R48, R77 and the §3.3 targets T-SIGN, T-REHAB-STATIONS).

Each is a pure verdict over counts a federation reports per division and year; R30 is a verdict over one
post's allocation. The deadline of every target is the plan's end, 2025 (十四五).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Basis, Decision

from .basis import plan

R30 = plan("三(一)2", "R30", "鼓励乡镇、村继续将现有和新开发的公益性岗位优先安排符合条件的残疾人及其家庭成员")
R35_LEADERS = plan("专栏2·4", "R35", "培养1000名残疾人阳光增收带头人")
R35_ECOMMERCE = plan("专栏2·5", "R35", "市州建立残疾人电商创业孵化基地（园）或…开设残疾人电商创业孵化区")
R48 = plan("专栏5·3", "R48", "每个市州建成至少1家区域性残疾人创业孵化基地，建设1个就业创业示范服务平台")
R77 = plan("三(七)2", "R77", "实现村（社区）残疾人协会全覆盖")
T_SIGN = plan("专栏7·6", "T-SIGN", "培养手语盲文推广骨干人才1000人")
T_REHAB = plan("专栏10·5", "T-REHAB-STATIONS", "建设200个多功能残疾人社区康复综合服务站")

DEADLINE_YEAR = 2025


class Measure(StrEnum):
    """What a division reports (cumulative counts at the end of a year)."""

    SUNSHINE_INCOME_LEADERS = "sunshine_income_leaders"  # 阳光增收带头人 trained (R35)
    ECOMMERCE_INCUBATORS = "ecommerce_incubators"  # 电商创业孵化基地（园）/孵化区 (R35, per city)
    REGIONAL_INCUBATION_BASES = "regional_incubation_bases"  # 区域性创业孵化基地 (R48, per city)
    DEMONSTRATION_PLATFORMS = "demonstration_platforms"  # 就业创业示范服务平台 (R48, per city)
    VILLAGES = "villages"  # 村（社区） in the division (R77 denominator)
    VILLAGE_ASSOCIATIONS = "village_associations"  # 村（社区）with a 残疾人协会 (R77)
    SIGN_BRAILLE_TRAINERS = "sign_braille_trainers"  # 手语盲文推广骨干人才 (T-SIGN)
    REHAB_STATIONS = "rehab_stations"  # 多功能社区康复综合服务站 (T-REHAB-STATIONS)


@dataclass(frozen=True)
class Target:
    id: str
    kind: str  # "province_total", "each_city" or "full_coverage"
    measure: Measure
    goal: int
    basis: Basis
    of: Measure | None = None  # full_coverage: the denominator


TARGETS: tuple[Target, ...] = (
    Target("R35-leaders", "province_total", Measure.SUNSHINE_INCOME_LEADERS, 1000, R35_LEADERS),
    Target("R35-ecommerce", "each_city", Measure.ECOMMERCE_INCUBATORS, 1, R35_ECOMMERCE),
    Target("R48-incubation", "each_city", Measure.REGIONAL_INCUBATION_BASES, 1, R48),
    Target("R48-platform", "each_city", Measure.DEMONSTRATION_PLATFORMS, 1, R48),
    Target("R77", "full_coverage", Measure.VILLAGE_ASSOCIATIONS, 100, R77, of=Measure.VILLAGES),
    Target("T-SIGN", "province_total", Measure.SIGN_BRAILLE_TRAINERS, 1000, T_SIGN),
    Target("T-REHAB-STATIONS", "province_total", Measure.REHAB_STATIONS, 200, T_REHAB),
)


@dataclass(frozen=True)
class TargetVerdict:
    met: bool
    value: int  # province total, cities meeting it, or percent covered
    goal: int
    shortfall: tuple[str, ...]  # divisions short of it (each_city, full_coverage)
    overdue: bool  # not met and the 2025 deadline has passed


def province_total(total: int, goal: int, year: int, basis: Basis = R35_LEADERS) -> Decision[TargetVerdict]:
    """A province-wide count target (R35 leaders, T-SIGN, T-REHAB-STATIONS): reported total ≥ goal by 2025."""
    met = total >= goal
    verdict = TargetVerdict(met, total, goal, (), not met and year > DEADLINE_YEAR)
    return Decision[TargetVerdict](value=verdict, reason=f"{total} of {goal}", basis=(basis,))


def each_city(
    counts: Mapping[str, int], cities: Sequence[str], minimum: int, year: int, basis: Basis = R48
) -> Decision[TargetVerdict]:
    """Every 市州 has at least `minimum` (R35 e-commerce incubators, R48 incubation base and platform); cities
    that reported nothing count as 0."""
    short = tuple(c for c in cities if counts.get(c, 0) < minimum)
    met = not short
    verdict = TargetVerdict(met, len(cities) - len(short), len(cities), short, not met and year > DEADLINE_YEAR)
    reason = f"{len(cities) - len(short)} of {len(cities)} cities have at least {minimum}"
    return Decision[TargetVerdict](value=verdict, reason=reason, basis=(basis,))


def full_coverage(
    covered: Mapping[str, int], totals: Mapping[str, int], year: int, basis: Basis = R77
) -> Decision[TargetVerdict]:
    """R77: every village and community has a disabled persons' association — per reporting county, covered
    villages = villages; the value is the province's percentage (rounded down)."""
    short = tuple(sorted(c for c, n in totals.items() if covered.get(c, 0) < n))
    total, done = sum(totals.values()), sum(min(covered.get(c, 0), n) for c, n in totals.items())
    percent = (100 * done) // total if total else 0
    met = total > 0 and not short
    verdict = TargetVerdict(met, percent, 100, short, not met and year > DEADLINE_YEAR)
    reason = f"{done} of {total} villages/communities ({percent} %)"
    return Decision[TargetVerdict](value=verdict, reason=reason, basis=(basis,))


class Allocation(StrEnum):
    DISABLED_OR_FAMILY = "disabled_or_family"
    OTHER = "other"


def welfare_post_priority(chosen: Allocation, eligible_disabled_or_family_applied: bool) -> Decision[bool]:
    """三(一)2 (R30): a township or village public-welfare post goes first to an eligible disabled person or a
    family member. Filling it with anyone else while such an applicant was available breaks the priority."""
    if chosen is Allocation.DISABLED_OR_FAMILY:
        return Decision[bool](value=True, reason="allocated to a disabled person or family member", basis=(R30,))
    if eligible_disabled_or_family_applied:
        return Decision[bool](
            value=False, reason="an eligible disabled applicant or family member was passed over", basis=(R30,)
        )
    return Decision[bool](value=True, reason="no eligible disabled applicant or family member applied", basis=(R30,))
