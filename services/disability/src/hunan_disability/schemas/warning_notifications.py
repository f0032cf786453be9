"""Response bodies of the warning notification lists (R-E1 (h)(i), R60)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class WarningNotificationOut(BaseModel):
    person_id: str
    name: str
    division_code: str
    selection: str = Field(description="open_case (R-E1 a–g) or notify_only (R-E1 h visual/hearing, i elderly)")
    channel: str = Field(description="First contact channel to try (R56, R60)")
    channels: list[str] = Field(description="Every channel in order; an in-person visit always last")
    status: str = Field(description="pending or cancelled (the warning was cancelled)")
    phone: str | None = Field(description="Masked unless the caller holds disability:pii")
    contact_name: str | None
    contact_phone: str | None = Field(description="Masked unless the caller holds disability:pii")
    created_at: dt.datetime
    cancelled_at: dt.datetime | None


class WarningNotificationsOut(BaseModel):
    warning_id: str
    hazard: str
    colour: str
    headline: str
    cancelled: bool
    total: int = Field(description="Persons on the list (all pages)")
    channel_counts: dict[str, int] = Field(description="Persons per first contact channel (all pages)")
    selection_counts: dict[str, int] = Field(description="Persons per R-E1 selection (all pages)")
    items: list[WarningNotificationOut]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, absent on the last page")
