"""HTTP request and response bodies — governance the plan makes checkable (第四章（三）（四）, R60, R61)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from hunan_emergency.schemas.common import Body, DivisionBody
from hunan_shared.legal import Basis

Code = Field(min_length=2, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")


class DecisionItemIn(Body):
    code: str = Code
    title: str = Field(min_length=2, max_length=200)
    published_on: dt.date


class DecisionItemOut(BaseModel):
    code: str
    title: str
    published_on: dt.date


class MajorDecisionIn(Body):
    item_code: str = Code
    title: str = Field(min_length=2, max_length=200)


class StepIn(Body):
    step: Literal["PUBLIC_PARTICIPATION", "EXPERT_REVIEW", "RISK_ASSESSMENT", "LEGALITY_REVIEW"]


class DecideIn(Body):
    decided_on: dt.date


class MajorDecisionOut(BaseModel):
    id: str
    item_code: str
    title: str
    steps: list[str]
    decided_on: dt.date | None
    missing: list[str] = Field(description="What is still missing before the collective decision (R60)")
    basis: list[Basis]


class EnforcementItemIn(Body):
    code: str = Code
    name: str = Field(min_length=2, max_length=200)
    legal_basis: str = Field(min_length=2, max_length=400)
    added_on: dt.date


class WithdrawIn(Body):
    withdrawn_on: dt.date
    reason: str = Field(min_length=2, max_length=400)


class EnforcementItemOut(BaseModel):
    code: str
    name: str
    legal_basis: str
    added_on: dt.date
    withdrawn_on: dt.date | None
    withdrawal_reason: str | None


class EnforcementCaseIn(DivisionBody):
    item_code: str = Code
    subject: str = Field(min_length=2, max_length=200)
    opened_on: dt.date
    suspected_crime: bool = False


class HandOverIn(Body):
    to: str = Field(min_length=2, max_length=200, description="The public-security or procuratorial organ")
    on: dt.date


class CloseCaseIn(Body):
    on: dt.date


class EnforcementCaseOut(BaseModel):
    id: str
    item_code: str
    subject: str
    division_code: str
    opened_on: dt.date
    suspected_crime: bool
    handed_over_to: str | None
    handed_over_on: dt.date | None
    closed_on: dt.date | None
    basis: list[Basis] = Field(default_factory=list)
