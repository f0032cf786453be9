"""Request and response bodies of content-creation grants (三(二)1–2, R33)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.outreach import FundingCategory
from hunan_science.schemas.common import DivisionCode, PlanYear
from hunan_shared.legal import Basis


class GrantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: FundingCategory
    recipient: str = Field(min_length=2, max_length=200, description="Creator, team or organisation funded")
    project_title: str = Field(min_length=2, max_length=300)
    content_id: str | None = Field(None, max_length=36, description="The library work it funds, if registered")
    funder: str = Field(min_length=2, max_length=200, description="e.g. 省科协, 省科技厅")
    amount: Decimal = Field(gt=0, le=Decimal(1000000000), max_digits=14, decimal_places=2, description="CNY")
    year: PlanYear
    division_code: DivisionCode


class GrantOut(BaseModel):
    id: str
    category: str
    recipient: str
    project_title: str
    content_id: str | None
    funder: str
    amount: Decimal
    year: int
    division_code: str
    recorded_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


class GrantTotalsOut(BaseModel):
    year: int | None
    by_category: dict[str, Decimal]
    total: Decimal
