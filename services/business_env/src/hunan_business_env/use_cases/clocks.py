"""Clocks that act by themselves (periodic jobs declared in app.py, hunan_shared.jobs): inspection results not
published within 20 working days (Art. 39) and complaints past their handling or feedback deadline (Art. 50) are
announced once per deadline, so other agencies and supervisors learn of the lapse without asking.

Each function takes the job's `now`, is idempotent (a lapse is announced once) and returns how many it handled.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from hunan_business_env.models import Complaint, InspectionTask
from hunan_business_env.rules.complaints import ComplaintState
from hunan_business_env.rules.inspections import TaskState
from hunan_shared.events.catalogue import ComplaintOverdue, InspectionPublicationOverdue
from hunan_shared.jobs import Announcement, AuditEntry, announce_once
from hunan_shared.uow import UnitOfWork

AWAITING_RESULT = [ComplaintState.ACCOUNT_OPENED.value, ComplaintState.IN_PROGRESS.value]


def announce_overdue_publications(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 39 / 第三十九条 (R79): a completed task whose results are neither published nor lawfully withheld by
    `publish_due` is overdue from the next day."""

    def announce(task: InspectionTask) -> Announcement:
        assert task.publish_due is not None and task.completed_on is not None
        return Announcement(
            task,
            {"overdue_announced": True},
            InspectionPublicationOverdue(
                task_id=task.id,
                division_code=task.division_code,
                department=task.department,
                completed_on=task.completed_on,
                publish_due=task.publish_due,
                publish_due_provisional=bool(task.publish_due_provisional),
                detected_at=now,
            ),
            AuditEntry(
                "inspection_task.publication_overdue",
                "inspection_task",
                task.id,
                {"publish_due": str(task.publish_due)},
            ),
        )

    lapsed = (
        select(InspectionTask)
        .where(
            InspectionTask.state == TaskState.COMPLETED.value,
            col(InspectionTask.publish_due) < now.date(),
            col(InspectionTask.overdue_announced).is_(False),
        )
        .order_by(InspectionTask.id)
    )
    return announce_once(uow, lapsed, announce)


def announce_overdue_complaints(uow: UnitOfWork, now: dt.datetime) -> int:
    """Art. 50 / 第五十条 (R96): a complaint without a result past its handling deadline, or with a result not fed
    back past its feedback deadline, is overdue; each lapsed deadline is announced once."""
    today = now.date()

    def announce(complaint: Complaint) -> Announcement | None:
        awaiting_result = complaint.state in AWAITING_RESULT
        deadline = complaint.handling_due if awaiting_result else complaint.feedback_due
        if deadline is None or complaint.overdue_announced_for == deadline:
            return None  # this deadline's lapse was announced already
        return Announcement(
            complaint,
            {"overdue_announced_for": deadline},
            ComplaintOverdue(
                complaint_id=complaint.id,
                respondent_division_code=complaint.respondent_division_code,
                deadline="HANDLING" if awaiting_result else "FEEDBACK",
                due=deadline,
                detected_at=now,
            ),
            AuditEntry("complaint.overdue", "complaint", complaint.id, {"deadline": str(deadline)}),
        )

    lapsed = (
        select(Complaint)
        .where(
            (col(Complaint.state).in_(AWAITING_RESULT) & (Complaint.handling_due < today))
            | ((Complaint.state == ComplaintState.RESOLVED.value) & (col(Complaint.feedback_due) < today))
        )
        .order_by(Complaint.id)
    )
    return announce_once(uow, lapsed, announce)
