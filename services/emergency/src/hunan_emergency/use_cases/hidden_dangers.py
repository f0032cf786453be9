"""Service layer for major accident hidden dangers under 一单四制 (W5): report, identification by a county+
department (R31), assignment with a working-day deadline, ledger, verified delisting (R32) and the
overdue notification sweep (R33)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlmodel import Session, col, select

from hunan_emergency.models import HiddenDanger, HiddenDangerEntry
from hunan_emergency.rules.basis import AdminLevel, NotAuthorised
from hunan_emergency.rules.hidden_dangers import (
    ONE_LIST_FOUR_SYSTEMS,
    overdue_notification_due,
    remediation_deadline,
    require_identification_authority,
)
from hunan_emergency.rules.workflows import HiddenDangerAction, HiddenDangerState, next_hidden_danger_state
from hunan_emergency.schemas.hidden_dangers import (
    AssignIn,
    EntryOut,
    HiddenDangerIn,
    HiddenDangerOut,
    IdentifyIn,
    NoteIn,
    OverdueSweepOut,
    VerifyIn,
)
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import RuleViolation, rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

OPEN_TASK = [
    HiddenDangerState.ASSIGNED.value,
    HiddenDangerState.IN_REMEDIATION.value,
    HiddenDangerState.AWAITING_VERIFICATION.value,
    HiddenDangerState.NOTIFIED.value,
]


def _out(session: Session, row: HiddenDanger, basis: tuple[Basis, ...] = ()) -> HiddenDangerOut:
    entries = session.exec(
        select(HiddenDangerEntry).where(HiddenDangerEntry.hidden_danger_id == row.id).order_by(HiddenDangerEntry.id)
    ).all()
    return HiddenDangerOut(
        **row.model_dump(exclude={"created_at"}),
        entries=[EntryOut(kind=e.kind, note=e.note, deadline=e.deadline, at=e.at) for e in entries],
        basis=list(basis),
    )


def _change(
    uow: UnitOfWork, danger_id: str, action: str, apply: Callable[[HiddenDanger], tuple[Basis, ...]]
) -> HiddenDangerOut:
    """Lock the item, apply one audited change (which returns the basis of the response)."""
    row = uow.repo(HiddenDanger).for_update(danger_id)
    with uow.audited_change(action, row, render=lambda r: _out(uow.session, r)) as change:
        basis = apply(row)
        change.after = out = _out(uow.session, row, basis)
    return out


def _entry(session: Session, danger_id: str, kind: str, note: str, deadline: dt.date | None = None) -> None:
    session.add(HiddenDangerEntry(hidden_danger_id=danger_id, kind=kind, note=note, deadline=deadline, at=clock.now()))
    session.flush()


def _advance(uow: UnitOfWork, row: HiddenDanger, action: HiddenDangerAction) -> tuple[Basis, ...]:
    with rule_errors():
        transition = next_hidden_danger_state(HiddenDangerState(row.state), action)
    row.state = transition.value
    return transition.basis


def report(uow: UnitOfWork, cmd: HiddenDangerIn) -> HiddenDangerOut:
    row = HiddenDanger(id=new_id(), state=HiddenDangerState.REPORTED.value, created_at=clock.now(), **cmd.model_dump())
    uow.session.add(row)
    uow.session.flush()
    out = _out(uow.session, row)
    uow.audit("hidden_danger.report", "hidden_danger", row.id, after=out)
    return out


def identify(uow: UnitOfWork, danger_id: str, cmd: IdentifyIn) -> HiddenDangerOut:
    """R31: only a county-or-higher department with supervision duties identifies (认定) and lists the item."""

    def apply(row: HiddenDanger) -> tuple[Basis, ...]:
        try:
            authority = require_identification_authority(AdminLevel(cmd.department_level), cmd.has_supervision_duty)
        except NotAuthorised as exc:
            raise RuleViolation(str(exc), basis=(ONE_LIST_FOUR_SYSTEMS,)) from None
        action = HiddenDangerAction.IDENTIFY_AS_MAJOR if cmd.is_major else HiddenDangerAction.DISMISS
        basis = authority.basis + _advance(uow, row, action)
        row.identified_by = cmd.department
        return basis

    return _change(uow, danger_id, "hidden_danger.identify", apply)


def assign(uow: UnitOfWork, danger_id: str, cmd: AssignIn) -> HiddenDangerOut:
    """交办制: assignee and a deadline counted in working days on the PRC calendar (provisional past it)."""

    def apply(row: HiddenDanger) -> tuple[Basis, ...]:
        basis = _advance(uow, row, HiddenDangerAction.ASSIGN)
        assigned_on = cmd.assigned_on or clock.now().date()
        with rule_errors():
            deadline = remediation_deadline(assigned_on, cmd.working_days)
        row.assignee, row.assigned_on = cmd.assignee, assigned_on
        row.deadline, row.deadline_provisional = deadline.value.date, deadline.value.provisional
        return basis + deadline.basis

    return _change(uow, danger_id, "hidden_danger.assign", apply)


def record_ledger(uow: UnitOfWork, danger_id: str, cmd: NoteIn) -> HiddenDangerOut:
    def apply(row: HiddenDanger) -> tuple[Basis, ...]:
        basis = _advance(uow, row, HiddenDangerAction.RECORD_LEDGER_ENTRY)
        _entry(uow.session, danger_id, "LEDGER", cmd.note)
        return basis

    return _change(uow, danger_id, "hidden_danger.ledger", apply)


def submit(uow: UnitOfWork, danger_id: str, cmd: NoteIn) -> HiddenDangerOut:
    def apply(row: HiddenDanger) -> tuple[Basis, ...]:
        basis = _advance(uow, row, HiddenDangerAction.SUBMIT_REMEDIATION)
        _entry(uow.session, danger_id, "SUBMISSION", cmd.note)
        return basis

    return _change(uow, danger_id, "hidden_danger.submit", apply)


def verify(uow: UnitOfWork, danger_id: str, cmd: VerifyIn) -> HiddenDangerOut:
    """销号制: delisted only when verified eliminated (隐患不消除不销号); otherwise remediation continues."""

    def apply(row: HiddenDanger) -> tuple[Basis, ...]:
        action = HiddenDangerAction.VERIFY_ELIMINATED if cmd.eliminated else HiddenDangerAction.VERIFY_NOT_ELIMINATED
        basis = _advance(uow, row, action)
        if cmd.eliminated:
            row.delisted_on = clock.now().date()
        outcome = "eliminated" if cmd.eliminated else "not eliminated"
        _entry(uow.session, danger_id, "VERIFICATION", f"{outcome}: {cmd.note}")
        return basis

    return _change(uow, danger_id, "hidden_danger.verify", apply)


def notify_overdue(uow: UnitOfWork, today: dt.date | None = None) -> OverdueSweepOut:
    """通报制 (R33): every open item past its deadline is notified once per deadline (daily job)."""
    today = today or clock.now().date()
    rows = uow.session.exec(
        select(HiddenDanger)
        .where(col(HiddenDanger.state).in_(OPEN_TASK), HiddenDanger.deadline < today)
        .order_by(HiddenDanger.id)
        .with_for_update()
    ).all()
    notified, basis = [], ()
    for row in rows:
        already = set(
            uow.session.exec(
                select(HiddenDangerEntry.deadline).where(
                    HiddenDangerEntry.hidden_danger_id == row.id, HiddenDangerEntry.kind == "NOTIFICATION"
                )
            ).all()
        )
        due = overdue_notification_due(row.deadline, today, delisted=False, deadlines_already_notified=already)
        basis = due.basis
        if not due.value:
            continue
        if row.state != HiddenDangerState.NOTIFIED.value:
            _advance(uow, row, HiddenDangerAction.NOTIFY_OVERDUE)
        _entry(uow.session, row.id, "NOTIFICATION", f"overdue: {due.reason}", deadline=row.deadline)
        notified.append(row.id)
    uow.audit("hidden_danger.notify_overdue", "hidden_danger", None, after={"notified": notified})
    return OverdueSweepOut(notified=notified, basis=list(basis or (ONE_LIST_FOUR_SYSTEMS,)))


def get(session: Session, danger_id: str) -> HiddenDangerOut:
    return _out(session, Repository(session, HiddenDanger).get(danger_id))


def list_dangers(session: Session, page: PageParams, division: str | None, state: str | None) -> Page[HiddenDangerOut]:
    where = []
    if division:
        where.append(in_division(HiddenDanger.division_code, division, below_county=True))
    if state:
        where.append(HiddenDanger.state == state)
    order = (col(HiddenDanger.created_at).desc(), HiddenDanger.id)
    return Repository(session, HiddenDanger).page(page, *where, order_by=order, convert=lambda r: _out(session, r))
