"""Request and response bodies of care placements."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis

CARE_MODES = ("centralized_care", "day_care", "home_service", "neighbor_mutual_aid", "tuoyang", "respite")


class CareIn(Input):
    person_id: str = Field(max_length=36)
    mode: str = Field(
        pattern="^(" + "|".join(CARE_MODES) + ")$", description="集中照护, 日间照料, 居家服务, 邻里互助, 托养, 喘息服务"
    )
    provider: str = Field(min_length=1, max_length=200)
    start_on: dt.date
    end_on: dt.date | None = None

    @model_validator(mode="after")
    def _dates(self) -> CareIn:
        if self.end_on is not None and self.end_on < self.start_on:
            raise ValueError("end_on is before start_on")
        return self


class CareOut(BaseModel):
    id: str
    person_id: str
    mode: str
    provider: str
    start_on: dt.date
    end_on: dt.date | None
    target_group: bool
    basis: list[Basis] = Field(default_factory=list)
