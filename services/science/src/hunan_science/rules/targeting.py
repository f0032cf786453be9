"""Where and how fast emergency content goes out (W1): selection weighted by the risk of each targeted region
and the needs of its people (the emergency plan's 应急科普智慧宣教系统), and the timeliness of the first
publication (三(四)1 「及时」, measured against a configurable target, 2 hours by default)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from hunan_science.rules.basis import ScienceRuleError, decide, design, plan
from hunan_shared.legal import Decision, cite

EMERGENCY_SYSTEM_PLAN = "湖南省“十四五”应急体系建设规划"
SMART_PUSH = cite(
    EMERGENCY_SYSTEM_PLAN,
    "专栏8 (W1)",
    "建设应急科普智慧宣教系统……根据不同地域风险、不同人群需求，通过算法精准推送宣传安全应急科普知识",
)


class RiskLevel(StrEnum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


# A region with no recorded risk for the hazard counts as LOW: it still gets the content, last.
RISK_FACTOR: Mapping[RiskLevel, int] = {RiskLevel.HIGH: 3, RiskLevel.MEDIUM: 2, RiskLevel.LOW: 1}
HAZARD_MATCH, TOPIC_MATCH = 2, 1


@dataclass(frozen=True)
class RegionRisk:
    """The recorded risk of one division for one hazard and the groups most exposed there."""

    level: RiskLevel
    audiences: frozenset[str] = frozenset()


def region_weights(
    hazard_match: bool, item_audiences: Iterable[str], risks: Mapping[str, RegionRisk | None]
) -> Decision[dict[str, int]]:
    """W1 / emergency plan 专栏8 「根据不同地域风险、不同人群需求……精准推送」: the weight of a library item in each
    targeted division = the division's risk factor (HIGH 3, MEDIUM 2, LOW or unrecorded 1) × (2 for an item
    made for the hazard, 1 for one matched by topic + 1 for each exposed group of the division the item is made
    for). Every targeted division still gets every selected item (no division is left without content); the
    weight orders the items and the divisions they go to first."""
    audiences = set(item_audiences)
    weights: dict[str, int] = {}
    for code, risk in sorted(risks.items()):
        factor = RISK_FACTOR[risk.level] if risk is not None else RISK_FACTOR[RiskLevel.LOW]
        exposed = len(audiences & set(risk.audiences)) if risk is not None else 0
        weights[code] = factor * ((HAZARD_MATCH if hazard_match else TOPIC_MATCH) + exposed)
    if not weights:
        raise ScienceRuleError("a campaign targets at least one division")
    top = max(weights.values())
    return decide(
        weights,
        f"weights {weights} (highest {top})",
        SMART_PUSH,
        plan("三(四)1", "R22", "建立应急科普宣教协同机制"),
        design("W1", "risk factor HIGH 3 / MEDIUM 2 / LOW 1 × (hazard 2 | topic 1 + exposed groups served)"),
    )


def division_order(weights: Mapping[str, int]) -> list[str]:
    """The divisions an item goes to, highest weight first (then by code)."""
    return sorted(weights, key=lambda code: (-weights[code], code))


def first_publication_on_time(
    triggered_at: dt.datetime, published_at: dt.datetime, target_minutes: int
) -> Decision[bool]:
    """W1 SLA / 三(四)1 「及时」: the first reserve content of an emergency campaign is due within the target
    (default 120 minutes) of the triggering declaration or warning; exactly at the target is on time."""
    if target_minutes <= 0:
        raise ScienceRuleError("the publication target is a positive number of minutes")
    elapsed = published_at - triggered_at
    on_time = elapsed <= dt.timedelta(minutes=target_minutes)
    return decide(
        on_time,
        f"first publication {int(elapsed.total_seconds() // 60)} min after the trigger "
        f"({'within' if on_time else 'beyond'} {target_minutes} min)",
        plan("三(四)1", "W1", "及时做好政策解读、知识普及和舆情引导"),
        design("W1", "first reserve content published ≤ 2 h after the declaration, configurable"),
    )


def publication_overdue(
    triggered_at: dt.datetime, now: dt.datetime, first_published_at: dt.datetime | None, target_minutes: int
) -> Decision[bool]:
    """W1 SLA: a running emergency campaign with nothing published once the target has passed is overdue
    (strictly after the target: at the target itself it is not yet late)."""
    late = first_published_at is None and now - triggered_at > dt.timedelta(minutes=target_minutes)
    return decide(
        late,
        "nothing published past the target"
        if late
        else ("published" if first_published_at else "target not yet passed"),
        plan("三(四)1", "W1", "及时"),
        design("W1", "first reserve content published ≤ 2 h after the declaration, configurable"),
    )
