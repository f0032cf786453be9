"""Request and response bodies of transplant execution and its five-year aftercare (Art. 28)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis
from hunan_trees.schemas.common import Location


class ExecutionIn(BaseModel):
    """Record that an approved transplant was carried out according to its plan (Art. 28)."""

    model_config = ConfigDict(extra="forbid")

    executed_on: dt.date
    site: Location = Field(description="Where the tree now stands (must be the approved target site)")


class AftercareCheckIn(BaseModel):
    """The yearly check of a transplanted tree during aftercare."""

    model_config = ConfigDict(extra="forbid")

    checked_on: dt.date
    condition: Literal["GOOD", "WEAK", "DYING", "DEAD"]
    findings: str = Field(min_length=1, max_length=4000)


class AftercareCheckOut(BaseModel):
    year: int
    due_on: dt.date
    checked_on: dt.date | None
    condition: str | None
    findings: str | None
    overdue: bool


class AftercareOut(BaseModel):
    application_id: str
    tree_id: str
    state: str = Field(description="EXECUTED during aftercare, AFTERCARE_COMPLETED once past aftercare_until")
    cost_bearer: str
    executed_on: dt.date
    site: Location
    previous_site: Location
    aftercare_until: dt.date
    checks: list[AftercareCheckOut]
    basis: list[Basis]
