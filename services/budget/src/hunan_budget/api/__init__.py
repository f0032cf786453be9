"""HTTP routers of the budget service, one module per resource."""

from __future__ import annotations

from fastapi import Request

from hunan_budget.settings import BudgetSettings


def budget_settings(request: Request) -> BudgetSettings:
    """Dependency: the service's own settings (numbers the texts leave open)."""
    return request.app.state.settings
