"""Working-day deadlines: inspection results (Art. 39), complaint handling SLAs (Art. 50), effective date."""

from __future__ import annotations

import datetime as dt

from hunan_shared.legal import Decision
from hunan_shared.workdays import Deadline, add_working_days

from .basis import ART39, ART50, ART53, SLA

RESULT_PUBLICATION_WORKING_DAYS = 20  # 二十个工作日内
IN_FORCE_FROM = dt.date(2022, 1, 1)


def inspection_results_due(task_completed_on: dt.date) -> Decision[Deadline]:
    """Art. 39 / 第三十九条 (R79): publish random-inspection results within 20 working days after the task
    is completed (completion day not counted)."""
    due = add_working_days(task_completed_on, RESULT_PUBLICATION_WORKING_DAYS)
    return Decision[Deadline](
        value=due, reason=f"completed {task_completed_on}; 20 working days → {due.date}", basis=(ART39,)
    )


def inspection_results_on_time(task_completed_on: dt.date, published_on: dt.date) -> Decision[bool]:
    """Art. 39 / 第三十九条 (R79): published on or before the due date."""
    due = inspection_results_due(task_completed_on).value
    ok = published_on <= due.date
    return Decision[bool](value=ok, reason=f"published {published_on}, due {due.date}", basis=(ART39,))


def complaint_handling_due(received_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 50 / 第五十条 (R96): the ledger tracks a handling deadline; the number of working days is a setting
    because the article gives none."""
    due = add_working_days(received_on, working_days)
    return Decision[Deadline](
        value=due, reason=f"received {received_on}; {working_days} working days → {due.date}", basis=(ART50, SLA)
    )


def complaint_feedback_due(resolved_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 50 / 第五十条 (R96): the result is fed back 'promptly' (及时反馈); 'promptly' is a working-day setting."""
    due = add_working_days(resolved_on, working_days)
    return Decision[Deadline](
        value=due, reason=f"resolved {resolved_on}; {working_days} working days → {due.date}", basis=(ART50, SLA)
    )


def complaint_evaluation_due(fed_back_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 50 / 第五十条 (R96): the department accepts the complainant's rating of procedure and result
    (接受…评价); the account waits for it this many working days after the feedback (a setting), then may close."""
    due = add_working_days(fed_back_on, working_days)
    return Decision[Deadline](
        value=due,
        reason=f"fed back {fed_back_on}; rating open {working_days} working days → {due.date}",
        basis=(ART50, SLA),
    )


def complaint_reopened_due(rated_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 50 / 第五十条 (R96): a reopened account gets a new handling limit from the day of the unsatisfied rating;
    the number of working days is a setting (the article gives none)."""
    due = add_working_days(rated_on, working_days)
    return Decision[Deadline](
        value=due,
        reason=f"reopened {rated_on}; {working_days} working days → {due.date}",
        basis=(ART50, SLA),
    )


def in_force_on(day: dt.date) -> Decision[bool]:
    """Art. 53 / 第五十三条 (R100): the Provisions apply from 2022-01-01."""
    ok = day >= IN_FORCE_FROM
    return Decision[bool](value=ok, reason=f"{day} {'on or after' if ok else 'before'} 2022-01-01", basis=(ART53,))
