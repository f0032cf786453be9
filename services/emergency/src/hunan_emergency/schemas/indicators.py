"""HTTP request and response bodies — plan indicators (R57)."""

from __future__ import annotations

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


class IndicatorsOut(BaseModel):
    year: int
    core: list[IndicatorOut]
    goals: list[IndicatorOut]
