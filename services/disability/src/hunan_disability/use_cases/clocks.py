"""Clocks that act by themselves (periodic jobs declared in app.py, hunan_shared.jobs, docs/adr/0012): the monthly
payroll of the two subsidies rolls on its own (R7, 专栏3·资金类·2).

The job is idempotent: it runs only the months that have no `PayrollRun` yet, each in its own unit of work, and
`run_payroll` itself pays a month once (the run row keyed by month), so a second run, a run racing the manual
`POST /v1/payrolls`, or a run after a crash pays nobody twice.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from hunan_disability.models import PayrollRun
from hunan_disability.use_cases.payroll import run_payroll
from hunan_shared import clock
from hunan_shared.jobs import JobContext


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
