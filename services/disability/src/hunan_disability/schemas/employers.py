"""Request and response bodies of employers and their quota reviews."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field, field_validator, model_validator

from hunan_disability.rules.employment import InstitutionSubtype, UnitType
from hunan_disability.rules.enums import (
    AdminLevel,
)
from hunan_disability.schemas.common import Input, division_code
from hunan_shared.legal import Basis


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
