"""Request and response bodies of subsidy eligibility and grants."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from hunan_disability.rules.subsidies import SubsidyProgram
from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class Eligibility(BaseModel):
    program: SubsidyProgram
    eligible: bool
    reason: str
    basis: list[Basis]


class PersonSubsidiesOut(BaseModel):
    person_id: str
    decisions: list[Eligibility]


class GrantIn(Input):
    person_id: str = Field(max_length=36)
    program: SubsidyProgram
    approved_on: dt.date


class GrantStopIn(Input):
    stopped_on: dt.date
    reason: str = Field(min_length=1, max_length=300)


class GrantOut(BaseModel):
    id: str
    person_id: str
    program: str
    approved_on: dt.date
    reason: str
    stopped_on: dt.date | None
    stop_reason: str | None
    basis: list[Basis] = Field(default_factory=list)
