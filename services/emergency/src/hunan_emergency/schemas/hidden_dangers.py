"""HTTP request and response bodies — hidden-danger ledger (W5)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from hunan_emergency.schemas.common import (
    Body,
    hunan_codes,
)
from hunan_shared.legal import Basis


class HiddenDangerIn(Body):
    enterprise: str = Field(min_length=2, max_length=200)
    sector: str = Field(min_length=2, max_length=40)
    element: Literal["PERSON", "OBJECT", "SYSTEM", "TIME_SPACE_ENVIRONMENT"]
    source: Literal[
        "ROUTINE_INSPECTION",
        "ASSIGNED_BY_SUPERIOR",
        "PUBLIC_REPORT",
        "MEDIA_EXPOSURE",
        "REFERRED_BY_OTHER_DEPT",
        "REPORTED_BY_LOWER_DEPT",
        "REPORTED_BY_ENTERPRISE",
    ]
    division_code: str
    description: str = Field(min_length=2, max_length=4000)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return hunan_codes([code])[0]


class IdentifyIn(Body):
    department: str = Field(min_length=2, max_length=200)
    department_level: Literal["province", "city", "county", "township"]
    has_supervision_duty: bool = Field(description="负有安全生产监督管理职责")
    is_major: bool = Field(True, description="False dismisses the report as not a major hidden danger")


class AssignIn(Body):
    assignee: str = Field(min_length=2, max_length=200)
    working_days: int = Field(ge=1, le=365, description="Remediation period in working days (工作日)")
    assigned_on: dt.date | None = Field(None, description="Default today")


class NoteIn(Body):
    note: str = Field(min_length=2, max_length=4000)


class VerifyIn(Body):
    eliminated: bool
    note: str = Field(min_length=2, max_length=4000)


class EntryOut(BaseModel):
    kind: str
    note: str
    deadline: dt.date | None
    at: dt.datetime


class HiddenDangerOut(BaseModel):
    id: str
    enterprise: str
    sector: str
    element: str
    source: str
    division_code: str
    description: str
    state: str
    identified_by: str | None
    assignee: str | None
    assigned_on: dt.date | None
    deadline: dt.date | None
    deadline_provisional: bool
    delisted_on: dt.date | None
    entries: list[EntryOut]
    basis: list[Basis] = Field(default_factory=list)


class OverdueSweepOut(BaseModel):
    notified: list[str]
    basis: list[Basis]
