"""Request and response bodies of debt limits, bonds, affordability assessments (Opinion 五) and government
investment funds (Opinion (十), W7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_budget.rules.debt import AffordabilityResult, DebtKind, FundAction, RiskRating
from hunan_shared import divisions
from hunan_shared.legal import Basis


def _division(code: str) -> str:
    return divisions.validate(code)


class DebtLimitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    limit: Decimal = Field(ge=0, max_digits=16, decimal_places=2)
    risk_rating: RiskRating | None = Field(None, description="R42: the level's debt-risk rating (债务风险评估)")
    new_debt_allocation: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="R42: 新增债务限额 allocated this year"
    )

    _division = field_validator("division_code")(_division)


class DebtLimitOut(BaseModel):
    id: str
    division_code: str
    budget_year: int
    limit: Decimal
    risk_rating: str | None = None
    new_debt_allocation: Decimal | None = None
    basis: list[Basis] = Field(default_factory=list)


class DebtIn(BaseModel):
    """Borrowing a level wants to take on; only bonds within the limit are accepted (R40), guarantees never (R44)."""

    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    kind: DebtKind
    title: str = Field(min_length=2, max_length=200)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    issued_on: dt.date
    project_revenue: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="R41: the special-bond project's revenue over the term"
    )
    debt_service: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="R41: principal and interest over the term"
    )
    bond_term_years: int | None = Field(None, ge=1, le=50)
    project_term_years: int | None = Field(None, ge=1, le=100)
    earlier_tranches_issued: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="R41 pace: special bonds issued before for the project"
    )
    earlier_tranches_spent: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="R41 pace: of those, spent on the project's works"
    )

    _division = field_validator("division_code")(_division)


class DebtOut(BaseModel):
    id: str
    division_code: str
    budget_year: int
    kind: str
    title: str
    amount: Decimal
    issued_on: dt.date
    project_revenue: Decimal | None = None
    debt_service: Decimal | None = None
    bond_term_years: int | None = None
    project_term_years: int | None = None
    earlier_tranches_issued: Decimal | None = None
    earlier_tranches_spent: Decimal | None = None
    warnings: list[str] = Field(default_factory=list, description="R41 mismatches of a special bond")
    basis: list[Basis] = Field(default_factory=list)


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result: AffordabilityResult
    assessed_on: dt.date
    note: str | None = Field(None, max_length=500)


class AssessmentOut(BaseModel):
    id: str
    project_id: str
    result: str
    assessed_on: dt.date
    note: str | None


class FundIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=2, max_length=200)
    division_code: str
    sector: str = Field(min_length=2, max_length=100)
    fiscal_contribution: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    contribution_source: str = Field(pattern=r"^(FISCAL_APPROPRIATION|GOV_FUND|STATE_CAPITAL|LOCAL_GOV_BOND|OTHER)$")
    budget_line_id: str | None = Field(None, max_length=36, description="The budget line carrying the contribution")
    guaranteed_return_clause: bool = False
    agreed_social_capital_floor: Decimal = Field(ge=0, max_digits=16, decimal_places=2)

    _division = field_validator("division_code")(_division)


class FundActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: FundAction
    raised_social_capital: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    performance_below_expectation: bool = False
    idle_long_term: bool = False


class FundOut(BaseModel):
    id: str
    name: str
    division_code: str
    sector: str
    fiscal_contribution: Decimal
    contribution_source: str
    budget_line_id: str | None
    guaranteed_return_clause: bool
    agreed_social_capital_floor: Decimal
    raised_social_capital: Decimal
    state: str
    exit_reason: str | None
    basis: list[Basis] = Field(default_factory=list)
