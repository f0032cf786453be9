"""Request and response bodies of the business_env API (HTTP contract, separate from the tables)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_business_env.rules.complaints import ComplaintState, EntryKind, SupervisionMethod
from hunan_business_env.rules.engineering import ProjectStage, TreeMeasure
from hunan_shared import divisions
from hunan_shared.legal import Basis

# Hunan lies within 24.6–30.2°N, 108.7–114.3°E (same margin as the trees service).
HUNAN_BBOX = (108.6, 24.5, 114.4, 30.3)
MAX_VERTICES = 20_000


def _known_division(code: str) -> str:
    if not divisions.is_valid(code):
        raise ValueError(f"{code} is not a Hunan GB/T 2260 division code")
    return code


class ComplaintSource(StrEnum):
    MARKET_ENTITY = "MARKET_ENTITY"
    PERSON = "PERSON"
    SUPERVISOR = "SUPERVISOR"  # 营商环境监督员 (Art. 48)
    HOTLINE_12345 = "HOTLINE_12345"  # 12345 enterprise seat (Art. 35)


class ComplaintIn(BaseModel):
    """Open a ledger account (建账) for a complaint about damage to the business environment."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "source": "MARKET_ENTITY",
                    "complainant": "长沙某科技有限公司",
                    "respondent": "某区住房和城乡建设局",
                    "respondent_division_code": "430104",
                    "allegation": "施工许可办理中要求提供办事指南以外的材料",
                    "received_on": "2024-09-27",
                }
            ]
        },
    )

    source: ComplaintSource
    complainant: str = Field(min_length=2, max_length=200)
    respondent: str = Field(min_length=2, max_length=200)
    respondent_division_code: str = Field(pattern=r"^43\d{4}$", description="Division of the respondent (routing, R99)")
    allegation: str = Field(min_length=5, max_length=4000)
    received_on: dt.date

    @field_validator("respondent_division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _known_division(code)

    @field_validator("received_on")
    @classmethod
    def _not_future(cls, day: dt.date) -> dt.date:
        if day > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("received_on lies in the future")
        if day < dt.date(2022, 1, 1):
            raise ValueError("the Provisions apply from 2022-01-01 (Art. 53)")
        return day


class LedgerEntryIn(BaseModel):
    """Record one ledger entry (记账): an action, a transfer, the result, the feedback, an evaluation or closing."""

    model_config = ConfigDict(extra="forbid")

    kind: EntryKind
    note: str = Field(min_length=1, max_length=4000)
    method: SupervisionMethod | None = Field(None, description="Art. 49 method, for ACTION entries")
    misconduct_found: bool = Field(False, description="ACTION: preliminary investigation found official misconduct")
    substantiated: bool | None = Field(None, description="RESOLVE: whether the complaint was substantiated")
    procedure_rating: int | None = Field(
        None, ge=1, le=5, description="EVALUATION: complainant's rating of the procedure"
    )
    result_rating: int | None = Field(None, ge=1, le=5, description="EVALUATION: complainant's rating of the result")

    @model_validator(mode="after")
    def _fields_for_kind(self) -> LedgerEntryIn:
        if self.kind is EntryKind.ACTION and self.method is None:
            raise ValueError("an ACTION entry names its Art. 49 method")
        if self.kind is EntryKind.RESOLVE and self.substantiated is None:
            raise ValueError("a RESOLVE entry states whether the complaint was substantiated")
        if self.kind is EntryKind.EVALUATION and (self.procedure_rating is None or self.result_rating is None):
            raise ValueError("an EVALUATION entry rates both procedure and result")
        return self


class DeadlineOut(BaseModel):
    date: dt.date
    provisional: bool = Field(description="Relies on a holiday calendar not yet published (after the last known year)")


class LedgerEntryOut(BaseModel):
    seq: int
    kind: str
    method: str | None
    note: str
    state_after: str
    actor: str
    recorded_at: dt.datetime


class ComplaintOut(BaseModel):
    id: str
    source: str
    complainant: str
    respondent: str
    respondent_division_code: str
    allegation: str
    state: ComplaintState
    received_on: dt.date
    handling_due: DeadlineOut
    feedback_due: DeadlineOut | None
    overdue: bool = Field(description="A deadline has passed without the step it guards")
    result: str | None
    substantiated: bool | None
    misconduct_found: bool
    transferred: bool
    procedure_rating: int | None
    result_rating: int | None
    created_at: dt.datetime
    closed_at: dt.datetime | None
    entries: list[LedgerEntryOut]
    basis: list[Basis]


class ProjectTier(StrEnum):
    NATIONAL_KEY = "NATIONAL_KEY"  # 国家重点建设项目
    PROVINCIAL_KEY = "PROVINCIAL_KEY"  # 省重点建设项目
    OTHER = "OTHER"


class Footprint(BaseModel):
    """GeoJSON Polygon or MultiPolygon (WGS84 [longitude, latitude]), structurally checked here; trees checks validity."""

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

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _known_division(code)


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
    created_at: dt.datetime
    basis: list[Basis]
