"""Request and response bodies of the region-risk register (emergency plan 专栏8, W1 weighting)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.targeting import RiskLevel
from hunan_science.schemas.common import DivisionCode


class RegionRiskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: DivisionCode
    hazard: str = Field(min_length=2, max_length=60, description="Hazard code, e.g. FLOOD, GEOLOGICAL, COAL_MINE")
    level: RiskLevel
    audiences: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="Groups most exposed there (content audience tags, e.g. ELDERLY, STUDENTS, FARMERS)",
    )
    source: str = Field(min_length=3, max_length=300, description="Where the assessment comes from (risk census …)")


class RegionRiskOut(BaseModel):
    division_code: str
    hazard: str
    level: str
    audiences: list[str]
    source: str
    updated_at: dt.datetime
