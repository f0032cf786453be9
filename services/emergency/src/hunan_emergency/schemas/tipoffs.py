"""HTTP request and response bodies — 12350 tip-offs (W6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from hunan_emergency.schemas.common import (
    Body,
    DivisionBody,
)
from hunan_shared.legal import Basis


class TipOffIn(DivisionBody):
    """A tip-off; anonymous is the default — nothing personal is required."""

    summary: str = Field(min_length=2, max_length=4000)
    reported_unit: str | None = Field(None, max_length=200)
    sector: str | None = Field(None, max_length=40)
    reporter_type: Literal["PUBLIC", "INSIDER", "INFORMANT"] = "PUBLIC"
    contact: str | None = Field(
        None, min_length=3, max_length=200, description="Optional contact for the reward; stored, never returned"
    )


class TipOffNoteIn(Body):
    note: str | None = Field(None, max_length=4000)


class ReferIn(Body):
    department: str = Field(min_length=2, max_length=200)


class TipOffVerifyIn(Body):
    verified_true: bool
    avoided_casualties_or_major_loss: bool = Field(False, description="Directly avoided casualties or major loss")
    note: str | None = Field(None, max_length=4000)


class RewardIn(Body):
    standard_reward: Decimal = Field(ge=0, le=10_000_000, decimal_places=2, description="Standard reward in yuan")


class TipOffOut(BaseModel):
    id: str
    summary: str
    reported_unit: str | None
    sector: str | None
    division_code: str
    reporter_type: str
    has_contact: bool
    state: str
    department: str | None
    verified_true: bool | None
    avoided_casualties_or_major_loss: bool
    standard_reward: Decimal | None
    reward: Decimal | None
    special_reward: bool
    note: str | None
    received_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)
