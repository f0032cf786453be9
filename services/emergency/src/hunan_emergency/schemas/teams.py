"""HTTP request and response bodies — rescue teams, their availability and their assignments."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, field_validator

from hunan_emergency.schemas.common import (
    Body,
    TimeTargetOut,
    hunan_codes,
)
from hunan_shared.legal import Basis


class TeamIn(Body):
    name: str = Field(min_length=2, max_length=200)
    team_type: str = Field(min_length=2, max_length=40, description="e.g. COMPREHENSIVE, MINE_RESCUE, HAZCHEM_RESCUE")
    comprehensive_level: Literal["PROVINCIAL_MOBILE", "CITY", "COUNTY", "TOWNSHIP"] | None = Field(
        None, description="For comprehensive teams: the level whose size band applies (R20)"
    )
    division_code: str
    size: int = Field(ge=0, le=100_000)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return hunan_codes([code])[0]


class TeamOut(BaseModel):
    id: str
    name: str
    team_type: str
    comprehensive_level: str | None
    division_code: str
    size: int
    available: bool
    size_status: str | None
    size_reason: str | None
    basis: list[Basis] = Field(default_factory=list)


class AvailabilityIn(Body):
    available: bool


class AssignmentIn(Body):
    team_id: str = Field(max_length=36)
    requested_at: AwareDatetime | None = Field(None, description="When the team was requested; default now")


class AssignmentOut(BaseModel):
    id: str
    team_id: str
    disaster_id: str
    requested_at: dt.datetime
    assigned_at: dt.datetime
    released_at: dt.datetime | None
    linkage: TimeTargetOut
