"""Request and response bodies of the service-facility funding ranking (三(七)6, R78)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from hunan_disability.rules.services import FacilityProjectKind
from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class FacilityProjectIn(Input):
    project_id: str = Field(min_length=1, max_length=60)
    kind: FacilityProjectKind = FacilityProjectKind.NEW
    priority_area: bool = Field(description="In a 革命老区, 民族地区 or 脱贫地区")
    area_has_no_facility: bool = Field(False, description="The place has no disabled persons' service facility yet")
    built_year: int | None = Field(None, ge=1900, le=2100, description="Expansion: when the facility was built")
    seriously_deficient: bool = Field(False, description="Expansion: 服务功能严重不足 (assessed)")


class FacilityRankingIn(Input):
    year: int = Field(ge=2021, le=2035, description="Funding year (ages the facilities)")
    projects: list[FacilityProjectIn] = Field(min_length=1, max_length=2000)


class RankedProject(BaseModel):
    rank: int
    project_id: str
    grounds: list[str]


class FacilityRankingOut(BaseModel):
    ranking: list[RankedProject]
    reason: str
    basis: list[Basis]
