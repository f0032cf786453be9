"""Request and response bodies of school–venue visits 馆校合作 (二(一)5, W9)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.schemas.common import DivisionCode
from hunan_shared.legal import Basis

SEMESTER = r"^20\d{2}-[12]$"


class SchoolVisitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    school_id: str = Field(min_length=1, max_length=64)
    school_name: str = Field(min_length=2, max_length=200)
    division_code: DivisionCode
    venue_id: str = Field(max_length=36)
    semester: str = Field(pattern=SEMESTER, description="School year and term: 2025-1 autumn, 2025-2 spring")
    activity: str = Field(min_length=2, max_length=200)
    visited_on: dt.date


class SchoolVisitOut(BaseModel):
    id: str
    school_id: str
    school_name: str
    division_code: str
    venue_id: str
    semester: str
    activity: str
    visited_on: dt.date
    recorded_at: dt.datetime


class MissingVisitsOut(BaseModel):
    """R11: schools known to the register with no venue visit in the semester (a warning, not a refusal)."""

    semester: str
    division_code: str
    schools: int
    missing_school_ids: list[str]
    reason: str
    basis: list[Basis]
