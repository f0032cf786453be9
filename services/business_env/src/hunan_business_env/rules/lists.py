"""Lists order 307 asks for beyond the registers: the port fee catalogue and its single-window disclosure (Art. 33
para 2; R72), delegated approval powers (Art. 26 para 1; R48) and business-environment supervisors (Art. 48; R94)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import art

ART26_1 = art(
    "Art. 26 para 1 / 第二十六条第一款",
    "依法推进行政审批权限下放；下放审批事项的行政机关应当加强对承接机关的技术支持、业务指导和监督检查",
)
ART33_2 = art(
    "Art. 33 para 2 / 第三十三条第二款",
    "口岸收费目录清单；在国际贸易“单一窗口”公开收费项目、收费范围、收费标准、计价方式等",
)
ART48 = art("Art. 48 / 第四十八条", "县级以上人民政府优化营商环境工作主管部门聘请营商环境监督站（点、员）")

PORT_FEE_FIELDS = ("fee_item", "scope", "standard", "pricing_method")


def port_fee_missing(values: Mapping[str, object]) -> Decision[tuple[str, ...]]:
    """Art. 33 para 2 / 第三十三条第二款 (R72): each disclosed port fee states its item, scope, standard and pricing
    method; the value names the blank ones (an entry missing any is incomplete and is not published)."""
    missing = tuple(f for f in PORT_FEE_FIELDS if values.get(f) is None or not str(values.get(f)).strip())
    return Decision(
        value=missing,
        reason="all four disclosed" if not missing else "missing: " + ", ".join(missing),
        basis=(ART33_2,),
    )


def port_charge_listed(listed: bool, charging_entity: str, fee_item: str) -> Decision[str]:
    """Art. 33 para 2 (R72, like R22 for enterprise fees): a port charge not in the published catalogue of that
    charging entity is UNLISTED_ITEM; a listed one is OK."""
    if listed:
        return Decision(value="OK", reason=f"{fee_item!r} of {charging_entity} is in the catalogue", basis=(ART33_2,))
    return Decision(
        value="UNLISTED_ITEM",
        reason=f"{fee_item!r} is not in the published port fee catalogue of {charging_entity}",
        basis=(ART33_2,),
    )


@dataclass(frozen=True)
class Delegation:
    receiving_agency: str
    effective_from: dt.date
    revoked_on: dt.date | None


def handling_agency(original: str, delegations: list[Delegation], on: dt.date) -> Decision[str]:
    """Art. 26 para 1 / 第二十六条第一款 (R48): an approval matter is handled on a day by the agency it was delegated
    to when a delegation is in force that day (the latest effective one), else by the original agency."""
    live = [d for d in delegations if d.effective_from <= on and (d.revoked_on is None or on < d.revoked_on)]
    if not live:
        return Decision(value=original, reason="no delegation in force that day", basis=(ART26_1,))
    latest = max(live, key=lambda d: d.effective_from)
    return Decision(
        value=latest.receiving_agency,
        reason=f"delegated from {original} since {latest.effective_from}",
        basis=(ART26_1,),
    )


def supervisor_may_report(
    appointed_on: dt.date, term_ends: dt.date | None, dismissed_on: dt.date | None, on: dt.date
) -> Decision[bool]:
    """Art. 48 / 第四十八条 (R94): a report enters the complaints ledger as a supervisor's (source SUPERVISOR) only
    while the appointment is in force on the day received — from appointment, before the term ends or dismissal."""
    if on < appointed_on:
        return Decision(value=False, reason=f"not appointed until {appointed_on}", basis=(ART48,))
    if term_ends is not None and on > term_ends:
        return Decision(value=False, reason=f"the appointment ended on {term_ends}", basis=(ART48,))
    if dismissed_on is not None and on >= dismissed_on:
        return Decision(value=False, reason=f"dismissed on {dismissed_on}", basis=(ART48,))
    return Decision(value=True, reason="appointment in force", basis=(ART48,))


class Support(StrEnum):
    TECHNICAL_SUPPORT = "TECHNICAL_SUPPORT"  # 技术支持
    GUIDANCE = "GUIDANCE"  # 业务指导
    SUPERVISION = "SUPERVISION"  # 监督检查


def delegation_support_missing(support: list[Support]) -> Decision[tuple[Support, ...]]:
    """Art. 26 para 1 / 第二十六条第一款 (R48): the delegating agency gives the receiving agency technical support,
    guidance and supervision — a delegation recorded without one of the three is refused, the missing ones named."""
    missing = tuple(s for s in Support if s not in support)
    reason = "all three arranged" if not missing else "missing: " + ", ".join(missing)
    return Decision(value=missing, reason=reason, basis=(ART26_1,))
