"""Request and response bodies of the reference lists a budget is compiled against: the priority guarantee list
大事要事保障清单 (Opinion (一)), the fee-fund catalogue (Opinion (三)) and expenditure standards (Opinion (十一))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_budget.rules.budgets import BudgetKind
from hunan_shared import divisions
from hunan_shared.legal import Basis

Amount = Field(gt=0, max_digits=16, decimal_places=2)


class PriorityItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    task: str = Field(min_length=2, max_length=300, description="任务目标")
    priority_order: int = Field(ge=1, le=999, description="优先顺序, 1 first")
    required_amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2, description="CNY required")
    matter_id: str | None = Field(None, pattern=r"^NR-\d{3}$")
    funding_plan: str | None = Field(None, max_length=500)
    mirrors_item_id: str | None = Field(None, max_length=36, description="R2: the provincial item mirrored")

    @field_validator("division_code")
    @classmethod
    def _known_division(cls, code: str) -> str:
        return divisions.validate(code)


class PriorityItemOut(BaseModel):
    id: str
    division_code: str
    budget_year: int
    task: str
    priority_order: int
    required_amount: Decimal
    funded_amount: Decimal
    fully_guaranteed: bool
    matter_id: str | None
    funding_plan: str | None
    mirrors_item_id: str | None
    created_at: dt.datetime


class FeeFundItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z0-9-]{2,40}$")
    name: str = Field(min_length=2, max_length=200)
    legal_basis: str = Field(min_length=2, max_length=300, description="The law or approval that sets the fee")
    budget_kind: BudgetKind


class FeeFundItemOut(BaseModel):
    code: str
    name: str
    legal_basis: str
    budget_kind: str
    created_at: dt.datetime


class StandardIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[A-Z0-9-]{2,60}$")
    name: str = Field(min_length=2, max_length=200)
    kind: str = Field(pattern=r"^(BASIC|PROJECT|BASIC_PUBLIC_SERVICE)$")
    division_code: str
    amount: Decimal = Field(ge=0, max_digits=16, decimal_places=2)
    unit: str = Field(min_length=1, max_length=40)
    filed_with_upper: bool = False
    effective_from: dt.date

    @field_validator("division_code")
    @classmethod
    def _known_division(cls, code: str) -> str:
        return divisions.validate(code)


class StandardOut(BaseModel):
    id: str
    code: str
    name: str
    kind: str
    division_code: str
    amount: Decimal
    unit: str
    filed_with_upper: bool
    effective_from: dt.date
    upper_amount: Decimal | None = None
    basis: list[Basis] = Field(default_factory=list)
