"""Request and response bodies of subsidy standards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator

from hunan_disability.rules.subsidies import SubsidyProgram
from hunan_disability.schemas.common import Input, division_code


class StandardIn(Input):
    program: SubsidyProgram
    division_code: str = Field(description="Province, prefecture or county code; lower levels inherit")
    amount: Decimal = Field(gt=0, max_digits=10, decimal_places=2, description="CNY per person per month")
    effective_from: dt.date
    reference: str = Field("", max_length=200, description="The local document setting the standard")

    @field_validator("division_code")
    @classmethod
    def _known(cls, code: str) -> str:
        return division_code(code)

    @field_validator("effective_from")
    @classmethod
    def _first_of_month(cls, day: dt.date) -> dt.date:
        if day.day != 1:
            raise ValueError("a standard takes effect on the first day of a month")
        return day


class StandardPatch(Input):
    amount: Decimal | None = Field(None, gt=0, max_digits=10, decimal_places=2)
    reference: str | None = Field(None, max_length=200)


class StandardOut(BaseModel):
    id: str
    program: str
    division_code: str
    amount: Decimal
    effective_from: dt.date
    reference: str
