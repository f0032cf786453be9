"""HTTP request and response bodies — early warnings (W2) and their delivery coverage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator

from hunan_emergency.schemas.common import (
    Body,
    Colour,
    hunan_codes,
)
from hunan_shared.legal import Basis
from hunan_shared.types import Timestamp


class WarningIn(Body):
    hazard_type: str | None = Field(None, max_length=60, description="Natural hazard (五大灾害)")
    sector: str | None = Field(None, max_length=60, description="Production-safety sector")
    colour: Colour
    headline: str = Field(min_length=2, max_length=200)
    description: str = Field(min_length=2, max_length=4000)
    instruction: str | None = Field(None, max_length=4000)
    audience: str | None = Field(None, max_length=200, description="Specific groups targeted (特定人群)")
    division_codes: list[str] = Field(min_length=1, max_length=200)
    expires_at: Timestamp
    population_targeted: int = Field(ge=1, description="People in the target area (denominator of R7)")
    disaster_id: str | None = Field(None, max_length=36)

    _divisions = field_validator("division_codes")(hunan_codes)


class WarningUpdateIn(Body):
    colour: Colour | None = None
    headline: str | None = Field(None, min_length=2, max_length=200)
    description: str | None = Field(None, min_length=2, max_length=4000)
    instruction: str | None = Field(None, max_length=4000)
    division_codes: list[str] | None = Field(None, min_length=1, max_length=200)
    expires_at: Timestamp | None = None
    population_targeted: int | None = Field(None, ge=1)

    @field_validator("division_codes")
    @classmethod
    def _divisions(cls, codes: list[str] | None) -> list[str] | None:
        return None if codes is None else hunan_codes(codes)


class DeliveryIn(Body):
    channel: str = Field(min_length=2, max_length=40, description="e.g. sms, cell_broadcast, emergency_broadcast, tv")
    population_reached: int = Field(ge=0)


class CoverageOut(BaseModel):
    rate: Decimal
    target: Decimal
    met: bool
    reason: str
    basis: list[Basis]


class WarningOut(BaseModel):
    id: str
    hazard: str
    colour: str
    state: str
    headline: str
    description: str
    instruction: str | None
    audience: str | None
    division_codes: list[str]
    disaster_id: str | None
    issued_at: dt.datetime
    updated_at: dt.datetime | None
    expires_at: dt.datetime
    population_targeted: int
    population_reached: int
    coverage: CoverageOut
    revision: int
    cap_identifier: str
    basis: list[Basis] = Field(default_factory=list)
