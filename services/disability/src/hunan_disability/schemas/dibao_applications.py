"""Request and response bodies of single-person 低保 applications (专栏3·资金类·1, R2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from hunan_disability.rules.social_assistance import Applicant
from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class DibaoApplicationIn(Input):
    person_id: str = Field(max_length=36)
    applicant: Applicant = Field(description="person (本人申请) or guardian_or_agent (for a person lacking capacity)")
    lacks_capacity: bool = Field(False, description="The person lacks civil capacity (a guardian may apply)")
    applied_on: dt.date


class DibaoDecisionIn(Input):
    decided_on: dt.date
    monthly_income: Decimal = Field(ge=0, max_digits=12, decimal_places=2, description="The applicant's own income")
    dibao_standard: Decimal = Field(gt=0, max_digits=10, decimal_places=2, description="Local 低保 standard per person")


class DibaoApplicationOut(BaseModel):
    id: str
    person_id: str
    applicant: str
    lacks_capacity: bool
    applied_on: dt.date
    status: str
    monthly_income: Decimal | None
    dibao_standard: Decimal | None
    decided_on: dt.date | None
    decision_reason: str | None
    household_status: str | None = Field(None, description="The person's register status after the decision")
    basis: list[Basis] = Field(default_factory=list)
