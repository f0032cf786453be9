"""Request and response bodies of enterprise–village pairings 万企兴万村 (二(二)3)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.schemas.common import DivisionCode, PlanYear


class PairingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organisation: str = Field(min_length=2, max_length=200, description="The chamber of commerce or enterprise")
    organisation_kind: Literal["CHAMBER_OF_COMMERCE", "PRIVATE_ENTERPRISE"]
    organiser_level: Literal["PROVINCE", "PREFECTURE", "COUNTY"] = Field(description="省市县联动: who organised it")
    village: str = Field(min_length=2, max_length=200)
    division_code: DivisionCode
    pairing_type: Literal["INDUSTRY", "INFRASTRUCTURE", "TALENT"]
    year: PlanYear


class PairingOut(BaseModel):
    id: str
    organisation: str
    organisation_kind: str
    organiser_level: str
    village: str
    division_code: str
    pairing_type: str
    year: int
    recorded_at: dt.datetime
