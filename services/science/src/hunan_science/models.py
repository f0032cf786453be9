"""Database tables of the science service (its own registry and database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Column, Numeric
from sqlmodel import Field, SQLModel

from hunan_shared.db import AwareDateTime, PlatformTables, new_registry
from hunan_shared.money import money_column

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
    mode: str = Field(default="EMERGENCY", max_length=20)  # EMERGENCY 应急宣传 | PEACETIME 日常宣教 (三(四)1)
    title: str | None = Field(default=None, max_length=200, description="Manual and peacetime campaigns")
    awareness_day: str | None = Field(default=None, max_length=40, description="W2: the awareness day it serves")
    state: str = Field(max_length=20, index=True)
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    work_streams: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    formats: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    response_level: str | None = Field(default=None, max_length=3, description="I (highest) … IV; scales channels")
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))
    level_changed_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))
    launched_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    closed_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))
    triggered_at: dt.datetime | None = Field(
        default=None, sa_column=Column(AwareDateTime(), nullable=True), description="Declaration or warning time (SLA)"
    )
    publication_due_at: dt.datetime | None = Field(
        default=None, sa_column=Column(AwareDateTime(), nullable=True), description="W1 SLA: first content due by"
    )
    first_published_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))
    publication_overdue_at: dt.datetime | None = Field(
        default=None, sa_column=Column(AwareDateTime(), nullable=True), description="When the SLA lapse was announced"
    )


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


# --- indicators and the registers behind them (一(二), 二, 三, 四(四)) -------------------------------------


class Survey(Table, table=True):
    """A measured level: citizen science literacy (一(二), 四(四)), resident health literacy (三(四)3) or the
    resident population a per-10,000 indicator divides by (三(四)3)."""

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=20, index=True)  # LITERACY | HEALTH_LITERACY | RESIDENTS
    year: int = Field(index=True)
    division_code: str = Field(max_length=6, index=True)
    value: Decimal = Field(sa_column=Column(Numeric(14, 2), nullable=False))
    national_average: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 2), nullable=True))
    method: str = Field(max_length=200)
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Training(Table, table=True):
    """A training record (W5): one person (persons-counted programmes) or a class of person-times."""

    id: str = Field(primary_key=True, max_length=36)
    programme: str = Field(max_length=30, index=True)
    person_id: str | None = Field(default=None, max_length=64, index=True)  # pseudonymous, never a name
    person_times: int = 1
    year: int = Field(index=True)
    division_code: str = Field(max_length=6, index=True)
    mode: str = Field(max_length=10)  # ONLINE | OFFLINE
    platform: str | None = Field(default=None, max_length=100)
    trained_on: dt.date
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class InnovationProject(Table, table=True):
    """A university innovation and entrepreneurship training project 大学生创新创业训练计划项目 (W6, 二(一)3)."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=300)
    university: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    year: int = Field(index=True)
    level: str = Field(max_length=12, index=True)
    state: str = Field(max_length=12, index=True)
    submitted_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    decided_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))


class Pairing(Table, table=True):
    """A chamber of commerce or private enterprise paired with a village 万企兴万村 (二(二)3, R6)."""

    id: str = Field(primary_key=True, max_length=36)
    organisation: str = Field(max_length=200, index=True)
    organisation_kind: str = Field(max_length=30)
    organiser_level: str = Field(max_length=12)
    village: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    pairing_type: str = Field(max_length=20)
    year: int = Field(index=True)
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Commissioner(Table, table=True):
    """A science and technology commissioner 科技特派员 dispatched to a county (二(二)3, R7)."""

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(max_length=64, index=True)
    dispatched_by: str = Field(max_length=12)  # PROVINCE | PREFECTURE | COUNTY
    division_code: str = Field(max_length=6, index=True)
    speciality: str = Field(max_length=100)
    year: int = Field(index=True)
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class TeacherQuota(Table, table=True):
    """A county's request for state-funded directed science-teacher trainees and what it got (二(一)7, R4)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    year: int = Field(index=True)
    requested: int
    granted: int
    met: bool
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Designation(Table, table=True):
    """A designation the plan counts (bases, studios, schools, majors, health-promotion counties, embedded
    platforms): S11–S17, S22, S24, R26."""

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=30, index=True)
    name: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    year: int = Field(index=True)
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class SchoolVisit(Table, table=True):
    """A school's science lesson at a venue in a semester 馆校合作 (二(一)5, R11, W9)."""

    id: str = Field(primary_key=True, max_length=36)
    school_id: str = Field(max_length=64, index=True)
    school_name: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    venue_id: str = Field(foreign_key="venue.id", max_length=36)
    semester: str = Field(max_length=7, index=True)  # 2024-1 (autumn term of 2024/25) | 2024-2 (spring)
    activity: str = Field(max_length=200)
    visited_on: dt.date
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class LocalPlan(Table, table=True):
    """A 市州 or county implementation plan 具体实施计划和办法 and its assessments (四(一)2, 四(四), W10)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, unique=True)
    title: str = Field(max_length=300)
    state: str = Field(max_length=12, index=True)  # DRAFTED | APPROVED
    approved_on: dt.date | None = None
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class Evaluation(Table, table=True):
    """An inspection or evaluation (四(二)1, 四(四)): the 2023 mid-term inspection, the 2025 final evaluation and
    the annual assessment of a local plan (同考核、同奖惩)."""

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=24, index=True)  # MID_TERM_INSPECTION | FINAL_EVALUATION | ANNUAL_ASSESSMENT
    year: int = Field(index=True)
    division_code: str = Field(max_length=6, index=True)
    rating: str = Field(max_length=20)
    findings: str = Field(max_length=2000)
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class VolunteerTeam(Table, table=True):
    """A science and technology volunteer team 科技志愿服务队 (三(四)2, R25)."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    organisation_type: str = Field(max_length=30)
    division_code: str = Field(max_length=6, index=True)
    members: int
    skills: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class VolunteerDispatch(Table, table=True):
    """A request for volunteers in a division, matched to a team and dispatched (W8); campaigns use it to reach
    the grassroots (直达基层, 三(四)1)."""

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    purpose: str = Field(max_length=300)
    campaign_id: str | None = Field(default=None, foreign_key="campaign.id", max_length=36)
    team_id: str | None = Field(default=None, foreign_key="volunteerteam.id", max_length=36)
    state: str = Field(max_length=12, index=True)
    requested_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


# --- content library and what campaigns publish (三(二), 三(四)1; W1, W3) ------------------------------------


class ContentItem(Table, table=True):
    """A science-popularisation work in the library 科普资源 (三(二)1): its topics, hazards, audiences, medium, the
    accessible variants it has, reading level, expert review, and whether it is held in the emergency reserve
    (储备, 三(四)1)."""

    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=300)
    medium: str = Field(max_length=10)  # TEXT | VIDEO | AUDIO | IMAGE
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    hazards: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    audiences: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    variants: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reading_level: str = Field(max_length=10)  # EASY | GENERAL | ADVANCED
    reserve: bool = Field(default=False, index=True)
    state: str = Field(max_length=14, index=True)  # DRAFT | APPROVED | REJECTED
    reviewer: str | None = Field(default=None, max_length=200)
    review_note: str | None = Field(default=None, max_length=1000)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class CampaignItem(Table, table=True):
    """A library item selected for a campaign: published once it passes the accessibility gate, else blocked with
    the variants it lacks; withdrawn (back to the reserve) when the campaign closes."""

    campaign_id: str = Field(foreign_key="campaign.id", primary_key=True, max_length=36)
    content_id: str = Field(foreign_key="contentitem.id", primary_key=True, max_length=36)
    state: str = Field(max_length=10, index=True)  # PUBLISHED | BLOCKED | WITHDRAWN
    missing: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reach: int = 0
    weight: int = Field(
        default=1,
        sa_column_kwargs={"server_default": "1"},
        description="W1: highest region-risk weight of the item (emergency plan 专栏8)",
    )
    division_order: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )  # the campaign's divisions, highest weight first
    published_at: dt.datetime | None = Field(default=None, sa_column=Column(AwareDateTime(), nullable=True))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class RegionRisk(Table, table=True):
    """The recorded risk of a division for a hazard and its most exposed groups (emergency plan 专栏8: 不同地域
    风险、不同人群需求), used to weight what an emergency campaign pushes where (W1)."""

    division_code: str = Field(primary_key=True, max_length=6)
    hazard: str = Field(primary_key=True, max_length=60)
    level: str = Field(max_length=10)  # HIGH | MEDIUM | LOW
    audiences: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    source: str = Field(max_length=300)
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


# --- W4: certification and the museum post-completion subsidy ---------------------------------------------------


class Certification(Table, table=True):
    """A venue's certification as a science base (W4, 三(三)3): applied, assessed, certified at a level,
    reviewed each year, renewed or revoked."""

    id: str = Field(primary_key=True, max_length=36)
    venue_id: str = Field(foreign_key="venue.id", max_length=36, index=True)
    level: str = Field(max_length=20)
    state: str = Field(max_length=14, index=True)
    certified_on: dt.date | None = None
    last_review_year: int | None = None
    note: str | None = Field(default=None, max_length=1000)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class MuseumSubsidy(Table, table=True):
    """A science museum's provincial post-completion subsidy 省级财政后补助 (三(三)2, R16, W4): built, accepted,
    claimed (sent to budget as an event), paid. One per museum."""

    id: str = Field(primary_key=True, max_length=36)
    venue_id: str = Field(foreign_key="venue.id", max_length=36, unique=True)
    division_code: str = Field(max_length=6, index=True)
    population: int
    conditions_met: bool
    state: str = Field(max_length=16, index=True)
    accepted_on: dt.date | None = None
    amount: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    payment_ref: str | None = Field(default=None, max_length=100)
    created_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


# --- R33 funding and R34 rumour debunking ----------------------------------------------------------------------


class ContentGrant(Table, table=True):
    """A grant under the science-creation funding plan or the sci-fi support plan (三(二)1–2, R33)."""

    id: str = Field(primary_key=True, max_length=36)
    category: str = Field(max_length=20, index=True)
    recipient: str = Field(max_length=200)
    project_title: str = Field(max_length=300)
    content_id: str | None = Field(default=None, foreign_key="contentitem.id", max_length=36)
    funder: str = Field(max_length=200)
    amount: Decimal = Field(sa_column=money_column())
    year: int = Field(index=True)
    division_code: str = Field(max_length=6, index=True)
    recorded_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))


class RumourDebunk(Table, table=True):
    """A rumour answered on the science rumour-debunking platform 科学辟谣平台 (三(二)4, R34), optionally within
    an emergency campaign's opinion-guidance stream (三(四)1)."""

    id: str = Field(primary_key=True, max_length=36)
    claim: str = Field(max_length=1000)
    rebuttal_content_id: str = Field(foreign_key="contentitem.id", max_length=36)
    campaign_id: str | None = Field(default=None, foreign_key="campaign.id", max_length=36, index=True)
    hazard: str | None = Field(default=None, max_length=60)
    division_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    published_at: dt.datetime = Field(sa_column=Column(AwareDateTime(), nullable=False))
