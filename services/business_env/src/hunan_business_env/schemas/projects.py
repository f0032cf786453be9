"""Request and response bodies of engineering projects and their trees habitat check."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_business_env.rules.engineering import ProjectStage, TreeMeasure
from hunan_business_env.rules.licences import PermitMode
from hunan_business_env.schemas.common import known_division
from hunan_shared.legal import Basis

# Hunan lies within 24.6–30.2°N, 108.7–114.3°E (same margin as the trees service).
HUNAN_BBOX = (108.6, 24.5, 114.4, 30.3)
MAX_VERTICES = 20_000


class ProjectTier(StrEnum):
    NATIONAL_KEY = "NATIONAL_KEY"  # 国家重点建设项目
    PROVINCIAL_KEY = "PROVINCIAL_KEY"  # 省重点建设项目
    OTHER = "OTHER"


class Footprint(BaseModel):
    """GeoJSON Polygon or MultiPolygon (WGS84 [longitude, latitude]), checked for structure; trees checks validity."""

    model_config = ConfigDict(extra="allow")

    type: Literal["Polygon", "MultiPolygon"]
    coordinates: list[Any]

    @model_validator(mode="after")
    def _rings(self) -> Footprint:
        polygons = [self.coordinates] if self.type == "Polygon" else self.coordinates
        vertices = 0
        for polygon in polygons:
            if not isinstance(polygon, list) or not polygon:
                raise ValueError("each polygon is a non-empty list of linear rings")
            for ring in polygon:
                if not isinstance(ring, list) or len(ring) < 4:
                    raise ValueError("a linear ring has at least four positions")
                if ring[0] != ring[-1]:
                    raise ValueError("a linear ring is closed (first position equals last)")
                for position in ring:
                    _check_position(position)
                vertices += len(ring)
        if vertices > MAX_VERTICES:
            raise ValueError(f"more than {MAX_VERTICES} vertices")
        return self


def _check_position(position: Any) -> None:
    if not (
        isinstance(position, list)
        and len(position) in (2, 3)
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position)
    ):
        raise ValueError("a position is [longitude, latitude]")
    lon, lat = position[0], position[1]
    lon_min, lat_min, lon_max, lat_max = HUNAN_BBOX
    if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
        raise ValueError(f"position {position[:2]} lies outside Hunan ([longitude, latitude], WGS84)")


class EngineeringProjectIn(BaseModel):
    """Register an engineering construction project; its footprint is checked against tree habitat zones (W14)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "岳麓区某道路拓宽工程",
                    "builder": "长沙市某建设投资有限公司",
                    "division_code": "430104",
                    "tier": "OTHER",
                    "stage": "PROJECT_LAND_PLANNING",
                    "avoidable": True,
                    "footprint": {
                        "type": "Polygon",
                        "coordinates": [
                            [
                                [112.9380, 28.2280],
                                [112.9400, 28.2280],
                                [112.9400, 28.2295],
                                [112.9380, 28.2295],
                                [112.9380, 28.2280],
                            ]
                        ],
                    },
                }
            ]
        },
    )

    name: str = Field(min_length=2, max_length=200)
    builder: str = Field(min_length=2, max_length=200, description="Construction unit 建设单位")
    division_code: str = Field(pattern=r"^43\d{4}$")
    tier: ProjectTier = ProjectTier.OTHER
    stage: ProjectStage = ProjectStage.PROJECT_LAND_PLANNING
    avoidable: bool = Field(True, description="Whether the design can still avoid tree habitat zones")
    footprint: Footprint
    project_type: str | None = Field(
        None,
        min_length=2,
        max_length=200,
        description="Project type as named on the province-wide planning-permit list (Art. 28 para 4): decides "
        "whether the construction-engineering planning permit is reviewed, by commitment or exempt",
    )

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return known_division(code)


class PlanningPermitOut(BaseModel):
    """How the project's construction-engineering planning permit is handled (Art. 28 para 4, R57), fixed at
    registration from the province-wide list."""

    project_type: str
    mode: PermitMode
    review_elements: list[str]


class TreeCheckOut(BaseModel):
    outcome: str = Field(description="NO_CONFLICT | AVOIDANCE_REQUIRED | PROTECTION_PLAN_REQUIRED | PROHIBITED (trees)")
    reason: str
    tree_ids: list[str]
    measure: TreeMeasure
    construction_permit_allowed: bool
    checked_at: dt.datetime


class EngineeringProjectOut(BaseModel):
    id: str
    name: str
    builder: str
    division_code: str
    tier: ProjectTier
    stage: ProjectStage
    avoidable: bool
    footprint: dict[str, Any]
    tree_check: TreeCheckOut
    planning_permit: PlanningPermitOut | None = Field(None, description="Only when a project type was given")
    accepted_on: dt.date | None = None
    accessibility_missing: list[str] | None = Field(
        None, description="At acceptance: accessibility steps (designed, built, accepted) not in step with the works"
    )
    created_at: dt.datetime
    basis: list[Basis]


class CompletionAcceptanceIn(BaseModel):
    """Completion acceptance of the main works (竣工验收), with the accessible facilities' three steps (三同步)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "accepted_on": "2025-06-30",
                    "accessibility_designed": True,
                    "accessibility_built": True,
                    "accessibility_accepted": False,
                }
            ]
        },
    )

    accepted_on: dt.date
    accessibility_designed: bool = Field(description="Accessible facilities designed with the main works 同步设计")
    accessibility_built: bool = Field(description="Built with the main works 同步施工")
    accessibility_accepted: bool = Field(description="Accepted with the main works 同步验收")
