"""Request and response bodies of science venues and the exhibition-area indicator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_science.rules.campaigns import Format
from hunan_science.rules.venues import VenueLevel, VenueType
from hunan_shared import divisions
from hunan_shared.legal import Basis


class VenueIn(BaseModel):
    """Register a science venue or base 科普场馆/基地."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "长沙市自然资源科普基地",
                    "venue_type": "NATURAL_RESOURCES_SCI_BASE",
                    "level": "PREFECTURE",
                    "division_code": "430100",
                    "operator_type": "GOVERNMENT",
                    "exhibition_hall_area_m2": "1200.00",
                    "free_opening": True,
                    "open_to_public": True,
                    "emergency_role": True,
                    "accessibility_features": ["captions", "braille"],
                }
            ]
        },
    )

    name: str = Field(min_length=2, max_length=200)
    venue_type: VenueType
    level: VenueLevel
    division_code: str = Field(description="GB/T 2260 Hunan division code")
    operator_type: Literal["GOVERNMENT", "UNIVERSITY", "RESEARCH_INSTITUTE", "ENTERPRISE", "SOCIAL_ORGANISATION"]
    exhibition_hall_area_m2: Decimal = Field(Decimal(0), ge=0, le=10_000_000, max_digits=12, decimal_places=2)
    free_opening: bool = False
    open_to_public: bool = True
    emergency_role: bool = False
    accessibility_features: list[Format] = Field(default_factory=list, max_length=7)

    @field_validator("division_code")
    @classmethod
    def _known_division(cls, code: str) -> str:
        return divisions.validate(code)


class VenueOut(BaseModel):
    id: str
    name: str
    venue_type: str
    level: str
    division_code: str
    operator_type: str
    exhibition_hall_area_m2: Decimal
    free_opening: bool
    open_to_public: bool
    emergency_role: bool
    accessibility_features: list[str]
    funding_level: str | None
    created_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)


class ExhibitionAreaOut(BaseModel):
    division_code: str
    residents: int
    qualifying_area_m2: Decimal
    met: bool
    reason: str
    basis: list[Basis]


class MuseumSubsidyOut(BaseModel):
    """R16 / 三(三)2: provincial post-completion subsidy for a science museum of a 市州 or a county."""

    division_code: str
    division_level: str
    population: int
    conditions_met: bool
    accepted: bool
    eligible: bool
    reason: str
    basis: list[Basis]
