"""Service layer for the reform's controls as live checks (W4–W6): record the execution data they need —
transfers to lower levels, carry-over balances, inflated-revenue findings — and evaluate advance-transfer ratios
(R31), the suspense ceiling (R36), disclosure deadlines (R51), the year-end sweep (R8–R10) and transfer
deductions (R50) on the ledgers, live or recorded as history."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from sqlmodel import Session, col, select

from hunan_budget.models import (
    Budget,
    Carryover,
    ControlEvaluation,
    Expenditure,
    ExpenditureDivision,
    InflatedRevenueFinding,
    Payment,
    Transfer,
)
from hunan_budget.rules.allocation import LocalConstraint, special_fund_constraints_allowed
from hunan_budget.rules.basis import require
from hunan_budget.rules.budgets import BudgetKind, BudgetState, PaymentKind
from hunan_budget.rules.controls import CarryoverCategory, DisclosureStatus, disclosure_status, sweep_amount
from hunan_budget.rules.emergency import ExpenditureStatus
from hunan_budget.rules.pooling import inflated_revenue_deduction
from hunan_budget.rules.ratios import Transfer as RatioTransfer
from hunan_budget.rules.ratios import TransferKind, advance_transfer_ratio, suspense_ceiling
from hunan_budget.schemas.controls import (
    CarryoverIn,
    CarryoverOut,
    ControlEvaluationOut,
    ControlOut,
    ControlSource,
    EvaluateIn,
    FindingIn,
    FindingOut,
    SweepIn,
    SweepLine,
    SweepOut,
    TransferIn,
    TransferOut,
)
from hunan_budget.settings import BudgetSettings
from hunan_shared import clock
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.events.catalogue import CarryoverSwept, ControlBreached, Money
from hunan_shared.legal import Basis
from hunan_shared.money import round_fen
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# --- execution data -----------------------------------------------------------------------------------------


def _transfer_out(row: Transfer, basis: list[Basis] | None = None) -> TransferOut:
    constraints = json.loads(row.local_constraints) if row.local_constraints else []
    return TransferOut(
        **row.model_dump(exclude={"local_constraints"}), local_constraints=constraints, basis=basis or []
    )


def record_transfer(uow: UnitOfWork, cmd: TransferIn) -> TransferOut:
    """Record a transfer to a lower level; binding tasks it imposes must trace to central or provincial rules (R12)."""
    with rule_errors():
        decision = require(
            special_fund_constraints_allowed(
                [LocalConstraint(c.task, c.source, c.source_ref) for c in cmd.local_constraints]
            )
        )
    constraints = [c.model_dump(mode="json") for c in cmd.local_constraints]
    row = uow.repo(Transfer).add(
        Transfer(
            id=new_id(),
            **cmd.model_dump(exclude={"local_constraints"}),
            local_constraints=json.dumps(constraints, ensure_ascii=False) if constraints else None,
            created_at=clock.now(),
        )
    )
    out = _transfer_out(row, list(decision.basis))
    uow.audit("transfer.create", "transfer", row.id, after=out)
    return out


def list_transfers(session: Session, division_code: str, budget_year: int) -> list[TransferOut]:
    rows = Repository(session, Transfer).list(
        Transfer.to_division_code == division_code, Transfer.budget_year == budget_year, order_by=Transfer.created_at
    )
    return [_transfer_out(r) for r in rows]


def record_carryover(uow: UnitOfWork, cmd: CarryoverIn) -> CarryoverOut:
    row = uow.repo(Carryover).add(Carryover(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = CarryoverOut(**row.model_dump())
    uow.audit("carryover.create", "carryover", row.id, after=out)
    return out


def record_finding(uow: UnitOfWork, cmd: FindingIn) -> FindingOut:
    """W6: a finding of inflated revenue draws a deduction of half of it from the region's transfers (R50)."""
    with rule_errors():
        deduction = inflated_revenue_deduction(cmd.inflated_amount)
    row = uow.repo(InflatedRevenueFinding).add(
        InflatedRevenueFinding(
            id=new_id(), **cmd.model_dump(), deduction=round_fen(deduction.value), created_at=clock.now()
        )
    )
    out = FindingOut(**row.model_dump(), basis=list(deduction.basis))
    uow.audit("finding.create", "finding", row.id, after=out)
    return out


# --- the controls -------------------------------------------------------------------------------------------


def _transfer_controls(session: Session, division: str, year: int, on: dt.date) -> list[ControlOut]:
    rows = Repository(session, Transfer).list(
        Transfer.to_division_code == division, Transfer.budget_year == year, order_by=Transfer.created_at
    )
    transfers = [RatioTransfer(TransferKind(r.kind), r.estimated, r.advance, r.settled_on_actuals) for r in rows]
    out = []
    for kind in TransferKind:
        decision = advance_transfer_ratio(transfers, kind)
        check = decision.value
        out.append(
            ControlOut(
                control=f"R31-{kind.value}",
                division_code=division,
                budget_year=year,
                evaluated_on=on,
                outcome=check.outcome.value,
                ratio=check.ratio,
                threshold=check.threshold,
                reason=decision.reason,
                basis=list(decision.basis),
                sources=[
                    ControlSource(
                        kind="transfer",
                        id=r.id,
                        amount=r.advance,
                        note=f"estimated {r.estimated}"
                        + (", settled on actuals (excluded)" if r.settled_on_actuals else ""),
                    )
                    for r in rows
                    if r.kind == kind
                ],
            )
        )
    return out


EXPENDITURE_BASE_KINDS = (BudgetKind.GENERAL_PUBLIC, BudgetKind.GOVERNMENT_FUND)


def _suspense_control(session: Session, division: str, year: int, on: dt.date) -> ControlOut:
    payments = Repository(session, Payment).list(
        Payment.division_code == division, Payment.budget_year == year, Payment.paid_on <= on, order_by=Payment.paid_on
    )
    suspense = [p for p in payments if p.kind == PaymentKind.SUSPENSE and (p.cleared_on is None or p.cleared_on > on)]
    base = [p for p in payments if p.kind == PaymentKind.BUDGETED and p.budget_kind in EXPENDITURE_BASE_KINDS]
    general = sum((p.amount for p in base if p.budget_kind == BudgetKind.GENERAL_PUBLIC), Decimal(0))
    fund = sum((p.amount for p in base if p.budget_kind == BudgetKind.GOVERNMENT_FUND), Decimal(0))
    emergency = _approved_emergency_advances(session, division, year, on)
    balance = sum((p.amount for p in suspense), Decimal(0)) + sum((e.amount for e in emergency), Decimal(0))
    with rule_errors():
        decision = suspense_ceiling(on, balance, general, fund)
    check = decision.value
    return ControlOut(
        control="R36",
        division_code=division,
        budget_year=year,
        evaluated_on=on,
        outcome=check.outcome.value,
        ratio=check.ratio,
        threshold=check.threshold,
        amount=round_fen(balance),
        reason=decision.reason,
        basis=list(decision.basis),
        sources=[
            ControlSource(kind="suspense_payment", id=p.id, amount=p.amount, note=p.approved_matter_ref)
            for p in suspense
        ]
        + [
            ControlSource(kind="emergency_expenditure", id=e.id, amount=e.amount, note=e.approved_matter_ref)
            for e in emergency
        ]
        + [
            ControlSource(
                kind="expenditure", id="general_public", amount=round_fen(general), note=f"{len(base)} payments"
            ),
            ControlSource(kind="expenditure", id="government_fund", amount=round_fen(fund)),
        ],
    )


def _approved_emergency_advances(session: Session, division: str, year: int, on: dt.date) -> list[Expenditure]:
    """Emergency spending recorded outside its line under an approved matter (R35) is an advance of this level:
    it counts toward the suspense balance (R36) of the division it was booked to, in the year it occurred."""
    rows = session.exec(
        select(Expenditure)
        .join(ExpenditureDivision, ExpenditureDivision.expenditure_id == Expenditure.id)  # type: ignore[arg-type]
        .where(
            ExpenditureDivision.division_code == division,
            Expenditure.approved_matter_ref.is_not(None),  # type: ignore[union-attr]
            Expenditure.status == ExpenditureStatus.RECORDED,
        )
        .order_by(Expenditure.occurred_at, Expenditure.id)
    ).all()
    return [
        e
        for e in rows
        if e.occurred_at.astimezone(clock.SHANGHAI).year == year
        and e.recorded_at is not None
        and e.recorded_at.astimezone(clock.SHANGHAI).date() <= on
    ]


def _disclosure_control(session: Session, division: str, year: int, on: dt.date) -> ControlOut:
    budgets = Repository(session, Budget).list(
        Budget.division_code == division,
        Budget.budget_year == year,
        Budget.state == BudgetState.APPROVED,
        order_by=Budget.unit,
    )
    sources, bad, basis = [], 0, []
    for budget in budgets:
        if budget.approved_on is None:
            continue
        status = disclosure_status(budget.approved_on, budget.disclosed_on, on)
        basis = list(status.basis)
        bad += status.value in (DisclosureStatus.OVERDUE, DisclosureStatus.LATE)
        sources.append(
            ControlSource(kind="budget", id=budget.id, note=f"{budget.unit}: {status.value}, {status.reason}")
        )
    return ControlOut(
        control="R51",
        division_code=division,
        budget_year=year,
        evaluated_on=on,
        outcome="BREACH" if bad else "COMPLIANT",
        reason=f"{bad} of {len(sources)} approved budgets overdue or late",
        basis=basis or [disclosure_status(on, on, on).basis[0]],
        sources=sources,
    )


def sweep(session: Session, division: str, year: int, settings: BudgetSettings, unswept_only: bool = False) -> SweepOut:
    """W4: what the year-end sweep takes from each carry-over balance of the level — into the general public
    budget (R8, R9) or recovered (R10)."""
    where = [Carryover.division_code == division, Carryover.budget_year == year]
    if unswept_only:
        where.append(col(Carryover.sweep_id).is_(None))
    rows = Repository(session, Carryover).list(*where, order_by=(Carryover.category, Carryover.id))
    lines = []
    with rule_errors():
        for row in rows:
            category = CarryoverCategory(row.category)
            decision = sweep_amount(
                category,
                row.amount,
                row.current_year_revenue,
                row.age_months,
                row.reserved_research,
                settings.project_carryover_months,
            )
            to_general = category in (CarryoverCategory.GOVERNMENT_FUND, CarryoverCategory.STATE_CAPITAL)
            lines.append(
                SweepLine(
                    carryover_id=row.id,
                    category=row.category,
                    title=row.title,
                    balance=row.amount,
                    swept=round_fen(decision.value),
                    destination="GENERAL_PUBLIC_BUDGET" if to_general else "RECOVERED",
                    reason=decision.reason,
                    basis=list(decision.basis),
                )
            )
    return SweepOut(
        division_code=division,
        budget_year=year,
        to_general_budget=sum((ln.swept for ln in lines if ln.destination != "RECOVERED"), Decimal(0)),
        recovered=sum((ln.swept for ln in lines if ln.destination == "RECOVERED"), Decimal(0)),
        lines=lines,
    )


def execute_sweep(uow: UnitOfWork, cmd: SweepIn, settings: BudgetSettings) -> SweepOut:
    """W4 executed: the balances of the level not yet swept are taken — each marked with the sweep and the amount
    — and `CarryoverSwept` announces the totals. Nothing left to sweep is a conflict, so a repeat moves nothing."""
    session = uow.session
    for row in Repository(session, Carryover).list(
        Carryover.division_code == cmd.division_code, Carryover.budget_year == cmd.budget_year
    ):
        session.refresh(row, with_for_update=True)
    preview = sweep(session, cmd.division_code, cmd.budget_year, settings, unswept_only=True)
    if not preview.lines:
        raise Conflict(f"no carry-over of {cmd.division_code} for {cmd.budget_year} is left to sweep")
    sweep_id, now = new_id(), clock.now()
    for line in preview.lines:
        row = uow.repo(Carryover).get(line.carryover_id)
        row.sweep_id, row.swept_amount = sweep_id, line.swept
        session.add(row)
    out = preview.model_copy(update={"sweep_id": sweep_id})
    uow.emit(
        CarryoverSwept(
            sweep_id=sweep_id,
            division_code=cmd.division_code,
            budget_year=cmd.budget_year,
            to_general_budget=Money(amount=out.to_general_budget),
            recovered=Money(amount=out.recovered),
            balances=len(out.lines),
            swept_at=now,
        )
    )
    uow.audit("carryover.sweep", "sweep", sweep_id, after=out)
    return out


def _sweep_control(session: Session, division: str, year: int, on: dt.date, settings: BudgetSettings) -> ControlOut:
    result = sweep(session, division, year, settings)
    total = result.to_general_budget + result.recovered
    return ControlOut(
        control="W4-SWEEP",
        division_code=division,
        budget_year=year,
        evaluated_on=on,
        outcome="RECALL" if total else "COMPLIANT",
        amount=total,
        reason=f"to the general budget {result.to_general_budget}, recovered {result.recovered}",
        basis=[b for ln in result.lines for b in ln.basis][:6]
        or [sweep_amount(CarryoverCategory.STATE_CAPITAL, Decimal(0), None, 0, False).basis[0]],
        sources=[
            ControlSource(kind="carryover", id=ln.carryover_id, amount=ln.swept, note=ln.reason) for ln in result.lines
        ],
    )


def _deduction_control(session: Session, division: str, year: int, on: dt.date) -> ControlOut:
    rows = Repository(session, InflatedRevenueFinding).list(
        InflatedRevenueFinding.division_code == division,
        InflatedRevenueFinding.budget_year == year,
        InflatedRevenueFinding.found_on <= on,
        order_by=InflatedRevenueFinding.found_on,
    )
    total = sum((r.deduction for r in rows), Decimal(0))
    return ControlOut(
        control="R50",
        division_code=division,
        budget_year=year,
        evaluated_on=on,
        outcome="DEDUCTION" if total else "COMPLIANT",
        amount=total,
        reason=f"{len(rows)} finding(s) of inflated revenue: deduct {total} from transfers",
        basis=list(inflated_revenue_deduction(Decimal(0)).basis),
        sources=[ControlSource(kind="finding", id=r.id, amount=r.deduction, note=r.source_ref) for r in rows],
    )


def evaluate(session: Session, division: str, year: int, on: dt.date, settings: BudgetSettings) -> list[ControlOut]:
    """Every control of one level and year as of `on`, with its threshold, outcome and the records it read."""
    return [
        *_transfer_controls(session, division, year, on),
        _suspense_control(session, division, year, on),
        _disclosure_control(session, division, year, on),
        _sweep_control(session, division, year, on, settings),
        _deduction_control(session, division, year, on),
    ]


BREACH_EVENT_CONTROLS = ("R31-GENERAL", "R31-SPECIAL", "R36", "R51")


def _latest_outcome(session: Session, control: str, division: str, year: int) -> str | None:
    row = session.exec(
        select(ControlEvaluation)
        .where(
            ControlEvaluation.control == control,
            ControlEvaluation.division_code == division,
            ControlEvaluation.budget_year == year,
        )
        .order_by(col(ControlEvaluation.created_at).desc(), col(ControlEvaluation.id).desc())
        .limit(1)
    ).first()
    return None if row is None else row.outcome


def record_evaluation(uow: UnitOfWork, cmd: EvaluateIn, settings: BudgetSettings) -> list[ControlOut]:
    """Evaluate and keep the result as history (one row per control)."""
    results = evaluate(uow.session, cmd.division_code, cmd.budget_year, cmd.on, settings)
    now = clock.now()
    for r in results:
        if r.outcome == "BREACH" and r.control in BREACH_EVENT_CONTROLS:
            previous = _latest_outcome(uow.session, r.control, r.division_code, r.budget_year)
            if previous != "BREACH":
                uow.emit(
                    ControlBreached(
                        control=r.control,
                        division_code=r.division_code,
                        budget_year=r.budget_year,
                        evaluated_on=r.evaluated_on,
                        ratio=r.ratio,
                        threshold=r.threshold,
                        reason=r.reason[:500],
                        breached_at=now,
                    )
                )
        uow.session.add(
            ControlEvaluation(
                id=new_id(),
                control=r.control,
                division_code=r.division_code,
                budget_year=r.budget_year,
                evaluated_on=r.evaluated_on,
                outcome=r.outcome,
                ratio=None if r.ratio is None else str(r.ratio),
                threshold=None if r.threshold is None else str(r.threshold),
                amount=r.amount,
                reason=r.reason[:500],
                created_at=now,
            )
        )
    uow.session.flush()
    uow.audit(
        "controls.evaluate",
        "controls",
        f"{cmd.division_code}/{cmd.budget_year}",
        after={r.control: r.outcome for r in results},
    )
    return results


def history(session: Session, division: str, year: int, control: str | None) -> list[ControlEvaluationOut]:
    where = [ControlEvaluation.division_code == division, ControlEvaluation.budget_year == year]
    if control:
        where.append(ControlEvaluation.control == control)
    rows = Repository(session, ControlEvaluation).list(
        *where, order_by=(ControlEvaluation.created_at, ControlEvaluation.control)
    )
    return [
        ControlEvaluationOut(
            **r.model_dump(exclude={"ratio", "threshold"}),
            ratio=None if r.ratio is None else Decimal(r.ratio),
            threshold=None if r.threshold is None else Decimal(r.threshold),
        )
        for r in rows
    ]


def gauges(session: Session, settings: object) -> dict[str, float]:
    """/metrics: the latest recorded outcome of each control per level and year (1 = breach, 0 = not)."""
    latest: dict[str, float] = {}
    rows = session.exec(select(ControlEvaluation).order_by(ControlEvaluation.created_at)).all()  # type: ignore[arg-type]
    for r in rows:
        latest[f"budget_control_breach:{r.control}:{r.division_code}:{r.budget_year}"] = float(r.outcome == "BREACH")
        if r.ratio is not None:
            latest[f"budget_control_ratio:{r.control}:{r.division_code}:{r.budget_year}"] = float(Decimal(r.ratio))
    # R51: budgets the disclosure clock found overdue (clocks.announce_overdue_disclosures) and still unpublished.
    overdue = session.exec(select(Budget).where(col(Budget.disclosure_overdue_announced).is_(True))).all()
    for b in overdue:
        key = f"budget_disclosures_overdue:{b.division_code}:{b.budget_year}"
        latest[key] = latest.get(key, 0.0) + float(b.disclosed_on is None)
    return latest
