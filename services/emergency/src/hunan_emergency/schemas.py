"""Request and response bodies of the emergency API (HTTP contract, separate from the tables)."""

from __future__ import annotations

import datetime as dt

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from hunan_shared import divisions
from hunan_shared.legal import Basis
from hunan_emergency.rules.classification import HazardCategory, ResponseLevel


class DisasterDeclaration(BaseModel):
    """Declare a disaster (natural hazard) or accident (production-safety sector) with a response level."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "title": "湘江流域洪涝", "category": "NATURAL_DISASTER", "hazard_type": "FLOOD_DROUGHT",
        "response_level": "II", "division_codes": ["430102", "430103"], "occurred_at": "2026-07-01T08:00:00+08:00"}]})

    title: str = Field(min_length=2, max_length=200)
    category: HazardCategory
    hazard_type: str | None = Field(None, max_length=60, description="One of the five major hazards (natural disasters)")
    sector: str | None = Field(None, max_length=60, description="Production-safety sector (accidents)")
    response_level: ResponseLevel
    division_codes: list[str] = Field(min_length=1, max_length=200, description="GB/T 2260 Hunan division codes")
    occurred_at: AwareDatetime

    @field_validator("division_codes")
    @classmethod
    def _known_divisions(cls, codes: list[str]) -> list[str]:
        unknown = [c for c in codes if not divisions.is_valid(c)]
        if unknown:
            raise ValueError(f"not Hunan GB/T 2260 division codes: {', '.join(unknown)}")
        return sorted(set(codes))

    @field_validator("occurred_at")
    @classmethod
    def _not_in_future(cls, value: dt.datetime) -> dt.datetime:
        if value > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5):
            raise ValueError("occurred_at lies in the future")
        return value


class DisasterOut(BaseModel):
    id: str
    title: str
    category: str
    hazard: str
    response_level: str
    state: str
    division_codes: list[str]
    occurred_at: dt.datetime
    declared_at: dt.datetime | None
    basis: list[Basis] = Field(default_factory=list, description="Legal basis of the decisions taken on this request")
