"""Database tables of the trees service (its own registry and database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from hunan_shared.db import PlatformTables, new_registry, timestamp_field

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


class Tree(Table, table=True):
    """One registered ancient or famous tree 古树名木 — the head record of its file (一树一档, Art. 14)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_no: str | None = Field(
        default=None, max_length=40, unique=True, description="Protection-sign number 编号 (Art. 22)"
    )
    species: str = Field(max_length=100)
    species_latin: str | None = Field(default=None, max_length=100)
    age_years: int = Field(description="Appraised age 树龄 in whole years")
    is_famous: bool = Field(description="名木 finding of the appraisal (Art. 3)")
    famous_basis: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    in_urban_planning_area: bool
    art35_reference: bool = Field(default=False, description="80–99 years, protected by reference (Art. 35)")
    grade: str | None = Field(default=None, max_length=10, index=True)
    protection_level: str | None = Field(default=None, max_length=10)
    recognising_level: str | None = Field(default=None, max_length=10)
    division_code: str = Field(max_length=6, index=True, description="County-level GB/T 2260 code")
    latitude: float
    longitude: float
    land_use: str | None = Field(default=None, max_length=40)
    privately_owned: bool = False
    property_managed: bool | None = None
    in_subdistrict: bool | None = None
    custodian_category: str = Field(max_length=40)
    custodian_name: str | None = Field(default=None, max_length=200)
    status: str = Field(max_length=20, index=True)
    created_at: dt.datetime = timestamp_field()


class HabitatZone(Table, table=True):
    """The habitat protection zone 生境保护范围 of one tree (Art. 23), WGS84 WKT plus its bounding box."""

    __table_args__ = (Index("ix_habitat_zone_bbox", "min_lon", "max_lon", "min_lat", "max_lat"),)

    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36)
    crown_radius_m: float | None = None
    margin_m: float
    geometry_wkt: str = Field(sa_column=Column(Text, nullable=False))
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float
    delineated_at: dt.datetime = timestamp_field()


class Inspection(Table, table=True):
    """A post-disaster inspection 灾后巡查 of one registered tree, at most one per disaster and tree."""

    disaster_id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36)
    division_code: str = Field(max_length=6, index=True)
    hazard: str = Field(max_length=60)
    status: str = Field(max_length=20, index=True)
    scheduled_at: dt.datetime = timestamp_field()
    due_on: dt.date
    due_provisional: bool = Field(description="Due date relied on an unpublished holiday calendar")


class TransplantApplication(Table, table=True):
    """An application for nearby protective transplanting 移植申请 (Arts. 26–28)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    ground: str = Field(max_length=40)
    facts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    applicant: str = Field(max_length=200, description="Applicant organisation 申请移植单位")
    plan_summary: str = Field(sa_column=Column(Text, nullable=False))
    target_latitude: float
    target_longitude: float
    estimated_cost: Decimal = Field(max_digits=14, decimal_places=2)
    funding_secured: bool
    state: str = Field(max_length=20, index=True)
    cost_bearer: str | None = Field(default=None, max_length=40)
    expert_review_ref: str | None = Field(default=None, max_length=200)
    consultation_mode: str | None = Field(default=None, max_length=20)
    consultation_closed_on: dt.date | None = None
    decision_ref: str | None = Field(default=None, max_length=200)
    submitted_at: dt.datetime = timestamp_field()
    decided_at: dt.datetime | None = timestamp_field(nullable=True)
