"""Request and response bodies of recognition (W1, Arts. 11–15): censuses, candidates and their steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_shared.legal import Basis
from hunan_trees.engines import geo
from hunan_trees.rules.classification import FamousBasis, GovernmentLevel, Grade
from hunan_trees.rules.custodian import LandUse
from hunan_trees.rules.recognition import CandidateSource, CensusStatus, ObjectionOutcome, RecognitionState
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.trees import _county_code

COUNTY = r"^43\d{4}$"


class CensusIn(BaseModel):
    """Start a county's resource census 古树名木资源普查 (Art. 11)."""

    model_config = ConfigDict(extra="forbid")

    division_code: str = Field(pattern=COUNTY, description="County-level division running the census")
    started_on: dt.date
    organised_by: str = Field(min_length=2, max_length=200, description="County government organising it")

    @field_validator("division_code")
    @classmethod
    def _county(cls, code: str) -> str:
        return _county_code(code)


class CensusCompletion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    completed_on: dt.date
    trees_found: int = Field(ge=0, le=1_000_000)


class CensusOut(BaseModel):
    id: str
    division_code: str
    started_on: dt.date
    completed_on: dt.date | None
    organised_by: str
    trees_found: int | None
    next_due_on: dt.date = Field(description="Ten years after the start (Art. 11)")
    basis: list[Basis]


class CensusStatusOut(BaseModel):
    division_code: str
    status: CensusStatus
    last_started_on: dt.date | None
    next_due_on: dt.date | None
    reason: str
    basis: list[Basis]


class CandidateIn(BaseModel):
    """Put a tree forward for recognition: a census finding, a public report (Art. 15) or the department's own."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "source": "PUBLIC_REPORT",
                    "reporter": "岳麓区某村民",
                    "reported_on": "2026-05-06",
                    "division_code": "430104",
                    "species": "银杏",
                    "location": {"latitude": 28.21, "longitude": 112.93},
                    "description": "村口大银杏，胸径约1.5米",
                }
            ]
        },
    )

    source: CandidateSource
    census_id: str | None = Field(None, max_length=36, description="The census that found it (source CENSUS)")
    reporter: str | None = Field(None, min_length=1, max_length=200, description="Reporter (source PUBLIC_REPORT)")
    reported_on: dt.date | None = Field(None, description="Day the report or finding was received")
    division_code: str = Field(pattern=COUNTY)
    species: str = Field(min_length=1, max_length=100)
    species_latin: str | None = Field(None, max_length=100)
    location: Location
    description: str | None = Field(None, max_length=2000)
    in_primeval_forest: bool = False
    in_urban_planning_area: bool = False
    land_use: LandUse | None = None
    privately_owned: bool = False
    property_managed: bool | None = None
    in_subdistrict: bool | None = None
    custodian_name: str | None = Field(None, max_length=200)
    crown_radius_m: float | None = Field(None, gt=0, le=60)
    crown_projection: dict[str, Any] | None = None
    zone_margin_m: float = Field(5.0, gt=0, le=500)

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
    def _source_facts(self) -> CandidateIn:
        if self.source is CandidateSource.CENSUS and not self.census_id:
            raise ValueError("a census finding names its census_id")
        if self.source is not CandidateSource.CENSUS and self.census_id:
            raise ValueError("census_id is only for census findings")
        if self.source is CandidateSource.PUBLIC_REPORT and not self.reporter:
            raise ValueError("a public report names its reporter")
        if self.crown_radius_m is not None and self.crown_projection is not None:
            raise ValueError("give at most one of crown_radius_m or crown_projection")
        return self


class StepIn(BaseModel):
    """Who acted, on which day, under which document."""

    model_config = ConfigDict(extra="forbid")

    actor: str = Field(min_length=2, max_length=200, description="Acting body, e.g. 岳麓区林业局")
    on_date: dt.date | None = Field(None, description="Day of the act (default today); not in the future")
    document_ref: str | None = Field(None, max_length=200, description="Document number of the act")


class AppraisalStart(StepIn):
    experts: list[str] = Field(default_factory=list, max_length=30)


class AppraisalResult(StepIn):
    """The appraisal result to the national specification 国家古树名木鉴定规范 (Art. 12 para 1)."""

    specification: str = Field(
        "国家古树名木鉴定规范", min_length=2, max_length=200, description="Specification and version applied"
    )
    experts: list[str] = Field(min_length=1, max_length=30)
    age_years: int = Field(ge=0, le=6000)
    is_famous: bool = False
    famous_basis: list[FamousBasis] = Field(default_factory=list, max_length=5)
    crown_radius_m: float | None = Field(None, gt=0, le=60, description="Measured crown radius, if not known yet")


class NoticeIn(StepIn):
    channel: str | None = Field(None, max_length=200, description="Where the notice is published")


class ObjectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filer: str = Field(min_length=1, max_length=200, description="Objecting unit or person")
    grounds: str = Field(min_length=1, max_length=4000)
    filed_on: dt.date | None = Field(None, description="Day received (default today)")


class ObjectionDecisionIn(StepIn):
    outcome: ObjectionOutcome
    reason: str = Field(min_length=1, max_length=2000, description="Reasons (recorded for a dismissal too)")


class ForwardIn(StepIn):
    pass


class RecognitionDecisionIn(StepIn):
    deciding_level: GovernmentLevel = Field(description="Level of the government deciding (Art. 13)")
    document_ref: str = Field(min_length=1, max_length=200, description="Recognition and publication document")
    tree_no: str | None = Field(None, min_length=1, max_length=40, pattern=r"^[0-9A-Za-z-]+$")


class RefusalIn(StepIn):
    deciding_level: GovernmentLevel
    reason: str = Field(min_length=1, max_length=2000)


class ObjectionOut(BaseModel):
    id: str
    candidate_id: str
    appraisal_round: int
    filer: str
    grounds: str
    filed_on: dt.date
    outcome: ObjectionOutcome | None
    decision_reason: str | None
    decided_on: dt.date | None


class StepOut(BaseModel):
    step: str
    from_state: RecognitionState
    to_state: RecognitionState
    on_date: dt.date
    at: dt.datetime
    actor: str
    recorded_by: str
    document_ref: str | None
    details: dict[str, Any]
    basis: list[Basis]


class CandidateOut(BaseModel):
    id: str
    source: CandidateSource
    census_id: str | None
    reporter: str | None
    division_code: str
    species: str
    location: Location
    state: RecognitionState
    appraisal_round: int
    age_years: int | None
    is_famous: bool | None
    famous_basis: list[str]
    grade: Grade | None
    recognising_level: GovernmentLevel | None
    notice_published_on: dt.date | None
    notice_ends_on: dt.date | None
    at_level: GovernmentLevel | None
    tree_id: str | None
    created_at: dt.datetime
    objections: list[ObjectionOut]
    steps: list[StepOut]
    basis: list[Basis] = Field(description="Basis of the last decision")
