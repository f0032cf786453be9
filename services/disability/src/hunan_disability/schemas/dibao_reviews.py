"""Request and response bodies of dibao reviews after employment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class DibaoReviewIn(Input):
    person_id: str = Field(max_length=36)
    reviewed_on: dt.date
    household_income: Decimal = Field(ge=0, max_digits=12, decimal_places=2, description="Monthly household income")
    deductible_employment_costs: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)
    members: int = Field(ge=1, le=50)
    dibao_standard: Decimal = Field(gt=0, max_digits=10, decimal_places=2, description="Local 低保 standard per person")


class DibaoReviewOut(BaseModel):
    id: str
    person_id: str
    reviewed_on: dt.date
    per_capita_income: Decimal
    dibao_standard: Decimal
    status: str
    exit_on: dt.date | None
    reason: str
    basis: list[Basis] = Field(default_factory=list)
