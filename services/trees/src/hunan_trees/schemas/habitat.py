"""Request and response bodies of the habitat-conflict check (Art. 25)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_shared.legal import Basis
from hunan_trees.engines import geo
from hunan_trees.rules.classification import Grade, ProtectionLevel
from hunan_trees.rules.habitat import ConstructionOutcome, ProjectTier

GEOJSON_POLYGON_EXAMPLE = {
    "type": "Polygon",
    "coordinates": [
        [[112.9380, 28.2280], [112.9400, 28.2280], [112.9400, 28.2295], [112.9380, 28.2295], [112.9380, 28.2280]]
    ],
}


class HabitatCheckRequest(BaseModel):
    """A construction site to check against habitat protection zones (Art. 25; business_env's construction projects)."""

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
