"""Database tables of the disability service (its own registry and database)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from hunan_shared.db import AwareDateTime, PlatformTables, new_registry

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


def _ts(nullable: bool = False):
    return Field(default=None, sa_column=Column(AwareDateTime(), nullable=nullable))


class Person(Table, table=True):
    """A registered disabled person (持证残疾人): identity, disability, residence, household, living situation."""

    id: str = Field(primary_key=True, max_length=36)
    id_number: str = Field(max_length=18, unique=True, description="18-digit resident identity number (PII)")
    name: str = Field(max_length=100)
    sex: str = Field(max_length=6)
    birth_date: dt.date
    category: int = Field(ge=1, le=7, description="Disability category 残疾类别 1–7 (GB/T 26341)")
    component_categories: str = Field(default="", max_length=20, description="For multiple disability: digits, e.g. '24'")
    grade: int = Field(ge=1, le=4, index=True, description="Disability grade 1 (most severe) – 4")
    certificate_number: str = Field(max_length=20, unique=True, description="Third-generation certificate number")
    division_code: str = Field(max_length=6, index=True, description="County of residence 住所地 (GB/T 2260)")
    township: str | None = Field(default=None, max_length=100)
    village: str | None = Field(default=None, max_length=100)
    household_status: str = Field(default="none", max_length=20)
    anti_relapse_monitored: bool = False
    tekun_support: str | None = Field(default=None, max_length=12)
    lives_alone: bool = False
    guardian: str = Field(default="not_a_ward", max_length=20)
    other_carer_present: bool = False
    orphan_or_unsupported_child: bool = False
    home_isolated: bool = False
    phone: str | None = Field(default=None, max_length=20, description="Contact phone (PII)")
    is_demo: bool = Field(default=False, description="Synthetic demo data, never a real person")
    created_at: dt.datetime = _ts()


class Liaison(Table, table=True):
    """A liaison (包保联系人) on the roster of a county, who holds emergency assistance cases."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=100)
    division_code: str = Field(max_length=6, index=True)
    phone: str | None = Field(default=None, max_length=20)
    active: bool = True
    created_at: dt.datetime = _ts()


class AssistanceCase(Table, table=True):
    """An emergency assistance case (急难救助) of one person in one disaster (W6)."""

    __table_args__ = (UniqueConstraint("disaster_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    disaster_id: str = Field(max_length=36, index=True)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    status: str = Field(max_length=20, index=True)
    liaison_id: str | None = Field(default=None, foreign_key="liaison.id", max_length=36, index=True)
    needs_temporary_care: bool = False
    response_level: str = Field(max_length=3)
    opened_at: dt.datetime = _ts()
    first_contact_due: dt.datetime = _ts()
    supplied_at: dt.datetime | None = _ts(nullable=True)
    closed_at: dt.datetime | None = _ts(nullable=True)


class DisasterRecord(Table, table=True):
    """What this service knows of a declared disaster (from emergency's events), to react consistently."""

    id: str = Field(primary_key=True, max_length=36)
    hazard: str = Field(max_length=60)
    response_level: str = Field(max_length=3)
    closed: bool = False
    declared_at: dt.datetime = _ts()


class SupplyRequest(Table, table=True):
    """A supplies request this service sent to emergency for one disaster (counts only)."""

    id: str = Field(primary_key=True, max_length=36)
    disaster_id: str = Field(max_length=36, index=True)
    persons: int
    requested_at: dt.datetime = _ts()
