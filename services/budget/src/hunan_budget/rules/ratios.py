"""Continuous fiscal ratio checks (W5): advance-notified transfers (R31, Opinion (十三)) and the suspense
payment ceiling (R36, Opinion (十四)). Money is Decimal; ratios are exact fractions, never floats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import decide, design, non_negative, opinion
from hunan_shared.legal import Decision

# Opinion (十三): 一般性转移支付提前下达比例一般不低于90%，专项转移支付一般不低于70%.
GENERAL_ADVANCE_MIN = Decimal("0.90")
SPECIAL_ADVANCE_MIN = Decimal("0.70")
# Opinion (十四): 到2023年底，各级暂付性款项累计余额不得超过本级一般公共预算和政府性基金预算支出之和的5%.
SUSPENSE_MAX = Decimal("0.05")
SUSPENSE_LIMIT_FROM = dt.date(2023, 12, 31)


class TransferKind(StrEnum):
    GENERAL = "GENERAL"  # 一般性转移支付
    SPECIAL = "SPECIAL"  # 专项转移支付


class CheckOutcome(StrEnum):
    COMPLIANT = "COMPLIANT"
    BREACH = "BREACH"
    WARNING = "WARNING"  # before the limit applies, or an aspirational "一般" target read as a warning


@dataclass(frozen=True)
class Transfer:
    kind: TransferKind
    estimated: Decimal  # 预计数
    advance: Decimal  # 提前下达
    settled_on_actuals: bool = False  # 据实结算 etc.: excluded from both sums


@dataclass(frozen=True)
class RatioCheck:
    outcome: CheckOutcome
    ratio: Decimal | None  # None when the base is zero (nothing to notify)
    threshold: Decimal


def advance_transfer_ratio(transfers: list[Transfer], kind: TransferKind) -> Decision[RatioCheck]:
    """R31 / Opinion (十三): advance-notified share of the estimated transfers of one kind ≥ 90 % (general) or
    ≥ 70 % (special), both sums excluding transfers settled on actuals. Exactly the threshold is compliant."""
    threshold = GENERAL_ADVANCE_MIN if kind is TransferKind.GENERAL else SPECIAL_ADVANCE_MIN
    basis = opinion("(十三)", "R31", "一般性转移支付不低于90%，专项转移支付不低于70%提前下达")
    counted = [t for t in transfers if t.kind is kind and not t.settled_on_actuals]
    estimated = sum((non_negative("estimated", t.estimated) for t in counted), Decimal(0))
    advance = sum((non_negative("advance", t.advance) for t in counted), Decimal(0))
    if estimated == 0:
        return decide(
            RatioCheck(CheckOutcome.COMPLIANT, None, threshold), f"no {kind.value} transfers to notify", basis
        )
    ratio = advance / estimated
    outcome = CheckOutcome.COMPLIANT if ratio >= threshold else CheckOutcome.BREACH
    reason = f"{kind.value}: advance {advance} / estimated {estimated} = {ratio:.4f} vs ≥ {threshold}"
    return decide(RatioCheck(outcome, ratio, threshold), reason, basis)


def suspense_ceiling(
    on: dt.date, suspense_balance: Decimal, general_public_expenditure: Decimal, government_fund_expenditure: Decimal
) -> Decision[RatioCheck]:
    """R36 / Opinion (十四): suspense payments 暂付性款项 ≤ 5 % of (general public + government-fund budget
    expenditure) of the same level, from 31 Dec 2023. Exactly 5 % is compliant ("不得超过"); before the
    limit date an excess is only a warning [DESIGN, catalogue T7]."""
    balance = non_negative("suspense_balance", suspense_balance)
    base = non_negative("general_public_expenditure", general_public_expenditure) + non_negative(
        "government_fund_expenditure", government_fund_expenditure
    )
    basis = [opinion("(十四)", "R36", "到2023年底暂付性款项累计余额不超过本级一般公共预算和政府性基金预算支出之和的5%")]
    if base == 0:
        # No expenditure yet (e.g. early in the year): the ceiling is 5 % of zero, so no ratio exists and any
        # suspense balance is above the ceiling; none is within it.
        within = balance == 0
        ratio = None
        reason = (
            "no expenditure and no suspense"
            if within
            else f"suspense {balance} with no expenditure yet: above the ceiling of 5 % of 0 (no ratio)"
        )
    else:
        ratio = balance / base
        within = ratio <= SUSPENSE_MAX
        reason = f"suspense {balance} / expenditure {base} = {ratio:.4f} vs ≤ {SUSPENSE_MAX} on {on.isoformat()}"
    if within:
        outcome = CheckOutcome.COMPLIANT
    elif on >= SUSPENSE_LIMIT_FROM:
        outcome = CheckOutcome.BREACH
    else:
        outcome = CheckOutcome.WARNING
        basis.append(design("R36", "before 2023-12-31 an excess is a warning, not a breach"))
    return decide(RatioCheck(outcome, ratio, SUSPENSE_MAX), reason, *basis)
