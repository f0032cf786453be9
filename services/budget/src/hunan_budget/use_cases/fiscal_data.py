"""Service layer for the open fiscal data export (Opinion (二十四)): a level's budgets of a year and their execution
as a Fiscal Data Package — proposed as compiled, approved, adjusted (after W3) and executed (the ledgers)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from hunan_budget.engines.fiscal_data import LineRow, fiscal_data_package
from hunan_budget.models import Budget, BudgetLine
from hunan_budget.rules.budgets import BudgetState, Direction
from hunan_shared import divisions
from hunan_shared.db import in_division
from hunan_shared.repository import Repository


def export(session: Session, division_code: str, budget_year: int) -> dict[str, Any]:
    budgets = Repository(session, Budget).list(
        in_division(Budget.division_code, division_code),
        Budget.budget_year == budget_year,
        order_by=(Budget.division_code, Budget.unit, Budget.kind),
    )
    rows: list[LineRow] = []
    for budget in budgets:
        approved = budget.state == BudgetState.APPROVED
        for line in Repository(session, BudgetLine).list(
            BudgetLine.budget_id == budget.id, order_by=(BudgetLine.created_at, BudgetLine.id)
        ):
            rows.append(
                LineRow(
                    line_id=line.id,
                    fiscal_year=budget.budget_year,
                    division_code=budget.division_code,
                    division_name=divisions.get(budget.division_code).name,
                    unit=budget.unit,
                    budget_kind=budget.kind,
                    direction=line.direction,
                    functional_class=line.functional_class,
                    economic_class=line.economic_class,
                    title=line.title,
                    proposed=line.original_amount,
                    approved=line.original_amount if approved else None,
                    adjusted=line.amount if approved else None,
                    executed=line.spent if line.direction == Direction.EXPENDITURE else line.received,
                )
            )
    name = f"hunan-budget-{division_code}-{budget_year}"
    title = f"{divisions.get(division_code).name} {budget_year} 预算及执行 (budgets and execution)"
    return fiscal_data_package(name, title, rows)
