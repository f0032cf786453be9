"""Request and response bodies of survey records: literacy, health literacy and resident population."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_science.schemas.common import DivisionCode, PlanYear

SurveyKind = Literal["LITERACY", "HEALTH_LITERACY", "RESIDENTS"]


class SurveyIn(BaseModel):
    """A survey result (四(二)1, 四(四): 公民科学素质调查; 三(四)3: 居民健康素养水平) or a resident count."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "LITERACY",
                    "year": 2023,
                    "division_code": "430000",
                    "value": "13.20",
                    "national_average": "12.93",
                    "method": "全省公民科学素质抽样调查",
                }
            ]
        },
    )

    kind: SurveyKind
    year: PlanYear
    division_code: DivisionCode
    value: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="% for the literacies; persons")
    national_average: Decimal | None = Field(None, ge=0, le=100, max_digits=6, decimal_places=2)
    method: str = Field(min_length=2, max_length=200)

    @model_validator(mode="after")
    def _percent(self) -> SurveyIn:
        if self.kind != "RESIDENTS" and self.value > 100:
            raise ValueError("a literacy level is a percentage (0–100)")
        if self.kind != "LITERACY" and self.national_average is not None:
            raise ValueError("national_average belongs to a LITERACY survey (S2)")
        return self


class SurveyOut(BaseModel):
    id: str
    kind: str
    year: int
    division_code: str
    value: Decimal
    national_average: Decimal | None
    method: str
    recorded_at: dt.datetime
