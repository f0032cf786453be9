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
from hunan_shared.jobs import Announcement, AuditEntry, announce_once
from hunan_shared.uow import UnitOfWork


def announce_overdue_startups(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 10 / 第十条 (R12): a bundle not delivered by its due date is overdue from the next day."""

    def announce(case: StartupCase) -> Announcement:
        open_items = sorted(k for k, v in case.items.items() if v["state"] != ItemState.DONE.value)
        return Announcement(
            case,
            {"overdue_announced": True},
            StartupOverdue(
                case_id=case.id,
                division_code=case.division_code,
                submitted_on=case.submitted_on,
                due=case.due,
                open_items=open_items,
                detected_at=now,
            ),
            AuditEntry("startup.overdue", "startup", case.id, {"due": str(case.due), "open_items": open_items}),
        )

    lapsed = (
        select(StartupCase)
        .where(
            StartupCase.state != BundleState.DELIVERED.value,
            col(StartupCase.due) < now.date(),
            col(StartupCase.overdue_announced).is_(False),
        )
        .order_by(StartupCase.id)
    )
    return announce_once(uow, lapsed, announce)


def announce_overdue_verifications(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 32 / 第三十二条 (R70): a matter granted on a commitment and not verified by its due date."""

    def announce(case: CommitmentCase) -> Announcement:
        assert case.verify_due is not None
        return Announcement(
            case,
            {"overdue_announced": True},
            CommitmentVerificationOverdue(
                commitment_id=case.id,
                division_code=case.division_code,
                department=case.department,
                matter=case.matter,
                verify_due=case.verify_due,
                detected_at=now,
            ),
            AuditEntry("commitment.verification_overdue", "commitment", case.id, {"verify_due": str(case.verify_due)}),
        )

    lapsed = (
        select(CommitmentCase)
        .where(
            CommitmentCase.state == CommitmentState.GRANTED.value,
            col(CommitmentCase.verify_due) < now.date(),
            col(CommitmentCase.overdue_announced).is_(False),
        )
        .order_by(CommitmentCase.id)
    )
    return announce_once(uow, lapsed, announce)


def announce_overdue_refunds(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 15 para 2 / 第十五条第二款 (R25): a released deposit not returned by its due date."""

    def announce(deposit: Deposit) -> Announcement:
        assert deposit.refund_due is not None
        return Announcement(
            deposit,
            {"overdue_announced": True},
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
            ),
            AuditEntry("deposit.refund_overdue", "deposit", deposit.id, {"refund_due": str(deposit.refund_due)}),
        )

    lapsed = (
        select(Deposit)
        .where(
            Deposit.state == DepositState.RELEASE_TRIGGERED.value,
            col(Deposit.refund_due) < now.date(),
            col(Deposit.overdue_announced).is_(False),
        )
        .order_by(Deposit.id)
    )
    return announce_once(uow, lapsed, announce)
