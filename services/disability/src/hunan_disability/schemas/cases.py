"""Request and response bodies of emergency-assistance cases and liaisons."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from hunan_disability.rules.emergency_assistance import CaseStatus
from hunan_disability.schemas.common import PHONE, Input, county_code
from hunan_shared.legal import Basis


class AssistanceCaseOut(BaseModel):
    id: int
    disaster_id: str
    person_id: str
    division_code: str
    status: str
    liaison_id: str | None
    needs_temporary_care: bool
    response_level: str
    visits: int
    opened_at: dt.datetime
    first_contact_due: dt.datetime
    first_contact_overdue_at: dt.datetime | None = Field(
        None, description="When the first-contact deadline was found passed without a visit (R56), else null"
    )
    last_visit_at: dt.datetime | None
    supplied_at: dt.datetime | None
    closed_at: dt.datetime | None
    contact_channels: list[str]
    basis: list[Basis] = Field(default_factory=list)


class TemporaryCareIn(Input):
    active: bool = Field(description="True: temporary care 临时生活照护 is being provided (R57); False: it ended")


class LiaisonIn(Input):
    name: str = Field(min_length=1, max_length=100)
    division_code: str
    phone: str | None = Field(None, pattern=PHONE)

    @field_validator("division_code")
    @classmethod
    def _roster_is_county(cls, code: str) -> str:
        return county_code(code)


class LiaisonOut(BaseModel):
    id: str
    name: str
    division_code: str
    active: bool
    assigned_now: int = Field(0, description="Waiting cases of the county handed out when this liaison joined")


CASE_STATUS_PATTERN = "^(" + "|".join(s.value for s in CaseStatus) + ")$"
