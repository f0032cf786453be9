"""Monthly payroll of the two subsidies: one set-based INSERT per subsidy, once per month, announced to budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import and_, case, func, insert, literal, or_, select
from sqlmodel import Session

from hunan_disability.models import PayrollRun, Person, SubsidyGrant, SubsidyPayment, SubsidyStandard
from hunan_disability.rules.errors import NoSubsidyStandard
from hunan_disability.rules.subsidies import R7, SubsidyProgram, standard_for
from hunan_disability.rules.subsidies import SubsidyStandard as StandardValue
from hunan_disability.schemas.common import month_start
from hunan_disability.schemas.payroll import PayrollLine, PayrollOut
from hunan_shared import clock
from hunan_shared.errors import InvalidInput, NotFound
from hunan_shared.events.catalogue import Money, PayrollCompleted
from hunan_shared.money import MoneyColumn
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork


def _payable(month: str):
    """Grants paid in `month`: approved before it starts (次月起发放) and not stopped before it starts (次月停发).

    The SQL form of `rules.subsidies.monthly_amount`'s start rule, for the whole register at once.
    """
    start = month_start(month)
    return and_(
        SubsidyGrant.approved_on < start, or_(SubsidyGrant.stopped_on.is_(None), SubsidyGrant.stopped_on >= start)
    )


def _standards(session: Session, program: SubsidyProgram) -> dict[StandardValue, str]:
    rows = session.scalars(select(SubsidyStandard).where(SubsidyStandard.program == program.value)).all()
    return {
        StandardValue(
            program=program,
            division_code=r.division_code,
            amount=r.amount,
            effective_from=r.effective_from,
            reference=r.reference,
        ): r.id
        for r in rows
    }


def run_payroll(uow: UnitOfWork, month: str, now: dt.datetime | None = None) -> PayrollOut:
    """Pay every payable grant for the month, once. A second run returns the first run's result.
    `now` is the completion time (the job's injected clock; default the real clock).

    The PayrollRun row (primary key = month) is written first, so a concurrent run of the same month waits
    and then fails on the key; the unique (month, person, program) of payments backs it up.
    """
    session = uow.session
    start = month_start(month)
    if Repository(session, PayrollRun).find(month) is not None:
        uow.audit("payroll.repeat", "payroll", month, after={"paid": 0})
        return summary(session, month, already_completed=True)
    run = PayrollRun(month=month, recipients=0, total=Decimal("0.00"), completed_at=now or clock.now())
    session.add(run)
    session.flush()
    missing: list[str] = []
    for program in SubsidyProgram:
        standards = _standards(session, program)
        counties = session.scalars(
            select(Person.division_code)
            .distinct()
            .join(SubsidyGrant, SubsidyGrant.person_id == Person.id)
            .where(SubsidyGrant.program == program.value, _payable(month))
        ).all()
        amounts: dict[str, Decimal] = {}
        standard_ids: dict[str, str] = {}
        for county in counties:
            try:
                standard = standard_for(county, start, standards).value  # R7: dated, inherited upwards
            except NoSubsidyStandard:
                missing.append(f"{program.value} {county}")
                continue
            amounts[county], standard_ids[county] = standard.amount, standards[standard]
        if missing or not counties:
            continue
        session.execute(
            insert(SubsidyPayment).from_select(
                ["month", "person_id", "program", "grant_id", "division_code", "standard_id", "amount"],
                select(
                    literal(month),
                    SubsidyGrant.person_id,
                    literal(program.value),
                    SubsidyGrant.id,
                    Person.division_code,
                    case(standard_ids, value=Person.division_code),
                    # bound as the money column type, so each amount is written as whole fen (ADR 0016)
                    case({c: literal(a, MoneyColumn()) for c, a in amounts.items()}, value=Person.division_code),
                )
                .join(Person, Person.id == SubsidyGrant.person_id)
                .where(SubsidyGrant.program == program.value, _payable(month)),
            )
        )
    if missing:
        raise InvalidInput(
            f"no subsidy standard in force in {month} for: {', '.join(sorted(missing))}; nothing was paid", basis=(R7,)
        )
    out = summary(session, month, already_completed=False)
    run.recipients, run.total = out.recipients, out.total
    session.add(run)
    uow.emit(
        PayrollCompleted(
            payroll_month=month,
            completed_at=run.completed_at,
            total=Money(amount=out.total),
            totals=[
                {
                    "subsidy": line.program,
                    "division_code": line.division_code,
                    "recipients": line.recipients,
                    "amount": str(line.amount),
                }
                for line in out.lines
            ],
        )
    )
    uow.audit("payroll.run", "payroll", month, after={"recipients": out.recipients, "total": out.total})
    return out


def summary(session: Session, month: str, *, already_completed: bool) -> PayrollOut:
    run = Repository(session, PayrollRun).find(month)
    if run is None:
        raise NotFound(f"no payroll for {month}")
    rows = session.execute(
        select(SubsidyPayment.program, SubsidyPayment.division_code, func.count(), func.sum(SubsidyPayment.amount))
        .where(SubsidyPayment.month == month)
        .group_by(SubsidyPayment.program, SubsidyPayment.division_code)
        .order_by(SubsidyPayment.program, SubsidyPayment.division_code)
    ).all()
    lines = [
        PayrollLine(program=p, division_code=d, recipients=n, amount=Decimal(total).quantize(Decimal("0.01")))
        for p, d, n, total in rows
    ]
    recipients = (
        session.scalar(select(func.count(func.distinct(SubsidyPayment.person_id))).where(SubsidyPayment.month == month))
        or 0
    )
    total = sum((line.amount for line in lines), Decimal("0.00"))
    return PayrollOut(
        month=month,
        recipients=recipients,
        total=total,
        completed_at=run.completed_at,
        already_completed=already_completed,
        lines=lines,
        basis=[R7],
    )


def get_payroll(session: Session, month: str) -> PayrollOut:
    month_start(month)
    return summary(session, month, already_completed=True)
