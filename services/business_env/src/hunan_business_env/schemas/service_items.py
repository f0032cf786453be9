"""Request and response bodies of the service-item catalogue (Arts. 4, 5, 22, 24) and of the hall, utility, bundle
and double-entry checkers (Arts. 17, 23, 24, 25)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.service_items import (
    BundleFinding,
    HallExemption,
    HallFinding,
    Handling,
    Level,
    UtilityGap,
)
from hunan_business_env.schemas.common import HunanDivision
from hunan_shared.legal import Basis

Entry = str


class ServiceItemIn(BaseModel):
    """A catalogue entry (level PROVINCE, division 430000) or a local variant of it with the same code."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "HN-XK-0001",
                    "title": "食品经营许可",
                    "level": "PROVINCE",
                    "division": "430000",
                    "department": "湖南省市场监督管理局",
                    "conditions": ["有与经营的食品品种相适应的经营场所"],
                    "steps": 3,
                    "materials": ["食品经营许可申请书", "营业执照"],
                    "time_limit_working_days": 10,
                    "fee": "0",
                    "handling": "IN_PROVINCE",
                    "hall_included": True,
                }
            ]
        },
    )

    code: str = Field(pattern=r"^[0-9A-Za-z_-]{2,40}$")
    title: str = Field(min_length=1, max_length=200)
    level: Level
    division: HunanDivision
    department: str = Field(min_length=1, max_length=200)
    conditions: list[Entry] = Field(min_length=1, max_length=50)
    steps: int = Field(ge=1, le=50, description="Number of steps of the process (减环节)")
    materials: list[Entry] = Field(max_length=100)
    time_limit_working_days: int = Field(ge=0, le=365, description="Committed time limit (减时限)")
    fee: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="Fee in yuan (减费用), 0 if free")
    handling: Handling
    hall_included: bool
    hall_exemption: HallExemption | None = None
    hall_exemption_note: str | None = Field(None, max_length=500)
    czt_same_city: bool = Field(False, description="Chang-Zhu-Tan same-city service (Art. 5)")
    pilot_zones: list[str] = Field(
        default_factory=list, description="Zones piloting the item first (Art. 4 para 2); empty = province-wide"
    )


class ServiceItemOut(BaseModel):
    id: str
    code: str
    title: str
    level: Level
    division: str
    department: str
    conditions: list[str]
    steps: int
    materials: list[str]
    material_count: int
    time_limit_working_days: int
    fee: Decimal
    handling: Handling
    hall_included: bool
    hall_exemption: HallExemption | None
    hall_exemption_note: str | None
    czt_same_city: bool
    pilot_zones: list[str]
    created_at: dt.datetime


class AcceptanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division: HunanDivision = Field(description="Division whose variant of the item is applied for")
    applicant_division: HunanDivision
    accepting_division: HunanDivision
    accepting_zone: str | None = Field(None, max_length=100, description="Pilot zone of the accepting office, if any")


class AcceptanceVerdict(BaseModel):
    accepted: bool
    reason: str
    basis: list[Basis]


class PublicUtilityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    utility: str = Field(min_length=1, max_length=200)
    kind: str = Field(pattern=r"^(WATER|POWER|GAS|DRAINAGE|TELECOM|BROADCASTING)$")
    in_service_hall: bool
    publishes_service_standards: bool
    publishes_fee_standards: bool
    publishes_time_limits: bool
    docked_with_platform: bool


class PublicUtilityVerdict(BaseModel):
    compliant: bool
    gaps: list[UtilityGap]
    reason: str
    basis: list[Basis]


class HallApplicationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accepted_on: dt.date
    time_limit_working_days: int = Field(ge=0, le=365)
    due_on: dt.date
    receipt_voucher: str | None = Field(None, max_length=100)
    first_inquiry_officer: str | None = Field(None, max_length=100)
    notices: list[list[str]] = Field(
        default_factory=list, max_length=20, description="Missing-material notices in order, each a list of materials"
    )
    materials_submitted_after_first_notice: list[str] = Field(default_factory=list, max_length=100)


class HallApplicationVerdict(BaseModel):
    compliant: bool
    findings: list[HallFinding]
    reason: str
    basis: list[Basis]


class BundleCaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    matter: str = Field(min_length=1, max_length=200)
    notices: int = Field(ge=0, le=100)
    forms: int = Field(ge=1, le=100)
    departments: int = Field(ge=1, le=100)
    separate_submissions: int = Field(ge=1, le=100)
    deliveries: int = Field(ge=0, le=100)


class BundleCaseVerdict(BaseModel):
    compliant: bool
    findings: list[BundleFinding]
    reason: str
    basis: list[Basis]


class DoubleEntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    platform_fields: list[str] = Field(max_length=500, description="Fields the provincial platform already holds")
    requested_fields: list[str] = Field(max_length=500, description="Fields the system asks the applicant to enter")


class DoubleEntryVerdict(BaseModel):
    compliant: bool
    asked_twice: list[str]
    reason: str
    basis: list[Basis]
