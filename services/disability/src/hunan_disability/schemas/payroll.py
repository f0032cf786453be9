"""Request and response bodies of the monthly subsidy payroll."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from hunan_disability.schemas.common import MONTH, Input
from hunan_shared.legal import Basis


class PayrollIn(Input):
    month: str = Field(pattern=MONTH, description="Payroll month YYYY-MM")


class PayrollLine(BaseModel):
    program: str
    division_code: str
    recipients: int
    amount: Decimal


class PayrollOut(BaseModel):
    month: str
    recipients: int
    total: Decimal
    completed_at: dt.datetime
    already_completed: bool = Field(description="True when the month had run before: nothing was paid again")
    lines: list[PayrollLine]
    basis: list[Basis] = Field(default_factory=list)
