"""Clocks of the procedures for enterprises (periodic jobs declared in app.py, hunan_shared.jobs): a start-up
bundle not delivered by its working-day limit (Art. 10), a commitment not verified within its period (Art. 32)
and a deposit not returned within its prescribed time (Art. 15) are announced once each.

Each function takes the job's `now`, is idempotent and returns how many it announced.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from hunan_business_env.models import CommitmentCase, Deposit, StartupCase
from hunan_business_env.rules.commitments import CommitmentState
from hunan_business_env.rules.fees import DepositState
from hunan_business_env.rules.startup import BundleState, ItemState
from hunan_shared.events.catalogue import (
    CommitmentVerificationOverdue,
    DepositRefundOverdue,
    Money,
    StartupOverdue,
)
from hunan_shared.uow import UnitOfWork


def announce_overdue_startups(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 10 / 第十条 (R12): a bundle not delivered by its due date is overdue from the next day."""
    rows = uow.session.exec(
        select(StartupCase)
        .where(
            StartupCase.state != BundleState.DELIVERED.value,
            col(StartupCase.due) < now.date(),
            col(StartupCase.overdue_announced).is_(False),
        )
        .order_by(StartupCase.id)
        .with_for_update()
    ).all()
    for case in rows:
        case.overdue_announced = True
        open_items = sorted(k for k, v in case.items.items() if v["state"] != ItemState.DONE.value)
        uow.emit(
            StartupOverdue(
                case_id=case.id,
                division_code=case.division_code,
                submitted_on=case.submitted_on,
                due=case.due,
                open_items=open_items,
                detected_at=now,
            )
        )
        uow.audit("startup.overdue", "startup", case.id, after={"due": str(case.due), "open_items": open_items})
    return len(rows)


def announce_overdue_verifications(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 32 / 第三十二条 (R70): a matter granted on a commitment and not verified by its due date."""
    rows = uow.session.exec(
        select(CommitmentCase)
        .where(
            CommitmentCase.state == CommitmentState.GRANTED.value,
            col(CommitmentCase.verify_due) < now.date(),
            col(CommitmentCase.overdue_announced).is_(False),
        )
        .order_by(CommitmentCase.id)
        .with_for_update()
    ).all()
    for case in rows:
        assert case.verify_due is not None
        case.overdue_announced = True
        uow.emit(
            CommitmentVerificationOverdue(
                commitment_id=case.id,
                division_code=case.division_code,
                department=case.department,
                matter=case.matter,
                verify_due=case.verify_due,
                detected_at=now,
            )
        )
        uow.audit("commitment.verification_overdue", "commitment", case.id, after={"verify_due": str(case.verify_due)})
    return len(rows)


def announce_overdue_refunds(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 15 para 2 / 第十五条第二款 (R25): a released deposit not returned by its due date."""
    rows = uow.session.exec(
        select(Deposit)
        .where(
            Deposit.state == DepositState.RELEASE_TRIGGERED.value,
            col(Deposit.refund_due) < now.date(),
            col(Deposit.overdue_announced).is_(False),
        )
        .order_by(Deposit.id)
        .with_for_update()
    ).all()
    for deposit in rows:
        assert deposit.refund_due is not None
        deposit.overdue_announced = True
        uow.emit(
            DepositRefundOverdue(
                deposit_id=deposit.id,
                enterprise_credit_code=deposit.credit_code,
                division_code=deposit.division_code,
                holder_department=deposit.holder_department,
                kind=deposit.kind,
                form=deposit.form,  # type: ignore[arg-type]
                amount=Money(amount=deposit.amount),
                refund_due=deposit.refund_due,
                detected_at=now,
            )
        )
        uow.audit("deposit.refund_overdue", "deposit", deposit.id, after={"refund_due": str(deposit.refund_due)})
    return len(rows)
