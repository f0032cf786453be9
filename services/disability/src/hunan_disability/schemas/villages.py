"""Request and response bodies of monitored villages."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from hunan_disability.schemas.common import Input, county_code
from hunan_shared.legal import Basis


class VillageIn(Input):
    division_code: str
    township: str = Field(min_length=1, max_length=100)
    village: str = Field(min_length=1, max_length=100)
    designated_on: dt.date

    @field_validator("division_code")
    @classmethod
    def _county(cls, code: str) -> str:
        return county_code(code)


class VillageOut(BaseModel):
    id: str
    division_code: str
    township: str
    village: str
    designated_on: dt.date


class VillageCoverageOut(BaseModel):
    province_total: int
    province_compliant: bool
    counties_without_village: list[str]
    compliant: bool
    reason: str
    basis: list[Basis]
