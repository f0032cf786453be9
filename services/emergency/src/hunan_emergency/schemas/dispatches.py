"""HTTP request and response bodies — supply requests and dispatches (W3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator

from hunan_emergency.schemas.common import (
    Body,
    TimeTargetOut,
    hunan_codes,
)
from hunan_shared.legal import Basis


class SupplyLineIn(Body):
    item: str = Field(max_length=60)
    quantity: int = Field(ge=1, le=10_000_000)


class DemandIn(Body):
    division_code: str
    lines: list[SupplyLineIn] = Field(min_length=1, max_length=100)
    lat: float | None = Field(None, ge=24.5, le=30.2, description="Destination; default the division's depot or seat")
    lon: float | None = Field(None, ge=108.7, le=114.3)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return hunan_codes([code])[0]


class SupplyRequestIn(Body):
    disaster_id: str = Field(max_length=36)
    requester: str = Field(min_length=2, max_length=200, description="Requesting agency or service")
    demands: list[DemandIn] = Field(min_length=1, max_length=200)


class LegOut(BaseModel):
    depot_id: str
    depot_level: str
    destination_division: str
    item: str
    quantity: int
    travel_minutes: float
    cost_yuan: Decimal
    tier: str
    explanation: str


class ShortfallOut(BaseModel):
    division_code: str
    item: str
    requested: int
    planned: int
    missing: int


class DispatchOut(BaseModel):
    id: str
    request_id: str
    disaster_id: str
    state: str
    legs: list[LegOut]
    shortfalls: list[ShortfallOut]
    escalation: str | None = Field(description="Where the shortfall was escalated (跨区域协同), when there is one")
    transport_cost_yuan: Decimal
    goods_value_yuan: Decimal
    total_cost_yuan: Decimal = Field(description="Goods value plus transport: the spending budget records")
    planned_at: dt.datetime
    shipped_at: dt.datetime | None
    delivered_at: dt.datetime | None
    time_targets: list[TimeTargetOut]
    basis: list[Basis] = Field(default_factory=list)


class SupplyRequestOut(BaseModel):
    id: str
    disaster_id: str
    requester: str
    state: str
    rejection_reason: str | None
    demands: list[dict]
    requested_at: dt.datetime
    dispatch: DispatchOut | None
