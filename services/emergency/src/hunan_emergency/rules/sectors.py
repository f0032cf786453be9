"""Production-safety sector rules of Plan 6: risk assessment cycle, veto, coal/non-coal/tailings target
sets and caps, hazchem controls, vehicle classes and sector death-rate limits (R34–R45)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hunan_emergency.rules.basis import (
    AdminLevel,
    InvalidInput,
    RateCheck,
    as_decimal,
    at_or_above,
    decide,
    plan_basis,
    ratio,
)
from hunan_shared.legal import Decision

COAL = plan_basis("Plan 6(三) / 第六章（三） 煤矿")
NON_COAL = plan_basis("Plan 6(三) / 第六章（三） 非煤矿山")


def add_years(day: date, years: int) -> date:
    """Same calendar day `years` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


RISK_ASSESSMENT_INTERVAL_YEARS = 3  # 每3年开展一次评估


@dataclass(frozen=True)
class DueCheck:
    due: date
    overdue: bool


def risk_assessment_due(last_assessed: date, today: date) -> Decision[DueCheck]:
    """Plan 6(一) / 第六章（一）: safety risk of key sectors, dense-population areas, industrial parks and key
    cities is assessed every 3 years (每3年开展一次评估) and published; the anniversary itself is in time (R34)."""
    due = add_years(last_assessed, RISK_ASSESSMENT_INTERVAL_YEARS)
    overdue = today > due
    return decide(
        DueCheck(due, overdue),
        f"next assessment due {due}: {'overdue' if overdue else 'in time'}",
        plan_basis("Plan 6(一) / 第六章（一）", "每3年开展一次评估，评估结果适时向社会公众发布"),
    )


class ProjectVerdict(StrEnum):
    MAY_PROCEED = "MAY_PROCEED"
    ASSESSMENT_REQUIRED = "ASSESSMENT_REQUIRED"
    VETOED = "VETOED"


def major_project_safety_verdict(risk_assessed: bool, major_safety_risk_found: bool) -> Decision[ProjectVerdict]:
    """Plan 6(一) / 第六章（一）: major projects (and investment-attraction projects) undergo safety-risk
    assessment; a major safety risk is a one-vote veto (重大安全风险"一票否决") (R35)."""
    if not risk_assessed:
        verdict = ProjectVerdict.ASSESSMENT_REQUIRED
    elif major_safety_risk_found:
        verdict = ProjectVerdict.VETOED
    else:
        verdict = ProjectVerdict.MAY_PROCEED
    return decide(verdict, verdict.value, plan_basis("Plan 6(一) / 第六章（一）", "重大安全风险一票否决"))


class Hydrogeology(StrEnum):
    SIMPLE = "SIMPLE"
    MEDIUM = "MEDIUM"
    COMPLEX = "COMPLEX"
    VERY_COMPLEX = "VERY_COMPLEX"


SMALL_COAL_MINE_CAPACITY_TPA = 300_000  # 30万吨/年以下, read as inclusive


def coal_mine_in_root_cause_campaign(
    *, rock_burst: bool, coal_gas_outburst: bool, hydrogeology: Hydrogeology, capacity_tpa: int
) -> Decision[bool]:
    """Plan 6(三) / 第六章（三） 煤矿: mines with rock burst (冲击地压), coal-and-gas outburst, complex or very
    complex hydrogeology, or capacity of 300 000 t/yr or less (30万吨/年以下, inclusive) are targeted (R36)."""
    reasons = [
        name
        for name, hit in (
            ("rock burst", rock_burst),
            ("coal-and-gas outburst", coal_gas_outburst),
            ("complex hydrogeology", hydrogeology in (Hydrogeology.COMPLEX, Hydrogeology.VERY_COMPLEX)),
            ("capacity ≤ 300 000 t/yr", capacity_tpa <= SMALL_COAL_MINE_CAPACITY_TPA),
        )
        if hit
    ]
    return decide(bool(reasons), ", ".join(reasons) or "not in the target set", COAL)


class CoalClosureGround(StrEnum):
    """四关闭 grounds (名词解释15)."""

    DUE_TO_EXIT = "DUE_TO_EXIT"  # 限期退出
    BEYOND_DEPTH_OR_BOUNDARY = "BEYOND_DEPTH_OR_BOUNDARY"  # 超深越界开采
    PRODUCING_UNDER_UPGRADE_COVER = "PRODUCING_UNDER_UPGRADE_COVER"  # 边技改边生产
    ILLEGAL_SUBCONTRACTING_NOT_RECTIFIED = "ILLEGAL_SUBCONTRACTING_NOT_RECTIFIED"  # 违规分包转包且整改不到位


@dataclass(frozen=True)
class CoalMineCompliance:
    closure_grounds: tuple[CoalClosureGround, ...]
    must_close: bool
    must_rectify_subcontracting: bool
    hidden_dangers_not_rectified: int  # 一到位: every major hidden danger investigated and rectified


def four_closures_one_in_place(
    *,
    due_to_exit: bool,
    beyond_depth_or_boundary: bool,
    producing_under_upgrade_cover: bool,
    illegal_subcontracting: bool,
    subcontracting_rectified: bool,
    major_hidden_dangers_open: int,
) -> Decision[CoalMineCompliance]:
    """名词解释15 / 四关闭一到位: a coal mine due to exit, mining beyond depth/boundary, or producing under the
    cover of upgrading is closed; illegal subcontracting must be rectified at once and closes the mine if
    not; every major hidden danger must be rectified (一到位) (R37)."""
    if major_hidden_dangers_open < 0:
        raise InvalidInput("open hidden dangers must not be negative")
    grounds = [
        ground
        for ground, hit in (
            (CoalClosureGround.DUE_TO_EXIT, due_to_exit),
            (CoalClosureGround.BEYOND_DEPTH_OR_BOUNDARY, beyond_depth_or_boundary),
            (CoalClosureGround.PRODUCING_UNDER_UPGRADE_COVER, producing_under_upgrade_cover),
            (
                CoalClosureGround.ILLEGAL_SUBCONTRACTING_NOT_RECTIFIED,
                illegal_subcontracting and not subcontracting_rectified,
            ),
        )
        if hit
    ]
    result = CoalMineCompliance(
        tuple(grounds),
        bool(grounds),
        illegal_subcontracting and not subcontracting_rectified,
        major_hidden_dangers_open,
    )
    return decide(
        result,
        f"closure grounds: {', '.join(g.value for g in grounds) or 'none'}; "
        f"open major hidden dangers: {major_hidden_dangers_open}",
        plan_basis("名词解释15", "四关闭一到位"),
        COAL,
    )


class MineKind(StrEnum):
    UNDERGROUND_METAL_NONMETAL = "UNDERGROUND_METAL_NONMETAL"
    OPEN_PIT_METAL_NONMETAL = "OPEN_PIT_METAL_NONMETAL"


UNDERGROUND_PERSONS_LIMIT = 30  # 入井人数超过30人
UNDERGROUND_DEPTH_LIMIT_M = 800  # 井深超过800米
OPEN_PIT_SLOPE_LIMIT_M = 200  # 边坡高度超过200米


def non_coal_mine_in_campaign(
    kind: MineKind,
    *,
    persons_underground: int = 0,
    depth_m: Decimal = Decimal(0),
    slope_height_m: Decimal = Decimal(0),
) -> Decision[bool]:
    """Plan 6(三) / 第六章（三） 非煤矿山: underground metal/non-metal mines with more than 30 persons underground
    or deeper than 800 m, open-pit mines with slopes above 200 m are targeted; exactly 30 / 800 / 200 is
    not ("超过"); the two underground criteria are alternatives [AMBIGUOUS → OR] (R38)."""
    if kind is MineKind.UNDERGROUND_METAL_NONMETAL:
        targeted = persons_underground > UNDERGROUND_PERSONS_LIMIT or depth_m > UNDERGROUND_DEPTH_LIMIT_M
        why = f"{persons_underground} persons underground, depth {depth_m} m"
    else:
        targeted = slope_height_m > OPEN_PIT_SLOPE_LIMIT_M
        why = f"slope {slope_height_m} m"
    return decide(targeted, f"{why}: {'targeted' if targeted else 'not targeted'}", NON_COAL)


OVERHEAD_POND_DISTANCE_KM = Decimal(1)  # 下游1公里（含1公里）


def is_overhead_tailings_pond(downstream_distance_km: Decimal) -> Decision[bool]:
    """名词解释16 / 头顶库: a tailings pond with residents or important facilities within 1 km downstream,
    1 km included (含1公里) (R39)."""
    overhead = downstream_distance_km <= OVERHEAD_POND_DISTANCE_KM
    return decide(
        overhead,
        f"residents/facilities {downstream_distance_km} km downstream: {'头顶库' if overhead else 'not 头顶库'}",
        plan_basis("名词解释16", "下游1公里（含1公里）距离内有居民或重要设施的尾矿库"),
    )


TAILINGS_IDLE_YEARS = 3  # 停用时间超过3年


def tailings_pond_must_close(
    *,
    reached_final_design_elevation: bool,
    permanently_stopped_discharging: bool,
    idle_since: date | None,
    has_operator: bool,
    as_of: date,
) -> Decision[bool]:
    """Plan 6(三) / 第六章（三） 非煤矿山: a pond at its final design elevation or no longer discharging tailings,
    idle more than 3 years (exactly 3 years is not yet), or without an operator is closed and delisted
    (闭库治理并销号, by end-2021) (R40)."""
    idle_too_long = idle_since is not None and as_of > add_years(idle_since, TAILINGS_IDLE_YEARS)
    grounds = [
        name
        for name, hit in (
            ("final design elevation reached", reached_final_design_elevation),
            ("no longer discharging", permanently_stopped_discharging),
            ("idle > 3 years", idle_too_long),
            ("no operator", not has_operator),
        )
        if hit
    ]
    return decide(bool(grounds), ", ".join(grounds) or "no closure ground", NON_COAL)


class CappedRegistry(StrEnum):
    COAL_MINES = "COAL_MINES"
    FIREWORKS_PRODUCERS = "FIREWORKS_PRODUCERS"
    TAILINGS_PONDS = "TAILINGS_PONDS"


@dataclass(frozen=True)
class RegistryCap:
    limit: int
    deadline: date


# Plan 6(三): 到2025年底煤矿数量控制在80处以内; 烟花爆竹生产企业控制在600家以内; 尾矿库控制在300座以内. These are
# targets for the province's totals, not a ban on recording the sites that exist (the plan's baseline is above them).
REGISTRY_CAPS: dict[CappedRegistry, RegistryCap] = {
    CappedRegistry.COAL_MINES: RegistryCap(80, date(2025, 12, 31)),
    CappedRegistry.FIREWORKS_PRODUCERS: RegistryCap(600, date(2025, 12, 31)),
    CappedRegistry.TAILINGS_PONDS: RegistryCap(300, date(2025, 12, 31)),
}
COAL_MINES_2021_STRIVE = RegistryCap(100, date(2021, 12, 31))  # 2021年底前…力争…保留煤矿总数控制在100处以内

# 第一章（二）: 全省现有煤矿119家…烟花爆竹生产企业930家; 第六章（三）: 省内529座尾矿库 — the plan's starting counts.
PLAN_BASELINE: dict[CappedRegistry, int] = {
    CappedRegistry.COAL_MINES: 119,
    CappedRegistry.FIREWORKS_PRODUCERS: 930,
    CappedRegistry.TAILINGS_PONDS: 529,
}


@dataclass(frozen=True)
class CapMilestone:
    """One point of a registry's target trajectory: at most `limit` sites by `deadline`; a non-binding
    milestone is a "strive for" (力争) target."""

    limit: int
    deadline: date
    binding: bool
    text: str


CAP_MILESTONES: dict[CappedRegistry, tuple[CapMilestone, ...]] = {
    CappedRegistry.COAL_MINES: (
        CapMilestone(
            COAL_MINES_2021_STRIVE.limit, COAL_MINES_2021_STRIVE.deadline, False, "2021年底前…力争…控制在100处以内"
        ),
        CapMilestone(80, date(2025, 12, 31), True, "到2025年底，全省煤矿总数控制在80处以内"),
    ),
    CappedRegistry.FIREWORKS_PRODUCERS: (
        CapMilestone(600, date(2025, 12, 31), True, "到2025年底…烟花爆竹生产企业总数控制在600家以内"),
    ),
    CappedRegistry.TAILINGS_PONDS: (
        CapMilestone(300, date(2025, 12, 31), True, "到2025年底…尾矿库数量控制在300座以内，原则上只减不增"),
    ),
}
_SECTION = {
    CappedRegistry.COAL_MINES: "Plan 6(三) / 第六章（三） 煤矿",
    CappedRegistry.FIREWORKS_PRODUCERS: "Plan 6(三) / 第六章（三） 烟花爆竹",
    CappedRegistry.TAILINGS_PONDS: "Plan 6(三) / 第六章（三） 非煤矿山",
}


class CapStatus(StrEnum):
    WITHIN = "WITHIN"
    ABOVE_TARGET = "ABOVE_TARGET"  # above the cap before its deadline: flagged, still reachable
    BREACHED = "BREACHED"  # above a binding cap on or after its deadline
    STRIVE_MISSED = "STRIVE_MISSED"  # above a "strive for" (力争) target on or after its deadline


def _milestone_status(milestone: CapMilestone, count: int, as_of: date) -> CapStatus:
    if count <= milestone.limit:
        return CapStatus.WITHIN
    if as_of < milestone.deadline:
        return CapStatus.ABOVE_TARGET
    return CapStatus.BREACHED if milestone.binding else CapStatus.STRIVE_MISSED


def registry_cap_status(registry: CappedRegistry, count: int, as_of: date) -> Decision[CapStatus]:
    """Plan 6(三) / 第六章（三）: coal mines ≤ 80, fireworks producers ≤ 600, tailings ponds ≤ 300 by end-2025;
    exactly the cap is within; above it is flagged before the deadline and breached from it (R41, R42)."""
    cap = REGISTRY_CAPS[registry]
    status = _milestone_status(CapMilestone(cap.limit, cap.deadline, True, ""), count, as_of)
    return decide(
        status,
        f"{registry.value}: {count} against ≤ {cap.limit} by {cap.deadline} → {status.value}",
        plan_basis("Plan 6(三) / 第六章（三）", "煤矿80处、烟花爆竹生产企业600家、尾矿库300座以内"),
    )


@dataclass(frozen=True)
class MilestoneVerdict:
    milestone: CapMilestone
    status: CapStatus
    excess: int  # sites above the milestone's limit (0 when within)


def cap_trajectory(registry: CappedRegistry, count: int, as_of: date) -> Decision[tuple[MilestoneVerdict, ...]]:
    """Plan 6(三) / 第六章（三）: the count judged against every milestone of the registry's trajectory — for coal
    mines the end-2021 "strive for 100" (力争, not binding: missing it is STRIVE_MISSED) and the end-2025
    80; for fireworks producers 600 and tailings ponds 300 by end-2025. A milestone still ahead is
    ABOVE_TARGET while the count exceeds it (R41, R42)."""
    verdicts = tuple(
        MilestoneVerdict(m, _milestone_status(m, count, as_of), max(0, count - m.limit))
        for m in CAP_MILESTONES[registry]
    )
    summary = "; ".join(f"≤ {v.milestone.limit} by {v.milestone.deadline}: {v.status.value}" for v in verdicts)
    return decide(
        verdicts,
        f"{registry.value}: {count} on {as_of} — {summary}",
        *(plan_basis(_SECTION[registry], m.text) for m in CAP_MILESTONES[registry]),
    )


@dataclass(frozen=True)
class NetChange:
    baseline: int  # existing sites recorded (the register of what exists)
    low_water: int  # the lowest count reached since
    count: int
    increase: int  # count − low_water: sites added back after reductions, or new sites beyond the baseline


def net_change(registry: CappedRegistry, baseline: int, steps: Sequence[int]) -> Decision[NetChange]:
    """Plan 6(三) / 第六章（三）: the totals are to come down (煤矿、烟花爆竹生产企业 to their targets; 尾矿库
    "原则上只减不增"). From the recorded existing sites, each new site is +1 and each delisting −1, in time
    order; any count above the lowest reached so far is a net increase and is flagged (R41, R42)."""
    if baseline < 0 or any(step not in (1, -1) for step in steps):
        raise InvalidInput("net change needs a baseline ≥ 0 and steps of +1 (new site) or −1 (delisting)")
    running = low = baseline
    for step in steps:
        running += step
        low = min(low, running)
    if running < 0:
        raise InvalidInput("more delistings than sites")
    change = NetChange(baseline, low, running, running - low)
    note = "尾矿库数量…原则上只减不增" if registry is CappedRegistry.TAILINGS_PONDS else "总数控制（只减不增）"
    return decide(
        change,
        f"{registry.value}: {running} now, lowest {low} from {baseline} recorded existing"
        + (f" → net increase of {change.increase}" if change.increase else " → no net increase"),
        plan_basis(_SECTION[registry], note),
    )


@dataclass(frozen=True)
class RegistrationCheck:
    flagged: bool  # the count after registration is above the end-2025 cap
    needs_justification: bool  # a new tailings pond (只减不增 "in principle": an exception must be reasoned)
    net_increase: bool = False  # a new site raising the count above its lowest point


def new_registration_check(
    registry: CappedRegistry,
    count_before: int,
    as_of: date,
    *,
    new_site: bool = True,
    low_water: int | None = None,
) -> Decision[RegistrationCheck]:
    """Plan 6(三) / 第六章（三）: a registration is always recorded — the caps are targets, not a licence — but it is
    flagged when the count after it exceeds the cap (ABOVE_TARGET before end-2025, BREACHED from it), and a
    new site that raises the count above its lowest point is a net increase. A new tailings pond needs a
    justification because ponds "in principle only decrease" (原则上只减不增); an existing site being recorded
    does not (R41, R42)."""
    after = registry_cap_status(registry, count_before + 1, as_of)
    flagged = after.value is not CapStatus.WITHIN
    floor = count_before if low_water is None else low_water
    increase = new_site and count_before + 1 > floor
    justification = new_site and registry is CappedRegistry.TAILINGS_PONDS
    return decide(
        RegistrationCheck(flagged, justification, increase),
        f"count after registration {count_before + 1}: {after.value}"
        + ("; net increase" if increase else "")
        + ("; tailings ponds only decrease (只减不增)" if registry is CappedRegistry.TAILINGS_PONDS else ""),
        *after.basis,
    )


@dataclass(frozen=True)
class HazchemControls:
    joint_risk_control_required: bool
    strict_licensing: bool
    approving_level_sufficient: bool


def hazchem_project_controls(
    *, involves_two_key_one_major: bool, involves_three_key_one_high: bool, controlling_level: AdminLevel
) -> Decision[HazchemControls]:
    """名词解释17/18 and Plan 6(三) / 第六章（三） 危险化学品: projects involving 两重点一重大 need a joint
    risk-control mechanism at city (设区的市) level or above; 三重一高 items are licensed strictly (R43)."""
    controls = HazchemControls(
        joint_risk_control_required=involves_two_key_one_major,
        strict_licensing=involves_three_key_one_high,
        approving_level_sufficient=not involves_two_key_one_major or at_or_above(controlling_level, AdminLevel.CITY),
    )
    return decide(
        controls,
        f"joint control={controls.joint_risk_control_required}, strict licensing={controls.strict_licensing}, "
        f"level ok={controls.approving_level_sufficient}",
        plan_basis("名词解释17", "两重点一重大"),
        plan_basis("名词解释18", "三重一高"),
        plan_basis("Plan 6(三) / 第六章（三） 危险化学品"),
    )


def key_hazchem_equipment_gaps(
    *, gas_alarm: bool, emergency_shutoff: bool, automation: bool
) -> Decision[tuple[str, ...]]:
    """Plan 6(三) / 第六章（三） 危险化学品: key hazchem producers have combustible/toxic gas alarms, emergency
    shut-off and automatic control, all equipped and in use (100 %) (R43)."""
    missing = tuple(
        name
        for name, ok in (
            ("gas_alarm", gas_alarm),
            ("emergency_shutoff", emergency_shutoff),
            ("automation", automation),
        )
        if not ok
    )
    return decide(
        missing,
        "equipment complete" if not missing else f"missing: {', '.join(missing)}",
        plan_basis("Plan 6(三) / 第六章（三） 危险化学品"),
    )


class VehicleClass(StrEnum):
    """两客一危一校 (名词解释12)."""

    TOURIST_CHARTER = "TOURIST_CHARTER"
    SCHEDULED_COACH_CLASS3_PLUS = "SCHEDULED_COACH_CLASS3_PLUS"
    DANGEROUS_GOODS = "DANGEROUS_GOODS"
    SCHOOL = "SCHOOL"


def two_coach_one_danger_one_school(
    *,
    tourist_charter: bool = False,
    scheduled_coach_class: int | None = None,
    carries_hazchem_fireworks_or_explosives: bool = False,
    school_vehicle: bool = False,
) -> Decision[VehicleClass | None]:
    """名词解释12 / 两客一危一校: tourist charters, scheduled coaches of class 3 and above (三类以上: classes 1–3,
    class 1 being inter-provincial), dangerous-goods road vehicles and school vehicles join the vehicle-
    networking monitoring system (Plan 6(二)); any other vehicle returns None (R44)."""
    if tourist_charter:
        cls: VehicleClass | None = VehicleClass.TOURIST_CHARTER
    elif scheduled_coach_class is not None and 1 <= scheduled_coach_class <= 3:
        cls = VehicleClass.SCHEDULED_COACH_CLASS3_PLUS
    elif carries_hazchem_fireworks_or_explosives:
        cls = VehicleClass.DANGEROUS_GOODS
    elif school_vehicle:
        cls = VehicleClass.SCHOOL
    else:
        cls = None
    return decide(
        cls,
        f"{cls.value}: must be networked and dynamically monitored" if cls else "not a 两客一危一校 vehicle",
        plan_basis("名词解释12", "两客一危一校"),
        plan_basis("Plan 6(二) / 第六章（二）", "车联网监管"),
    )


FIRE_DEATHS_PER_MILLION_LIMIT = Decimal("1.3")  # 百万人火灾死亡人数不高于1.3人
SPECIAL_EQUIPMENT_DEATHS_PER_10K_LIMIT = Decimal("0.25")  # 万台特种设备死亡人数0.25以内


def fire_death_rate_met(deaths: int, population: int) -> Decision[RateCheck]:
    """Plan 6(三) / 第六章（三） 消防: fire deaths per million population no higher than 1.3 (不高于) each year;
    exactly 1.3 is met (R45)."""
    rate = ratio(deaths, population, "fire death rate") * 1_000_000
    met = rate <= FIRE_DEATHS_PER_MILLION_LIMIT
    return decide(
        RateCheck(as_decimal(rate), FIRE_DEATHS_PER_MILLION_LIMIT, met),
        f"{float(rate):.3f} deaths per million: {'met' if met else 'exceeded'} (≤ 1.3)",
        plan_basis("Plan 6(三) / 第六章（三） 消防"),
    )


def special_equipment_death_rate_met(deaths: int, units: int) -> Decision[RateCheck]:
    """Plan 6(三) / 第六章（三） 特种设备: deaths per 10 000 units of special equipment within 0.25 (以内);
    exactly 0.25 is met (R45)."""
    rate = ratio(deaths, units, "special-equipment death rate") * 10_000
    met = rate <= SPECIAL_EQUIPMENT_DEATHS_PER_10K_LIMIT
    return decide(
        RateCheck(as_decimal(rate), SPECIAL_EQUIPMENT_DEATHS_PER_10K_LIMIT, met),
        f"{float(rate):.4f} deaths per 10 000 units: {'met' if met else 'exceeded'} (≤ 0.25)",
        plan_basis("Plan 6(三) / 第六章（三） 特种设备"),
    )
