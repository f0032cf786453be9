"""Request and response bodies of budgets (W2): the budget, its lines, the review steps, payments and receipts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_budget.rules.budgets import AdminExpense, BudgetAction, BudgetKind, Direction, LineCategory, RevenueSource
from hunan_shared import divisions
from hunan_shared.legal import Basis


class BudgetIn(BaseModel):
    """Open a unit's budget for a year (DRAFT), to be compiled line by line."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"unit": "岳麓区自然资源局", "division_code": "430104", "budget_year": 2026, "kind": "GENERAL_PUBLIC"}
            ]
        },
    )

    unit: str = Field(min_length=2, max_length=120, description="预算部门/单位")
    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    kind: BudgetKind = BudgetKind.GENERAL_PUBLIC
    rigid_under_covered: bool = Field(False, description="R15: the region cannot cover its rigid spending")
    rigid_required: Decimal | None = Field(
        None,
        ge=0,
        max_digits=16,
        decimal_places=2,
        description="R14: the 三保 and debt service this budget funds (RIGID lines) before any other line",
    )

    @field_validator("division_code")
    @classmethod
    def _known_division(cls, code: str) -> str:
        return divisions.validate(code)


class BudgetLineIn(BaseModel):
    """A revenue line (with its source) or an expenditure line (with its project and category)."""

    model_config = ConfigDict(extra="forbid")

    direction: Direction
    title: str = Field(min_length=2, max_length=200)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    functional_class: str = Field(pattern=r"^\d{3,7}$", description="功能分类科目 code")
    economic_class: str | None = Field(None, pattern=r"^\d{3,5}$", description="经济分类科目 code")
    category: LineCategory | None = None
    revenue_source: RevenueSource | None = None
    project_id: str | None = Field(None, max_length=36)
    priority_item_id: str | None = Field(None, max_length=36)
    fee_code: str | None = Field(None, max_length=40)
    admin_expense: AdminExpense | None = None
    prior_year_amount: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    policy_basis: str | None = Field(
        None, max_length=300, description="R3: the policy the money serves (required on DEVELOPMENT lines)"
    )
    block_allocation: bool = Field(False, description="R3: a lump-sum block (切块) to divide later — refused")
    own_funds_available: Decimal | None = Field(
        None,
        ge=0,
        max_digits=16,
        decimal_places=2,
        description="R7: the unit's non-appropriation funds available for this need (事业收入、经营收入等)",
    )

    @model_validator(mode="after")
    def _shape(self) -> BudgetLineIn:
        if self.direction is Direction.EXPENDITURE:
            if self.category is None or self.revenue_source is not None:
                raise ValueError("an expenditure line has a category and no revenue_source")
            if (self.category is LineCategory.PRIORITY) != (self.priority_item_id is not None):
                raise ValueError("priority_item_id is given exactly for PRIORITY lines")
        else:
            if self.revenue_source is None or self.category is not None or self.project_id is not None:
                raise ValueError("a revenue line has a revenue_source and no category or project")
        return self


class BudgetLineOut(BaseModel):
    id: str
    budget_id: str
    direction: str
    title: str
    category: str | None
    revenue_source: str | None
    project_id: str | None
    priority_item_id: str | None
    fee_code: str | None
    admin_expense: str | None
    prior_year_amount: Decimal | None
    functional_class: str
    economic_class: str | None
    policy_basis: str | None
    block_allocation: bool = False
    own_funds_available: Decimal | None = None
    original_amount: Decimal
    amount: Decimal
    spent: Decimal
    received: Decimal
    basis: list[Basis] = Field(default_factory=list)


class BudgetOut(BaseModel):
    id: str
    unit: str
    division_code: str
    fiscal_level: str
    budget_year: int
    kind: str
    rigid_under_covered: bool
    rigid_required: Decimal | None = None
    state: str
    approval_ref: str | None
    approved_on: dt.date | None
    disclosed_on: dt.date | None
    revenue_total: Decimal
    expenditure_total: Decimal
    lines: list[BudgetLineOut]
    created_at: dt.datetime
    updated_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


class BudgetActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: BudgetAction
    approval_ref: str | None = Field(None, min_length=3, max_length=200, description="approve: 人大批准文号")
    approved_on: dt.date | None = Field(None, description="approve: date of approval 批复")
    note: str | None = Field(None, max_length=500)

    @model_validator(mode="after")
    def _approval(self) -> BudgetActionIn:
        if self.action is BudgetAction.APPROVE and (self.approval_ref is None or self.approved_on is None):
            raise ValueError("approve needs approval_ref and approved_on")
        return self


class PaymentIn(BaseModel):
    """Pay from a line of an approved budget (R29) or, outside it, under an approved matter (R35)."""

    model_config = ConfigDict(extra="forbid")

    line_id: str | None = Field(None, max_length=36)
    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    payee: str = Field(min_length=2, max_length=200)
    purpose: str = Field(min_length=2, max_length=300)
    paid_on: dt.date
    approved_matter_ref: str | None = Field(None, min_length=3, max_length=200)

    @field_validator("division_code")
    @classmethod
    def _known_division(cls, code: str) -> str:
        return divisions.validate(code)


class PaymentOut(BaseModel):
    id: str
    division_code: str
    budget_year: int
    line_id: str | None
    kind: str
    budget_kind: str
    amount: Decimal
    payee: str
    purpose: str
    approved_matter_ref: str | None
    paid_on: dt.date
    cleared_on: dt.date | None
    basis: list[Basis] = Field(default_factory=list)


class ReceiptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line_id: str = Field(max_length=36)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    payer: str = Field(min_length=2, max_length=200)
    received_on: dt.date


class ReceiptOut(BaseModel):
    id: str
    line_id: str
    amount: Decimal
    payer: str
    received_on: dt.date
    basis: list[Basis] = Field(default_factory=list)
