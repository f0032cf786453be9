"""Request and response bodies of programme counts and the plan's count targets (R30, R35, R48, R77, §3.3)."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from hunan_disability.rules.programmes import Allocation, Measure
from hunan_disability.schemas.common import Input, division_code
from hunan_shared.legal import Basis


class ProgrammeCountIn(Input):
    division_code: str = Field(description="The reporting division (province, city or county)")
    measure: Measure
    year: int = Field(ge=2021, le=2035)
    value: int = Field(ge=0, le=10_000_000, description="Cumulative count at the end of the year")
    reference: str = Field("", max_length=200)

    @field_validator("division_code")
    @classmethod
    def _known(cls, code: str) -> str:
        return division_code(code)


class ProgrammeCountOut(BaseModel):
    id: str
    division_code: str
    measure: str
    year: int
    value: int
    reference: str


class TargetOut(BaseModel):
    id: str
    measure: str
    kind: str
    year: int
    met: bool
    value: int
    goal: int
    shortfall: list[str] = Field(description="Divisions short of the target (per-city and coverage targets)")
    overdue: bool = Field(description="Not met and the plan's 2025 deadline has passed")
    reason: str
    basis: list[Basis]


class TargetsOut(BaseModel):
    year: int
    targets: list[TargetOut]


class WelfarePostAllocationIn(Input):
    chosen: Allocation = Field(description="Who got the post")
    eligible_disabled_or_family_applied: bool = Field(description="An eligible disabled person or family applied")


class WelfarePostAllocationOut(BaseModel):
    respects_priority: bool
    reason: str
    basis: list[Basis]
