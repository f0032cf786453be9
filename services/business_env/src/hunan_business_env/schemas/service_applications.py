"""Request and response bodies of the electronic efficiency supervision of service applications (Art. 26, R49)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.efficiency import ApplicationState, EfficiencyStatus
from hunan_business_env.schemas.common import DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


class ServiceApplicationIn(BaseModel):
    """An application accepted (受理) for a catalogue service item."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "item_code": "HN-XK-0001",
                    "item_division": "430000",
                    "handling_division_code": "430104",
                    "applicant": "长沙某食品贸易有限公司",
                    "accepted_on": "2024-09-23",
                }
            ]
        },
    )

    item_code: str = Field(pattern=r"^[0-9A-Za-z_-]{2,40}$")
    item_division: HunanDivision = Field(description="The catalogue entry applied under: 430000 or a local variant")
    handling_division_code: HunanDivision
    applicant: str = Field(min_length=2, max_length=200)
    accepted_on: dt.date


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decided_on: dt.date = Field(description="办结: the day the application was decided")


class ServiceApplicationOut(BaseModel):
    id: str
    item_code: str
    item_division: str
    department: str
    handling_division_code: str
    applicant: str
    accepted_on: dt.date
    time_limit_working_days: int
    due: DeadlineOut
    state: ApplicationState
    decided_on: dt.date | None
    status: EfficiencyStatus = Field(description="Real-time status against the promised time limit (Art. 26 para 2)")
    basis: list[Basis] = Field(default_factory=list)


class EfficiencyOut(BaseModel):
    """效能评价 of the applications selected (Art. 26 para 2)."""

    as_of: dt.date
    counts: dict[EfficiencyStatus, int]
    decided: int
    on_time_rate: float | None = Field(description="Share of decided applications decided on time; null if none")
    warning_working_days: int
    basis: list[Basis]
