"""Request and response bodies of emergency science-popularisation campaigns."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_science.rules.campaigns import AwarenessDay, Mode, Topic
from hunan_science.schemas.common import DivisionCode
from hunan_shared.legal import Basis


class CampaignOut(BaseModel):
    id: str
    disaster_id: str | None
    warning_id: str | None
    hazard: str
    mode: str
    title: str | None = None
    awareness_day: str | None = None
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
    triggered_at: dt.datetime | None = Field(None, description="Declaration or warning time the SLA runs from")
    publication_due_at: dt.datetime | None = Field(None, description="W1 SLA: first content due by (三(四)1 及时)")
    first_published_at: dt.datetime | None = None
    publication_overdue_at: dt.datetime | None = Field(None, description="When the missed target was announced")
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
    weight: int = Field(description="Highest region-risk weight (emergency plan 专栏8)")
    division_order: list[str] = Field(description="The campaign's divisions, highest weight first")
    published_at: dt.datetime | None


class ReachIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content_id: str = Field(max_length=36)
    channel: str = Field(max_length=40, description="One of the campaign's channels")
    persons: int = Field(ge=1, le=100_000_000, description="Persons reached since the last report")


class CampaignIn(BaseModel):
    """Start a campaign by hand: an emergency campaign of the coordination mechanism (no disaster or warning
    event), or a peacetime campaign (日常宣教), e.g. for an awareness day."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "mode": "PEACETIME",
                    "title": "2026年防灾减灾日科普",
                    "awareness_day": "DISASTER_PREVENTION_DAY",
                    "hazard": "FLOOD_DROUGHT",
                    "division_codes": ["430000"],
                }
            ]
        },
    )

    mode: Mode
    title: str = Field(min_length=2, max_length=200)
    hazard: str = Field("GENERAL", min_length=2, max_length=60, pattern=r"^[A-Za-z_ -]+$")
    division_codes: list[DivisionCode] = Field(min_length=1, max_length=200)
    topics: list[Topic] = Field(default_factory=list, max_length=4, description="Peacetime: the themes")
    awareness_day: AwarenessDay | None = None
    response_level: Literal["I", "II", "III", "IV"] | None = Field(None, description="Emergency: the scale")

    @model_validator(mode="after")
    def _mode_fields(self) -> CampaignIn:
        if self.mode is Mode.EMERGENCY and (self.topics or self.awareness_day):
            raise ValueError("an emergency campaign takes its topics from the hazard, not from the request")
        if self.mode is Mode.PEACETIME and self.response_level:
            raise ValueError("a peacetime campaign has no response level")
        return self
