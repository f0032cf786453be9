"""Request and response bodies of expenditures and the per-disaster emergency lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class ExpenditureOut(BaseModel):
    id: str
    kind: str
    source_ref: str
    source_event_id: str
    disaster_id: str | None
    amount: Decimal
    currency: str
    status: str
    reason: str
    bearer: str | None
    approved_matter_ref: str | None
    division_codes: list[str]
    occurred_at: dt.datetime
    recorded_at: dt.datetime | None
    aftercare_ends_on: dt.date | None = None


class ExpenditureApprovalIn(BaseModel):
    """Record a waiting expenditure under a matter approved by the prescribed procedure (R35)."""

    model_config = ConfigDict(extra="forbid")

    approved_matter_ref: str = Field(
        min_length=3, max_length=200, description="Reference of the approved matter 批准事项"
    )


class EmergencyLineOut(BaseModel):
    disaster_id: str
    hazard: str
    response_level: str
    state: str
    allocated: Decimal
    spent: Decimal
    division_codes: list[str]
    opened_at: dt.datetime
    closed_at: dt.datetime | None
