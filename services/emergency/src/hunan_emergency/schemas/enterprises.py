"""HTTP request and response bodies — enterprises and their safety-compliance checks (W8)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from hunan_emergency.schemas.common import (
    Body,
    DivisionBody,
    VerdictOut,
)


class EnterpriseIn(DivisionBody):
    uscc: str | None = Field(None, pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$", description="统一社会信用代码")
    name: str = Field(min_length=2, max_length=200)
    sector: Literal[
        "COAL_MINE",
        "NON_COAL_MINE",
        "TAILINGS_POND",
        "HAZCHEM",
        "FIREWORKS",
        "METALLURGY_INDUSTRY_TRADE",
        "ROAD_TRANSPORT",
        "TRANSPORT_FISHERY_VESSELS",
        "URBAN_RAIL",
        "FIRE",
        "CIVIL_EXPLOSIVES",
        "SPECIAL_EQUIPMENT",
        "URBAN_CONSTRUCTION",
        "INDUSTRIAL_PARK",
        "HAZARDOUS_WASTE",
        "CONSTRUCTION",
        "METAL_SMELTING",
        "FISHERY",
    ]
    headcount: int = Field(ge=0, le=10_000_000)
    above_scale: bool = False
    key_sector: bool = Field(False, description="In a key sector (新招员工培训率100% applies when above scale)")
    legal_representative: str | None = Field(None, max_length=100)
    actual_controller: str | None = Field(None, max_length=100)
    principal_responsible_person: str | None = Field(None, max_length=100)
    listed_first_responsible: list[str] = Field(default_factory=list, max_length=10)
    liability_insured: bool = False
    registered_safety_engineers: int = Field(0, ge=0, le=100_000)
    new_employees: int = Field(0, ge=0, le=10_000_000)
    new_employees_trained: int = Field(0, ge=0, le=10_000_000)


class EnterpriseOut(BaseModel):
    id: str
    uscc: str | None
    name: str
    sector: str
    division_code: str
    headcount: int
    above_scale: bool
    key_sector: bool
    legal_representative: str | None
    actual_controller: str | None
    principal_responsible_person: str | None
    listed_first_responsible: list[str]
    liability_insured: bool
    registered_safety_engineers: int
    new_employees: int
    new_employees_trained: int


class Milestones(Body):
    designed: dt.date | None = None
    construction_started: dt.date | None = None
    put_into_use: dt.date | None = None


class ComplianceIn(Body):
    """The period's facts; the standing facts (persons, insurance, staffing) are read from the enterprise."""

    year: int = Field(ge=2021, le=2100)
    as_of: dt.date | None = Field(None, description="Evaluate 十个一次 for periods ended by this day (default: today)")
    report_to_supervising_department: bool = False
    report_to_workers_congress: bool = False
    inspection_dates: list[dt.date] = Field(default_factory=list, max_length=400)
    study_meeting_dates: list[dt.date] = Field(default_factory=list, max_length=400)
    yearly_items: dict[
        Literal[
            "SUMMARY_MOBILISATION_MEETING",
            "REVIEW_MEETING",
            "REPORT_TO_WORKERS_CONGRESS",
            "STAFF_RESPONSIBILITY_LETTERS",
            "SAFETY_LECTURE",
            "SKILLS_CONTEST",
            "DRILL_PARTICIPATION",
            "TRAINING_PARTICIPATION",
        ],
        list[dt.date],
    ] = Field(default_factory=dict)
    pre_shift_meeting: bool = False
    risk_card: bool = False
    work_card: bool = False
    emergency_card: bool = False
    main_works: Milestones | None = Field(None, description="R28: only for a construction project")
    safety_facilities: Milestones | None = None


class ComplianceOut(BaseModel):
    id: str
    enterprise_id: str
    compliant: bool
    verdicts: list[VerdictOut]
    evaluated_at: dt.datetime
