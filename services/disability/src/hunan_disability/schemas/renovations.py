"""Request and response bodies of accessibility renovations."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from hunan_disability.rules.services import RenovationStatus
from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class RenovationIn(Input):
    person_id: str = Field(max_length=36)


class RenovationStatusIn(Input):
    status: RenovationStatus


class RenovationOut(BaseModel):
    id: str
    household_key: str
    person_id: str
    division_code: str
    severe_member: bool
    household_status: str
    status: str
    registered_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


class RenovationProgressOut(BaseModel):
    accepted: int
    target: int
    active_in_pool: int
    reason: str
    basis: list[Basis]
