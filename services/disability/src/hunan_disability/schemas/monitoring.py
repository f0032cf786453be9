"""Request and response bodies of coverage comparisons and risk alerts."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from hunan_disability.rules.monitoring import Coverage
from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class ExternalCoverage(Input):
    """Data-sharing result for one person (医保, 养老, 社会救助, 危房改造 from the owning agencies)."""

    person_id: str = Field(max_length=36)
    eligible: list[Coverage] = Field(default_factory=list, max_length=10)
    covered: list[Coverage] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _external_only(self) -> ExternalCoverage:
        own = {Coverage.LIVING_SUBSIDY, Coverage.NURSING_SUBSIDY}
        if own & (set(self.eligible) | set(self.covered)):
            raise ValueError("the two subsidies are compared from this service's own records; omit them")
        return self


class ComparisonIn(Input):
    run_on: dt.date
    persons: list[ExternalCoverage] = Field(min_length=1, max_length=5000)


class RiskAlertOut(BaseModel):
    id: str
    run_id: str
    person_id: str
    division_code: str
    rule_code: str
    programme: str
    severity: str
    status: str
    follow_up: str | None
    created_at: dt.datetime
    resolved_at: dt.datetime | None


class ComparisonOut(BaseModel):
    run_id: str
    run_on: dt.date
    persons: int
    alerts: list[RiskAlertOut]
    basis: list[Basis]


class FollowUpIn(Input):
    note: str = Field(min_length=1, max_length=1000)
    resolved: bool = False
