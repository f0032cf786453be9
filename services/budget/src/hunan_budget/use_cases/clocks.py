"""Clocks that act by themselves (periodic jobs declared in app.py, hunan_shared.jobs): an approved unit budget not
published within 20 days of its approval (R51, Opinion (二十四)) goes overdue on day 21 without anyone acting, and
is announced once (`DisclosureOverdue`), so supervisors learn of the lapse without asking.

Each function takes the job's `now`, is idempotent (a lapse is announced once) and returns how many it handled.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from hunan_budget.models import Budget
from hunan_budget.rules.budgets import BudgetState
from hunan_budget.rules.controls import DisclosureStatus, disclosure_status
from hunan_budget.rules.pooling import DISCLOSURE_DAYS
from hunan_budget.use_cases.budgets import event_totals
from hunan_budget.use_cases.budgets import get as budget_view
from hunan_shared import clock
from hunan_shared.events.catalogue import DisclosureOverdue
from hunan_shared.jobs import Announcement, AuditEntry, announce_once
from hunan_shared.uow import UnitOfWork


def announce_overdue_disclosures(uow: UnitOfWork, now: dt.datetime) -> int:
    """R51 / Opinion (二十四) / 实施意见（二十四）: an approved budget still unpublished after day 20 (calendar days,
    Asia/Shanghai) is overdue; each one is announced once."""
    today = now.astimezone(clock.SHANGHAI).date()

    def announce(budget: Budget) -> Announcement | None:
        assert budget.approved_on is not None
        status = disclosure_status(budget.approved_on, None, today)
        if status.value is not DisclosureStatus.OVERDUE:  # the query and the rule read day 20 the same way
            return None
        return Announcement(
            budget,
            {"disclosure_overdue_announced": True},
            DisclosureOverdue(
                **event_totals(budget_view(uow.session, budget.id)),
                approved_on=budget.approved_on,
                disclosure_due_on=budget.approved_on + dt.timedelta(days=DISCLOSURE_DAYS),
                detected_at=now,
            ),
            AuditEntry("budget.disclosure_overdue", "budget", budget.id, {"reason": status.reason}),
        )

    lapsed = (
        select(Budget)
        .where(
            Budget.state == BudgetState.APPROVED.value,
            col(Budget.disclosed_on).is_(None),
            col(Budget.approved_on) <= today - dt.timedelta(days=DISCLOSURE_DAYS + 1),
            col(Budget.disclosure_overdue_announced).is_(False),
        )
        .order_by(Budget.id)
    )
    return announce_once(uow, lapsed, announce)
