"""Clocks that act by themselves (periodic jobs declared in app.py, hunan_shared.jobs, docs/adr/0012): the monthly
payroll of the two subsidies rolls on its own (R7, 专栏3·资金类·2); assistance cases whose first contact is overdue
are flagged and announced (R56, 专栏6·6); 低保 households whose gradual-exit period ended without a later review
leave 低保 (R4, 三(三)1).

The payroll job is idempotent: it runs only the months that have no `PayrollRun` yet, each in its own unit of work, and
`run_payroll` itself pays a month once (the run row keyed by month), so a second run, a run racing the manual
`POST /v1/payrolls`, or a run after a crash pays nobody twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select

from hunan_disability.models import AssistanceCase, DibaoReview, PayrollRun, Person
from hunan_disability.rules.emergency_assistance import CaseStatus
from hunan_disability.rules.employment import DibaoStatus, dibao_review_after_employment
from hunan_disability.rules.enums import HouseholdStatus
from hunan_disability.use_cases.payroll import run_payroll
from hunan_shared import clock
from hunan_shared.events.catalogue import AssistanceFirstContactOverdue, DibaoGradualExitEnded
from hunan_shared.jobs import JobContext
from hunan_shared.uow import UnitOfWork, new_id

AWAITING_FIRST_VISIT = [CaseStatus.OPENED.value, CaseStatus.LIAISON_ASSIGNED.value]


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def months_due(today: dt.date, payroll_day: int, recorded: list[str], owed_from: str | None = None) -> list[str]:
    """The months the payroll job pays at `today`, oldest first.

    The current month is due from its `payroll_day` (1 = the first of the month). Months missed since the last
    month already run (the service was down) are paid in order before it, and so are the months from `owed_from`
    (the first month a failed run could not pay); months before those, and months run ahead of time by hand,
    are left as they are.
    """
    current = _month(today)
    if today.day < payroll_day:
        current = _month(today.replace(day=1) - dt.timedelta(days=1))
    past = [m for m in recorded if m <= current]
    month = _next_month(max(past)) if past else current
    if owed_from is not None and owed_from < month:
        month = owed_from
    due = []
    while month <= current:
        if month not in recorded:
            due.append(month)
        month = _next_month(month)
    return due


def roll_payroll(ctx: JobContext) -> int:
    """R7 / 专栏3·资金类·2: run each due month's payroll (its `payroll.run` audit entry and the
    `hunan.disability.subsidy.payroll_completed` event for budget), oldest first; returns the months paid.

    A month that cannot be paid (no standard in force for a division with payable grants) fails the job with the
    divisions named, writes nothing and blocks the later months, so they are paid in order once the standard
    exists — the first month owed is kept as the job's checkpoint, so it is not forgotten when the calendar moves
    on; the failure shows in `hunan_job_runs_total{outcome="failure"}` and the JobNotSucceeding alert."""
    today = ctx.now.astimezone(clock.SHANGHAI).date()
    with ctx.engine.connect() as conn:
        recorded = list(conn.scalars(select(PayrollRun.month)))  # type: ignore[call-overload]
    due = months_due(today, ctx.settings.payroll_day, recorded, ctx.checkpoint)
    if due and ctx.checkpoint != due[0]:
        ctx.save_checkpoint(due[0])
    paid = 0
    for month in due:
        with ctx.unit_of_work() as uow:
            out = run_payroll(uow, month, now=ctx.now)
        paid += not out.already_completed  # a manual run of the same month got there first
    if ctx.checkpoint is not None:
        ctx.save_checkpoint(None)
    return paid


def flag_overdue_first_contacts(uow: UnitOfWork, now: dt.datetime) -> int:
    """R56 / 专栏6·6 (落实包保联系人，加强走访探视): a case still waiting for its first visit after its
    `first_contact_due` (4–10 hours from opening, by response level) is flagged once (`first_contact_overdue_at`)
    and announced per disaster and county as `hunan.disability.assistance.first_contact_overdue` (counts only),
    so the county federation can send someone; the visit itself stays due. Returns the cases flagged."""
    cases = uow.session.scalars(
        select(AssistanceCase)
        .where(
            AssistanceCase.status.in_(AWAITING_FIRST_VISIT),  # type: ignore[attr-defined]
            AssistanceCase.visits == 0,
            AssistanceCase.first_contact_due < now,
            AssistanceCase.first_contact_overdue_at.is_(None),  # type: ignore[union-attr]
        )
        .order_by(AssistanceCase.id)
        .with_for_update()
    ).all()
    groups: dict[tuple[str, str], list[AssistanceCase]] = defaultdict(list)
    for case in cases:
        case.first_contact_overdue_at = now
        groups[(case.disaster_id, case.division_code)].append(case)
    for (disaster_id, division_code), overdue in sorted(groups.items()):
        uow.emit(
            AssistanceFirstContactOverdue(
                disaster_id=disaster_id,
                division_code=division_code,
                cases_overdue=len(overdue),
                earliest_due=min(case.first_contact_due for case in overdue),
                detected_at=now,
            )
        )
    if cases:
        uow.audit(
            "case.first_contact_overdue",
            "assistance_case",
            None,
            after={"cases": [case.id for case in cases], "detected_at": now},
        )
    return len(cases)


def end_gradual_exits(uow: UnitOfWork, now: dt.datetime, gradual_exit_months: int) -> int:
    """R4 / 三(三)1 (渐退期): a household whose latest review put it in gradual exit leaves 低保 on `exit_on` unless a
    later review found its income back at or below the standard. From that day the job records the EXITED review
    the rule gives at `exit_on` (with the last known income and standard), ends the register's 低保 status, and
    announces `hunan.disability.dibao.gradual_exit_ended`; a later review by hand supersedes it as usual.
    Returns the households exited."""
    today = now.astimezone(clock.SHANGHAI).date()
    lapsed = []
    for review in uow.session.scalars(
        select(DibaoReview)
        .where(DibaoReview.status == DibaoStatus.GRADUAL_EXIT.value, DibaoReview.exit_on <= today)  # type: ignore[operator]
        .order_by(DibaoReview.person_id, DibaoReview.id)
        .with_for_update()
    ).all():  # reviews in gradual exit past their end; only those no later review superseded have lapsed
        later = uow.session.scalars(
            select(DibaoReview.id)
            .where(
                DibaoReview.person_id == review.person_id,
                DibaoReview.id != review.id,
                (DibaoReview.reviewed_on > review.reviewed_on)
                | ((DibaoReview.reviewed_on == review.reviewed_on) & (DibaoReview.created_at > review.created_at)),
            )
            .limit(1)
        ).first()
        if later is None:
            lapsed.append(review)
    for review in lapsed:
        assert review.exit_on is not None
        decision = dibao_review_after_employment(
            DibaoStatus.GRADUAL_EXIT,
            review.per_capita_income,
            review.dibao_standard,
            review.exit_on,
            review.exit_on,
            gradual_exit_months,
        )
        person = uow.repo(Person).for_update(review.person_id)
        exited = DibaoReview(
            id=new_id(),
            person_id=person.id,
            reviewed_on=review.exit_on,
            per_capita_income=review.per_capita_income,
            dibao_standard=review.dibao_standard,
            status=decision.value.status.value,
            exit_on=None,
            reason=f"end of the gradual-exit period, no later review: {decision.reason}",
            created_at=now,
        )
        uow.session.add(exited)
        before = person.household_status
        if person.household_status == HouseholdStatus.DIBAO.value:
            person.household_status = HouseholdStatus.NONE.value
        uow.session.flush()
        uow.emit(
            DibaoGradualExitEnded(
                review_id=exited.id, division_code=person.division_code, exit_on=review.exit_on, exited_at=now
            )
        )
        uow.audit(
            "dibao.gradual_exit_ended",
            "person",
            person.id,
            before={"status": DibaoStatus.GRADUAL_EXIT.value, "household_status": before},
            after={"review_id": exited.id, "status": exited.status, "household_status": person.household_status},
        )
    return len(lapsed)


def end_gradual_exits_job(ctx: JobContext) -> int:
    """The `dibao-gradual-exit` job: `end_gradual_exits` with the service's gradual-exit length, one transaction."""
    with ctx.unit_of_work() as uow:
        return end_gradual_exits(uow, ctx.now, ctx.settings.dibao_gradual_exit_months)
