"""Database tables of the disability service (its own registry and database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Column, Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from hunan_shared.db import PlatformTables, new_registry, timestamp_field
from hunan_shared.money import money_column

registry = new_registry()
metadata = registry.metadata
platform_tables = PlatformTables.attach(metadata)


class Table(SQLModel, registry=registry):
    """Base class of this service's tables."""


def _money():
    return Field(sa_column=money_column())


# --- Register ------------------------------------------------------------------------------------


class Person(Table, table=True):
    """A registered disabled person (持证残疾人): identity, disability, residence, household, living situation."""

    __table_args__ = (
        # The person list: filtered by county, ordered by (created_at, id) — one ordered range per county.
        Index("ix_person_division_code_created_at_id", "division_code", "created_at", "id"),
        # Unfiltered or city-wide lists walk this in order and stop after a page (no sort of the city).
        Index("ix_person_created_at_id", "created_at", "id"),
    )

    id: str = Field(primary_key=True, max_length=36)
    id_number: str = Field(max_length=18, unique=True, description="18-digit resident identity number (PII)")
    name: str = Field(max_length=100)
    sex: str = Field(max_length=6)
    birth_date: dt.date
    category: int = Field(ge=1, le=7, description="Disability category 残疾类别 1–7 (GB/T 26341)")
    component_categories: str = Field(
        default="", max_length=20, description="For multiple disability: digits, e.g. '24'"
    )
    grade: int = Field(ge=1, le=4, index=True, description="Disability grade 1 (most severe) – 4")
    certificate_number: str = Field(max_length=20, unique=True, description="Third-generation certificate number")
    division_code: str = Field(max_length=6, index=True, description="County of residence 住所地 (GB/T 2260)")
    township: str | None = Field(default=None, max_length=100)
    village: str | None = Field(default=None, max_length=100)
    household_id: str | None = Field(default=None, max_length=36, index=True, description="Household 户 identifier")
    household_status: str = Field(default="none", max_length=20)
    anti_relapse_monitored: bool = False
    tekun_support: str | None = Field(default=None, max_length=12)
    lives_alone: bool = False
    guardian: str = Field(default="not_a_ward", max_length=20)
    other_carer_present: bool = False
    orphan_or_unsupported_child: bool = False
    home_isolated: bool = False
    needs_long_term_care: bool = Field(default=False, description="Assessed long-term care need (护理补贴 base route)")
    phone: str | None = Field(default=None, max_length=20, description="Contact phone (PII)")
    contact_name: str | None = Field(default=None, max_length=100, description="Emergency contact (PII)")
    contact_phone: str | None = Field(default=None, max_length=20, description="Emergency contact phone (PII)")
    is_demo: bool = Field(default=False, description="Synthetic demo data, never a real person")
    created_at: dt.datetime = timestamp_field()


# --- Emergency assistance (W6) ---------------------------------------------------------------------


class Liaison(Table, table=True):
    """A liaison (包保联系人) on the roster of a county, who holds emergency assistance cases."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=100)
    division_code: str = Field(max_length=6, index=True)
    phone: str | None = Field(default=None, max_length=20)
    active: bool = True
    created_at: dt.datetime = timestamp_field()


class AssistanceCase(Table, table=True):
    """An emergency assistance case (急难救助) of one person in one disaster (W6)."""

    __table_args__ = (
        UniqueConstraint("disaster_id", "person_id"),  # also serves lookups by disaster alone
        # Case lists and the fan-out's per-disaster counts, filtered by status or by county.
        Index("ix_assistancecase_disaster_id_status", "disaster_id", "status"),
        Index("ix_assistancecase_disaster_id_division_code", "disaster_id", "division_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    disaster_id: str = Field(max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    status: str = Field(max_length=20, index=True)
    liaison_id: str | None = Field(default=None, foreign_key="liaison.id", max_length=36, index=True)
    needs_temporary_care: bool = False
    response_level: str = Field(max_length=3)
    visits: int = 0
    opened_at: dt.datetime = timestamp_field()
    first_contact_due: dt.datetime = timestamp_field()
    # set once by the `first-contact-overdue` job when the deadline passed without a visit (R56)
    first_contact_overdue_at: dt.datetime | None = timestamp_field(nullable=True)
    last_visit_at: dt.datetime | None = timestamp_field(nullable=True)
    supplied_at: dt.datetime | None = timestamp_field(nullable=True)
    closed_at: dt.datetime | None = timestamp_field(nullable=True)


class DisasterRecord(Table, table=True):
    """What this service knows of a declared disaster (from emergency's events), to react consistently."""

    id: str = Field(primary_key=True, max_length=36)
    hazard: str = Field(max_length=60)
    response_level: str = Field(max_length=3)
    closed: bool = False
    declared_at: dt.datetime = timestamp_field()


class DisasterDivision(Table, table=True):
    """A county covered by a disaster this service knows of (from the declaration, extensions, level changes).

    Lets a change of a person's facts find the open disasters covering their county (R-E1 on a register update).
    """

    disaster_id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(primary_key=True, max_length=6, index=True)


class WarningRecord(Table, table=True):
    """What this service knows of an early warning (预警) from emergency's events."""

    id: str = Field(primary_key=True, max_length=36)
    hazard: str = Field(max_length=60)
    colour: str = Field(max_length=6)
    headline: str = Field(default="", max_length=500)
    issued_at: dt.datetime | None = timestamp_field(nullable=True)
    expires_at: dt.datetime | None = timestamp_field(nullable=True)
    cancelled_at: dt.datetime | None = timestamp_field(nullable=True)


class WarningNotification(Table, table=True):
    """One person on a warning's accessible notification list (R-E1 (h)(i) plus every (a)–(g) person, R60)."""

    __table_args__ = (
        UniqueConstraint("warning_id", "person_id"),  # also serves the per-warning list and counts
        Index("ix_warningnotification_warning_id_channel", "warning_id", "channel"),
    )

    id: int | None = Field(default=None, primary_key=True)
    warning_id: str = Field(foreign_key="warningrecord.id", max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    division_code: str = Field(max_length=6)
    selection: str = Field(max_length=12, description="open_case (R-E1 a–g) or notify_only (R-E1 h–i)")
    channel: str = Field(max_length=30, description="First contact channel to try (R56, R60)")
    channels: str = Field(max_length=200, description="Every channel in order, comma-separated")
    status: str = Field(default="pending", max_length=12)
    created_at: dt.datetime = timestamp_field()
    cancelled_at: dt.datetime | None = timestamp_field(nullable=True)


class SupplyRequest(Table, table=True):
    """A supplies request this service sent to emergency for one disaster (counts only)."""

    id: str = Field(primary_key=True, max_length=36)
    disaster_id: str = Field(max_length=36, index=True)
    persons: int
    requested_at: dt.datetime = timestamp_field()


# --- Two subsidies (两项补贴, R5–R7) ------------------------------------------------------------------


class SubsidyStandard(Table, table=True):
    """A dated monthly standard 补贴标准 of one subsidy for one division (R7 dynamic adjustment)."""

    __table_args__ = (UniqueConstraint("program", "division_code", "effective_from"),)

    id: str = Field(primary_key=True, max_length=36)
    program: str = Field(max_length=20, index=True)
    division_code: str = Field(max_length=6, index=True)
    amount: Decimal = _money()
    effective_from: dt.date
    reference: str = Field(default="", max_length=200, description="The local document that set the standard")
    created_at: dt.datetime = timestamp_field()


class SubsidyGrant(Table, table=True):
    """An approved subsidy of one person (资格认定); paid from the month after approval until stopped."""

    __table_args__ = (UniqueConstraint("person_id", "program"),)

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    program: str = Field(max_length=20)
    approved_on: dt.date
    reason: str = Field(max_length=300)
    stopped_on: dt.date | None = None
    stop_reason: str | None = Field(default=None, max_length=300)
    created_at: dt.datetime = timestamp_field()


class SubsidyExtension(Table, table=True):
    """A division's choice on one subsidy extension switch (R5/R6 "有条件的地区可…扩大"): each city or county
    decides; a county without a row follows its prefecture, then the province, then the service settings."""

    division_code: str = Field(primary_key=True, max_length=6)
    switch: str = Field(primary_key=True, max_length=60)
    enabled: bool
    reference: str = Field(default="", max_length=200, description="The local document that decided it")
    updated_at: dt.datetime = timestamp_field()


class PayrollRun(Table, table=True):
    """One monthly payroll run; the primary key makes a month run once."""

    month: str = Field(primary_key=True, max_length=7)
    recipients: int
    total: Decimal = _money()
    completed_at: dt.datetime = timestamp_field()


class SubsidyPayment(Table, table=True):
    """One person's payment of one subsidy in one month; unique so no month pays anyone twice."""

    __table_args__ = (UniqueConstraint("month", "person_id", "program"),)

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7, index=True)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    program: str = Field(max_length=20)
    grant_id: str = Field(foreign_key="subsidygrant.id", max_length=36)
    division_code: str = Field(max_length=6)
    standard_id: str = Field(foreign_key="subsidystandard.id", max_length=36)
    amount: Decimal = _money()


# --- Employment (三(三), 专栏5) ---------------------------------------------------------------------


class Employer(Table, table=True):
    """An employer 用人单位 subject to proportional employment (按比例就业)."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    unit_type: str = Field(max_length=30)
    admin_level: str = Field(max_length=12)
    institution_subtype: str = Field(default="other", max_length=30)
    division_code: str = Field(max_length=6, index=True)
    authorized_headcount: int = Field(description="编制 (the R36 test uses it, not staff in post)")
    created_at: dt.datetime = timestamp_field()


class QuotaReview(Table, table=True):
    """An annual proportional-employment review 按比例就业年审 of one employer (专栏10·6, R36–R38)."""

    __table_args__ = (UniqueConstraint("employer_id", "year"),)

    id: str = Field(primary_key=True, max_length=36)
    employer_id: str = Field(foreign_key="employer.id", max_length=36, index=True)
    year: int
    in_post_staff: int
    severe_disabled_employees: int
    other_disabled_employees: int
    counted: int
    required: Decimal = Field(sa_column=Column(Numeric(12, 3), nullable=False))
    meets_ratio: bool
    over_quota: bool
    shortfall: int
    project_status: str = Field(max_length=20)
    dpf_cadres_compliant: bool | None = None
    created_at: dt.datetime = timestamp_field()


class WelfarePostReport(Table, table=True):
    """A county's public-welfare posts 公益性岗位 in a year and how many disabled persons or family hold (R31)."""

    __table_args__ = (UniqueConstraint("division_code", "year"),)

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    year: int
    total_posts: int
    held_by_disabled_or_family: int
    compliant: bool
    created_at: dt.datetime = timestamp_field()


class DibaoReview(Table, table=True):
    """A review of an employed person's 低保 household (三(三)1, R4 gradual exit 渐退期)."""

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    reviewed_on: dt.date
    per_capita_income: Decimal = _money()
    dibao_standard: Decimal = _money()
    status: str = Field(max_length=20)
    exit_on: dt.date | None = None
    reason: str = Field(max_length=300)
    created_at: dt.datetime = timestamp_field()


class DibaoApplication(Table, table=True):
    """An application for 低保 as a single-person household (专栏3·资金类·1, R2): a severely disabled person of a
    低保-marginal household applies (or their guardian, for a person lacking capacity); the county decides."""

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    applicant: str = Field(max_length=20)
    lacks_capacity: bool = False
    applied_on: dt.date
    status: str = Field(max_length=12, index=True)
    monthly_income: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    dibao_standard: Decimal | None = Field(default=None, sa_column=money_column(nullable=True))
    decided_on: dt.date | None = None
    decision_reason: str | None = Field(default=None, max_length=300)
    created_at: dt.datetime = timestamp_field()


# --- Return-to-poverty monitoring (三(一)1, 专栏2·1) ----------------------------------------------------


class MonitoredVillage(Table, table=True):
    """A monitored village 监测村 (≥ 1 per county, ≥ 140 in the province, R28)."""

    __table_args__ = (UniqueConstraint("division_code", "township", "village"),)

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    township: str = Field(max_length=100)
    village: str = Field(max_length=100)
    designated_on: dt.date
    created_at: dt.datetime = timestamp_field()


class CoverageCheck(Table, table=True):
    """One person's result in one periodic data comparison 数据比对 (R29): programmes due and held."""

    __table_args__ = (UniqueConstraint("run_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(max_length=36, index=True)
    run_on: dt.date = Field(index=True)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    eligible: str = Field(max_length=200, description="Comma-separated programmes the person should have")
    covered: str = Field(max_length=200, description="Comma-separated programmes the person has")


class RiskAlert(Table, table=True):
    """A return-to-poverty risk alert 风险预警 from a comparison, with its follow-up 跟踪处置."""

    id: str = Field(primary_key=True, max_length=36)
    run_id: str = Field(max_length=36, index=True)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    rule_code: str = Field(max_length=30)
    programme: str = Field(max_length=30)
    severity: str = Field(max_length=10)
    status: str = Field(default="open", max_length=12, index=True)
    follow_up: str | None = Field(default=None, max_length=1000)
    created_at: dt.datetime = timestamp_field()
    resolved_at: dt.datetime | None = timestamp_field(nullable=True)


class ProgrammeCount(Table, table=True):
    """A division's reported cumulative count of one programme measure at the end of a year (R35, R48, R77,
    T-SIGN, T-REHAB-STATIONS); a report for the same division, measure and year replaces the earlier one."""

    __table_args__ = (UniqueConstraint("division_code", "measure", "year"),)

    id: str = Field(primary_key=True, max_length=36)
    division_code: str = Field(max_length=6, index=True)
    measure: str = Field(max_length=40)
    year: int
    value: int = Field(ge=0)
    reference: str = Field(default="", max_length=200)
    created_at: dt.datetime = timestamp_field()


# --- Public services (三(二)3, 三(四)2, 三(四)4–5, 三(五)2) -------------------------------------------------


class ServiceRecord(Table, table=True):
    """A rehabilitation 康复 or assistive-device 辅助器具 record: a need, then its provision (专栏1 #8–9)."""

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    kind: str = Field(max_length=20, index=True)
    item: str = Field(max_length=100)
    status: str = Field(max_length=12)
    subsidised: bool = False
    recorded_on: dt.date
    created_at: dt.datetime = timestamp_field()


class RenovationDemand(Table, table=True):
    """A home accessibility renovation demand 无障碍改造需求 of a household in difficulty (R70, W7)."""

    id: str = Field(primary_key=True, max_length=36)
    household_key: str = Field(max_length=36, index=True)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    division_code: str = Field(max_length=6, index=True)
    severe_member: bool
    household_status: str = Field(max_length=20)
    status: str = Field(max_length=20, index=True)
    registered_at: dt.datetime = timestamp_field()
    updated_at: dt.datetime = timestamp_field()


class CarePlacement(Table, table=True):
    """Care 照护 or 托养 provided to a person (三(二)3, 专栏3·服务类·2–3)."""

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    mode: str = Field(max_length=30)
    provider: str = Field(max_length=200)
    start_on: dt.date
    end_on: dt.date | None = None
    target_group: bool = Field(description="In the R25 托养 target group when placed")
    created_at: dt.datetime = timestamp_field()


class EducationPlacement(Table, table=True):
    """An education placement 安置 of a disabled student (三(四)4–5, 专栏7·1 一人一案)."""

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", max_length=36, index=True)
    stage: str = Field(max_length=20)
    placement_type: str = Field(max_length=20)
    school: str = Field(max_length=200)
    school_year: int
    free_education: bool = Field(description="R63 12-year free education applies")
    created_at: dt.datetime = timestamp_field()


class AccessibilityAcceptance(Table, table=True):
    """An engineering project's completion acceptance as business_env announced it: were the accessible facilities
    designed, built and accepted with the main works (三同步, 三(五)1, R68)? The federation follows up the rest."""

    project_id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    division_code: str = Field(max_length=6, index=True)
    accepted_on: dt.date
    missing: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    in_step: bool = Field(index=True)
    received_at: dt.datetime = timestamp_field()
