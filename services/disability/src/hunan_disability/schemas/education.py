"""Request and response bodies of education placements."""

from __future__ import annotations

from pydantic import BaseModel, Field

from hunan_disability.rules.services import PlacementType, SchoolStage
from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class EducationIn(Input):
    person_id: str = Field(max_length=36)
    stage: SchoolStage
    placement_type: PlacementType = Field(description="随班就读, 特教班, 特殊教育学校, 送教上门")
    school: str = Field(min_length=1, max_length=200)
    school_year: int = Field(ge=2021, le=2035)


class EducationOut(BaseModel):
    id: str
    person_id: str
    stage: str
    placement_type: str
    school: str
    school_year: int
    free_education: bool
    basis: list[Basis] = Field(default_factory=list)
