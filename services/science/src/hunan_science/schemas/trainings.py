"""Request and response bodies of training records (W5)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_science.rules.programmes import TrainingProgramme
from hunan_science.schemas.common import DivisionCode


class TrainingIn(BaseModel):
    """One trained person (science counsellors, rural entrepreneurship leaders: counted in persons) or a class
    (farmer and skills trainings: counted in person-times, 人次)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "programme": "SCI_COUNSELLOR",
                    "person_id": "t-4301-0001",
                    "division_code": "430102",
                    "mode": "OFFLINE",
                    "trained_on": "2025-03-14",
                }
            ]
        },
    )

    programme: TrainingProgramme
    person_id: str | None = Field(None, min_length=1, max_length=64, description="Pseudonymous person id")
    person_times: int = Field(1, ge=1, le=1_000_000, description="人次 this record stands for")
    division_code: DivisionCode
    mode: Literal["ONLINE", "OFFLINE"]
    platform: str | None = Field(None, max_length=100, description="e.g. 湘农科教云")
    trained_on: dt.date


class TrainingOut(BaseModel):
    id: str
    programme: str
    person_id: str | None
    person_times: int
    year: int
    division_code: str
    mode: str
    platform: str | None
    trained_on: dt.date
    recorded_at: dt.datetime
