"""Execution and supervision rules that gate a record: treasury single account (R33), direct funds traced to the
end user (R37), and supervision findings closed only with accountability and published handling (R53)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import decide, design, non_negative, opinion
from hunan_shared.legal import Decision


class AccountKind(StrEnum):
    TREASURY = "TREASURY"  # 国库单一账户
    FISCAL_SPECIAL = "FISCAL_SPECIAL"  # 财政专户
    UNIT_SPECIAL = "UNIT_SPECIAL"  # 预算单位特设账户


def treasury_movement_allowed(
    from_account: AccountKind, to_account: AccountKind, legal_basis: str | None
) -> Decision[bool]:
    """R33 / Opinion (十四) / 实施意见（十四）: 政府全部收入和支出实行国库集中收付管理 … 严禁将国库资金违规拨入财政
    专户、特设账户等 — money leaving the treasury for a fiscal or unit special account needs the legal basis that
    allows it; every other movement stays inside the single-account system."""
    from_account, to_account = AccountKind(from_account), AccountKind(to_account)
    basis = opinion("(十四)", "R33", "严禁将国库资金违规拨入财政专户、特设账户等")
    if from_account is AccountKind.TREASURY and to_account is not AccountKind.TREASURY:
        if not (legal_basis or "").strip():
            return decide(False, f"treasury money into a {to_account} account without a legal basis", basis)
        return decide(True, f"treasury → {to_account} under {legal_basis}", basis)
    return decide(True, f"{from_account} → {to_account}", basis)


def special_account_retained(kind: AccountKind, justification: str | None) -> Decision[bool]:
    """R33 / Opinion (十四): 全面清理预算单位特设账户，对确有必要保留的实行穿透式管理 — a unit special account is kept
    only with the justification for keeping it (and is then monitored line by line through its movements)."""
    kind = AccountKind(kind)
    basis = opinion("(十四)", "R33", "全面清理预算单位特设账户，对确有必要保留的实行穿透式管理")
    if kind is AccountKind.UNIT_SPECIAL and not (justification or "").strip():
        return decide(False, "a unit special account is kept only where it is shown to be necessary", basis)
    return decide(True, f"{kind} account", basis)


class DirectFundFlag(StrEnum):
    TRACED = "TRACED"  # reached its end users
    IN_TRANSIT = "IN_TRANSIT"  # allocated, not yet used, within the period
    IDLE = "IDLE"  # 沉淀闲置: not used past the period
    DIVERTED = "DIVERTED"  # 挤占挪用: used outside its scope or by someone other than the intended user


def direct_fund_status(
    allocated: Decimal,
    used_by_end_users: Decimal,
    used_outside_scope: Decimal,
    allocated_on: dt.date,
    on: dt.date,
    idle_days: int,
) -> Decision[DirectFundFlag]:
    """R37 / Opinion (十五) / 实施意见（十五）: 直达资金 are watched from source to end user (“一竿子插到底”), against
    挤占挪用 and 沉淀闲置. Any amount used outside the fund's scope → DIVERTED; everything reached its users →
    TRACED; an unused remainder older than `idle_days` (configured: the text sets no period) → IDLE (exactly the
    period is still in transit)."""
    allocated = non_negative("allocated", allocated)
    used = non_negative("used_by_end_users", used_by_end_users)
    outside = non_negative("used_outside_scope", used_outside_scope)
    basis = [opinion("(十五)", "R37", "资金直达使用单位、直接惠企利民，防止挤占挪用、沉淀闲置")]
    if outside > 0:
        return decide(DirectFundFlag.DIVERTED, f"{outside} used outside the fund's scope", *basis)
    if used >= allocated:
        return decide(DirectFundFlag.TRACED, f"{used} of {allocated} reached end users", *basis)
    age = (on - allocated_on).days
    basis.append(design("R37", f"idle after {idle_days} days unused (BUDGET_DIRECT_FUND_IDLE_DAYS)"))
    if age > idle_days:
        return decide(DirectFundFlag.IDLE, f"{allocated - used} unused {age} days after allocation", *basis)
    return decide(DirectFundFlag.IN_TRANSIT, f"{allocated - used} unused after {age} days", *basis)


def finding_closable(
    responsible: str | None, handling_result: str | None, published_on: dt.date | None
) -> Decision[bool]:
    """R53 / Opinion (二十六) / 实施意见（二十六）: 对监督发现的问题，严格依规依纪依法追究有关单位和人员责任，加大处理
    结果公开力度 — a supervision finding is closed only with the responsible unit or person named, the handling
    decided and the handling result published."""
    basis = opinion("(二十六)", "R53", "追究有关单位和人员责任，加大处理结果公开力度")
    missing = [
        label
        for label, value in (("responsible unit or person", responsible), ("handling result", handling_result))
        if not (value or "").strip()
    ]
    if published_on is None:
        missing.append("publication of the handling result")
    if missing:
        return decide(False, "cannot close: missing " + ", ".join(missing), basis)
    return decide(True, f"accountability tracked, handling published {published_on}", basis)
