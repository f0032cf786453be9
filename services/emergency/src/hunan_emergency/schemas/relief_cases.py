"""HTTP request and response bodies — relief cases (W4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, field_validator

from hunan_emergency.schemas.common import (
    Body,
    DivisionBody,
    TimeTargetOut,
    not_future,
)
from hunan_shared.legal import Basis


class ReliefCaseIn(DivisionBody):
    disaster_id: str = Field(max_length=36)
    relief_type: Literal[
        "EMERGENCY_RELIEF",
        "TRANSITIONAL_LIVING",
        "DROUGHT_TEMPORARY_HARDSHIP",
        "WINTER_SPRING_HARDSHIP",
        "HOUSING_RECONSTRUCTION",
        "FOREST_ECO_RESTORATION",
    ]
    households: int = Field(0, ge=0, le=10_000_000)
    persons: int = Field(ge=1, le=100_000_000)
    is_drought: bool = Field(False, description="R50: the disaster is a drought (旱灾)")
    forest_damaged: bool = Field(False, description="R50: forest was damaged")


class BasicLivingIn(Body):
    provided_at: AwareDatetime | None = Field(
        None, description="When first basic-living aid reached the victims; default now"
    )
    relief_funds: Decimal = Field(
        Decimal(0),
        ge=0,
        le=Decimal(10000000000),
        decimal_places=2,
        description="Funds disbursed (yuan); 0 for goods only",
    )

    @field_validator("provided_at")
    @classmethod
    def _past(cls, value: dt.datetime | None) -> dt.datetime | None:
        return value if value is None else not_future(value)


class ReliefActionIn(Body):
    action: Literal["start_transitional", "start_reconstruction", "close"]


class ReliefCaseOut(BaseModel):
    id: str
    disaster_id: str
    division_code: str
    relief_type: str
    households: int
    persons: int
    state: str
    opened_at: dt.datetime
    basic_living_provided_at: dt.datetime | None
    relief_funds: Decimal = Field(description="Funds disbursed on the case (yuan)")
    closed_at: dt.datetime | None
    basic_living: TimeTargetOut
    basis: list[Basis] = Field(default_factory=list)
