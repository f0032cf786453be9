"""Request and response bodies of business-environment evaluations (Art. 6, W3)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.evaluations import EvaluationAction, EvaluationState, EvaluatorKind
from hunan_business_env.schemas.common import HunanDivision
from hunan_shared.legal import Basis


class OrganiserLevel(StrEnum):
    PROVINCE = "PROVINCE"
    CITY = "CITY"
    COUNTY = "COUNTY"


class EvaluationIn(BaseModel):
    """Organise an evaluation (only the provincial development-and-reform department may, Art. 6)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "year": 2024,
                    "organiser": "湖南省发展和改革委员会",
                    "organiser_level": "PROVINCE",
                    "indicator_set": "湖南省营商环境评价指标体系（2024年版，参照国家营商环境评价体系）",
                    "regions": ["430100", "430200"],
                }
            ]
        },
    )

    year: int = Field(ge=2022, le=2100)
    organiser: str = Field(min_length=2, max_length=200)
    organiser_level: OrganiserLevel
    indicator_set: str = Field(
        min_length=2, max_length=200, description="Provincial indicators set with reference to the national system"
    )
    regions: list[HunanDivision] = Field(min_length=1, max_length=200, description="Evaluated regions")


class ProblemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: HunanDivision
    problem: str = Field(min_length=2, max_length=2000)
    suggestion: str = Field(min_length=2, max_length=2000, description="改进建议")


class EvaluationStepIn(BaseModel):
    """One step of the evaluation: commission, fieldwork, report, provincial approval, feedback, closing."""

    model_config = ConfigDict(extra="forbid")

    action: EvaluationAction
    on: dt.date
    evaluator: str | None = Field(None, max_length=200, description="COMMISSION: the institution commissioned")
    evaluator_kind: EvaluatorKind | None = Field(None, description="COMMISSION: a third party or a government body")
    problems: list[ProblemIn] | None = Field(None, max_length=500, description="SUBMIT_REPORT: the problem list")
    approval_ref: str | None = Field(None, max_length=200, description="APPROVE: the provincial government's consent")

    @model_validator(mode="after")
    def _fields_for_action(self) -> EvaluationStepIn:
        if self.action is EvaluationAction.COMMISSION and (not self.evaluator or self.evaluator_kind is None):
            raise ValueError("COMMISSION names the evaluator and its kind")
        if self.action is EvaluationAction.SUBMIT_REPORT and self.problems is None:
            raise ValueError("SUBMIT_REPORT carries the problem list (may be empty)")
        if self.action is EvaluationAction.APPROVE and not self.approval_ref:
            raise ValueError("APPROVE cites the provincial government's consent")
        return self


class RectificationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    measure: str = Field(min_length=2, max_length=2000, description="The policy measure adjusted (调整完善)")
    rectified_on: dt.date


class ProblemOut(BaseModel):
    seq: int
    region: str
    problem: str
    suggestion: str
    measure: str | None = None
    rectified_on: dt.date | None = None


class EvaluationOut(BaseModel):
    id: str
    year: int
    organiser: str
    organiser_level: str
    indicator_set: str
    regions: list[str]
    state: EvaluationState
    evaluator: str | None
    problems: list[ProblemOut]
    approval_ref: str | None
    approved_on: dt.date | None
    fed_back_on: dt.date | None
    rectification_due: dt.date | None
    rectification_due_provisional: bool | None
    created_at: dt.datetime
    basis: list[Basis]
