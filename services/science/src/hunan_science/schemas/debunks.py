"""Request and response bodies of rumour debunking on the science rumour-debunking platform (三(二)4, R34)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.outreach import DebunkChannel
from hunan_science.schemas.common import DivisionCode
from hunan_shared.legal import Basis


class DebunkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claim: str = Field(min_length=4, max_length=1000, description="The rumour as it circulates")
    rebuttal_content_id: str = Field(max_length=36, description="An expert-approved library item answering it")
    campaign_id: str | None = Field(None, max_length=36, description="The emergency campaign whose rumour it is")
    hazard: str | None = Field(None, max_length=60)
    division_codes: list[DivisionCode] = Field(default_factory=list, max_length=200)
    channels: list[DebunkChannel] = Field(
        default_factory=lambda: [DebunkChannel.RUMOUR_PLATFORM], min_length=1, max_length=4
    )


class DebunkOut(BaseModel):
    id: str
    claim: str
    rebuttal_content_id: str
    campaign_id: str | None
    hazard: str | None
    division_codes: list[str]
    channels: list[str]
    published_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)
