"""Clocks that act by themselves (periodic jobs declared in app.py, hunan_shared.jobs): warnings that reach their
expiry time are expired and announced (W2), listed hidden dangers past their deadline are notified and announced
(R33, 通报制), special plans whose two-year comprehensive drill lapsed are announced (R47), relief cases
still without basic-living aid 10 h after the disaster are announced (R13). The sweep endpoints
call the same functions, so a manual run behaves like the job.

Each function takes the job's `now` (an injected clock in tests), is idempotent (it acts on what is due now and
changes its state, so a second run finds nothing), and returns what it handled; the job counts the items in
`hunan_job_items_handled_total{job_name=...}`.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from hunan_emergency.models import EmergencyWarning, HiddenDanger, WarningDivision
from hunan_emergency.rules.workflows import WarningAction, WarningState, next_warning_state
from hunan_emergency.schemas.hidden_dangers import OverdueSweepOut
from hunan_emergency.use_cases import hidden_dangers, plans, relief_cases
from hunan_shared import clock
from hunan_shared.errors import rule_errors
from hunan_shared.events.catalogue import HiddenDangerOverdue, WarningExpired
from hunan_shared.uow import UnitOfWork

LIVE = [WarningState.ISSUED.value, WarningState.UPDATED.value]


def expire_warnings(uow: UnitOfWork, now: dt.datetime, *, audit_empty: bool = True) -> list[str]:
    """Plan 7(二) / 第七章（二）, W2 life cycle: a live warning whose expiry time has passed is EXPIRED (its CAP
    `expires`), ended at its expiry time, and `hunan.emergency.warning.expired` tells the other agencies.
    Without `audit_empty` (the job), a sweep that expired nothing leaves no trace."""
    due = uow.session.exec(
        select(EmergencyWarning)
        .where(col(EmergencyWarning.state).in_(LIVE), EmergencyWarning.expires_at <= now)
        .order_by(EmergencyWarning.id)
        .with_for_update()
    ).all()
    for warning in due:
        with rule_errors():
            transition = next_warning_state(WarningState(warning.state), WarningAction.EXPIRE)
        before = {"state": warning.state, "ended_at": None}
        warning.state = WarningState(transition.value).value
        warning.ended_at = warning.expires_at
        codes = uow.session.exec(
            select(WarningDivision.division_code)
            .where(WarningDivision.warning_id == warning.id)
            .order_by(WarningDivision.division_code)
        ).all()
        uow.emit(
            WarningExpired(
                warning_id=warning.id,
                hazard=warning.hazard,
                colour=warning.colour,  # type: ignore[arg-type]
                division_codes=list(codes),
                expired_at=warning.expires_at,
            )
        )
        uow.audit(
            "warning.expire",
            "warning",
            warning.id,
            before=before,
            after={"state": warning.state, "ended_at": warning.expires_at, "basis": list(transition.basis)},
        )
    if not due and audit_empty:
        uow.audit("warning.expire", "warning", None, after={"expired": []})
    return [w.id for w in due]


def expire_warnings_job(uow: UnitOfWork, now: dt.datetime) -> int:
    """Expire live warnings past their expiry time."""
    return len(expire_warnings(uow, now, audit_empty=False))


def notify_overdue_hidden_dangers(uow: UnitOfWork, now: dt.datetime, *, audit_empty: bool = True) -> OverdueSweepOut:
    """R33 通报制: every open listed item past its deadline is notified once per deadline (state NOTIFIED, a ledger
    entry) and announced as `hunan.emergency.hidden_danger.overdue`. Without `audit_empty` (the job), a sweep
    that notified nothing leaves no trace."""
    savepoint = uow.session.begin_nested()
    audits = uow.audit_entries
    sweep = hidden_dangers.notify_overdue(uow, today=now.date())
    if not sweep.notified and not audit_empty:
        savepoint.rollback()
        uow.audit_entries = audits
        return sweep
    savepoint.commit()
    for danger_id in sweep.notified:
        row = uow.session.get(HiddenDanger, danger_id)
        assert row is not None and row.deadline is not None
        uow.emit(
            HiddenDangerOverdue(
                hidden_danger_id=row.id,
                sector=row.sector,
                division_code=row.division_code,
                deadline=row.deadline,
                deadline_provisional=row.deadline_provisional,
                notified_at=now,
            )
        )
    return sweep


def notify_overdue_job(uow: UnitOfWork, now: dt.datetime) -> int:
    """Notify listed hidden dangers past their remediation deadline."""
    return len(notify_overdue_hidden_dangers(uow, now, audit_empty=False).notified)


def announce_overdue_drills_job(uow: UnitOfWork, now: dt.datetime) -> int:
    """Announce special plans whose two-year comprehensive drill is overdue (R47), once per due date."""
    return len(plans.announce_overdue_drills(uow, now.astimezone(clock.SHANGHAI).date(), audit_empty=False))


def announce_overdue_relief_job(uow: UnitOfWork, now: dt.datetime) -> int:
    """Announce relief cases whose victims got no basic-living aid within 10 h of the disaster (R13), once each."""
    return relief_cases.announce_overdue_relief(uow, now)
