"""Request and response bodies of 'double random, one public' inspections (W2): pools, plans, tasks, draws."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_business_env.rules.inspections import TaskState
from hunan_business_env.schemas.common import CREDIT_CODE, DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InspectorIn(_Input):
    """An inspector entering the pool, with the entities (credit codes) they must keep away from (回避)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "王某",
                    "department": "长沙市天心区市场监督管理局",
                    "division_code": "430103",
                    "certificate_no": "43010320210017",
                    "conflicts": ["91430104MA4L0K8R3A"],
                }
            ]
        },
    )

    name: str = Field(min_length=1, max_length=100)
    department: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    certificate_no: str = Field(pattern=r"^[0-9A-Z]{6,40}$")
    conflicts: list[str] = Field(default_factory=list, max_length=200)

    @field_validator("conflicts")
    @classmethod
    def _credit_codes(cls, codes: list[str]) -> list[str]:
        bad = [c for c in codes if not re.fullmatch(CREDIT_CODE, c)]
        if bad:
            raise ValueError(f"not unified social credit codes: {bad}")
        return sorted(set(codes))


class InspectorOut(BaseModel):
    id: str
    name: str
    department: str
    division_code: str
    certificate_no: str
    conflicts: list[str]


class InspectionPlanIn(_Input):
    """An annual joint random-inspection plan of a division (one per division and year)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"division_code": "430100", "year": 2025, "departments": ["市场监督管理局", "生态环境局", "卫生健康委"]}
            ]
        },
    )

    division_code: HunanDivision
    year: int = Field(ge=2022, le=2100, description="The Provisions apply from 2022 (Art. 53)")
    departments: list[str] = Field(min_length=1, max_length=50)


class InspectionPlanOut(BaseModel):
    id: str
    division_code: str
    year: int
    departments: list[str]


class InspectionTaskIn(_Input):
    """A task of a plan: one department, the items it checks, the division whose entities are drawn."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "plan_id": "0f5b7f5e-3a43-4d47-9d3b-5f0d6c1e2a11",
                    "department": "市场监督管理局",
                    "items": ["食品经营许可事项检查"],
                    "division_code": "430104",
                    "sample_size": 20,
                }
            ]
        },
    )

    plan_id: str = Field(max_length=36)
    department: str = Field(min_length=2, max_length=200)
    items: list[str] = Field(min_length=1, max_length=50, description="Items of the random-inspection item list")
    division_code: HunanDivision
    sample_size: int = Field(ge=1, le=10_000)
    inspectors_per_entity: int | None = Field(None, ge=1, le=10, description="Default: the service setting")


class DrawIn(_Input):
    """Draw the task's entities and inspectors. `seed` lets the department use a public random source (e.g. a
    lottery result announced in advance); without it the service draws 256 bits from the OS."""

    seed: str | None = Field(None, min_length=16, max_length=200, pattern=r"^[\x21-\x7e]+$")


class CompletionIn(_Input):
    completed_on: dt.date = Field(description="The day the task was completed (抽查任务完成); not counted")


class PublicationIn(_Input):
    published_on: dt.date
    results_summary: str = Field(min_length=2, max_length=4000)


class WithholdingIn(_Input):
    legal_basis: str = Field(
        min_length=1, max_length=500, description="The law that makes disclosure inappropriate (依法不适合公开)"
    )


class AssignmentOut(BaseModel):
    entity_id: str
    credit_code: str
    name: str
    inspector_ids: list[str]


class InspectionTaskOut(BaseModel):
    id: str
    plan_id: str
    department: str
    items: list[str]
    division_code: str
    sample_size: int
    inspectors_per_entity: int
    state: TaskState
    assignments: list[AssignmentOut]
    excluded: dict[str, str] = Field(description="Entity id → why it was left out of the draw")
    seed: str | None
    completed_on: dt.date | None
    publish_due: DeadlineOut | None
    published_on: dt.date | None
    published_on_time: bool | None
    overdue: bool = Field(description="Completed, not yet published or withheld, and past its due date")
    results_summary: str | None
    withheld_basis: str | None
    basis: list[Basis] = Field(default_factory=list)
