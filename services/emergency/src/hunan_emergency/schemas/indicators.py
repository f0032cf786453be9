"""HTTP request and response bodies — plan indicators (R57)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from hunan_shared.legal import Basis


class IndicatorOut(BaseModel):
    code: str
    name: str
    value: Decimal | None
    target: str
    met: bool | None = Field(description="None when the data or the MEM base value is missing")
    reason: str
    basis: list[Basis]


class TargetOut(BaseModel):
    """A quantified target of the plan with its id (RULES.md), deadline and basis, judged on the records."""

    id: str = Field(description="Target id, e.g. T-R42-COAL-2025 (see RULES.md)")
    name: str
    value: Decimal | None = Field(description="The figure from the records (a count or a share); None without data")
    target: str
    deadline: dt.date
    status: str = Field(description="MET | WITHIN | ON_TRACK | ABOVE_TARGET | BREACHED | STRIVE_MISSED | NO_DATA")
    met: bool | None = Field(description="None while the deadline is ahead and the target is not yet reached")
    reason: str
    basis: list[Basis]


class IndicatorsOut(BaseModel):
    year: int
    core: list[IndicatorOut]
    goals: list[IndicatorOut]
    targets: list[TargetOut] = Field(description="Quantified targets with deadlines (sector caps, §3.3/§3.4 targets)")
