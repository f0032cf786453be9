"""The electronic efficiency supervision's own clock (Art. 26 para 2, R49; periodic job declared in app.py): an open
service application entering the warning window before its promised limit is announced once (预警), and once more
when the limit has passed (纠错), so supervisors learn of it without asking."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from hunan_business_env.models import ServiceApplication
from hunan_business_env.rules.efficiency import ApplicationState, EfficiencyStatus, efficiency_status
from hunan_shared.events.catalogue import ServiceApplicationDueSoon, ServiceApplicationOverdue
from hunan_shared.jobs import JobContext
from hunan_shared.uow import UnitOfWork
from hunan_shared.workdays import add_working_days


def announce(uow: UnitOfWork, now: dt.datetime, warning_working_days: int) -> int:
    """Announce each open application's warning and lapse once; returns how many announcements were made."""
    today = now.date()
    horizon = add_working_days(today, warning_working_days + 1).date  # due before it: inside the warning window
    rows = uow.session.exec(
        select(ServiceApplication)
        .where(
            ServiceApplication.state == ApplicationState.ACCEPTED.value,
            col(ServiceApplication.due) < horizon,
            col(ServiceApplication.overdue_announced).is_(False),
        )
        .order_by(ServiceApplication.id)
        .with_for_update()
    ).all()
    announced = 0
    for row in rows:
        status = efficiency_status(row.due, row.decided_on, today, warning_working_days).value
        fields = {
            "application_id": row.id,
            "item_code": row.item_code,
            "department": row.department,
            "division_code": row.handling_division_code,
            "accepted_on": row.accepted_on,
            "due": row.due,
            "detected_at": now,
        }
        if status is EfficiencyStatus.OVERDUE:
            row.overdue_announced = row.due_soon_announced = True
            uow.emit(ServiceApplicationOverdue(**fields))
        elif status is EfficiencyStatus.DUE_SOON and not row.due_soon_announced:
            row.due_soon_announced = True
            uow.emit(ServiceApplicationDueSoon(**fields))
        else:
            continue
        uow.audit(
            f"service_application.{status.value.lower()}", "service_application", row.id, after={"due": str(row.due)}
        )
        announced += 1
    return announced


def run(ctx: JobContext) -> int:
    """Art. 26 para 2 (R49): announce service applications entering the warning window or past their limit, once."""
    with ctx.unit_of_work() as uow:
        return announce(uow, ctx.now, ctx.settings.efficiency_warning_working_days)
