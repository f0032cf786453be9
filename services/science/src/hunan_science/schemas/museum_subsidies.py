"""Request and response bodies of the science-museum post-completion subsidy (三(三)2, R16, W4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis


class BuiltMuseumIn(BaseModel):
    """A completed (built) physical science museum of a 市州 or county enters the subsidy workflow."""

    model_config = ConfigDict(extra="forbid")

    venue_id: str = Field(max_length=36, description="A SCI_MUSEUM_PHYSICAL venue of a 市州 or county")
    population: int = Field(ge=0, le=200_000_000, description="Resident population of the division")
    conditions_met: bool = Field(
        False, description="有条件: the county has the conditions in place (not asked of a 市州)"
    )


class AcceptanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accepted_on: dt.date = Field(description="Date the completed museum passed acceptance")


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(gt=0, le=Decimal(10000000000), max_digits=14, decimal_places=2, description="CNY")


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    payment_ref: str = Field(min_length=3, max_length=100, description="The finance department's payment reference")


class MuseumSubsidyRecordOut(BaseModel):
    id: str
    venue_id: str
    division_code: str
    population: int
    conditions_met: bool
    state: str
    accepted_on: dt.date | None
    amount: Decimal | None
    payment_ref: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)
