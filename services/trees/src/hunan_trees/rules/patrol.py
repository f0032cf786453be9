"""Regular patrol and professional maintenance by grade (Art. 20 / 第二十条, R18). The Measures set no frequency:
the interval per protection level is a setting (TREES_PATROL_INTERVAL_DAYS, RULES.md design choices)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

from hunan_shared.legal import Decision, cite

from .basis import DOCUMENT
from .classification import ProtectionLevel

ART20 = cite(
    DOCUMENT,
    "Art. 20 / 第二十条",
    "根据古树名木等级，组织专家和技术人员或者通过购买服务的方式对古树名木进行定期巡查和专业养护",
)

DEFAULT_INTERVAL_DAYS: dict[ProtectionLevel, int] = {
    ProtectionLevel.LEVEL_1: 90,
    ProtectionLevel.LEVEL_2: 180,
    ProtectionLevel.LEVEL_3: 365,
}


class VisitKind(StrEnum):
    PATROL = "PATROL"  # 定期巡查
    MAINTENANCE = "MAINTENANCE"  # 专业养护


class Provider(StrEnum):
    """Who does it (Art. 20): experts, technical staff, or a purchased service (购买服务)."""

    EXPERTS = "EXPERTS"
    TECHNICAL_STAFF = "TECHNICAL_STAFF"
    PURCHASED_SERVICE = "PURCHASED_SERVICE"


def provider_valid(provider: Provider, contract_ref: str | None) -> Decision[bool]:
    """Art. 20 / 第二十条: a purchased service is done under a service contract, which is recorded."""
    if provider is Provider.PURCHASED_SERVICE and not (contract_ref and contract_ref.strip()):
        return Decision[bool](
            value=False, reason="a purchased service (购买服务) names its service contract", basis=(ART20,)
        )
    return Decision[bool](value=True, reason=f"performed by {provider.value}", basis=(ART20,))


def patrol_due_on(
    level: ProtectionLevel | None, last_on: dt.date, intervals: Mapping[ProtectionLevel, int]
) -> Decision[dt.date]:
    """Art. 20 / 第二十条: the next regular patrol is due `interval(level)` days after the last one (or after
    registration when none was recorded). A tree without a protection level (Art. 35 reference) uses LEVEL_3's."""
    used = level or ProtectionLevel.LEVEL_3
    days = intervals[used]
    due = last_on + dt.timedelta(days=days)
    return Decision[dt.date](
        value=due, reason=f"{used.value}: every {days} days after {last_on} → due {due}", basis=(ART20,)
    )


def patrol_overdue(due_on: dt.date, today: dt.date) -> Decision[bool]:
    """Art. 20 / 第二十条: overdue once the last patrol is older than the interval — on the due day itself the
    patrol is still in time; from the next day on it is overdue."""
    late = today > due_on
    reason = f"patrol due {due_on}, {'overdue' if late else 'not overdue'} on {today}"
    return Decision[bool](value=late, reason=reason, basis=(ART20,))
