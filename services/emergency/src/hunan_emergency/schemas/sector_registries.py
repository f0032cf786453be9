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
    existing: bool = Field(
        False,
        description="An existing site being recorded (register what exists); false for a newly opened site, "
        "which counts towards a net increase (只减不增). The import endpoint records existing sites only.",
    )


class SiteImportIn(Body):
    sites: list[SiteIn] = Field(min_length=1, max_length=1000)


class DelistIn(Body):
    reason: str = Field(min_length=2, max_length=4000)


class RegistrationOut(BaseModel):
    """A registration is always recorded (the caps are targets); it is flagged against the target."""

    count_after: int
    status: str = Field(description="WITHIN | ABOVE_TARGET (before end-2025) | BREACHED (from end-2025)")
    flagged: bool
    net_increase: bool = Field(description="A new site raising the count above its lowest point (只减不增)")
    reason: str


class SiteOut(BaseModel):
    id: str
    registry: str
    name: str
    enterprise_id: str | None
    division_code: str
    state: str
    details: dict
    justification: str | None
    existing: bool
    registered_at: dt.datetime
    delisted_at: dt.datetime | None
    verdicts: list[VerdictOut] = Field(description="R36 (coal), R39/R40 (tailings) on the stored facts")
    registration: RegistrationOut | None = Field(None, description="On a registration: the count after it, flagged")
    basis: list[Basis] = Field(default_factory=list)


class SiteImportOut(BaseModel):
    registered: int
    count: int
    status: str = Field(description="The count against the end-2025 target today (R41, R42)")
    flagged: bool
    reason: str
    basis: list[Basis]


class MilestoneOut(BaseModel):
    limit: int
    deadline: dt.date
    binding: bool = Field(description="False for a 'strive for' (力争) target: missing it is STRIVE_MISSED")
    status: str = Field(description="WITHIN | ABOVE_TARGET | BREACHED | STRIVE_MISSED")
    excess: int
    text: str


class RegistryStatusOut(BaseModel):
    registry: str
    count: int
    cap: int
    cap_deadline: dt.date
    as_of: dt.date
    status: str
    reason: str
    trajectory: list[MilestoneOut] = Field(description="Every target of the registry (coal: end-2021 and end-2025)")
    plan_baseline: int = Field(description="The count the plan starts from (第一章（二）; 尾矿库 529座)")
    recorded_existing: int = Field(description="Existing sites recorded on the registry")
    lowest_count: int
    net_increase: int = Field(description="Count above the lowest reached since the existing sites (只减不增)")
    flags: list[str] = Field(description="BREACHED / ABOVE_TARGET / STRIVE_MISSED per milestone, NET_INCREASE")
    basis: list[Basis]
