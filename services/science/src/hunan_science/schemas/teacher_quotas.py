"""Request and response bodies of directed science-teacher training quotas (二(一)7, R4)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.schemas.common import DivisionCode, PlanYear
from hunan_shared.legal import Basis


class TeacherQuotaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: DivisionCode = Field(description="The requesting county")
    year: PlanYear
    requested: int = Field(ge=0, le=100_000)
    granted: int = Field(ge=0, le=100_000)


class TeacherQuotaOut(BaseModel):
    id: str
    division_code: str
    year: int
    requested: int
    granted: int
    met: bool
    recorded_at: dt.datetime
    reason: str | None = None
    basis: list[Basis] = Field(default_factory=list)
