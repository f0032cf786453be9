"""Custodian workflow rules beyond the land-use table (Arts. 16, 21): construction period (16(9)), who decides
a dispute (16 last para), who may grant a maintenance subsidy and on which inputs (Art. 21).

The land-use table itself is `custodian.custodian_for`; these functions are pure and cite their article.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from hunan_shared import divisions
from hunan_shared.legal import Decision, cite

from .basis import ART16, DOCUMENT

ART16_9 = cite(DOCUMENT, "Art. 16(9) / 第十六条第（九）项", "建设项目范围内的古树名木，建设期间由建设单位负责养护")
ART16_LAST = cite(
    DOCUMENT,
    "Art. 16 last para / 第十六条末款",
    "养护责任人不明确或者有异议的，由所在地县级人民政府古树名木主管部门确定",
)
ART21 = cite(DOCUMENT, "Art. 21 / 第二十一条", "根据古树名木等级、养护状况、费用支出等情况给予养护责任人适当养护补助")


class MaintenanceCondition(StrEnum):
    """养护状况 — one of the three inputs Art. 21 names for a subsidy (the grading of it is ours)."""

    GOOD = "GOOD"
    FAIR = "FAIR"
    POOR = "POOR"


def within_construction_period(on: dt.date, start: dt.date, end: dt.date | None) -> Decision[bool]:
    """Art. 16(9) / 第十六条第（九）项: the construction unit is custodian only 建设期间 — from the start of
    construction to its completion, both days included; an open end means construction is still running."""
    inside = start <= on and (end is None or on <= end)
    reason = (
        f"{on} lies within the construction period {start} – {end or 'open'}"
        if inside
        else f"{on} lies outside the construction period {start} – {end or 'open'}"
    )
    return Decision[bool](value=inside, reason=reason, basis=(ART16_9,))


def construction_period_valid(start: dt.date, end: dt.date | None) -> Decision[bool]:
    """Art. 16(9): a construction period must not end before it starts."""
    ok = end is None or end >= start
    return Decision[bool](
        value=ok,
        reason="construction period in order" if ok else f"construction ends {end} before it starts {start}",
        basis=(ART16_9,),
    )


def dispute_decider_valid(decided_by_division: str, tree_division: str) -> Decision[bool]:
    """Art. 16 last para / 第十六条末款: an unclear or disputed custodian is decided by the tree department of
    the county *where the tree stands* — no other county, and not the city or province in its stead."""
    ok = decided_by_division == tree_division
    reason = (
        f"decided by the county department of {tree_division}, where the tree stands"
        if ok
        else f"division {decided_by_division} is not the county where the tree stands ({tree_division})"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART16_LAST,))


def decision_needed(disputed: bool, category_undetermined: bool) -> Decision[bool]:
    """Art. 16 last para: a decision of the county department is needed when the custodian is disputed or the
    land-use table leaves it unclear (不明确)."""
    needed = disputed or category_undetermined
    why = "custodian disputed (有异议)" if disputed else "custodian unclear (不明确)" if category_undetermined else ""
    return Decision[bool](
        value=needed,
        reason=why or "the land-use table names the custodian",
        basis=(ART16_LAST,) if needed else (ART16,),
    )


def subsidy_grantor_valid(granting_division: str, tree_division: str) -> Decision[bool]:
    """Art. 21 / 第二十一条: subsidies are granted by a government at county level or above (县级以上人民政府) —
    one whose area contains the tree: its county, its city/prefecture or the province."""
    ok = divisions.contains(granting_division, tree_division)
    reason = (
        f"government of {granting_division} contains the tree's county {tree_division}"
        if ok
        else f"government of {granting_division} does not contain the tree's county {tree_division}"
    )
    return Decision[bool](value=ok, reason=reason, basis=(ART21,))


def subsidy_inputs_complete(
    grade_or_famous: bool, condition: MaintenanceCondition | None, expenditure_cny: Decimal | None
) -> Decision[bool]:
    """Art. 21: the subsidy weighs the tree's grade (等级), the maintenance condition (养护状况) and the expenditure
    (费用支出); a decision must record all three. The text sets no amount, so none is checked beyond > 0."""
    missing = [
        label
        for label, present in (
            ("grade (the tree has neither a grade nor a famous finding)", grade_or_famous),
            ("maintenance condition", condition is not None),
            ("expenditure", expenditure_cny is not None and expenditure_cny >= 0),
        )
        if not present
    ]
    return Decision[bool](
        value=not missing,
        reason="grade, maintenance condition and expenditure recorded"
        if not missing
        else f"missing {', '.join(missing)}",
        basis=(ART21,),
    )


ART18 = cite(
    DOCUMENT, "Art. 18 / 第十八条", "养护责任人应当履行巡护古树名木及其生境、保护设施等日常养护责任，异常情况及时报告"
)


class Duty(StrEnum):
    """The custodian's daily duties named by Art. 18, which an agreement (养护责任书) records."""

    PATROL_TREE = "PATROL_TREE"  # 巡护古树名木
    PATROL_HABITAT = "PATROL_HABITAT"  # 巡护生境
    PATROL_FACILITIES = "PATROL_FACILITIES"  # 巡护保护设施
    REPORT_ABNORMALITY = "REPORT_ABNORMALITY"  # 异常情况及时报告


def agreement_covers_duties(duties: set[Duty]) -> Decision[bool]:
    """Art. 18 / 第十八条: an agreement may not leave out a duty the Measures impose on every custodian."""
    missing = sorted(d.value for d in set(Duty) - duties)
    return Decision[bool](
        value=not missing,
        reason="all Art. 18 duties recorded" if not missing else f"agreement omits duties: {', '.join(missing)}",
        basis=(ART18,),
    )
