"""Response bodies of the accessibility acceptances received from business_env (三同步, R68)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class AccessibilityAcceptanceOut(BaseModel):
    project_id: str
    name: str
    division_code: str
    accepted_on: dt.date
    in_step: bool = Field(description="Accessible facilities designed, built and accepted with the main works")
    missing: list[str] = Field(description="Steps not in step: designed, built, accepted")
    received_at: dt.datetime
