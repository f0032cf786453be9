"""Request and response bodies of science and technology commissioners 科技特派员 (二(二)3)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.schemas.common import DivisionCode, PlanYear


class CommissionerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: str = Field(min_length=1, max_length=64, description="Pseudonymous person id")
    dispatched_by: Literal["PROVINCE", "PREFECTURE", "COUNTY"]
    division_code: DivisionCode
    speciality: str = Field(min_length=2, max_length=100)
    year: PlanYear


class CommissionerOut(BaseModel):
    id: str
    person_id: str
    dispatched_by: str
    division_code: str
    speciality: str
    year: int
    recorded_at: dt.datetime
