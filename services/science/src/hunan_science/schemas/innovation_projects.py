"""Request and response bodies of university innovation projects (W6)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.programmes import ProjectLevel
from hunan_science.schemas.common import DivisionCode, PlanYear
from hunan_shared.legal import Basis


class InnovationProjectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=2, max_length=300)
    university: str = Field(min_length=2, max_length=200)
    division_code: DivisionCode
    year: PlanYear
    level: ProjectLevel


class InnovationProjectOut(BaseModel):
    id: str
    title: str
    university: str
    division_code: str
    year: int
    level: str
    state: str
    submitted_at: dt.datetime
    decided_at: dt.datetime | None
    basis: list[Basis] = Field(default_factory=list)
