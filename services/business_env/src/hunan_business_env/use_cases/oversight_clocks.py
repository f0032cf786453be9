"""Clocks of the oversight workflows (periodic jobs declared in app.py, hunan_shared.jobs): a government payment
unpaid after its due day (Art. 19(5)), a written fair-competition report not answered in time (Art. 44), a bad
review not followed up in time (Art. 26), a dispatched 12345 appeal not completed in time (Art. 35), a market-access
barrier report not answered in time (Art. 9) and evaluation problems left unrectified past the due date (Art. 6) are
each announced once. A 12345 appeal in the complaints ledger is announced by the complaint's own clock (clocks.py).

Each function takes the job's `now`, is idempotent and returns how many lapses it announced.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from hunan_business_env.models import (
    BarrierReport,
    CommitmentPayment,
    Evaluation,
    FairCompetitionReport,
    GovCommitment,
    HotlineAppeal,
    ServiceReview,
)
from hunan_business_env.rules.barrier_reports import BarrierState
from hunan_business_env.rules.evaluations import EvaluationState
from hunan_business_env.rules.fair_competition import ReportState
from hunan_business_env.rules.hotline import AppealState
from hunan_business_env.rules.reviews import ReviewState
from hunan_shared import clock
from hunan_shared.events.catalogue import (
    BarrierReportOverdue,
    ContractPaymentOverdue,
    EvaluationRectificationOverdue,
    FairCompetitionReportOverdue,
    HotlineAppealOverdue,
    Money,
    ReviewOverdue,
)
from hunan_shared.jobs import Announcement, AuditEntry, announce_once
from hunan_shared.uow import UnitOfWork


def announce_overdue_payments(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 19(5) / 第十九条第（五）项 (R34, B15): unpaid on the day after its due day ⇒ a default, announced once."""

    def announce(row: tuple[CommitmentPayment, GovCommitment]) -> Announcement:
        payment, commitment = row
        return Announcement(
            payment,
            {"overdue_announced": True},
            ContractPaymentOverdue(
                commitment_id=commitment.id,
                payment_seq=payment.seq,
                government_body=commitment.government_body,
                division_code=commitment.division_code,
                counterpart_credit_code=commitment.counterpart_credit_code,
                category=payment.category,  # type: ignore[arg-type]
                amount=Money(amount=payment.amount),
                due_on=payment.due_on,
                detected_at=now,
            ),
            AuditEntry(
                "commitment.payment_overdue",
                "commitment",
                commitment.id,
                {"seq": payment.seq, "due_on": str(payment.due_on)},
            ),
        )

    lapsed = (
        select(CommitmentPayment, GovCommitment)
        .join(GovCommitment, GovCommitment.id == CommitmentPayment.commitment_id)
        .where(
            col(CommitmentPayment.paid_on).is_(None),
            CommitmentPayment.due_on < now.date(),
            col(CommitmentPayment.overdue_announced).is_(False),
        )
        .order_by(CommitmentPayment.commitment_id, CommitmentPayment.seq)
    )
    return announce_once(uow, lapsed, announce, lock_of=CommitmentPayment)


def announce_overdue_reports(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 44 para 3 / 第四十四条第三款 (R89): a written report with facts not answered by its deadline."""

    def announce(report: FairCompetitionReport) -> Announcement:
        assert report.due is not None
        return Announcement(
            report,
            {"overdue_announced": True},
            FairCompetitionReportOverdue(
                report_id=report.id,
                recipient_body=report.recipient_body,
                division_code=report.division_code,
                due=report.due,
                detected_at=now,
            ),
            AuditEntry(
                "fair_competition_report.overdue", "fair_competition_report", report.id, {"due": str(report.due)}
            ),
        )

    lapsed = (
        select(FairCompetitionReport)
        .where(
            col(FairCompetitionReport.mandatory).is_(True),
            FairCompetitionReport.state != ReportState.FEEDBACK_SENT.value,
            col(FairCompetitionReport.due) < now.date(),
            col(FairCompetitionReport.overdue_announced).is_(False),
        )
        .order_by(FairCompetitionReport.id)
    )
    return announce_once(uow, lapsed, announce)


_REVIEW_OPEN = [ReviewState.INVESTIGATING.value, ReviewState.RECTIFICATION_ORDERED.value, ReviewState.RECTIFIED.value]


def announce_overdue_reviews(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 26 para 3 / 第二十六条第三款 (R50): a bad review not investigated, rectified and answered in time."""

    def announce(review: ServiceReview) -> Announcement:
        assert review.due is not None
        return Announcement(
            review,
            {"overdue_announced": True},
            ReviewOverdue(
                review_id=review.id,
                department=review.department,
                division_code=review.division_code,
                due=review.due,
                detected_at=now,
            ),
            AuditEntry("service_review.overdue", "service_review", review.id, {"due": str(review.due)}),
        )

    lapsed = (
        select(ServiceReview)
        .where(
            col(ServiceReview.state).in_(_REVIEW_OPEN),
            col(ServiceReview.due) < now.date(),
            col(ServiceReview.overdue_announced).is_(False),
        )
        .order_by(ServiceReview.id)
    )
    return announce_once(uow, lapsed, announce)


def announce_overdue_appeals(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 35 / 第三十五条 (R74): a dispatched appeal not completed by its time limit (限时办结)."""

    def announce(appeal: HotlineAppeal) -> Announcement:
        return Announcement(
            appeal,
            {"overdue_announced": True},
            HotlineAppealOverdue(
                appeal_id=appeal.id,
                ticket_no=appeal.ticket_no,
                dispatched_to=appeal.dispatched_to or "",
                respondent_division_code=appeal.respondent_division_code,
                due=appeal.handling_due,
                detected_at=now,
            ),
            AuditEntry("hotline_appeal.overdue", "hotline_appeal", appeal.id, {"due": str(appeal.handling_due)}),
        )

    lapsed = (
        select(HotlineAppeal)
        .where(
            HotlineAppeal.state == AppealState.DISPATCHED.value,
            HotlineAppeal.handling_due < now.date(),
            col(HotlineAppeal.overdue_announced).is_(False),
        )
        .order_by(HotlineAppeal.id)
    )
    return announce_once(uow, lapsed, announce)


def announce_overdue_barrier_reports(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 9 / 第九条 (R10): a barrier report without a recorded response after its due day is announced once."""

    def announce(report: BarrierReport) -> Announcement:
        return Announcement(
            report,
            {"overdue_announced": True},
            BarrierReportOverdue(
                report_id=report.id,
                recipient_body=report.recipient_body,
                division_code=report.division_code,
                kind=report.kind,
                due=report.due,
                detected_at=now,
            ),
            AuditEntry("barrier_report.overdue", "barrier_report", report.id, {"due": str(report.due)}),
        )

    lapsed = (
        select(BarrierReport)
        .where(
            BarrierReport.state == BarrierState.RECEIVED.value,
            BarrierReport.due < now.astimezone(clock.SHANGHAI).date(),
            col(BarrierReport.overdue_announced).is_(False),
        )
        .order_by(BarrierReport.id)
    )
    return announce_once(uow, lapsed, announce)


def announce_overdue_rectifications(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 6 / 第六条 (R6): an evaluation fed back to the regions with problems still unrectified after its
    rectification due day is announced once, naming the regions whose problems are open."""

    def announce(evaluation: Evaluation) -> Announcement | None:
        open_problems = [p for p in evaluation.problems if p.get("rectified_on") is None]
        if not open_problems:
            return None  # all rectified in time; closing is the organiser's step
        assert evaluation.rectification_due is not None
        return Announcement(
            evaluation,
            {"rectification_overdue_announced": True},
            EvaluationRectificationOverdue(
                evaluation_id=evaluation.id,
                year=evaluation.year,
                division_codes=sorted({p["region"] for p in open_problems}),
                open_problems=len(open_problems),
                rectification_due=evaluation.rectification_due,
                detected_at=now,
            ),
            AuditEntry(
                "evaluation.rectification_overdue",
                "evaluation",
                evaluation.id,
                {"due": str(evaluation.rectification_due), "open_problems": len(open_problems)},
            ),
        )

    lapsed = (
        select(Evaluation)
        .where(
            Evaluation.state == EvaluationState.RECTIFYING.value,
            col(Evaluation.rectification_due) < now.astimezone(clock.SHANGHAI).date(),
            col(Evaluation.rectification_overdue_announced).is_(False),
        )
        .order_by(Evaluation.id)
    )
    return announce_once(uow, lapsed, announce)
