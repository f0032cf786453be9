"""Service layer for budgets (W2): open a unit's budget, compile its lines against the priority list, the
project library, the austerity caps and the fee catalogue, take it through review to approval, then pay and
receive against its lines (the expenditure and revenue ledgers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from hunan_budget.models import Budget, BudgetLine, Payment, Project, Receipt
from hunan_budget.rules.allocation import own_funds_first, policy_first
from hunan_budget.rules.basis import require
from hunan_budget.rules.budgets import (
    BudgetAction,
    BudgetState,
    Direction,
    LineCategory,
    PaymentKind,
    RevenueSource,
    austerity_line_allowed,
    development_allowed,
    fee_in_catalogue,
    lines_editable,
    next_budget_state,
    payment_allowed,
    priority_list_funded,
    project_line_allowed,
    receipt_allowed,
)
from hunan_budget.rules.debt import affordability_passed
from hunan_budget.rules.pooling import DISCLOSURE_DAYS, disclosure_on_time
from hunan_budget.rules.projects import ProjectAction, ProjectState, next_project_state
from hunan_budget.rules.responsibility import fiscal_level
from hunan_budget.rules.rigid import rigid_first, rigid_guaranteed
from hunan_budget.schemas.budgets import (
    BudgetActionIn,
    BudgetIn,
    BudgetLineIn,
    BudgetLineOut,
    BudgetOut,
    PaymentIn,
    PaymentOut,
    ReceiptIn,
    ReceiptOut,
)
from hunan_budget.settings import BudgetSettings
from hunan_budget.use_cases.catalogues import fee_codes, priority_funding
from hunan_budget.use_cases.projects import latest_affordability, life_cycle_planned
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.events.catalogue import BudgetApproved, Money
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# A project may receive budget once it is in the budget project library (R16, R18).
BUDGETABLE = frozenset(
    {ProjectState.IN_BUDGET_LIBRARY, ProjectState.FUNDED, ProjectState.EXECUTING, ProjectState.REDUCED}
)


def _line_out(line: BudgetLine, basis: Iterable[Basis] = ()) -> BudgetLineOut:
    return BudgetLineOut(**line.model_dump(), basis=list(basis))


def lines_of(session: Session, budget_id: str) -> list[BudgetLine]:
    return Repository(session, BudgetLine).list(
        BudgetLine.budget_id == budget_id, order_by=(BudgetLine.created_at, BudgetLine.id)
    )


def _out(session: Session, budget: Budget, basis: Iterable[Basis] = ()) -> BudgetOut:
    lines = lines_of(session, budget.id)
    total = {d: sum((ln.amount for ln in lines if ln.direction == d), Decimal(0)) for d in Direction}
    return BudgetOut(
        **budget.model_dump(),
        revenue_total=total[Direction.REVENUE],
        expenditure_total=total[Direction.EXPENDITURE],
        lines=[_line_out(ln) for ln in lines],
        basis=list(basis),
    )


def _audit_view(session: Session) -> object:
    return lambda b: _out(session, b).model_dump(mode="json", exclude={"lines", "basis"})


def create(uow: UnitOfWork, cmd: BudgetIn, settings: BudgetSettings) -> BudgetOut:
    repo = uow.repo(Budget)
    clash = repo.list(
        Budget.unit == cmd.unit,
        Budget.division_code == cmd.division_code,
        Budget.budget_year == cmd.budget_year,
        Budget.kind == cmd.kind,
    )
    if clash:
        raise Conflict(f"{cmd.unit} already has a {cmd.kind} budget for {cmd.budget_year}: {clash[0].id}")
    level = fiscal_level(cmd.division_code, frozenset(settings.province_managed_counties))
    now = clock.now()
    budget = repo.add(
        Budget(
            id=new_id(),
            **cmd.model_dump(),
            fiscal_level=level.value,
            state=BudgetState.DRAFT,
            created_at=now,
            updated_at=now,
        )
    )
    out = _out(uow.session, budget, level.basis)
    uow.audit("budget.create", "budget", budget.id, after=out.model_dump(mode="json", exclude={"lines"}))
    return out


def _unfunded_priority(session: Session, budget: Budget) -> list[str]:
    return priority_list_funded(priority_funding(session, budget.division_code, budget.budget_year)).value


def rigid_funded(session: Session, budget: Budget) -> Decimal:
    """R14: what the budget's RIGID expenditure lines carry now."""
    return sum(
        (ln.amount for ln in lines_of(session, budget.id) if ln.category == LineCategory.RIGID),
        Decimal(0),
    )


def add_line(uow: UnitOfWork, budget_id: str, cmd: BudgetLineIn) -> BudgetLineOut:
    """Compile one line into a DRAFT budget, after the guards: R13/R30 (draft only), R16/R18 (a budgetable
    project), R1 (priority list first), R3 (policy first, no block allocation), R7 (own funds first), R15
    (austerity caps), R5 (fee catalogue)."""
    session = uow.session
    budget = uow.repo(Budget).for_update(budget_id)
    basis: list[Basis] = []
    with rule_errors():
        basis += require(lines_editable(BudgetState(budget.state))).basis
        if cmd.direction is Direction.EXPENDITURE:
            category = LineCategory(cmd.category or LineCategory.DEVELOPMENT)
            project = uow.repo(Project).find(cmd.project_id) if cmd.project_id else None
            if cmd.project_id and project is None:
                raise InvalidInput(f"no project {cmd.project_id}")
            basis += require(
                project_line_allowed(
                    project.state if project else None,
                    project is not None
                    and project.division_code == budget.division_code
                    and project.budget_year == budget.budget_year,
                    frozenset(BUDGETABLE),
                )
            ).basis
            if cmd.priority_item_id:
                ids = {p.item_id for p in priority_funding(session, budget.division_code, budget.budget_year)}
                if cmd.priority_item_id not in ids:
                    raise InvalidInput("the priority item is not on this government's list for this year")
            basis += require(rigid_first(category, budget.rigid_required, rigid_funded(session, budget))).basis
            basis += require(development_allowed(category, _unfunded_priority(session, budget))).basis
            if cmd.block_allocation or category is LineCategory.DEVELOPMENT:
                basis += require(policy_first(cmd.block_allocation, cmd.policy_basis)).basis
            basis += require(own_funds_first(cmd.amount, cmd.own_funds_available)).basis
            basis += require(
                austerity_line_allowed(
                    category, cmd.admin_expense, cmd.amount, cmd.prior_year_amount, budget.rigid_under_covered
                )
            ).basis
        else:
            basis += require(
                fee_in_catalogue(RevenueSource(cmd.revenue_source), cmd.fee_code, fee_codes(session))
            ).basis
    line = uow.repo(BudgetLine).add(
        BudgetLine(
            id=new_id(),
            budget_id=budget.id,
            **cmd.model_dump(exclude={"amount"}),
            original_amount=cmd.amount,
            amount=cmd.amount,
            spent=Decimal(0),
            received=Decimal(0),
            created_at=clock.now(),
        )
    )
    out = _line_out(line, basis)
    uow.audit("budget_line.create", "budget_line", line.id, after=out)
    return out


def act(uow: UnitOfWork, budget_id: str, cmd: BudgetActionIn) -> BudgetOut:
    """Take the budget one step along the review chain (R48); approval re-checks the priority list (R1) and moves
    the budgeted projects from the budget project library to FUNDED (W1)."""
    session = uow.session
    budget = uow.repo(Budget).for_update(budget_id)
    with uow.audited_change(f"budget.{cmd.action.value}", budget, render=_audit_view(session)) as change:
        with rule_errors():
            transition = next_budget_state(BudgetState(budget.state), cmd.action)
            basis = list(transition.basis)
            lines = lines_of(session, budget.id)
            if cmd.action is BudgetAction.APPROVE:
                basis += require(rigid_guaranteed(budget.rigid_required, rigid_funded(session, budget))).basis
                if any(ln.category == LineCategory.DEVELOPMENT for ln in lines):
                    unfunded = priority_list_funded(priority_funding(session, budget.division_code, budget.budget_year))
                    basis += require(unfunded, ok=not unfunded.value).basis
                for project_id in sorted({ln.project_id for ln in lines if ln.project_id}):
                    project = uow.repo(Project).for_update(project_id)
                    if project.state == ProjectState.IN_BUDGET_LIBRARY:
                        affordable = affordability_passed(project.major, latest_affordability(session, project.id))
                        basis += require(affordable).basis
                        basis += require(life_cycle_planned(project)).basis
                        project.state = next_project_state(ProjectState(project.state), ProjectAction.FUND).value
                        project.updated_at = clock.now()
                        session.add(project)
                budget.approval_ref, budget.approved_on = cmd.approval_ref, cmd.approved_on
        budget.state = transition.value
        budget.updated_at = clock.now()
        session.add(budget)
        session.flush()
        out = _out(session, budget, basis)
        if cmd.action is BudgetAction.APPROVE and budget.approved_on is not None:
            uow.emit(
                BudgetApproved(
                    **event_totals(out),
                    approval_ref=budget.approval_ref or "",
                    approved_on=budget.approved_on,
                    disclosure_due_on=budget.approved_on + dt.timedelta(days=DISCLOSURE_DAYS),
                )
            )
        change.after = out.model_dump(mode="json", exclude={"lines", "basis"})
    return out


def event_totals(out: BudgetOut) -> dict[str, Any]:
    """The fields every budget.budget event carries."""
    return {
        "budget_id": out.id,
        "unit": out.unit,
        "division_code": out.division_code,
        "budget_year": out.budget_year,
        "kind": out.kind,
        "revenue_total": Money(amount=out.revenue_total),
        "expenditure_total": Money(amount=out.expenditure_total),
    }


def disclose(uow: UnitOfWork, budget_id: str, published_on: object) -> BudgetOut:
    """Record the unit's publication of its approved budget; on time within 20 days of approval (R51)."""
    session = uow.session
    budget = uow.repo(Budget).for_update(budget_id)
    if budget.state != BudgetState.APPROVED or budget.approved_on is None:
        raise Conflict("only an approved budget is disclosed")
    if budget.disclosed_on is not None:
        raise Conflict(f"already disclosed on {budget.disclosed_on.isoformat()}")
    with uow.audited_change("budget.disclose", budget, render=_audit_view(session)) as change:
        timing = disclosure_on_time(budget.approved_on, published_on)  # type: ignore[arg-type]
        budget.disclosed_on = published_on  # type: ignore[assignment]
        budget.updated_at = clock.now()
        session.add(budget)
        out = _out(session, budget, timing.basis)
        change.after = {**out.model_dump(mode="json", exclude={"lines", "basis"}), "on_time": timing.value}
    return out


def get(session: Session, budget_id: str) -> BudgetOut:
    return _out(session, Repository(session, Budget).get(budget_id))


def list_budgets(
    session: Session, page: PageParams, division: str | None, budget_year: int | None, state: str | None
) -> Page[BudgetOut]:
    where = []
    if division:
        where.append(in_division(Budget.division_code, division))
    if budget_year:
        where.append(Budget.budget_year == budget_year)
    if state:
        where.append(Budget.state == state)
    return Repository(session, Budget).page(
        page,
        *where,
        order_by=(Budget.budget_year.desc(), Budget.unit, Budget.id),  # type: ignore[attr-defined]
        convert=lambda b: _out(session, b),
    )


# --- the ledgers: payments and receipts -------------------------------------------------------------------------


def _payment_out(row: Payment, basis: Iterable[Basis] = ()) -> PaymentOut:
    return PaymentOut(**row.model_dump(), basis=list(basis))


def pay(uow: UnitOfWork, cmd: PaymentIn) -> PaymentOut:
    """Pay from an approved line with room (R29), or advance under an approved matter as a suspense payment (R35)."""
    line = uow.repo(BudgetLine, noun="budget line").for_update(cmd.line_id) if cmd.line_id else None
    budget = uow.repo(Budget).get(line.budget_id) if line else None
    if line is not None and budget is not None:
        if line.direction != Direction.EXPENDITURE:
            raise InvalidInput("payments are made from expenditure lines")
        if (budget.division_code, budget.budget_year) != (cmd.division_code, cmd.budget_year):
            raise InvalidInput("the line belongs to another government's or year's budget")
    with rule_errors():
        decision = payment_allowed(
            BudgetState(budget.state) if budget else None,
            line.amount if line else Decimal(0),
            line.spent if line else Decimal(0),
            cmd.amount,
            cmd.approved_matter_ref or "",
        )
    kind = decision.value
    payment = uow.repo(Payment).add(
        Payment(
            id=new_id(),
            **cmd.model_dump(exclude={"line_id"}),
            line_id=line.id if line and kind is PaymentKind.BUDGETED else None,
            kind=kind,
            budget_kind=budget.kind if budget else "GENERAL_PUBLIC",
            created_at=clock.now(),
        )
    )
    if line is not None and kind is PaymentKind.BUDGETED:
        line.spent = line.spent + cmd.amount
        uow.session.add(line)
    out = _payment_out(payment, decision.basis)
    uow.audit("payment.create", "payment", payment.id, after=out)
    return out


def list_payments(
    session: Session, page: PageParams, division: str | None, line_id: str | None, kind: str | None
) -> Page[PaymentOut]:
    where = []
    if division:
        where.append(in_division(Payment.division_code, division))
    if line_id:
        where.append(Payment.line_id == line_id)
    if kind:
        where.append(Payment.kind == kind)
    return Repository(session, Payment).page(
        page,
        *where,
        order_by=(Payment.paid_on.desc(), Payment.id),
        convert=_payment_out,  # type: ignore[attr-defined]
    )


def receive(uow: UnitOfWork, cmd: ReceiptIn) -> ReceiptOut:
    """Book income against a budgeted revenue line of an approved budget (R6)."""
    line = uow.repo(BudgetLine, noun="budget line").for_update(cmd.line_id)
    budget = uow.repo(Budget).get(line.budget_id)
    with rule_errors():
        decision = receipt_allowed(Direction(line.direction), BudgetState(budget.state))
    receipt = uow.repo(Receipt).add(Receipt(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    line.received = line.received + cmd.amount
    uow.session.add(line)
    out = ReceiptOut(**receipt.model_dump(), basis=list(decision.basis))
    uow.audit("receipt.create", "receipt", receipt.id, after=out)
    return out
