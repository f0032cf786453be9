"""Request and response bodies of the trees API (HTTP contract, separate from the tables)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_shared import divisions
from hunan_shared.legal import Basis
from hunan_trees import geo
from hunan_trees.rules.classification import FamousBasis, GovernmentLevel, Grade, ProtectionLevel
from hunan_trees.rules.custodian import CustodianCategory, LandUse
from hunan_trees.rules.habitat import ConstructionOutcome, ProjectTier
from hunan_trees.rules.transplant import ConsultationMode, CostBearer, TransplantGround

GEOJSON_POLYGON_EXAMPLE = {
    "type": "Polygon",
    "coordinates": [
        [[112.9380, 28.2280], [112.9400, 28.2280], [112.9400, 28.2295], [112.9380, 28.2295], [112.9380, 28.2280]]
    ],
}


class Location(BaseModel):
    """WGS84 point; must lie inside Hunan's bounding box."""

    model_config = ConfigDict(extra="forbid")

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)

    @model_validator(mode="after")
    def _inside_hunan(self) -> Location:
        if not geo.inside_hunan(self.longitude, self.latitude):
            raise ValueError("location lies outside Hunan (24.5–30.3°N, 108.6–114.4°E)")
        return self


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
    basis: list[Basis] = Field(description="Legal basis of the grade, protection level, authority and custodian")


class HabitatCheckRequest(BaseModel):
    """A construction site to check against habitat protection zones (Art. 25; ARCHITECTURE flow 4)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"site": GEOJSON_POLYGON_EXAMPLE, "tier": "OTHER", "avoidable": True, "project_ref": "BE-2026-001"}
            ]
        },
    )

    site: dict[str, Any] = Field(description="GeoJSON Polygon or MultiPolygon of the site, WGS84 [lon, lat]")
    tier: ProjectTier = Field(ProjectTier.OTHER, description="National key / provincial key / other project")
    avoidable: bool = Field(True, description="Whether the project can still avoid the zones (避让)")
    project_ref: str | None = Field(None, max_length=100, description="Caller's project id, echoed back")

    @field_validator("site")
    @classmethod
    def _site(cls, value: dict[str, Any]) -> dict[str, Any]:
        geo.parse_area(value)
        return value


class ConflictingTree(BaseModel):
    tree_id: str
    tree_no: str | None
    species: str
    grade: Grade | None
    protection_level: ProtectionLevel | None
    division_code: str
    distance_to_tree_m: float = Field(description="Distance from the site to the trunk position, metres")


class HabitatCheckOut(BaseModel):
    project_ref: str | None
    conflict: bool
    outcome: ConstructionOutcome
    reason: str
    trees: list[ConflictingTree]
    basis: list[Basis]


class InspectionOut(BaseModel):
    disaster_id: str
    tree_id: str
    division_code: str
    hazard: str
    status: str
    scheduled_at: dt.datetime
    due_on: dt.date
    due_provisional: bool


class TransplantFacts(BaseModel):
    """Findings behind the ground (Art. 26); only the limbs of the chosen ground matter."""

    model_config = ConfigDict(extra="forbid")

    environment_unsuitable: bool = False
    may_cause_death: bool = False
    endangers_public_life: bool = False
    hazard_removable: bool = True
    project_tier: ProjectTier | None = None
    project_avoidable: bool = True
    effectively_protectable: bool = True


class TransplantApplicationIn(BaseModel):
    """Apply for nearby protective transplanting of a registered tree (Arts. 26–27)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "tree_id": "…",
                    "ground": "T3_KEY_PROJECT",
                    "applicant": "湖南省高速公路集团有限公司",
                    "facts": {
                        "project_tier": "PROVINCIAL_KEY",
                        "project_avoidable": False,
                        "effectively_protectable": False,
                    },
                    "plan_summary": "就近移植至项目红线外120米处绿地，带土球移植",
                    "target": {"latitude": 28.23, "longitude": 112.94},
                    "estimated_cost": "180000.00",
                    "funding_secured": True,
                }
            ]
        },
    )

    tree_id: str = Field(min_length=1, max_length=36)
    ground: TransplantGround
    facts: TransplantFacts
    applicant: str = Field(min_length=2, max_length=200, description="Applicant organisation")
    plan_summary: str = Field(min_length=1, max_length=4000, description="Transplant plan 移植方案")
    target: Location = Field(description="Target site (就近, nearby)")
    estimated_cost: Decimal = Field(
        gt=0, max_digits=14, decimal_places=2, description="Transplant + 5-year aftercare, CNY"
    )
    funding_secured: bool = Field(description="Transplant, rejuvenation and maintenance costs secured (落实费用)")


class TransplantApproval(BaseModel):
    """Approve a transplant after expert review and public consultation (Art. 27 para 2)."""

    model_config = ConfigDict(extra="forbid")

    expert_review_ref: str | None = Field(None, max_length=200, description="Reference of the expert review 专家论证")
    consultation_mode: ConsultationMode | None = None
    consultation_closed_on: dt.date | None = Field(None, description="Day the hearing or public notice closed")
    decision_ref: str = Field(min_length=1, max_length=200, description="Approval document number")


class TransplantOut(BaseModel):
    id: str
    tree_id: str
    division_code: str
    ground: TransplantGround
    applicant: str
    plan_summary: str
    target: Location
    estimated_cost: Decimal
    funding_secured: bool
    state: str
    cost_bearer: CostBearer | None
    aftercare_years: int
    expert_review_ref: str | None
    consultation_mode: ConsultationMode | None
    consultation_closed_on: dt.date | None
    decision_ref: str | None
    submitted_at: dt.datetime
    decided_at: dt.datetime | None
    basis: list[Basis]
