"""Response body of post-disaster tree inspections."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class InspectionOut(BaseModel):
    disaster_id: str
    tree_id: str
    division_code: str
    hazard: str
    status: str
    scheduled_at: dt.datetime
    due_on: dt.date
    due_provisional: bool
