"""Request and response bodies of budget adjustments 预算调整 and reallocations 预算调剂 (W3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from hunan_budget.rules.budgets import AdjustmentAction, ReallocationAction
from hunan_shared.legal import Basis


class AdjustmentItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line_id: str = Field(max_length=36)
    delta: Decimal = Field(max_digits=16, decimal_places=2, description="CNY added (negative: cut)")


class AdjustmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    budget_id: str = Field(max_length=36)
    reason: str = Field(min_length=2, max_length=500)
    policy_effective_from: dt.date | None = Field(None, description="Effective date of a spending-increase policy")
    items: list[AdjustmentItemIn] = Field(min_length=1, max_length=200)


class AdjustmentItemOut(BaseModel):
    line_id: str
    delta: Decimal


class AdjustmentOut(BaseModel):
    id: str
    budget_id: str
    reason: str
    policy_effective_from: dt.date | None
    state: str
    decision_ref: str | None
    proposed_on: dt.date
    items: list[AdjustmentItemOut]
    basis: list[Basis] = Field(default_factory=list)


class AdjustmentActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: AdjustmentAction
    decision_ref: str | None = Field(None, min_length=3, max_length=200, description="approve: 人大常委会决议")


class ReallocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    budget_id: str = Field(max_length=36)
    from_line_id: str = Field(max_length=36)
    to_line_id: str = Field(max_length=36)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    reason: str = Field(min_length=2, max_length=500)


class ReallocationOut(BaseModel):
    id: str
    budget_id: str
    from_line_id: str
    to_line_id: str
    amount: Decimal
    reason: str
    state: str
    approval_ref: str | None
    basis: list[Basis] = Field(default_factory=list)


class ReallocationActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: ReallocationAction
    approval_ref: str | None = Field(None, min_length=3, max_length=200)
