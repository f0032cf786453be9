"""Request and response bodies of emergency science-popularisation campaigns."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis


class CampaignOut(BaseModel):
    id: str
    disaster_id: str | None
    warning_id: str | None
    hazard: str
    mode: str
    state: str
    topics: list[str]
    work_streams: list[str]
    formats: list[str]
    response_level: str | None = Field(None, description="I (highest) … IV: the scale the campaign runs at")
    channels: list[str] = Field(default_factory=list, description="Publication channels at this level")
    division_codes: list[str]
    items: dict[str, int] = Field(default_factory=dict, description="Library items by gate state")
    launched_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    basis: list[Basis] = Field(default_factory=list)


class CampaignCloseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=3, max_length=500, description="Why the campaign ends (recorded in the audit log)")


class CampaignItemOut(BaseModel):
    """A library item in a campaign: PUBLISHED once it carries every required accessible variant, BLOCKED with
    the variants it lacks, WITHDRAWN (back to the reserve) after the campaign closed."""

    content_id: str
    title: str
    medium: str
    variants: list[str]
    state: str
    missing: list[str]
    reach: int
    published_at: dt.datetime | None


class ReachIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content_id: str = Field(max_length=36)
    channel: str = Field(max_length=40, description="One of the campaign's channels")
    persons: int = Field(ge=1, le=100_000_000, description="Persons reached since the last report")
