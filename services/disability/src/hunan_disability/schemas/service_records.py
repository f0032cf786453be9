"""Request and response bodies of service records."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class ServiceRecordIn(Input):
    person_id: str = Field(max_length=36)
    kind: str = Field(pattern="^(rehabilitation|assistive_device)$")
    item: str = Field(min_length=1, max_length=100, description="e.g. 'physical therapy', 'wheelchair'")
    status: str = Field(pattern="^(needed|provided)$")
    recorded_on: dt.date


class ServiceRecordOut(BaseModel):
    id: str
    person_id: str
    kind: str
    item: str
    status: str
    subsidised: bool
    recorded_on: dt.date
    basis: list[Basis] = Field(default_factory=list)
