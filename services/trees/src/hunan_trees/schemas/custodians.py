"""Request and response bodies for custodians (Arts. 16–18, 21): determination, assignment, disputes,
agreements, training and subsidies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_shared import divisions
from hunan_shared.legal import Basis
from hunan_trees.rules.custodian import CustodianCategory, LandUse
from hunan_trees.rules.custody import Duty, MaintenanceCondition

DIVISION = r"^43\d{4}$"


def _known(code: str) -> str:
    if not divisions.is_valid(code):
        raise ValueError(f"{code} is not a Hunan division code")
    return code


class LandFacts(BaseModel):
    """The facts Art. 16 items (1)–(8) turn on."""

    model_config = ConfigDict(extra="forbid")

    land_use: LandUse | None = Field(None, description="Land-use situation (Art. 16 items 1–7); null = unknown")
    privately_owned: bool = Field(False, description="Individually owned tree (16(8))")
    property_managed: bool | None = Field(None, description="RESIDENTIAL: under property management (16(5))")
    in_subdistrict: bool | None = Field(None, description="RESIDENTIAL unmanaged: in a sub-district, else township")


class ConstructionFacts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    construction_start: dt.date
    construction_end: dt.date | None = Field(None, description="Completion; null while construction runs")


class DeterminationRequest(LandFacts):
    """Who is the custodian for these facts on a day (Art. 16) — nothing is stored."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "land_use": "RURAL_HOMESTEAD",
                    "construction": {"construction_start": "2025-03-01", "construction_end": "2026-06-30"},
                    "on": "2025-05-01",
                }
            ]
        },
    )

    disputed: bool = Field(False, description="Someone disputes the custodian (有异议)")
    construction: ConstructionFacts | None = Field(None, description="The tree lies inside a construction project")
    on: dt.date | None = Field(None, description="Day to decide for (default today)")


class DeterminationOut(BaseModel):
    category: CustodianCategory
    party: str
    reason: str
    county_decision_needed: bool = Field(description="The county department must decide (Art. 16 last para)")
    basis: list[Basis]


class AssignmentIn(LandFacts):
    """Determine the custodian of a registered tree by the land-use table and record it (Art. 16)."""

    party_name: str | None = Field(None, min_length=1, max_length=200, description="The named unit or person")
    valid_from: dt.date | None = Field(None, description="Default today")


class ConstructionAssignmentIn(BaseModel):
    """The construction unit becomes custodian for the construction period (Art. 16(9))."""

    model_config = ConfigDict(extra="forbid")

    project_ref: str = Field(min_length=1, max_length=100)
    construction_unit: str = Field(min_length=2, max_length=200, description="建设单位")
    construction_start: dt.date
    construction_end: dt.date | None = Field(None, description="Planned completion, if known")


class ConstructionCompletionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    completed_on: dt.date


class DisputeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=3, max_length=2000, description="Why the custodian is disputed (异议)")


class DecisionIn(BaseModel):
    """The county department of the tree's location decides an unclear or disputed custodian (Art. 16 last para)."""

    model_config = ConfigDict(extra="forbid")

    decided_by_division: str = Field(pattern=DIVISION, description="Division of the deciding department")
    category: CustodianCategory = Field(description="The Art. 16 item the department applies")
    party_name: str = Field(min_length=1, max_length=200)
    decision_ref: str = Field(min_length=1, max_length=200)
    valid_from: dt.date | None = None

    @field_validator("decided_by_division")
    @classmethod
    def _division(cls, code: str) -> str:
        return _known(code)

    @field_validator("category")
    @classmethod
    def _decidable(cls, category: CustodianCategory) -> CustodianCategory:
        if category in (CustodianCategory.UNDETERMINED, CustodianCategory.CONSTRUCTION_SITE):
            raise ValueError("a decision names a land-use custodian (items 1–8), not UNDETERMINED or CONSTRUCTION_SITE")
        return category


class AssignmentOut(BaseModel):
    id: str | None = Field(description="Null when no assignment is recorded and the register's facts decide")
    tree_id: str
    category: CustodianCategory
    party: str
    party_name: str | None
    determined_by: str
    project_ref: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    state: str
    dispute_reason: str | None
    decision_ref: str | None
    decided_by_division: str | None
    created_at: dt.datetime | None
    reason: str | None = None
    basis: list[Basis]


class AgreementIn(BaseModel):
    """A custodian agreement 养护责任书 with the current custodian, listing the Art. 18 duties."""

    model_config = ConfigDict(extra="forbid")

    custodian_name: str = Field(min_length=1, max_length=200)
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None = None
    duties: list[Duty] = Field(min_length=1, max_length=len(Duty))


class AgreementOut(BaseModel):
    id: str
    tree_id: str
    assignment_id: str
    custodian_name: str
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None
    duties: list[Duty]
    created_at: dt.datetime
    basis: list[Basis]


class TrainingIn(BaseModel):
    """Maintenance training or technical guidance given to custodians, free of charge (Art. 17)."""

    model_config = ConfigDict(extra="forbid")

    division_code: str = Field(pattern=DIVISION, description="Division of the organising department (county or above)")
    held_on: dt.date
    kind: str = Field("TRAINING", pattern=r"^(TRAINING|GUIDANCE)$")
    topic: str = Field(min_length=2, max_length=500)
    fee_cny: Decimal = Field(ge=0, max_digits=10, decimal_places=2, description="Charged per attendee; must be 0")
    tree_ids: list[str] = Field(default_factory=list, max_length=500, description="Trees whose custodians attended")
    attendees: int = Field(ge=1, le=100_000)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _known(code)


class TrainingOut(BaseModel):
    id: str
    division_code: str
    held_on: dt.date
    kind: str
    topic: str
    fee_cny: Decimal
    tree_ids: list[str]
    attendees: int
    created_at: dt.datetime
    basis: list[Basis]


class SubsidyIn(BaseModel):
    """A maintenance subsidy to the tree's current custodian (Art. 21)."""

    model_config = ConfigDict(extra="forbid")

    granting_division: str = Field(pattern=DIVISION, description="Government granting it (county level or above)")
    year: int = Field(ge=2022, le=2100)
    condition: MaintenanceCondition = Field(description="Maintenance condition 养护状况")
    expenditure_cny: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="Custodian's spending 费用支出")
    amount_cny: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    decision_ref: str = Field(min_length=1, max_length=200)

    @field_validator("granting_division")
    @classmethod
    def _division(cls, code: str) -> str:
        return _known(code)


class SubsidyOut(BaseModel):
    id: str
    tree_id: str
    assignment_id: str
    custodian_name: str | None
    granting_division: str
    year: int
    grade: str | None
    is_famous: bool
    condition: MaintenanceCondition
    expenditure_cny: Decimal
    amount_cny: Decimal
    decision_ref: str
    granted_at: dt.datetime
    basis: list[Basis]
