"""Database tables of the science service (its own registry and database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Column, Numeric
from sqlmodel import Field, SQLModel

from hunan_shared.db import AwareDateTime, PlatformTables, new_registry

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


class Venue(Table, table=True):
    """A science venue or base 科普场馆/基地 (三(三), W4)."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    venue_type: str = Field(max_length=40, index=True)
    level: str = Field(max_length=20)
    division_code: str = Field(max_length=6, index=True)
    operator_type: str = Field(max_length=30)
    exhibition_hall_area_m2: Decimal = Field(
        sa_column=Column(Numeric(12, 2), nullable=False), description="科普展厅面积 (R15)"
    )
    free_opening: bool = False
    open_to_public: bool = True
    emergency_role: bool = Field(default=False, description="Can host emergency science briefings (W1)")
    accessibility_features: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    funding_level: str | None = Field(
        default=None, max_length=20, description="NR-707: CITY_COUNTY for city/county natural-resources bases"
    )
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Campaign(Table, table=True):
    """An emergency science popularisation campaign 应急科普行动 (三(四)1, W1): one per disaster or warning."""

    id: str = Field(primary_key=True, max_length=36)
    disaster_id: str | None = Field(default=None, max_length=36, unique=True)
    warning_id: str | None = Field(default=None, max_length=36, unique=True)
    hazard: str = Field(max_length=60)
    mode: str = Field(default="EMERGENCY", max_length=20)
    state: str = Field(max_length=20, index=True)
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    work_streams: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    formats: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    launched_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    closed_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))


class CampaignDivision(Table, table=True):
    campaign_id: str = Field(foreign_key="campaign.id", primary_key=True, max_length=36)
    division_code: str = Field(primary_key=True, max_length=6, index=True)


class AccessibilityNeed(Table, table=True):
    """Latest channel counts disability summarised for a disaster (kept even before its campaign exists,
    since the two events travel on different topics)."""

    disaster_id: str = Field(primary_key=True, max_length=36)
    channel: str = Field(primary_key=True, max_length=40)
    persons: int
    summarized_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
