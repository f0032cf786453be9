"""Database tables of the emergency service (its own registry and database)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from hunan_shared.db import AwareDateTime, PlatformTables, new_registry

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


class Disaster(Table, table=True):
    """A disaster or production-safety accident (突发事件) and its response (W1)."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=200)
    category: str = Field(max_length=40, description="NATURAL_DISASTER | PRODUCTION_SAFETY_ACCIDENT")
    hazard: str = Field(max_length=60, description="Natural hazard type (五大灾害) or production-safety sector")
    response_level: str = Field(max_length=3, description="I (highest) to IV")
    state: str = Field(max_length=30, index=True)
    occurred_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    declared_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class DisasterDivision(Table, table=True):
    """An affected division of a disaster (one row per GB/T 2260 code, for filtering by division)."""

    disaster_id: str = Field(foreign_key="disaster.id", primary_key=True, max_length=36)
    division_code: str = Field(primary_key=True, max_length=6, index=True)
