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
    division_codes: list[str]
    launched_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    basis: list[Basis] = Field(default_factory=list)


class CampaignCloseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=3, max_length=500, description="Why the campaign ends (recorded in the audit log)")
