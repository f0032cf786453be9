"""Lifecycle rules of a registered tree: abnormality and death reports (Arts. 18–19, 29), habitat-zone
reductions (Art. 23), construction damage costs (Art. 25 para 3), transplant execution and aftercare (Art. 28),
and the decision on a prohibited act (Art. 33). Pure functions; each returns a `Decision` citing its article."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import ART18, ART19, ART23, ART25, ART28, ART29, ART33, ART35
from .habitat import ProhibitedAct
from .periods import add_years
from .transplant import AFTERCARE_YEARS


class ReportKind(StrEnum):
    ABNORMALITY = "ABNORMALITY"  # 异常情况报告 (Arts. 18–19)
    SUSPECTED_DEATH = "SUSPECTED_DEATH"  # 疑似死亡报告 (Art. 29)


class AbnormalityType(StrEnum):
    """Art. 18 / 第十八条: the five situations a custodian must report."""

    PUBLIC_SAFETY_HAZARD = "PUBLIC_SAFETY_HAZARD"  # 对公众生命财产安全可能造成危害
    PEST_INFESTATION = "PEST_INFESTATION"  # 遭受有害生物侵害
    NATURAL_DAMAGE = "NATURAL_DAMAGE"  # 自然损害
    HUMAN_DAMAGE = "HUMAN_DAMAGE"  # 人为损害
    OTHER_GROWTH_ABNORMALITY = "OTHER_GROWTH_ABNORMALITY"  # 其他生长异常情况


class Measure(StrEnum):
    """Art. 19 / 第十九条: 抢救、治理、复壮等措施."""

    RESCUE = "RESCUE"
    TREATMENT = "TREATMENT"
    REJUVENATION = "REJUVENATION"


class Order(StrEnum):
    """Art. 33 / 第三十三条: what the department orders."""

    STOP = "STOP"  # 责令停止违法行为
    RESTORE_BY_DEADLINE = "RESTORE_BY_DEADLINE"  # 限期恢复原状
    REMEDIAL_MEASURES = "REMEDIAL_MEASURES"  # 采取补救措施


def report_type_valid(kind: ReportKind, abnormality_type: AbnormalityType | None) -> Decision[bool]:
    """Art. 18 / 第十八条: an abnormality report names one of the five situations; a death report names none."""
    if kind is ReportKind.ABNORMALITY and abnormality_type is None:
        return Decision[bool](
            value=False, reason="an abnormality report names one of the five situations", basis=(ART18,)
        )
    if kind is ReportKind.SUSPECTED_DEATH and abnormality_type is not None:
        return Decision[bool](
            value=False, reason="a suspected death is reported as such, without a situation type", basis=(ART29,)
        )
    return Decision[bool](
        value=True, reason=f"{kind} report", basis=(ART18,) if kind is ReportKind.ABNORMALITY else (ART29,)
    )


def overdue(due_on: dt.date, today: dt.date, acted: bool) -> Decision[bool]:
    """Arts. 19, 29 / 第十九条、第二十九条: the period runs to the end of its last working day; a report without a
    handling action (Art. 19) or an organised appraisal (Art. 29) is overdue from the next day."""
    late = not acted and today > due_on
    reason = f"due {due_on}; {'no action by then' if late else 'acted' if acted else 'still within the period'}"
    return Decision[bool](value=late, reason=reason, basis=(ART19, ART29))


def acted_on_time(due_on: dt.date, acted_on: dt.date, kind: ReportKind) -> Decision[bool]:
    """Art. 19 (handling) or Art. 29 (appraisal organised) / 第十九条、第二十九条: on time up to and including the
    due day."""
    ok = acted_on <= due_on
    article = ART19 if kind is ReportKind.ABNORMALITY else ART29
    return Decision[bool](value=ok, reason=f"acted {acted_on}, due {due_on}", basis=(article,))


def reduction_margin_valid(proposed_margin_m: float, minimum_m: float) -> Decision[bool]:
    """Art. 23 para 2 / 第二十三条第二款: a reduction is a request for a margin below 5 m (and above nothing)."""
    ok = 0 <= proposed_margin_m < minimum_m
    reason = (
        f"proposed margin {proposed_margin_m} m is below {minimum_m} m"
        if ok
        else f"proposed margin {proposed_margin_m} m is not a reduction below {minimum_m} m"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART23,))


def damage_claim_valid(rejuvenation_cost: Decimal, maintenance_cost: Decimal) -> Decision[bool]:
    """Art. 25 para 3 / 第二十五条第三款: the construction unit bears the corresponding rejuvenation and maintenance
    costs — a claim names at least one positive cost (any project tier)."""
    total = rejuvenation_cost + maintenance_cost
    ok = total > 0 and rejuvenation_cost >= 0 and maintenance_cost >= 0
    reason = (
        f"construction unit bears {total} CNY" if ok else "a claim needs a positive rejuvenation or maintenance cost"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART25,))


def execution_follows_plan(distance_from_planned_site_m: float, tolerance_m: float) -> Decision[bool]:
    """Art. 28 / 第二十八条 (R30): an approved transplant is carried out according to its plan — the tree goes to the
    approved site (within a surveying tolerance); another site needs an amended plan and a new approval."""
    ok = distance_from_planned_site_m <= tolerance_m
    reason = (
        f"{distance_from_planned_site_m:.1f} m from the approved site (tolerance {tolerance_m} m)"
        if ok
        else f"{distance_from_planned_site_m:.1f} m from the approved site exceeds {tolerance_m} m: amend the plan"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART28,))


def aftercare_check_dates(executed_on: dt.date) -> Decision[tuple[dt.date, ...]]:
    """Art. 28 / 第二十八条: five years of aftercare, one check per aftercare year, due at each anniversary
    (29 Feb → 28 Feb); the last falls on `aftercare_until`."""
    dates = tuple(add_years(executed_on, year) for year in range(1, AFTERCARE_YEARS + 1))
    return Decision[tuple[dt.date, ...]](
        value=dates, reason=f"executed {executed_on}: checks due {', '.join(map(str, dates))}", basis=(ART28,)
    )


def aftercare_check_in_window(executed_on: dt.date, year: int, checked_on: dt.date) -> Decision[bool]:
    """Art. 28 / 第二十八条: the check of aftercare year N is made within that year (after the previous anniversary,
    up to and including the N-th)."""
    if not 1 <= year <= AFTERCARE_YEARS:
        return Decision[bool](value=False, reason=f"aftercare has years 1–{AFTERCARE_YEARS}", basis=(ART28,))
    start, end = add_years(executed_on, year - 1), add_years(executed_on, year)
    ok = start < checked_on <= end
    reason = f"year {year} runs {start} (excl.) – {end}; checked {checked_on}"
    return Decision[bool](value=ok, reason=reason, basis=(ART28,))


def orders_valid(orders: set[Order], restore_by: dt.date | None, decided_on: dt.date) -> Decision[bool]:
    """Art. 33 / 第三十三条 (R37): where no other law applies the department orders the act stopped and either
    restoration within a time limit (with that limit, after the decision) or remedial measures."""
    if Order.STOP not in orders:
        return Decision[bool](value=False, reason="the act must be ordered stopped (责令停止违法行为)", basis=(ART33,))
    if not orders & {Order.RESTORE_BY_DEADLINE, Order.REMEDIAL_MEASURES}:
        return Decision[bool](
            value=False, reason="order restoration within a time limit or remedial measures", basis=(ART33,)
        )
    if Order.RESTORE_BY_DEADLINE in orders and (restore_by is None or restore_by <= decided_on):
        return Decision[bool](
            value=False,
            reason="restoration within a time limit needs a limit after the decision (限期)",
            basis=(ART33,),
        )
    return Decision[bool](value=True, reason="stop ordered with restoration or remedy", basis=(ART33,))


# Art. 24 / 第二十四条: the text of each prohibited act, and where it counts (on the tree, inside the habitat zone,
# or anywhere for unauthorised transplanting/felling and the catch-all).
ACT_TEXT: dict[ProhibitedAct, tuple[str, str]] = {
    ProhibitedAct.P1_UNAUTHORISED_TRANSPLANT: ("24(1)", "擅自移植"),
    ProhibitedAct.P1_UNAUTHORISED_FELLING: ("24(1)", "擅自采伐"),
    ProhibitedAct.P2_CLIMBING: ("24(2)", "攀树"),
    ProhibitedAct.P2_BREAKING_BRANCHES: ("24(2)", "折枝"),
    ProhibitedAct.P2_DIGGING_ROOTS: ("24(2)", "挖根"),
    ProhibitedAct.P2_STRIPPING_BARK: ("24(2)", "剥树皮"),
    ProhibitedAct.P2_INJECTING_TOXIC: ("24(2)", "注入有毒有害物质"),
    ProhibitedAct.P2_CARVING: ("24(2)", "在古树名木上刻划"),
    ProhibitedAct.P2_NAILING: ("24(2)", "在古树名木上钉钉"),
    ProhibitedAct.P2_HANGING_HEAVY_OBJECTS: ("24(2)", "在古树名木上悬挂重物"),
    ProhibitedAct.P2_USING_AS_SUPPORT: ("24(2)", "以古树名木为支撑物"),
    ProhibitedAct.P3_NEW_OR_EXTENDED_BUILDING: ("24(3)", "在生境保护范围内新建（扩建）建筑物或者构筑物"),
    ProhibitedAct.P3_IMPERVIOUS_PAVING: ("24(3)", "在生境保护范围内非通透性硬化地面"),
    ProhibitedAct.P3_ROAD_BUILDING: ("24(3)", "在生境保护范围内修建道路"),
    ProhibitedAct.P3_PIPELINE_LAYING: ("24(3)", "在生境保护范围内敷设管线"),
    ProhibitedAct.P3_WIRE_ERECTING: ("24(3)", "在生境保护范围内架设电线"),
    ProhibitedAct.P3_DIGGING_PITS_TAKING_SOIL: ("24(3)", "在生境保护范围内挖坑取土"),
    ProhibitedAct.P3_QUARRYING_SAND: ("24(3)", "在生境保护范围内采石取砂"),
    ProhibitedAct.P3_NON_PROTECTIVE_FILLING: ("24(3)", "在生境保护范围内非保护性填土"),
    ProhibitedAct.P3_OPEN_FIRE: ("24(3)", "在生境保护范围内动用明火"),
    ProhibitedAct.P3_DUMPING_SEWAGE_GARBAGE: ("24(3)", "在生境保护范围内倾倒污水垃圾"),
    ProhibitedAct.P3_HAZARDOUS_GOODS: ("24(3)", "在生境保护范围内堆放和倾倒易燃易爆、有毒有害物品"),
    ProhibitedAct.P4_OTHER_DAMAGE: ("24(4)", "其他损害古树名木及其生境的行为"),
}


def act_scope(act: ProhibitedAct) -> str:
    """Art. 24 / 第二十四条: P2 acts are on the tree, P3 acts inside the habitat zone, P1 and P4 anywhere."""
    return {"P1": "ANYWHERE", "P2": "ON_TREE", "P3": "INSIDE_HABITAT_ZONE", "P4": "ANYWHERE"}[act.value[:2]]


def fine_for_reference_tree(art35_reference: bool, fine_cny: Decimal | None) -> Decision[bool]:
    """Art. 35 / 第三十五条 with Art. 33 [INTERP]: a tree of 80–99 years protected by reference ('可以参照') is no
    古树; a fine needs an express basis, so none is imposed for it (orders to stop and restore still may be)."""
    ok = not (art35_reference and fine_cny is not None)
    reason = "no Art. 33 fine for a tree protected only by reference" if not ok else "fine basis present"
    return Decision[bool](value=ok, reason=reason, basis=(ART35, ART33))
