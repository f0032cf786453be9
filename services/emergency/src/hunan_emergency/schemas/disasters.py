"""HTTP request and response bodies — disasters (W1): declaration, reports, level, divisions, closure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_emergency.rules.classification import AccidentSeverity, HazardCategory, ResponseLevel
from hunan_emergency.schemas.common import (
    Body,
    hunan_codes,
    not_future,
)
from hunan_shared import divisions
from hunan_shared.legal import Basis
from hunan_shared.types import Timestamp


class DisasterDeclaration(Body):
    """Declare a disaster (natural hazard) or accident (production-safety sector) with a response level."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "湘江流域洪涝",
                    "category": "NATURAL_DISASTER",
                    "hazard_type": "FLOOD_DROUGHT",
                    "response_level": "II",
                    "division_codes": ["430102", "430103"],
                    "occurred_at": "2026-07-01T08:00:00+08:00",
                }
            ]
        },
    )

    title: str = Field(min_length=2, max_length=200)
    category: HazardCategory
    hazard_type: str | None = Field(
        None, max_length=60, description="One of the five major hazards (natural disasters)"
    )
    sector: str | None = Field(None, max_length=60, description="Production-safety sector (accidents)")
    response_level: ResponseLevel
    division_codes: list[str] = Field(min_length=1, max_length=200, description="Hunan division codes")
    occurred_at: Timestamp
    declaring_division: str = Field(divisions.PROVINCE_CODE, description="Division of the declaring government (R3)")

    _divisions = field_validator("division_codes")(hunan_codes)
    _occurred = field_validator("occurred_at")(not_future)


class DisasterReport(Body):
    """A direct report (直报) of a disaster or accident, before verification and declaration."""

    title: str = Field(min_length=2, max_length=200)
    category: HazardCategory
    hazard_type: str | None = Field(None, max_length=60)
    sector: str | None = Field(None, max_length=60)
    division_codes: list[str] = Field(min_length=1, max_length=200)
    occurred_at: Timestamp
    reported_at: Timestamp | None = Field(None, description="When the report was made; default now")
    reporting_unit: str = Field(min_length=2, max_length=200)
    reported_casualties: int = Field(0, ge=0)

    _divisions = field_validator("division_codes")(hunan_codes)
    _occurred = field_validator("occurred_at")(not_future)


class DeclareIn(Body):
    response_level: ResponseLevel
    declaring_division: str = Field(divisions.PROVINCE_CODE, description="Division of the declaring government (R3)")
    verified_casualties: int | None = Field(
        None, ge=0, description="Verified casualties; more than reported is 漏报 (R4)"
    )


class LevelIn(Body):
    response_level: ResponseLevel


class DivisionsIn(Body):
    division_codes: list[str] = Field(min_length=1, max_length=200)

    _divisions = field_validator("division_codes")(hunan_codes)


class FiguresIn(Body):
    """Casualty and loss figures (统计) that feed the core indicators (R6, R57)."""

    deaths: int = Field(ge=0)
    affected_persons: int = Field(0, ge=0, description="受灾人次")
    direct_loss_yuan: Decimal = Field(Decimal(0), ge=0, max_digits=16, decimal_places=2)
    severity: AccidentSeverity | None = Field(None, description="事故等级 (accidents only)")


class DismissIn(Body):
    reason: str = Field(min_length=2, max_length=500)
    false_report: bool = Field(False, description="Verification found the report untrue (谎报, R4)")


class ViolationOut(BaseModel):
    violation: str
    reason: str
    recorded_at: dt.datetime


class DisasterOut(BaseModel):
    id: str
    title: str
    category: str
    hazard: str
    response_level: str | None
    state: str
    division_codes: list[str]
    occurred_at: dt.datetime
    reported_at: dt.datetime
    reporting_unit: str
    declaring_division: str | None
    declared_at: dt.datetime | None
    response_ended_at: dt.datetime | None
    closed_at: dt.datetime | None
    severity: str | None
    deaths: int
    affected_persons: int
    direct_loss_yuan: Decimal
    report_violations: list[ViolationOut]
    basis: list[Basis] = Field(default_factory=list, description="Legal basis of the decisions taken on this request")
