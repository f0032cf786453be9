"""The reform's controls evaluated on the ledgers (W4, W5, W6): which carry-over is swept or recalled at year end
(R8–R10), and whether a level's disclosures are on time (R51) on a given day. The ratio checks themselves are
in `ratios.py` (R31, R36) and the single-amount rules in `pooling.py` (R8, R9, R10, R50, R51)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import decide, opinion
from hunan_budget.rules.pooling import (
    DISCLOSURE_DAYS,
    government_fund_sweep,
    project_carryover_recovered,
    state_capital_sweep,
)
from hunan_shared.legal import Decision


class CarryoverCategory(StrEnum):
    """结转资金/存量资金 by what the Opinion does with it at year end (Opinion (五))."""

    GOVERNMENT_FUND = "GOVERNMENT_FUND"  # per fund: above 20 % of its revenue → general budget (R8)
    STATE_CAPITAL = "STATE_CAPITAL"  # 50 % → general budget (R9)
    BASIC_EXPENDITURE = "BASIC_EXPENDITURE"  # 部门基本支出结转 → recovered (R10)
    THREE_PUBLIC = "THREE_PUBLIC"  # "三公"经费结转 → recovered (R10)
    PROJECT = "PROJECT"  # project carry-over: recovered after a year, research funds exempt (R10)
    IDLE_UNIT_FUNDS = "IDLE_UNIT_FUNDS"  # 沉淀闲置、低效无效的单位资金 → recovered (R10)


def sweep_amount(
    category: CarryoverCategory,
    amount: Decimal,
    current_year_revenue: Decimal | None,
    age_months: int,
    reserved_research: bool,
    project_threshold_months: int = 12,
) -> Decision[Decimal]:
    """W4 / Opinion (五): the part of one carry-over balance the year-end sweep takes — into the general public
    budget (R8 government funds, R9 state capital) or back to the treasury (R10 recoveries)."""
    category = CarryoverCategory(category)
    if category is CarryoverCategory.GOVERNMENT_FUND:
        return government_fund_sweep(amount, current_year_revenue or Decimal(0))
    if category is CarryoverCategory.STATE_CAPITAL:
        return state_capital_sweep(amount)
    if category is CarryoverCategory.PROJECT:
        recovered = project_carryover_recovered(age_months, reserved_research, project_threshold_months)
        return decide(amount if recovered.value else Decimal(0), recovered.reason, *recovered.basis)
    return decide(
        amount,
        f"{category.value.lower().replace('_', ' ')} carry-over recovered in full",
        opinion("(五)", "R10", "部门基本支出结转、“三公”经费结转及沉淀闲置的单位资金收回统筹"),
    )


class DisclosureStatus(StrEnum):
    PENDING = "PENDING"  # not yet published, still within 20 days
    ON_TIME = "ON_TIME"
    LATE = "LATE"  # published after day 20
    OVERDUE = "OVERDUE"  # not published and day 20 has passed


def disclosure_status(approved_on: dt.date, published_on: dt.date | None, on: dt.date) -> Decision[DisclosureStatus]:
    """R51 / Opinion (二十四): a unit's budget is published within 20 (calendar) days of approval; an unpublished
    budget goes overdue by itself on day 21, without anyone acting."""
    due = approved_on + dt.timedelta(days=DISCLOSURE_DAYS)
    if published_on is not None:
        status = DisclosureStatus.ON_TIME if published_on <= due else DisclosureStatus.LATE
        reason = f"published {published_on.isoformat()}, due {due.isoformat()}"
    else:
        status = DisclosureStatus.PENDING if on <= due else DisclosureStatus.OVERDUE
        reason = f"not published on {on.isoformat()}, due {due.isoformat()}"
    return decide(status, reason, opinion("(二十四)", "R51", "批复后20日内向社会公开"))
