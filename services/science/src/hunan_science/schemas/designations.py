"""Request and response bodies of designations counted by the plan's targets (S11–S17, S22, S24)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.programmes import DesignationKind
from hunan_science.schemas.common import DivisionCode, PlanYear


class DesignationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: DesignationKind
    name: str = Field(min_length=2, max_length=200)
    division_code: DivisionCode
    year: PlanYear


class DesignationOut(BaseModel):
    id: str
    kind: str
    name: str
    division_code: str
    year: int
    recorded_at: dt.datetime
