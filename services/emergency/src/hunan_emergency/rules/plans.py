"""Emergency plans and drills: the 1+N+X system, the two-year comprehensive drill, annual drill plans and
double-blind drills (R46–R49)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hunan_emergency.rules.basis import decide, plan_basis
from hunan_emergency.rules.sectors import DueCheck, add_years
from hunan_shared.legal import Decision


class PlanTier(StrEnum):
    """Tiers of the "1+N+X" plan system (名词解释9) and the plans that link to it (Plan 5(二))."""

    OVERALL = "OVERALL"  # 总体应急预案 (1)
    SPECIAL = "SPECIAL"  # 专项应急预案 (N)
    DEPARTMENTAL = "DEPARTMENTAL"  # 部门应急预案 (X)
    UNIT = "UNIT"
    GRASSROOTS = "GRASSROOTS"
    ENTERPRISE = "ENTERPRISE"
    TOWNSHIP_SPECIAL = "TOWNSHIP_SPECIAL"
    ON_SITE_DISPOSAL = "ON_SITE_DISPOSAL"


def plan_system_problems(government_plan_tiers: Iterable[PlanTier]) -> Decision[tuple[str, ...]]:
    """名词解释9 / "1+N+X" and Plan 5(二) / 第五章（二）: a government has exactly one overall plan plus any
    number of special and departmental plans; returns what is wrong (empty = sound) (R46)."""
    tiers = list(government_plan_tiers)
    overall = tiers.count(PlanTier.OVERALL)
    problems = []
    if overall == 0:
        problems.append("no overall plan")
    elif overall > 1:
        problems.append(f"{overall} overall plans (exactly 1 allowed)")
    return decide(
        tuple(problems),
        f"1+{tiers.count(PlanTier.SPECIAL)}+{tiers.count(PlanTier.DEPARTMENTAL)}: " + ("; ".join(problems) or "sound"),
        plan_basis("名词解释9", "1个总体应急预案＋N个专项＋X个部门"),
        plan_basis("Plan 5(二) / 第五章（二）"),
    )


COMPREHENSIVE_DRILL_INTERVAL_YEARS = 2  # 每两年至少开展一次专项应急预案综合应急演练


def comprehensive_drill_due(last_comprehensive_drill: date, today: date) -> Decision[DueCheck]:
    """Plan 5(三) / 第五章（三）: each special emergency plan gets a comprehensive drill at least every two years
    (每两年至少开展一次); a drill on the anniversary date is in time, the day after is overdue (R47)."""
    due = add_years(last_comprehensive_drill, COMPREHENSIVE_DRILL_INTERVAL_YEARS)
    overdue = today > due
    return decide(
        DueCheck(due, overdue),
        f"last drill {last_comprehensive_drill}, due {due}: {'overdue' if overdue else 'compliant'}",
        plan_basis("Plan 5(三) / 第五章（三）", "每两年至少开展一次专项应急预案综合应急演练"),
    )


@dataclass(frozen=True)
class DrillRecord:
    drill_id: str
    evaluated: bool
    reported: bool


def drill_programme_gaps(has_annual_drill_plan: bool, drills: Iterable[DrillRecord]) -> Decision[tuple[str, ...]]:
    """Plan 5(三) / 第五章（三）: plan owners make an annual drill plan (年度应急演练计划) and every drill is
    evaluated and reported (演练评估、定期报告) (R48)."""
    gaps = [] if has_annual_drill_plan else ["annual drill plan"]
    for drill in drills:
        if not drill.evaluated:
            gaps.append(f"{drill.drill_id}: evaluation")
        if not drill.reported:
            gaps.append(f"{drill.drill_id}: report")
    return decide(tuple(gaps), "; ".join(gaps) or "drill programme complete", plan_basis("Plan 5(三) / 第五章（三）"))


class DrillMode(StrEnum):
    ANNOUNCED = "ANNOUNCED"
    DOUBLE_BLIND = "DOUBLE_BLIND"


def effective_drill_mode(
    recorded_mode: DrillMode, *, time_withheld: bool, place_withheld: bool, content_withheld: bool
) -> Decision[DrillMode]:
    """名词解释10 / 双盲: a drill is double-blind only when time, place and content were all withheld from the
    participating units; otherwise it is stored as announced (R49)."""
    blind = time_withheld and place_withheld and content_withheld
    mode = DrillMode.DOUBLE_BLIND if recorded_mode is DrillMode.DOUBLE_BLIND and blind else DrillMode.ANNOUNCED
    downgraded = recorded_mode is DrillMode.DOUBLE_BLIND and mode is DrillMode.ANNOUNCED
    return decide(
        mode,
        f"recorded {recorded_mode.value} → {mode.value}"
        + (" (time, place and content were not all withheld)" if downgraded else ""),
        plan_basis("名词解释10", "不通知参演单位演练时间、地点和演练内容"),
    )
