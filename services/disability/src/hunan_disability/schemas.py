"""Request and response bodies of the disability API."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_shared import divisions
from hunan_shared.legal import Basis
from hunan_disability.rules.enums import DisabilityCategory, GuardianStatus, HouseholdStatus, TekunSupportMode


def county_code(code: str) -> str:
    """Accept only a known county-level Hunan code (persons and liaisons live in a county)."""
    division = divisions.get(code)
    if division.level is not divisions.Level.COUNTY:
        raise ValueError(f"{code} is a {division.level.value}; a person's residence is a county-level division")
    return code


class PersonIn(BaseModel):
    """Register a disabled person; the certificate number is derived from identity, category and grade."""

    model_config = ConfigDict(extra="forbid")

    id_number: str = Field(min_length=18, max_length=18, description="18-digit resident identity number (GB 11643)")
    name: str = Field(min_length=1, max_length=100)
    category: DisabilityCategory = Field(description="1 视力 2 听力 3 言语 4 肢体 5 智力 6 精神 7 多重")
    component_categories: list[DisabilityCategory] = Field(default_factory=list, max_length=6,
                                                           description="Components of a multiple disability")
    grade: int = Field(ge=1, le=4, description="1 (most severe) to 4")
    division_code: str = Field(description="County-level GB/T 2260 code of residence")
    township: str | None = Field(None, max_length=100)
    village: str | None = Field(None, max_length=100)
    household_status: HouseholdStatus = HouseholdStatus.NONE
    anti_relapse_monitored: bool = False
    tekun_support: TekunSupportMode | None = None
    lives_alone: bool = False
    guardian: GuardianStatus = GuardianStatus.NOT_A_WARD
    other_carer_present: bool = False
    orphan_or_unsupported_child: bool = False
    home_isolated: bool = False
    phone: str | None = Field(None, pattern=r"^\+?\d{7,15}$")
    is_demo: bool = Field(False, description="Mark synthetic demonstration data")

    @field_validator("division_code")
    @classmethod
    def _residence_is_county(cls, code: str) -> str:
        return county_code(code)


class PersonOut(BaseModel):
    id: str
    id_number: str = Field(description="Masked unless the caller holds disability:pii")
    name: str
    sex: str
    birth_date: dt.date
    category: int
    grade: int
    certificate_number: str = Field(description="Masked unless the caller holds disability:pii")
    division_code: str
    household_status: str
    lives_alone: bool
    guardian: str
    phone: str | None = Field(description="Masked unless the caller holds disability:pii")
    is_demo: bool
    basis: list[Basis] = Field(default_factory=list)


class AssistanceCaseOut(BaseModel):
    id: int
    disaster_id: str
    person_id: str
    division_code: str
    status: str
    liaison_id: str | None
    needs_temporary_care: bool
    response_level: str
    opened_at: dt.datetime
    first_contact_due: dt.datetime
    supplied_at: dt.datetime | None
    closed_at: dt.datetime | None
    contact_channels: list[str]
    basis: list[Basis] = Field(default_factory=list)


class LiaisonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    division_code: str
    phone: str | None = Field(None, pattern=r"^\+?\d{7,15}$")

    @field_validator("division_code")
    @classmethod
    def _roster_is_county(cls, code: str) -> str:
        return county_code(code)


class LiaisonOut(BaseModel):
    id: str
    name: str
    division_code: str
    active: bool
