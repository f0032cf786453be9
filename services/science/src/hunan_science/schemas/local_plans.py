"""Request and response bodies of local implementation plans and evaluations (四(一)2, 四(二)1, 四(四), W10)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.schemas.common import DivisionCode, PlanYear


class LocalPlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: DivisionCode = Field(description="The 市州 or county")
    title: str = Field(min_length=2, max_length=300)


class LocalPlanApproveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approved_on: dt.date


class LocalPlanOut(BaseModel):
    id: str
    division_code: str
    title: str
    state: str
    approved_on: dt.date | None
    created_at: dt.datetime


class EvaluationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["MID_TERM_INSPECTION", "FINAL_EVALUATION", "ANNUAL_ASSESSMENT"]
    year: PlanYear
    division_code: DivisionCode
    rating: Literal["EXCELLENT", "GOOD", "PASS", "FAIL"]
    findings: str = Field(min_length=2, max_length=2000)


class EvaluationOut(BaseModel):
    id: str
    kind: str
    year: int
    division_code: str
    rating: str
    findings: str
    recorded_at: dt.datetime
