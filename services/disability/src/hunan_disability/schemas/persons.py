"""Request and response bodies of the disability API (the HTTP contract; inputs refuse unknown fields)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_disability.rules.emergency_assistance import CaseStatus
from hunan_disability.rules.employment import InstitutionSubtype, UnitType
from hunan_disability.rules.enums import (
    AdminLevel,
    DisabilityCategory,
    GuardianStatus,
    HouseholdStatus,
    TekunSupportMode,
)
from hunan_disability.rules.identity import parse_id_number
from hunan_disability.rules.monitoring import Coverage
from hunan_disability.rules.services import PlacementType, RenovationStatus, SchoolStage
from hunan_disability.rules.subsidies import SubsidyProgram
from hunan_shared import clock, divisions
from hunan_shared.legal import Basis

PHONE = r"^\+?\d{7,15}$"
MONTH = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"  # a payroll month of this era (rejects year 0000)


def county_code(code: str) -> str:
    """Accept only a known county-level Hunan code (persons, liaisons and villages live in a county)."""
    division = divisions.get(code)
    if division.level is not divisions.Level.COUNTY:
        raise ValueError(f"{code} is a {division.level.value}; a county-level division (县市区) is required")
    return code


def division_code(code: str) -> str:
    """Accept any known Hunan division (province, prefecture or county)."""
    return divisions.validate(code)


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- Register --------------------------------------------------------------------------------------


class PersonIn(Input):
    """Register a disabled person; the certificate number is derived from identity, category and grade."""

    id_number: str = Field(min_length=18, max_length=18, description="18-digit resident identity number (GB 11643)")
    name: str = Field(min_length=1, max_length=100)
    category: DisabilityCategory = Field(description="1 视力 2 听力 3 言语 4 肢体 5 智力 6 精神 7 多重")
    component_categories: list[DisabilityCategory] = Field(
        default_factory=list, max_length=6, description="Components of a multiple disability (多重)"
    )
    grade: int = Field(ge=1, le=4, description="1 (most severe) to 4")
    certificate_number: str | None = Field(
        None, min_length=20, max_length=20, description="When given, checked against the derived number (R81)"
    )
    division_code: str = Field(description="County-level GB/T 2260 code of residence 住所地")
    township: str | None = Field(None, max_length=100)
    village: str | None = Field(None, max_length=100)
    household_id: str | None = Field(None, max_length=36, pattern=r"^[\w-]+$", description="Household 户 identifier")
    household_status: HouseholdStatus = HouseholdStatus.NONE
    anti_relapse_monitored: bool = False
    tekun_support: TekunSupportMode | None = Field(None, description="Only for household status tekun")
    lives_alone: bool = False
    guardian: GuardianStatus = GuardianStatus.NOT_A_WARD
    other_carer_present: bool = False
    orphan_or_unsupported_child: bool = False
    home_isolated: bool = False
    needs_long_term_care: bool = False
    phone: str | None = Field(None, pattern=PHONE)
    contact_name: str | None = Field(None, max_length=100)
    contact_phone: str | None = Field(None, pattern=PHONE)
    is_demo: bool = Field(False, description="Mark synthetic demonstration data")

    @field_validator("id_number")
    @classmethod
    def _identity(cls, number: str) -> str:
        return parse_id_number(number, clock.now().date()).number

    @field_validator("division_code")
    @classmethod
    def _residence_is_county(cls, code: str) -> str:
        return county_code(code)

    @model_validator(mode="after")
    def _consistent(self) -> PersonIn:
        if self.category is DisabilityCategory.MULTIPLE:
            if len(set(self.component_categories) - {DisabilityCategory.MULTIPLE}) < 2:
                raise ValueError("a multiple disability (多重) lists at least two component categories")
        elif self.component_categories:
            raise ValueError("component_categories apply only to a multiple disability (category 7)")
        if self.tekun_support is not None and self.household_status is not HouseholdStatus.TEKUN:
            raise ValueError("tekun_support applies only to household status tekun (特困)")
        if self.village and not self.township:
            raise ValueError("a village needs its township")
        return self


# Register facts a PATCH may change; everything else (identity number, name, household id, demo flag) may not.
PATCHABLE = (
    "category",
    "component_categories",
    "grade",
    "certificate_number",
    "division_code",
    "township",
    "village",
    "household_status",
    "anti_relapse_monitored",
    "tekun_support",
    "lives_alone",
    "guardian",
    "other_carer_present",
    "orphan_or_unsupported_child",
    "home_isolated",
    "needs_long_term_care",
    "phone",
    "contact_name",
    "contact_phone",
)
# Fields that may be cleared with an explicit null; the others refuse null.
NULLABLE = frozenset(
    {"certificate_number", "township", "village", "tekun_support", "phone", "contact_name", "contact_phone"}
)


class PersonPatch(Input):
    """Change the mutable facts of a registered person; fields left out keep their value.

    The merged record is checked with the registration rules (PersonIn); a changed category or grade re-derives
    the certificate number (a `certificate_number` sent is checked against it, R81). The identity number is
    immutable.
    """

    category: DisabilityCategory | None = None
    component_categories: list[DisabilityCategory] | None = Field(None, max_length=6)
    grade: int | None = Field(None, ge=1, le=4)
    certificate_number: str | None = Field(
        None, min_length=20, max_length=20, description="When given, checked against the re-derived number (R81)"
    )
    division_code: str | None = Field(None, description="County-level GB/T 2260 code of residence 住所地")
    township: str | None = Field(None, max_length=100)
    village: str | None = Field(None, max_length=100)
    household_status: HouseholdStatus | None = None
    anti_relapse_monitored: bool | None = None
    tekun_support: TekunSupportMode | None = None
    lives_alone: bool | None = None
    guardian: GuardianStatus | None = None
    other_carer_present: bool | None = None
    orphan_or_unsupported_child: bool | None = None
    home_isolated: bool | None = None
    needs_long_term_care: bool | None = None
    phone: str | None = Field(None, pattern=PHONE)
    contact_name: str | None = Field(None, max_length=100)
    contact_phone: str | None = Field(None, pattern=PHONE)

    @model_validator(mode="before")
    @classmethod
    def _immutable_identity(cls, data: object) -> object:
        if isinstance(data, dict) and "id_number" in data:
            raise ValueError("id_number is immutable: a different identity is a different registration")
        return data

    @field_validator("division_code")
    @classmethod
    def _residence_is_county(cls, code: str | None) -> str | None:
        return None if code is None else county_code(code)

    @model_validator(mode="after")
    def _present(self) -> PersonPatch:
        if not self.model_fields_set:
            raise ValueError("nothing to change: send at least one field")
        nulls = sorted(f for f in self.model_fields_set - NULLABLE if getattr(self, f) is None)
        if nulls:
            raise ValueError(f"{', '.join(nulls)} cannot be null")
        return self


class PersonOut(BaseModel):
    id: str
    id_number: str = Field(description="Masked unless the caller holds disability:pii")
    name: str
    sex: str
    birth_date: dt.date
    category: int
    component_categories: str
    grade: int
    certificate_number: str = Field(description="Masked unless the caller holds disability:pii")
    division_code: str
    township: str | None
    village: str | None
    household_id: str | None
    household_status: str
    anti_relapse_monitored: bool
    tekun_support: str | None
    lives_alone: bool
    guardian: str
    other_carer_present: bool
    orphan_or_unsupported_child: bool
    home_isolated: bool
    needs_long_term_care: bool
    phone: str | None = Field(description="Masked unless the caller holds disability:pii")
    contact_name: str | None
    contact_phone: str | None = Field(description="Masked unless the caller holds disability:pii")
    is_demo: bool
    created_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


class ImportResult(BaseModel):
    imported: int
    person_ids: list[str]


# --- Emergency assistance ------------------------------------------------------------------------------


class AssistanceCaseOut(BaseModel):
    id: int
    disaster_id: str
    person_id: str
    division_code: str
    status: str
    liaison_id: str | None
    needs_temporary_care: bool
    response_level: str
    visits: int
    opened_at: dt.datetime
    first_contact_due: dt.datetime
    last_visit_at: dt.datetime | None
    supplied_at: dt.datetime | None
    closed_at: dt.datetime | None
    contact_channels: list[str]
    basis: list[Basis] = Field(default_factory=list)


class TemporaryCareIn(Input):
    active: bool = Field(description="True: temporary care 临时生活照护 is being provided (R57); False: it ended")


class LiaisonIn(Input):
    name: str = Field(min_length=1, max_length=100)
    division_code: str
    phone: str | None = Field(None, pattern=PHONE)

    @field_validator("division_code")
    @classmethod
    def _roster_is_county(cls, code: str) -> str:
        return county_code(code)


class LiaisonOut(BaseModel):
    id: str
    name: str
    division_code: str
    active: bool
    assigned_now: int = Field(0, description="Waiting cases of the county handed out when this liaison joined")


CASE_STATUS_PATTERN = "^(" + "|".join(s.value for s in CaseStatus) + ")$"


# --- Warning notification lists (R-E1 (h)(i), R60) ------------------------------------------------------------


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


# --- Subsidies ----------------------------------------------------------------------------------------------


class Eligibility(BaseModel):
    program: SubsidyProgram
    eligible: bool
    reason: str
    basis: list[Basis]


class PersonSubsidiesOut(BaseModel):
    person_id: str
    decisions: list[Eligibility]


class StandardIn(Input):
    program: SubsidyProgram
    division_code: str = Field(description="Province, prefecture or county code; lower levels inherit")
    amount: Decimal = Field(gt=0, max_digits=10, decimal_places=2, description="CNY per person per month")
    effective_from: dt.date
    reference: str = Field("", max_length=200, description="The local document setting the standard")

    @field_validator("division_code")
    @classmethod
    def _known(cls, code: str) -> str:
        return division_code(code)

    @field_validator("effective_from")
    @classmethod
    def _first_of_month(cls, day: dt.date) -> dt.date:
        if day.day != 1:
            raise ValueError("a standard takes effect on the first day of a month")
        return day


class StandardPatch(Input):
    amount: Decimal | None = Field(None, gt=0, max_digits=10, decimal_places=2)
    reference: str | None = Field(None, max_length=200)


class StandardOut(BaseModel):
    id: str
    program: str
    division_code: str
    amount: Decimal
    effective_from: dt.date
    reference: str


class GrantIn(Input):
    person_id: str = Field(max_length=36)
    program: SubsidyProgram
    approved_on: dt.date


class GrantStopIn(Input):
    stopped_on: dt.date
    reason: str = Field(min_length=1, max_length=300)


class GrantOut(BaseModel):
    id: str
    person_id: str
    program: str
    approved_on: dt.date
    reason: str
    stopped_on: dt.date | None
    stop_reason: str | None
    basis: list[Basis] = Field(default_factory=list)


class PayrollIn(Input):
    month: str = Field(pattern=MONTH, description="Payroll month YYYY-MM")


class PayrollLine(BaseModel):
    program: str
    division_code: str
    recipients: int
    amount: Decimal


class PayrollOut(BaseModel):
    month: str
    recipients: int
    total: Decimal
    completed_at: dt.datetime
    already_completed: bool = Field(description="True when the month had run before: nothing was paid again")
    lines: list[PayrollLine]
    basis: list[Basis] = Field(default_factory=list)


# --- Employment ---------------------------------------------------------------------------------------------


class EmployerIn(Input):
    name: str = Field(min_length=1, max_length=200)
    unit_type: UnitType
    admin_level: AdminLevel
    institution_subtype: InstitutionSubtype = InstitutionSubtype.OTHER
    division_code: str
    authorized_headcount: int = Field(ge=0, le=1_000_000, description="编制")

    @field_validator("division_code")
    @classmethod
    def _known(cls, code: str) -> str:
        return division_code(code)


class EmployerOut(BaseModel):
    id: str
    name: str
    unit_type: str
    admin_level: str
    institution_subtype: str
    division_code: str
    authorized_headcount: int


class QuotaReviewIn(Input):
    year: int = Field(ge=2021, le=2035)
    in_post_staff: int = Field(ge=0, le=1_000_000)
    severe_disabled_employees: int = Field(ge=0, le=1_000_000, description="Grade 1–2 employees (count as two)")
    other_disabled_employees: int = Field(ge=0, le=1_000_000)

    @model_validator(mode="after")
    def _within_staff(self) -> QuotaReviewIn:
        if self.severe_disabled_employees + self.other_disabled_employees > self.in_post_staff:
            raise ValueError("disabled employees cannot exceed the staff in post")
        return self


class QuotaReviewOut(BaseModel):
    id: str
    employer_id: str
    year: int
    in_post_staff: int
    counted: int
    required: Decimal
    meets_ratio: bool
    over_quota: bool
    shortfall: int
    project_status: str
    dpf_cadres_compliant: bool | None
    reasons: list[str]
    basis: list[Basis]


class WelfarePostIn(Input):
    division_code: str
    year: int = Field(ge=2021, le=2035)
    total_posts: int = Field(ge=0, le=10_000_000)
    held_by_disabled_or_family: int = Field(ge=0, le=10_000_000)

    @field_validator("division_code")
    @classmethod
    def _county(cls, code: str) -> str:
        return county_code(code)

    @model_validator(mode="after")
    def _within_total(self) -> WelfarePostIn:
        if self.held_by_disabled_or_family > self.total_posts:
            raise ValueError("posts held cannot exceed the posts listed")
        return self


class WelfarePostOut(BaseModel):
    id: str
    division_code: str
    year: int
    total_posts: int
    held_by_disabled_or_family: int
    compliant: bool
    reason: str
    basis: list[Basis]


class DibaoReviewIn(Input):
    person_id: str = Field(max_length=36)
    reviewed_on: dt.date
    household_income: Decimal = Field(ge=0, max_digits=12, decimal_places=2, description="Monthly household income")
    deductible_employment_costs: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)
    members: int = Field(ge=1, le=50)
    dibao_standard: Decimal = Field(gt=0, max_digits=10, decimal_places=2, description="Local 低保 standard per person")


class DibaoReviewOut(BaseModel):
    id: str
    person_id: str
    reviewed_on: dt.date
    per_capita_income: Decimal
    dibao_standard: Decimal
    status: str
    exit_on: dt.date | None
    reason: str
    basis: list[Basis] = Field(default_factory=list)


# --- Monitoring -------------------------------------------------------------------------------------------


class VillageIn(Input):
    division_code: str
    township: str = Field(min_length=1, max_length=100)
    village: str = Field(min_length=1, max_length=100)
    designated_on: dt.date

    @field_validator("division_code")
    @classmethod
    def _county(cls, code: str) -> str:
        return county_code(code)


class VillageOut(BaseModel):
    id: str
    division_code: str
    township: str
    village: str
    designated_on: dt.date


class VillageCoverageOut(BaseModel):
    province_total: int
    province_compliant: bool
    counties_without_village: list[str]
    compliant: bool
    reason: str
    basis: list[Basis]


class ExternalCoverage(Input):
    """Data-sharing result for one person (医保, 养老, 社会救助, 危房改造 from the owning agencies)."""

    person_id: str = Field(max_length=36)
    eligible: list[Coverage] = Field(default_factory=list, max_length=10)
    covered: list[Coverage] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _external_only(self) -> ExternalCoverage:
        own = {Coverage.LIVING_SUBSIDY, Coverage.NURSING_SUBSIDY}
        if own & (set(self.eligible) | set(self.covered)):
            raise ValueError("the two subsidies are compared from this service's own records; omit them")
        return self


class ComparisonIn(Input):
    run_on: dt.date
    persons: list[ExternalCoverage] = Field(min_length=1, max_length=5000)


class RiskAlertOut(BaseModel):
    id: str
    run_id: str
    person_id: str
    division_code: str
    rule_code: str
    programme: str
    severity: str
    status: str
    follow_up: str | None
    created_at: dt.datetime
    resolved_at: dt.datetime | None


class ComparisonOut(BaseModel):
    run_id: str
    run_on: dt.date
    persons: int
    alerts: list[RiskAlertOut]
    basis: list[Basis]


class FollowUpIn(Input):
    note: str = Field(min_length=1, max_length=1000)
    resolved: bool = False


# --- Services ---------------------------------------------------------------------------------------------


class ServiceRecordIn(Input):
    person_id: str = Field(max_length=36)
    kind: str = Field(pattern="^(rehabilitation|assistive_device)$")
    item: str = Field(min_length=1, max_length=100, description="e.g. 'physical therapy', 'wheelchair'")
    status: str = Field(pattern="^(needed|provided)$")
    recorded_on: dt.date


class ServiceRecordOut(BaseModel):
    id: str
    person_id: str
    kind: str
    item: str
    status: str
    subsidised: bool
    recorded_on: dt.date
    basis: list[Basis] = Field(default_factory=list)


class RenovationIn(Input):
    person_id: str = Field(max_length=36)


class RenovationStatusIn(Input):
    status: RenovationStatus


class RenovationOut(BaseModel):
    id: str
    household_key: str
    person_id: str
    division_code: str
    severe_member: bool
    household_status: str
    status: str
    registered_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


class RenovationProgressOut(BaseModel):
    accepted: int
    target: int
    active_in_pool: int
    reason: str
    basis: list[Basis]


CARE_MODES = ("centralized_care", "day_care", "home_service", "neighbor_mutual_aid", "tuoyang", "respite")


class CareIn(Input):
    person_id: str = Field(max_length=36)
    mode: str = Field(
        pattern="^(" + "|".join(CARE_MODES) + ")$", description="集中照护, 日间照料, 居家服务, 邻里互助, 托养, 喘息服务"
    )
    provider: str = Field(min_length=1, max_length=200)
    start_on: dt.date
    end_on: dt.date | None = None

    @model_validator(mode="after")
    def _dates(self) -> CareIn:
        if self.end_on is not None and self.end_on < self.start_on:
            raise ValueError("end_on is before start_on")
        return self


class CareOut(BaseModel):
    id: str
    person_id: str
    mode: str
    provider: str
    start_on: dt.date
    end_on: dt.date | None
    target_group: bool
    basis: list[Basis] = Field(default_factory=list)


class EducationIn(Input):
    person_id: str = Field(max_length=36)
    stage: SchoolStage
    placement_type: PlacementType = Field(description="随班就读, 特教班, 特殊教育学校, 送教上门")
    school: str = Field(min_length=1, max_length=200)
    school_year: int = Field(ge=2021, le=2035)


class EducationOut(BaseModel):
    id: str
    person_id: str
    stage: str
    placement_type: str
    school: str
    school_year: int
    free_education: bool
    basis: list[Basis] = Field(default_factory=list)


# --- Indicators -------------------------------------------------------------------------------------------


class IndicatorOut(BaseModel):
    number: int
    key: str = Field(description="Label of the Prometheus gauge hunan_disability_indicator")
    name: str
    unit: str
    baseline_2020: Decimal
    target_2025: Decimal
    target_comparison: str
    nature: str = Field(description="binding 约束性 or expected 预期性")
    value: Decimal | None = Field(description="Computed from this service's records; null where it holds no data")
    numerator: int | None
    denominator: int | None
    meets_target: bool | None
    source: str
    basis: list[Basis]


def month_start(month: str) -> dt.date:
    if not re.fullmatch(MONTH, month):
        raise ValueError(f"{month!r} is not YYYY-MM")
    return dt.date(int(month[:4]), int(month[5:]), 1)
