"""Request and response bodies of the tree register (一树一档)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_shared import divisions
from hunan_shared.legal import Basis
from hunan_trees.engines import geo
from hunan_trees.rules.archive import TreeOrigin
from hunan_trees.rules.classification import FamousBasis, GovernmentLevel, Grade, ProtectionLevel
from hunan_trees.rules.custodian import CustodianCategory, LandUse
from hunan_trees.schemas.common import Location


def _county_code(code: str) -> str:
    division = divisions.get(code)
    if division.level is not divisions.Level.COUNTY:
        raise ValueError(f"{code} is a {division.level} code; a tree is registered in a county-level division")
    return code


class TreeRegistration(BaseModel):
    """Register an appraised ancient or famous tree in the archive (一树一档) with its habitat zone."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "tree_no": "43010200001",
                    "species": "樟树",
                    "species_latin": "Cinnamomum camphora",
                    "age_years": 520,
                    "is_famous": False,
                    "in_urban_planning_area": True,
                    "division_code": "430102",
                    "location": {"latitude": 28.2288, "longitude": 112.9390},
                    "land_use": "URBAN_PUBLIC_LAND",
                    "crown_radius_m": 8.5,
                }
            ]
        },
    )

    tree_no: str | None = Field(None, min_length=1, max_length=40, pattern=r"^[0-9A-Za-z-]+$")
    species: str = Field(min_length=1, max_length=100, description="Species (Chinese name)")
    species_latin: str | None = Field(None, max_length=100)
    age_years: int = Field(ge=0, le=6000, description="Appraised age 树龄 in whole years")
    is_famous: bool = Field(False, description="Found to be a famous tree 名木 (Art. 3)")
    famous_basis: list[FamousBasis] = Field(default_factory=list, max_length=5)
    in_primeval_forest: bool = Field(False, description="Trees in primeval forest are out of scope (Art. 2)")
    in_urban_planning_area: bool = Field(False, description="Inside an urban planning area 城市规划区 (Art. 10)")
    division_code: str = Field(pattern=r"^43\d{4}$", description="County-level GB/T 2260 code")
    location: Location
    land_use: LandUse | None = Field(None, description="Land-use situation deciding the custodian (Art. 16)")
    privately_owned: bool = False
    property_managed: bool | None = Field(None, description="For RESIDENTIAL land: under property management")
    in_subdistrict: bool | None = Field(None, description="For RESIDENTIAL land: in a sub-district (else township)")
    custodian_name: str | None = Field(None, max_length=200)
    crown_radius_m: float | None = Field(None, gt=0, le=60, description="Crown radius when no crown polygon is given")
    crown_projection: dict[str, Any] | None = Field(
        None, description="GeoJSON Polygon of the crown's vertical projection"
    )
    zone_margin_m: float = Field(
        5.0, gt=0, le=500, description="Zone margin beyond the crown projection (≥ 5 m, Art. 23)"
    )
    recognition_ref: str | None = Field(
        None, max_length=200, description="Document by which the tree was recognised and published (Art. 13)"
    )

    @field_validator("division_code")
    @classmethod
    def _county(cls, code: str) -> str:
        return _county_code(code)

    @field_validator("crown_projection")
    @classmethod
    def _crown(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value is not None:
            geo.parse_area(value)
        return value

    @model_validator(mode="after")
    def _one_crown(self) -> TreeRegistration:
        if (self.crown_radius_m is None) == (self.crown_projection is None):
            raise ValueError("give exactly one of crown_radius_m or crown_projection")
        return self


class Custodian(BaseModel):
    category: CustodianCategory
    party: str = Field(description="Who the category names as custodian 养护责任人 (Art. 16)")
    name: str | None = None
    assignment_id: str | None = Field(
        default=None, description="The custodian register's assignment in force; null when derived from land facts"
    )
    determined_by: str = Field(
        default="LAND_FACTS",
        description="RULE or COUNTY_DEPT_DECISION (custodian register), or LAND_FACTS (derived from the register's "
        "land facts by the Art. 16 table, nothing recorded yet)",
    )


class HabitatZoneOut(BaseModel):
    crown_radius_m: float | None
    margin_m: float
    geometry: dict[str, Any] = Field(description="GeoJSON of the zone, WGS84")


class TreeOut(BaseModel):
    id: str
    tree_no: str | None
    species: str
    species_latin: str | None
    age_years: int
    is_famous: bool
    famous_basis: list[str]
    in_urban_planning_area: bool
    art35_reference: bool
    grade: Grade | None
    protection_level: ProtectionLevel | None
    recognising_level: GovernmentLevel | None
    division_code: str
    location: Location
    custodian: Custodian
    habitat_zone: HabitatZoneOut | None
    status: str
    created_at: dt.datetime
    origin: TreeOrigin = Field(description="RECOGNITION (through W1 here) or IMPORTED (recognised elsewhere)")
    recognition_ref: str | None
    recognised_on: dt.date | None
    basis: list[Basis] = Field(description="Legal basis of the grade, protection level, authority and custodian")
