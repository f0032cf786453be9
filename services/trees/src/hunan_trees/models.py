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


# --- Custodians (Arts. 16–17, 21), participation and use (Arts. 8, 9, 31, 32) -------------------------------


class CustodianAssignment(Table, table=True):
    """Who is the custodian 养护责任人 of a tree, from when to when, and who determined it (Art. 16, W9).

    A construction-unit assignment (16(9)) is bounded by the construction period and overrides the land-use
    assignment during it; `state` is ACTIVE, DISPUTED (until the county department decides) or SUPERSEDED."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    category: str = Field(max_length=40)
    party: str = Field(max_length=200, description="The party the category names (Art. 16 item)")
    party_name: str | None = Field(default=None, max_length=200)
    determined_by: str = Field(max_length=30, description="RULE or COUNTY_DEPT_DECISION")
    project_ref: str | None = Field(default=None, max_length=100)
    valid_from: dt.date
    valid_to: dt.date | None = None
    state: str = Field(max_length=20, index=True)
    dispute_reason: str | None = Field(default=None, max_length=2000)
    decision_ref: str | None = Field(default=None, max_length=200)
    decided_by_division: str | None = Field(default=None, max_length=6)
    created_at: dt.datetime = timestamp_field()


class CustodianAgreement(Table, table=True):
    """A custodian agreement 养护责任书 recording the duties of Art. 18 accepted by the assigned custodian."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    assignment_id: str = Field(foreign_key="custodianassignment.id", max_length=36)
    custodian_name: str = Field(max_length=200)
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None = None
    duties: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = timestamp_field()


class CustodianTraining(Table, table=True):
    """Free maintenance training or technical guidance for custodians (Art. 17)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True, description="Organising department's division")
    held_on: dt.date
    kind: str = Field(max_length=20, description="TRAINING or GUIDANCE")
    topic: str = Field(max_length=500)
    fee_cny: Decimal = Field(max_digits=10, decimal_places=2)
    tree_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    attendees: int
    created_at: dt.datetime = timestamp_field()


class MaintenanceSubsidy(Table, table=True):
    """A maintenance subsidy 养护补助 to a tree's custodian with the three inputs of Art. 21."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    assignment_id: str = Field(foreign_key="custodianassignment.id", max_length=36)
    custodian_name: str | None = Field(default=None, max_length=200)
    granting_division: str = Field(max_length=6)
    year: int
    grade: str | None = Field(default=None, max_length=10)
    is_famous: bool
    condition: str = Field(max_length=10)
    expenditure_cny: Decimal = Field(max_digits=14, decimal_places=2)
    amount_cny: Decimal = Field(max_digits=14, decimal_places=2)
    decision_ref: str = Field(max_length=200)
    granted_at: dt.datetime = timestamp_field()


class Sponsorship(Table, table=True):
    """A donation 捐资 or adoption 认养 of a tree, with an optional limited-term naming right (Art. 8, W11)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    kind: str = Field(max_length=10)
    sponsor_type: str = Field(max_length=12)
    sponsor_name: str = Field(max_length=200)
    amount_cny: Decimal | None = Field(default=None, max_digits=14, decimal_places=2)
    adoption_from: dt.date | None = None
    adoption_to: dt.date | None = None
    naming_from: dt.date | None = None
    naming_to: dt.date | None = None
    naming_text: str | None = Field(default=None, max_length=100)
    planting_credit: bool = False
    state: str = Field(max_length=12, index=True)
    decision_ref: str | None = Field(default=None, max_length=200)
    applied_at: dt.datetime = timestamp_field()
    decided_at: dt.datetime | None = timestamp_field(nullable=True)


class UtilisationActivity(Table, table=True):
    """A registered use of a tree's resources under the department's supervision (Art. 32)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str = Field(foreign_key="tree.id", max_length=36, index=True)
    kind: str = Field(max_length=30)
    operator: str = Field(max_length=200)
    description: str = Field(sa_column=Column(Text, nullable=False))
    inside_habitat_zone: bool
    supervising_branch: str = Field(max_length=20)
    starts_on: dt.date
    ends_on: dt.date | None = None
    registered_at: dt.datetime = timestamp_field()


class InsurancePolicy(Table, table=True):
    """An insurance policy a county-or-above government bought for trees of its area (Art. 31)."""

    id: str = Field(primary_key=True, max_length=36)
    policy_no: str = Field(max_length=60, unique=True)
    division_code: str = Field(max_length=6, index=True, description="The insuring government's division")
    insurer: str = Field(max_length=200)
    starts_on: dt.date
    ends_on: dt.date
    premium_cny: Decimal = Field(max_digits=14, decimal_places=2)
    sum_insured_cny: Decimal = Field(max_digits=16, decimal_places=2)
    tree_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    registered_at: dt.datetime = timestamp_field()


class InsuredTree(Table, table=True):
    """Which trees a policy covers (for the per-tree lookup)."""

    policy_id: str = Field(primary_key=True, foreign_key="insurancepolicy.id", max_length=36)
    tree_id: str = Field(primary_key=True, foreign_key="tree.id", max_length=36, index=True)


class PublicReport(Table, table=True):
    """A report 举报 from a unit or individual about damage to a tree, its sign or facilities (Art. 9)."""

    id: str = Field(primary_key=True, max_length=36)
    tree_id: str | None = Field(default=None, foreign_key="tree.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    subject: str = Field(max_length=10)
    act: str | None = Field(default=None, max_length=40)
    description: str = Field(sa_column=Column(Text, nullable=False))
    latitude: float
    longitude: float
    routed_to: str = Field(max_length=20)
    branch: str = Field(max_length=20)
    state: str = Field(max_length=12, index=True)
    outcome: str | None = Field(default=None, max_length=2000)
    received_at: dt.datetime = timestamp_field()
    closed_at: dt.datetime | None = timestamp_field(nullable=True)


# Longitude extent of a zone's bounding box, indexed so the habitat check can find the few wide zones without a
# scan (see use_cases/habitat_index.py).
HABITAT_LON_SPAN = HabitatZone.__table__.c.max_lon - HabitatZone.__table__.c.min_lon  # type: ignore[attr-defined]
Index("ix_habitat_zone_lon_span", HABITAT_LON_SPAN)
