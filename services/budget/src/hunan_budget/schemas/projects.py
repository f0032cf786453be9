"""Request and response bodies of the project library 项目库."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_budget.rules.projects import ProjectAction, ReductionGround
from hunan_budget.rules.responsibility import find_matters
from hunan_shared import divisions
from hunan_shared.legal import Basis


class ProjectIn(BaseModel):
    """Register a project in the project library 项目库 (starts as DRAFT; Opinion (八))."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "湘江流域历史遗留矿山生态修复",
                    "department": "省自然资源厅",
                    "division_code": "430000",
                    "budget_year": 2026,
                    "approval_basis": "湘政办发〔2021〕73号 二（四）",
                    "period_start": "2026-01-01",
                    "period_end": "2027-12-31",
                    "life_cycle_cost": "12600000.00",
                    "medium_term_plan_ref": "湖南省2026—2028年中期财政规划",
                    "budget_requirement": "12000000.00",
                    "feasibility_study_done": True,
                    "entry_review_done": False,
                    "priority": 2,
                    "in_construction": False,
                    "matter_id": "NR-405",
                }
            ]
        },
    )

    title: str = Field(min_length=2, max_length=200)
    department: str = Field(min_length=2, max_length=120)
    division_code: str = Field(description="GB/T 2260 code of the budgeting government (430000 = province)")
    budget_year: int = Field(ge=2021, le=2100)
    approval_basis: str | None = Field(None, max_length=500, description="立项依据")
    period_start: dt.date | None = Field(None, description="实施期限 start")
    period_end: dt.date | None = Field(None, description="实施期限 end")
    budget_requirement: Decimal | None = Field(None, gt=0, max_digits=16, decimal_places=2, description="预算需求 CNY")
    feasibility_study_done: bool = False
    entry_review_done: bool = False
    priority: int = Field(3, ge=1, le=5, description="1 (most urgent) to 5")
    in_construction: bool = False
    matter_id: str | None = Field(None, pattern=r"^NR-\d{3}$", description="Division Plan matter the project serves")
    government_investment: bool = Field(False, description="政府投资项目: needs a funding source to pass review (R43)")
    major: bool = Field(False, description="重大项目: needs an affordability assessment before funding (R46)")
    funding_source: str | None = Field(None, max_length=200, description="资金来源")
    ppp: bool = Field(False, description="政府与社会资本合作 (PPP) project (R45)")
    life_cycle_cost: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="R45: fiscal cost over the whole life cycle"
    )
    medium_term_plan_ref: str | None = Field(
        None, max_length=200, description="R45: the medium-term fiscal plan (中期财政规划) that takes the cost in"
    )

    @field_validator("division_code")
    @classmethod
    def _known_division(cls, code: str) -> str:
        return divisions.validate(code)

    @field_validator("matter_id")
    @classmethod
    def _known_matter(cls, matter_id: str | None) -> str | None:
        if matter_id is not None and not find_matters(matter_id):
            raise ValueError(f"no Division Plan matter {matter_id}")
        return matter_id

    @model_validator(mode="after")
    def _period_order(self) -> ProjectIn:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end lies before period_start")
        return self


class ProjectActionIn(BaseModel):
    """One life-cycle step (W1). `control_figure` is required for `admit` (R19), `grounds` for reduce/cancel,
    `reserve_started_on` optional for `reserve` (defaults to today), `new_budget_requirement` for `reduce`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"action": "admit", "control_figure": "50000000.00"},
                {"action": "reduce", "grounds": ["SLOW_PROGRESS"], "new_budget_requirement": "8000000.00"},
            ]
        },
    )

    action: ProjectAction
    control_figure: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="预算控制数 (admit)"
    )
    grounds: list[ReductionGround] = Field(default_factory=list, max_length=4)
    new_budget_requirement: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    reserve_started_on: dt.date | None = None
    note: str | None = Field(None, max_length=500)


class ProjectOut(BaseModel):
    id: str
    title: str
    department: str
    division_code: str
    fiscal_level: str
    budget_year: int
    approval_basis: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    budget_requirement: Decimal | None
    feasibility_study_done: bool
    entry_review_done: bool
    priority: int
    in_construction: bool
    matter_id: str | None
    government_investment: bool = False
    major: bool = False
    funding_source: str | None = None
    ppp: bool = False
    life_cycle_cost: Decimal | None = None
    medium_term_plan_ref: str | None = None
    state: str
    reserve_on_time: bool | None
    created_at: dt.datetime
    updated_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list, description="Legal basis of the decisions taken on this request")
