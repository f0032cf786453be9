"""HTTP request and response bodies — sector registries (R36–R42): coal mines, fireworks, tailings ponds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from hunan_emergency.schemas.common import (
    Body,
    DivisionBody,
    VerdictOut,
)
from hunan_shared.legal import Basis

RegistryName = Literal["coal-mines", "fireworks-producers", "tailings-ponds"]


class CoalMineFacts(Body):
    capacity_tpa: int = Field(ge=0, le=100_000_000)
    rock_burst: bool = False
    coal_gas_outburst: bool = False
    hydrogeology: Literal["SIMPLE", "MEDIUM", "COMPLEX", "VERY_COMPLEX"] = "SIMPLE"


class TailingsPondFacts(Body):
    downstream_distance_km: Decimal = Field(
        ge=0, le=1000, description="Residents/important facilities downstream (R39)"
    )
    reached_final_design_elevation: bool = False
    permanently_stopped_discharging: bool = False
    idle_since: dt.date | None = None
    has_operator: bool = True


class SiteIn(DivisionBody):
    name: str = Field(min_length=2, max_length=200)
    enterprise_id: str | None = Field(None, max_length=36)
    coal_mine: CoalMineFacts | None = Field(None, description="Required on the coal-mine registry")
    tailings_pond: TailingsPondFacts | None = Field(None, description="Required on the tailings-pond registry")
    justification: str | None = Field(
        None, min_length=2, max_length=4000, description="Required for a new tailings pond (只减不增)"
    )


class SiteImportIn(Body):
    sites: list[SiteIn] = Field(min_length=1, max_length=1000)


class DelistIn(Body):
    reason: str = Field(min_length=2, max_length=4000)


class SiteOut(BaseModel):
    id: str
    registry: str
    name: str
    enterprise_id: str | None
    division_code: str
    state: str
    details: dict
    justification: str | None
    registered_at: dt.datetime
    delisted_at: dt.datetime | None
    verdicts: list[VerdictOut] = Field(description="R36 (coal), R39/R40 (tailings) on the stored facts")
    basis: list[Basis] = Field(default_factory=list)


class SiteImportOut(BaseModel):
    registered: int
    count: int
    basis: list[Basis]


class RegistryStatusOut(BaseModel):
    registry: str
    count: int
    cap: int
    cap_deadline: dt.date
    as_of: dt.date
    status: str
    reason: str
    basis: list[Basis]
