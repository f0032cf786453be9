"""Service layer for emergency spending (W8) and the other costs other services announce: one emergency
budget line per disaster, and one expenditure per source record (dispatch, replenishment request, tree
transplant, payroll division/subsidy), so a re-published event never books the same cost twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session, select

from hunan_budget.models import (
    AftercareCommitment,
    EmergencyLine,
    EmergencyLineDivision,
    Expenditure,
    ExpenditureDivision,
)
from hunan_budget.rules.emergency import (
    ExpenditureStatus,
    LineState,
    aftercare_commitment_years,
    approval_required,
    charge_status,
    emergency_allocation,
    reallocated_line,
)
from hunan_budget.schemas.expenditures import EmergencyLineOut, ExpenditureOut
from hunan_budget.settings import BudgetSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import rule_errors
from hunan_shared.events.catalogue import (
    DispatchShipped,
    EmergencyExpenditureRecorded,
    Money,
    PayrollCompleted,
    ReplenishmentRequested,
    TransplantApproved,
)
from hunan_shared.money import round_fen
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

DISPATCH = "DISPATCH"
RESERVE_REPLENISHMENT = "RESERVE_REPLENISHMENT"
TREE_TRANSPLANT = "TREE_TRANSPLANT"
DISABILITY_PAYROLL = "DISABILITY_PAYROLL"
KINDS = (DISPATCH, RESERVE_REPLENISHMENT, TREE_TRANSPLANT, DISABILITY_PAYROLL)


def to_fen(amount: Decimal) -> Decimal:
    """Event amounts are booked to the fen (分), half up: the ledger holds no fractions of a fen (ADR 0016)."""
    return round_fen(amount)


# --- emergency budget lines (one per disaster) ----------------------------------------------------------


def _line_divisions(session: Session, disaster_id: str) -> list[str]:
    return list(
        session.exec(
            select(EmergencyLineDivision.division_code)
            .where(EmergencyLineDivision.disaster_id == disaster_id)
            .order_by(EmergencyLineDivision.division_code)
        ).all()
    )


def _set_line_divisions(session: Session, disaster_id: str, codes: list[str]) -> None:
    known = set(_line_divisions(session, disaster_id))
    session.add_all(EmergencyLineDivision(disaster_id=disaster_id, division_code=c) for c in sorted(set(codes) - known))


def open_line(
    uow: UnitOfWork, disaster_id: str, hazard: str, level: str, division_codes: list[str], settings: BudgetSettings
) -> None:
    """Open the disaster's emergency line (once), then charge dispatches that shipped before it opened."""
    session = uow.session
    if uow.repo(EmergencyLine).find(disaster_id) is not None:
        return
    allocation = emergency_allocation(level, settings.emergency_allocation_by_level)
    line = EmergencyLine(
        disaster_id=disaster_id,
        hazard=hazard,
        response_level=level,
        state=LineState.OPEN,
        allocated=allocation.value,
        spent=Decimal(0),
        opened_at=clock.now(),
    )
    uow.repo(EmergencyLine).add(line)
    _set_line_divisions(session, disaster_id, division_codes)
    session.flush()
    uow.audit(
        "emergency_line.open",
        "emergency_line",
        disaster_id,
        after={"allocated": line.allocated, "level": level, "reason": allocation.reason},
    )
    _charge_waiting(uow, line)


def change_level(
    uow: UnitOfWork, disaster_id: str, level: str, division_codes: list[str], settings: BudgetSettings
) -> None:
    line = uow.repo(EmergencyLine).find(disaster_id)
    if line is None or line.state == LineState.CLOSED:
        return
    line = uow.repo(EmergencyLine).for_update(disaster_id)
    with uow.audited_change(
        "emergency_line.level_changed",
        line,
        render=lambda row: {"level": row.response_level, "allocated": row.allocated},
        target_id=disaster_id,
    ):
        new_allocation = emergency_allocation(level, settings.emergency_allocation_by_level).value
        line.allocated = reallocated_line(line.allocated, line.spent, new_allocation).value
        line.response_level = level
        uow.session.add(line)
        _set_line_divisions(uow.session, disaster_id, division_codes)
    _charge_waiting(uow, line)


def close_line(uow: UnitOfWork, disaster_id: str, closed_at: dt.datetime) -> None:
    line = uow.repo(EmergencyLine).find(disaster_id)
    if line is None or line.state == LineState.CLOSED:
        return
    line.state, line.closed_at = LineState.CLOSED, closed_at
    uow.session.add(line)
    uow.audit(
        "emergency_line.close", "emergency_line", disaster_id, after={"spent": line.spent, "allocated": line.allocated}
    )


def _record(uow: UnitOfWork, expenditure: Expenditure, line: EmergencyLine | None, now: dt.datetime) -> None:
    """Mark an expenditure recorded, charge the line if any, and announce it when it belongs to a disaster."""
    expenditure.status, expenditure.recorded_at = ExpenditureStatus.RECORDED, now
    uow.session.add(expenditure)
    if line is not None:
        line.spent = line.spent + expenditure.amount
        uow.session.add(line)
    if expenditure.disaster_id:
        uow.emit(
            EmergencyExpenditureRecorded(
                expenditure_id=expenditure.id,
                disaster_id=expenditure.disaster_id,
                source_event_id=expenditure.source_event_id,
                amount=Money(amount=expenditure.amount),
                recorded_at=now,
            )
        )


def _charge_waiting(uow: UnitOfWork, line: EmergencyLine) -> None:
    """Dispatches that waited for this line (shipped before the declaration arrived, or beyond its room) are
    charged in shipping order while the line has room."""
    waiting = uow.session.exec(
        select(Expenditure)
        .where(
            Expenditure.disaster_id == line.disaster_id,
            Expenditure.kind == DISPATCH,
            Expenditure.status == ExpenditureStatus.AWAITING_APPROVAL,
        )
        .order_by(Expenditure.occurred_at, Expenditure.id)
    ).all()
    now = clock.now()
    for expenditure in waiting:
        decision = charge_status(LineState(line.state), line.allocated, line.spent, expenditure.amount)
        if decision.value is not ExpenditureStatus.RECORDED:
            break  # keep shipping order: a later, smaller dispatch does not jump the queue
        expenditure.reason = decision.reason
        _record(uow, expenditure, line, now)
        uow.audit("expenditure.record", "expenditure", expenditure.id, after={"reason": decision.reason})
    uow.session.flush()


# --- expenditures from events ---------------------------------------------------------------------------


def _existing(session: Session, kind: str, source_ref: str) -> Expenditure | None:
    return session.exec(
        select(Expenditure).where(Expenditure.kind == kind, Expenditure.source_ref == source_ref)
    ).first()


def _new(
    uow: UnitOfWork,
    *,
    kind: str,
    source_ref: str,
    source_event_id: str,
    amount: Decimal,
    status: ExpenditureStatus,
    reason: str,
    occurred_at: dt.datetime,
    division_codes: list[str],
    disaster_id: str | None = None,
    bearer: str | None = None,
) -> Expenditure:
    expenditure = Expenditure(
        id=new_id(),
        kind=kind,
        source_ref=source_ref,
        source_event_id=source_event_id,
        disaster_id=disaster_id,
        amount=to_fen(amount),
        status=status,
        reason=reason[:500],
        bearer=bearer,
        occurred_at=occurred_at,
        created_at=clock.now(),
    )
    uow.repo(Expenditure).add(expenditure)
    uow.session.add_all(
        ExpenditureDivision(expenditure_id=expenditure.id, division_code=c) for c in sorted(set(division_codes))
    )
    uow.session.flush()
    return expenditure


def record_dispatch(uow: UnitOfWork, event_id: str, event: DispatchShipped) -> Expenditure:
    """W8: a shipped dispatch's cost is charged to the disaster's emergency line, or waits (R29, R35)."""
    session = uow.session
    if (found := _existing(session, DISPATCH, event.dispatch_id)) is not None:
        return found
    line = uow.repo(EmergencyLine).find(event.disaster_id)
    if line is not None:
        line = uow.repo(EmergencyLine).for_update(event.disaster_id)  # serialise charges per line
    amount = to_fen(event.total_cost.amount)
    decision = charge_status(
        LineState(line.state) if line else None,
        line.allocated if line else Decimal(0),
        line.spent if line else Decimal(0),
        amount,
    )
    expenditure = _new(
        uow,
        kind=DISPATCH,
        source_ref=event.dispatch_id,
        source_event_id=event_id,
        amount=amount,
        status=ExpenditureStatus.AWAITING_APPROVAL,
        reason=decision.reason,
        occurred_at=event.shipped_at,
        division_codes=_line_divisions(session, event.disaster_id) if line else [],
        disaster_id=event.disaster_id,
    )
    if decision.value is ExpenditureStatus.RECORDED:
        _record(uow, expenditure, line, clock.now())
    uow.audit(
        "expenditure.dispatch",
        "expenditure",
        expenditure.id,
        after={
            "status": expenditure.status,
            "amount": amount,
            "dispatch_id": event.dispatch_id,
            "reason": decision.reason,
        },
    )
    return expenditure


def record_replenishment(uow: UnitOfWork, event_id: str, event: ReplenishmentRequested) -> Expenditure:
    """Reserve replenishment is ordinary budgeted procurement (R29): it waits for an approved budget matter."""
    source_ref = f"{event.depot_id}@{event.requested_at.isoformat()}"
    if (found := _existing(uow.session, RESERVE_REPLENISHMENT, source_ref)) is not None:
        return found
    expenditure = _new(
        uow,
        kind=RESERVE_REPLENISHMENT,
        source_ref=source_ref,
        source_event_id=event_id,
        amount=event.estimated_cost.amount,
        status=ExpenditureStatus.AWAITING_APPROVAL,
        reason="replenishment procurement needs a budgeted, approved matter (R29 / Opinion (十三))",
        occurred_at=event.requested_at,
        division_codes=[event.division_code],
    )
    uow.audit(
        "expenditure.replenishment",
        "expenditure",
        expenditure.id,
        after={"depot_id": event.depot_id, "amount": expenditure.amount},
    )
    return expenditure


def record_transplant(uow: UnitOfWork, event_id: str, event: TransplantApproved) -> Expenditure:
    """Trees order Art. 28: the cost bearer owes the transplant cost and five years of aftercare."""
    if (found := _existing(uow.session, TREE_TRANSPLANT, event.application_id)) is not None:
        return found
    years = aftercare_commitment_years(event.aftercare_years)
    expenditure = _new(
        uow,
        kind=TREE_TRANSPLANT,
        source_ref=event.application_id,
        source_event_id=event_id,
        amount=event.estimated_cost.amount,
        status=ExpenditureStatus.COMMITTED,
        reason=years.reason,
        occurred_at=event.approved_at,
        division_codes=[event.division_code],
        bearer=event.cost_bearer,
    )
    starts = event.approved_at.astimezone(clock.SHANGHAI).date()
    uow.session.add(
        AftercareCommitment(
            expenditure_id=expenditure.id,
            tree_id=event.tree_id,
            bearer=event.cost_bearer,
            starts_on=starts,
            ends_on=_add_years(starts, years.value),
        )
    )
    uow.audit(
        "expenditure.transplant",
        "expenditure",
        expenditure.id,
        after={"application_id": event.application_id, "bearer": event.cost_bearer, "aftercare_years": years.value},
    )
    return expenditure


def record_payroll(uow: UnitOfWork, event_id: str, event: PayrollCompleted) -> int:
    """Subsidy payroll totals are budgeted livelihood funds (Opinion (十五) direct funds): recorded per division and
    subsidy, so spending can be followed down to the county."""
    created = 0
    for total in event.totals:
        source_ref = f"{event.payroll_month}/{total['division_code']}/{total['subsidy']}"
        if _existing(uow.session, DISABILITY_PAYROLL, source_ref) is not None:
            continue
        _new(
            uow,
            kind=DISABILITY_PAYROLL,
            source_ref=source_ref,
            source_event_id=event_id,
            amount=Decimal(str(total["amount"])),
            status=ExpenditureStatus.RECORDED,
            reason=f"{total['subsidy']} payroll {event.payroll_month}, "
            f"{total['recipients']} recipients (Opinion (十五) direct funds)",
            occurred_at=event.completed_at,
            division_codes=[str(total["division_code"])],
        )
        created += 1
    uow.audit(
        "expenditure.payroll", "payroll", event.payroll_month, after={"records": created, "total": event.total.amount}
    )
    return created


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


# --- approval and reads ------------------------------------------------------------------------------------


def approve(uow: UnitOfWork, expenditure_id: str, approved_matter_ref: str) -> ExpenditureOut:
    """R35: a waiting expenditure is recorded under a procedure-approved matter (outside the line: a suspense
    payment that counts toward R36, not against the disaster's line)."""
    session = uow.session
    expenditure = uow.repo(Expenditure).for_update(expenditure_id)
    with uow.audited_change("expenditure.approve", expenditure, render=lambda e: _out(session, e)) as change:
        with rule_errors():
            decision = approval_required(ExpenditureStatus(expenditure.status), approved_matter_ref)
        expenditure.approved_matter_ref = approved_matter_ref
        expenditure.reason = decision.reason
        _record(uow, expenditure, None, clock.now())
        session.flush()
        change.after = out = _out(session, expenditure)
    return out


def _out(session: Session, expenditure: Expenditure) -> ExpenditureOut:
    codes = session.exec(
        select(ExpenditureDivision.division_code)
        .where(ExpenditureDivision.expenditure_id == expenditure.id)
        .order_by(ExpenditureDivision.division_code)
    ).all()
    aftercare = None
    if expenditure.kind == TREE_TRANSPLANT:
        aftercare = Repository(session, AftercareCommitment).find(expenditure.id)
    return ExpenditureOut(
        **expenditure.model_dump(exclude={"created_at"}),
        division_codes=list(codes),
        aftercare_ends_on=aftercare.ends_on if aftercare else None,
    )


def get(session: Session, expenditure_id: str) -> ExpenditureOut:
    return _out(session, Repository(session, Expenditure).get(expenditure_id))


def list_expenditures(
    session: Session,
    page: PageParams,
    disaster_id: str | None = None,
    division: str | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> Page[ExpenditureOut]:
    where = []
    if disaster_id:
        where.append(Expenditure.disaster_id == disaster_id)
    if division:
        inside = select(ExpenditureDivision.expenditure_id).where(
            in_division(ExpenditureDivision.division_code, division)
        )
        where.append(Expenditure.id.in_(inside))  # type: ignore[attr-defined]
    if kind:
        where.append(Expenditure.kind == kind)
    if status:
        where.append(Expenditure.status == status)
    return Repository(session, Expenditure).page(
        page,
        *where,
        order_by=(Expenditure.created_at.desc(), Expenditure.id),  # type: ignore[attr-defined]
        convert=lambda e: _out(session, e),
    )


def get_line(session: Session, disaster_id: str) -> EmergencyLineOut:
    line = Repository(session, EmergencyLine, noun="emergency budget line for disaster").get(disaster_id)
    return EmergencyLineOut(**line.model_dump(), division_codes=_line_divisions(session, disaster_id))
