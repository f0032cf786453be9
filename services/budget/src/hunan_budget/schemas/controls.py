"""Request and response bodies of the execution data the controls run on (transfers, carry-overs, inflated-revenue
findings) and of the controls themselves (live evaluation, history, year-end sweep)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_budget.rules.allocation import ConstraintSource
from hunan_budget.rules.controls import CarryoverCategory
from hunan_budget.rules.ratios import TransferKind
from hunan_shared import divisions
from hunan_shared.legal import Basis


def _division(code: str) -> str:
    return divisions.validate(code)


class LocalConstraintIn(BaseModel):
    """A binding task attached to a special fund, and the central or provincial rule it comes from (R12)."""

    model_config = ConfigDict(extra="forbid")

    task: str = Field(min_length=2, max_length=300)
    source: ConstraintSource
    source_ref: str | None = Field(None, max_length=200, description="the central or provincial document")


class TransferIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    from_division_code: str
    to_division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    kind: TransferKind
    title: str = Field(min_length=2, max_length=200)
    estimated: Decimal = Field(ge=0, max_digits=16, decimal_places=2, description="预计数")
    advance: Decimal = Field(ge=0, max_digits=16, decimal_places=2, description="提前下达")
    settled_on_actuals: bool = False
    notified_on: dt.date | None = None
    local_constraints: list[LocalConstraintIn] = Field(
        default_factory=list,
        max_length=50,
        description="R12: binding fund-use tasks a special transfer imposes on the receiving city or county",
    )

    _divisions = field_validator("from_division_code", "to_division_code")(_division)


class TransferOut(BaseModel):
    id: str
    from_division_code: str
    to_division_code: str
    budget_year: int
    kind: str
    title: str
    estimated: Decimal
    advance: Decimal
    settled_on_actuals: bool
    notified_on: dt.date | None
    local_constraints: list[LocalConstraintIn] = Field(default_factory=list)
    basis: list[Basis] = Field(default_factory=list)


class CarryoverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    category: CarryoverCategory
    title: str = Field(min_length=2, max_length=200)
    amount: Decimal = Field(ge=0, max_digits=16, decimal_places=2)
    current_year_revenue: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    age_months: int = Field(0, ge=0, le=600)
    reserved_research: bool = False

    _division = field_validator("division_code")(_division)


class CarryoverOut(BaseModel):
    id: str
    division_code: str
    budget_year: int
    category: str
    title: str
    amount: Decimal
    current_year_revenue: Decimal | None
    age_months: int
    reserved_research: bool


class FindingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    inflated_amount: Decimal = Field(ge=0, max_digits=16, decimal_places=2)
    source_ref: str = Field(min_length=3, max_length=200)
    found_on: dt.date

    _division = field_validator("division_code")(_division)


class FindingOut(BaseModel):
    id: str
    division_code: str
    budget_year: int
    inflated_amount: Decimal
    deduction: Decimal
    source_ref: str
    found_on: dt.date
    basis: list[Basis] = Field(default_factory=list)


class ControlSource(BaseModel):
    """A record the control read: its kind, id and the figure taken from it."""

    kind: str
    id: str
    amount: Decimal | None = None
    note: str | None = None


class ControlOut(BaseModel):
    control: str = Field(description="R31-GENERAL, R31-SPECIAL, R36, R51, W4-SWEEP, R50")
    division_code: str
    budget_year: int
    evaluated_on: dt.date
    outcome: str = Field(description="COMPLIANT | BREACH | WARNING | RECALL | DEDUCTION")
    ratio: Decimal | None = None
    threshold: Decimal | None = None
    amount: Decimal | None = None
    reason: str
    basis: list[Basis]
    sources: list[ControlSource]


class ControlEvaluationOut(BaseModel):
    id: str
    control: str
    division_code: str
    budget_year: int
    evaluated_on: dt.date
    outcome: str
    ratio: Decimal | None
    threshold: Decimal | None
    amount: Decimal | None
    reason: str
    created_at: dt.datetime


class EvaluateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    on: dt.date

    _division = field_validator("division_code")(_division)


class SweepLine(BaseModel):
    carryover_id: str
    category: str
    title: str
    balance: Decimal
    swept: Decimal
    destination: str = Field(description="GENERAL_PUBLIC_BUDGET (R8, R9) or RECOVERED (R10)")
    reason: str
    basis: list[Basis]


class SweepOut(BaseModel):
    division_code: str
    budget_year: int
    to_general_budget: Decimal
    recovered: Decimal
    lines: list[SweepLine]
    sweep_id: str | None = Field(None, description="Set when the sweep was executed (POST), absent for a preview")


class SweepIn(BaseModel):
    """Execute the year-end sweep of a level: the balances not yet swept are taken (W4)."""

    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)

    _division = field_validator("division_code")(_division)
