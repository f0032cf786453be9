"""HTTP request and response bodies — emergency plans and drills (W7)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from hunan_emergency.schemas.common import (
    Body,
    DivisionBody,
    VerdictOut,
)
from hunan_shared.legal import Basis

PlanTierName = Literal[
    "OVERALL", "SPECIAL", "DEPARTMENTAL", "UNIT", "GRASSROOTS", "ENTERPRISE", "TOWNSHIP_SPECIAL", "ON_SITE_DISPOSAL"
]


class PlanIn(DivisionBody):
    title: str = Field(min_length=2, max_length=200)
    tier: PlanTierName
    owner: str = Field(min_length=2, max_length=200)
    hazard: str | None = Field(None, max_length=60)
    has_annual_drill_plan: bool = False


class PlanActionIn(Body):
    action: Literal["evaluate", "approve", "publish", "mark_revision_due", "revise", "supersede"]
    on: dt.date | None = Field(
        None, description="Date of a publication (default today); the R47 clock of an undrilled plan"
    )


class DrillCheckOut(BaseModel):
    """R47: the comprehensive drill every two years (SPECIAL plans)."""

    last_comprehensive_drill: dt.date | None
    clock_from: dt.date | None = Field(description="The last comprehensive drill, else the publication date")
    due: dt.date | None
    overdue: bool | None
    reason: str
    basis: list[Basis]


class PlanOut(BaseModel):
    id: str
    title: str
    tier: str
    owner: str
    division_code: str
    hazard: str | None
    has_annual_drill_plan: bool
    state: str
    published_on: dt.date | None
    drill_check: DrillCheckOut | None = Field(description="R47 (SPECIAL plans only)")
    programme_gaps: VerdictOut = Field(description="R48: annual drill plan, evaluated and reported drills")
    basis: list[Basis] = Field(default_factory=list)


class DrillIn(Body):
    title: str = Field(min_length=2, max_length=200)
    comprehensive: bool = Field(description="综合应急演练 (counts for the two-year rule R47)")
    planned_on: dt.date


class ConductIn(Body):
    conducted_on: dt.date
    mode: Literal["ANNOUNCED", "DOUBLE_BLIND"]
    time_withheld: bool = False
    place_withheld: bool = False
    content_withheld: bool = False

    @field_validator("conducted_on")
    @classmethod
    def _past(cls, day: dt.date) -> dt.date:
        if day > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("lies in the future")
        return day


class DrillOut(BaseModel):
    id: str
    plan_id: str
    title: str
    comprehensive: bool
    planned_on: dt.date
    state: str
    recorded_mode: str | None
    mode: str | None
    conducted_on: dt.date | None
    evaluation: str | None
    report: str | None
    basis: list[Basis] = Field(default_factory=list)


class OverduePlanOut(BaseModel):
    plan: PlanOut
    as_of: dt.date


class PlanSystemOut(BaseModel):
    """名词解释9 "1+N+X" (R46): one government's plans that are not superseded."""

    division_code: str
    overall: int
    special: int
    departmental: int
    sound: bool
    problems: list[str]
    reason: str
    basis: list[Basis]
