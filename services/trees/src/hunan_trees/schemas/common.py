"""Small types shared by several resources of the trees API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_trees.engines import geo


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
