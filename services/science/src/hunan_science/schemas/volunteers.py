"""Request and response bodies of science volunteer teams and their dispatch (三(四)2, W8)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.schemas.common import DivisionCode


class VolunteerTeamIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=2, max_length=200)
    organisation_type: Literal["UNIVERSITY", "HOSPITAL", "RESEARCH_INSTITUTE", "ENTERPRISE", "SOCIAL_ORGANISATION"]
    division_code: DivisionCode
    members: int = Field(ge=1, le=100_000)
    skills: list[str] = Field(default_factory=list, max_length=20)


class VolunteerTeamOut(BaseModel):
    id: str
    name: str
    organisation_type: str
    division_code: str
    members: int
    skills: list[str]
    created_at: dt.datetime


class DispatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: DivisionCode
    purpose: str = Field(min_length=2, max_length=300)
    campaign_id: str | None = Field(None, max_length=36)


class DispatchMatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    team_id: str = Field(max_length=36)


class DispatchOut(BaseModel):
    id: str
    division_code: str
    purpose: str
    campaign_id: str | None
    team_id: str | None
    state: str
    requested_at: dt.datetime
    updated_at: dt.datetime
