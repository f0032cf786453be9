"""Request and response bodies of venue and base certification (W4, 三(三)3)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.venues import VenueLevel
from hunan_shared.legal import Basis


class CertificationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    venue_id: str = Field(max_length=36)
    level: VenueLevel = Field(description="The level certified at (PROVINCIAL for the 300 provincial bases)")


class CertificationStepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: dt.date = Field(description="Date of the assessment, certification, review or decision")
    note: str | None = Field(None, max_length=1000, description="Findings")


class CertificationOut(BaseModel):
    id: str
    venue_id: str
    level: str
    state: str
    certified_on: dt.date | None
    last_review_year: int | None
    note: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)
