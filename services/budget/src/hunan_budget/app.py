"""Budget service (深化预算管理制度改革实施意见 + 自然资源领域财政事权划分方案): project library, budgets and
their ledgers, the reform's controls, debt and funds, open fiscal data, responsibility matrix, emergency spending
and the costs other services announce."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI

from hunan_budget.api import (
    adjustments,
    assets,
    budgets,
    catalogues,
    controls,
    debt,
    direct_funds,
    expenditures,
    fiscal_data,
    funds,
    matrix_publications,
    projects,
    responsibilities,
    supervision,
    support,
    treasury,
)
from hunan_budget.handlers import HANDLERS
from hunan_budget.models import metadata, platform_tables
from hunan_budget.settings import BudgetSettings
from hunan_budget.use_cases import clocks
from hunan_budget.use_cases.controls import gauges
from hunan_shared.events.catalogue import (
    BudgetAdjusted,
    BudgetApproved,
    CarryoverSwept,
    ControlBreached,
    DisclosureOverdue,
    EmergencyExpenditureRecorded,
    ResponsibilityMatrixPublished,
)
from hunan_shared.jobs import Job
from hunan_shared.service import ServiceSpec, create_service_app

SPEC = ServiceSpec(
    name="budget",
    title="Hunan budget service",
    description="Project library with its life cycle; budgets compiled against the priority guarantee list, approved, "
    "adjusted and reallocated by procedure, with revenue and expenditure ledgers; the reform's controls as live "
    "checks (advance transfers, suspense ceiling, year-end sweep, inflated-revenue deduction, disclosure); debt, "
    "affordability and investment funds; open fiscal data; the natural-resources responsibility matrix and "
    "emergency spending per disaster — from the Hunan budget-reform Opinion (湘政发〔2021〕14号) and the "
    "natural-resources fiscal-responsibility Division Plan (湘政办发〔2021〕73号).",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_budget:migrations",
    routers=[
        projects.router,
        responsibilities.router,
        expenditures.router,
        expenditures.lines_router,
        budgets.router,
        budgets.payments_router,
        budgets.receipts_router,
        adjustments.router,
        adjustments.reallocations_router,
        catalogues.priority_router,
        catalogues.fees_router,
        catalogues.standards_router,
        controls.router,
        controls.transfers_router,
        controls.carryovers_router,
        controls.findings_router,
        debt.router,
        debt.limits_router,
        debt.assessments_router,
        funds.router,
        fiscal_data.router,
        assets.router,
        support.router,
        treasury.router,
        treasury.movements_router,
        direct_funds.router,
        supervision.router,
        matrix_publications.router,
    ],
    handlers=HANDLERS,
    produces=(
        EmergencyExpenditureRecorded,
        BudgetApproved,
        BudgetAdjusted,
        DisclosureOverdue,
        CarryoverSwept,
        ControlBreached,
        ResponsibilityMatrixPublished,
    ),
    jobs=(
        Job.transactional(
            "disclosure-overdue",
            dt.timedelta(hours=1),
            clocks.announce_overdue_disclosures,
            "R51: approved budgets unpublished after 20 days are announced overdue once",
        ),
    ),
    settings_class=BudgetSettings,
    indicators=gauges,
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
