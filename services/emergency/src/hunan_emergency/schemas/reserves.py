"""HTTP request and response bodies — supply reserves: items, depots, stock, sufficiency, gaps, replenishment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from hunan_emergency.schemas.common import (
    Body,
    DepotLevel,
)
from hunan_shared.legal import Basis


class SupplyItemIn(Body):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,59}$")
    name: str = Field(min_length=1, max_length=100)
    unit: str = Field(min_length=1, max_length=20)
    unit_value_yuan: Decimal = Field(ge=0, max_digits=12, decimal_places=2)


class SupplyItemOut(BaseModel):
    code: str
    name: str
    unit: str
    unit_value_yuan: Decimal


class DepotIn(Body):
    name: str = Field(min_length=2, max_length=200)
    level: DepotLevel
    division_code: str
    kind: Literal["GENERAL", "FOREST_FIRE", "FLOOD_DROUGHT", "ANTI_FREEZE", "HUB"] = "GENERAL"
    reserve_mode: Literal["GOVERNMENT_PHYSICAL", "ENTERPRISE_COMMERCIAL", "CAPACITY", "SOCIAL"] = "GOVERNMENT_PHYSICAL"
    lat: float = Field(ge=24.5, le=30.2, description="Latitude (Hunan spans about 24.6–30.1 °N)")
    lon: float = Field(ge=108.7, le=114.3, description="Longitude (Hunan spans about 108.8–114.3 °E)")


class StockOut(BaseModel):
    item: str
    quantity: int
    reserved: int
    available: int
    safety_floor: int
    level_one_quota: int


class DepotOut(BaseModel):
    id: str
    name: str
    level: str
    division_code: str
    kind: str
    reserve_mode: str
    lat: float
    lon: float
    is_demo: bool
    stock: list[StockOut]
    basis: list[Basis] = Field(default_factory=list)


class StockMovementIn(Body):
    """Receipt (入库), return (归还) or expiry write-off (过期报废) of one item in one depot."""

    item: str = Field(max_length=60)
    kind: Literal["receipt", "return", "expiry"]
    quantity: int = Field(ge=1, le=10_000_000)
    note: str = Field("", max_length=300)


class StockNormIn(Body):
    safety_floor: int = Field(ge=0)
    level_one_quota: int = Field(ge=0, description="定额 for one Level-I response in the depot's area (R14)")


class MovementOut(BaseModel):
    depot_id: str
    item: str
    kind: str
    quantity: int
    dispatch_id: str | None
    note: str
    at: dt.datetime


class SufficiencyRow(BaseModel):
    level: str
    division_code: str
    item: str
    stock: int
    quota: int
    missing: int


class SufficiencyOut(BaseModel):
    """R14: per level and division, stock against the Level-I quota; `below_norm` lists the failing rows."""

    rows: list[SufficiencyRow]
    below_norm: list[SufficiencyRow]
    basis: list[Basis]


class NetworkGapOut(BaseModel):
    kind: str
    where: str


class NetworkOut(BaseModel):
    within: str
    gaps: list[NetworkGapOut]
    reason: str
    basis: list[Basis]


class ReplenishmentLine(BaseModel):
    item: str
    quantity: int
    unit: str


class ReplenishmentOut(BaseModel):
    id: str
    depot_id: str
    lines: list[ReplenishmentLine]
    estimated_cost_yuan: Decimal
    reason: str
    requested_at: dt.datetime
    basis: list[Basis]


class DemoReservesOut(BaseModel):
    depots: int
    created: int
    stock_units: int
