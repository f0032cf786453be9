"""Request and response bodies of the competent-department register (Art. 3)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.schemas.common import HunanDivision
from hunan_shared.legal import Basis


class DesignationIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "division_code": "430300",
                    "department": "湘潭市发展和改革委员会",
                    "first_responsible_post": "市长",
                    "designated_on": "2022-03-01",
                }
            ]
        },
    )

    division_code: HunanDivision
    department: str = Field(min_length=2, max_length=200)
    first_responsible_post: str = Field(
        min_length=1, max_length=100, description="Post of the government's principal head, the first responsible"
    )
    designated_on: dt.date


class DesignationOut(BaseModel):
    id: str
    division_code: str
    department: str
    first_responsible_post: str
    designated_on: dt.date
    created_at: dt.datetime


class DesignationGapsOut(BaseModel):
    within: str
    required: int
    missing: list[str]
    reason: str
    basis: list[Basis]
