"""Request and response shapes of regular patrols and professional maintenance (Art. 20)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis
from hunan_trees.rules.classification import ProtectionLevel
from hunan_trees.rules.patrol import Provider, VisitKind


class PatrolIn(BaseModel):
    """A regular patrol or professional maintenance, organised by a department at county level or above."""

    model_config = ConfigDict(extra="forbid")

    kind: VisitKind = Field(description="PATROL (定期巡查) or MAINTENANCE (专业养护)")
    provider: Provider = Field(description="EXPERTS, TECHNICAL_STAFF or PURCHASED_SERVICE (购买服务)")
    performed_by: str = Field(min_length=2, max_length=200, description="The experts, technicians or provider")
    contract_ref: str | None = Field(None, max_length=200, description="Service contract; required for a purchase")
    organising_division: str = Field(pattern=r"^43\d{4}$", description="Organising department's division")
    performed_on: dt.date
    findings: str = Field(min_length=2, max_length=4000)


class PatrolOut(BaseModel):
    id: str
    tree_id: str
    kind: VisitKind
    provider: Provider
    performed_by: str
    contract_ref: str | None
    organising_division: str
    performed_on: dt.date
    findings: str
    recorded_by: str
    recorded_at: dt.datetime
    basis: list[Basis]


class PatrolDueOut(BaseModel):
    tree_id: str
    tree_no: str | None
    division_code: str
    protection_level: ProtectionLevel | None
    interval_days: int
    last_patrol_on: dt.date | None = Field(description="Last regular patrol; null when none since registration")
    since: dt.date = Field(description="Last patrol, or the registration date when none was recorded")
    due_on: dt.date
    days_overdue: int
    reason: str
    basis: list[Basis]
