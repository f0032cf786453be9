"""Request and response bodies of the person register."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator, model_validator

from hunan_disability.rules.enums import (
    DisabilityCategory,
    GuardianStatus,
    HouseholdStatus,
    TekunSupportMode,
)
from hunan_disability.rules.identity import parse_id_number
from hunan_disability.schemas.common import PHONE, Input, county_code
from hunan_shared import clock
from hunan_shared.legal import Basis


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
    birth_date: dt.date | None = Field(description="Only with disability:pii (it rebuilds the identity number)")
    age_band: str = Field(description="Age band on today's date (0-6, 7-15, 16-59, 60-79, 80+); shown to every reader")
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
    contact_name: str | None = Field(description="Initialled unless the caller holds disability:pii")
    contact_phone: str | None = Field(description="Masked unless the caller holds disability:pii")
    is_demo: bool
    created_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


class ImportResult(BaseModel):
    imported: int
    person_ids: list[str]
