"""Bodies of the registers: complaint routing to the competent department (R99), supervision items (R75), discretion
benchmarks (R84, R85) and the intermediary-service list (R62)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.registers import PenaltyTreatment
from hunan_business_env.schemas.common import HunanDivision
from hunan_shared.legal import Basis

CODE = r"^[0-9A-Za-z_-]{2,40}$"


class RoutingOut(BaseModel):
    complaint_id: str
    respondent_division_code: str
    department: str
    reason: str
    basis: list[Basis]


class SupervisionItemIn(BaseModel):
    """A catalogue item; it may be saved incomplete as a draft but is published only with all five elements."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=CODE)
    title: str = Field(min_length=2, max_length=200)
    supervising_body: str | None = Field(None, max_length=200)
    supervised_object: str | None = Field(None, max_length=500)
    measures: list[str] = Field(default_factory=list, max_length=50)
    legal_basis: str | None = Field(None, max_length=500)
    handling: str | None = Field(None, max_length=500)


class PublishIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    published_on: dt.date


class SupervisionItemOut(BaseModel):
    id: str
    code: str
    title: str
    supervising_body: str | None
    supervised_object: str | None
    measures: list[str]
    legal_basis: str | None
    handling: str | None
    published_on: dt.date | None


class BenchmarkKind(StrEnum):
    PENALTY = "PENALTY"
    LICENSING = "LICENSING"
    OTHER = "OTHER"


class BenchmarkIn(BaseModel):
    """A discretion benchmark as published; a penalty benchmark carries both lists (Art. 42 para 2)."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=CODE)
    department: str = Field(min_length=2, max_length=200)
    kind: BenchmarkKind
    scope: str = Field(min_length=2, max_length=500, description="Scope, types and ranges of the discretion")
    legal_basis: str = Field(min_length=2, max_length=500)
    no_penalty: list[str] = Field(default_factory=list, max_length=500)
    lighter: list[str] = Field(default_factory=list, max_length=500)
    published_on: dt.date


class BenchmarkAdjustIn(BaseModel):
    """An adjustment after a law, regulation or rule changed (Art. 42 para 1 及时调整)."""

    model_config = ConfigDict(extra="forbid")
    scope: str = Field(min_length=2, max_length=500)
    legal_basis: str = Field(min_length=2, max_length=500)
    no_penalty: list[str] = Field(default_factory=list, max_length=500)
    lighter: list[str] = Field(default_factory=list, max_length=500)
    published_on: dt.date
    adjustment_reason: str = Field(min_length=2, max_length=500)


class BenchmarkOut(BaseModel):
    id: str
    code: str
    department: str
    kind: BenchmarkKind
    scope: str
    legal_basis: str
    no_penalty: list[str]
    lighter: list[str]
    published_on: dt.date
    version: int
    adjustment_reason: str | None


class PenaltyTreatmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    benchmark_code: str = Field(pattern=CODE)
    matter: str = Field(min_length=1, max_length=200)
    first_offence: bool
    harm_corrected: bool


class PenaltyTreatmentOut(BaseModel):
    benchmark_code: str
    benchmark_version: int
    matter: str
    treatment: PenaltyTreatment
    reason: str
    basis: list[Basis]


class IntermediaryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=CODE)
    title: str = Field(min_length=2, max_length=200)
    approval_item: str = Field(min_length=2, max_length=200)
    legal_basis: str = Field(min_length=2, max_length=500)
    issuer_division_code: HunanDivision
    listed_from: dt.date


class IntermediaryRemoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    removed_on: dt.date
    removal_reason: str = Field(min_length=2, max_length=500)


class IntermediaryOut(BaseModel):
    id: str
    code: str
    title: str
    approval_item: str
    legal_basis: str
    issuer_division_code: str
    listed_from: dt.date
    removed_on: dt.date | None
    removal_reason: str | None


class IntermediaryCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    service_code: str = Field(pattern=CODE)
    required_on: dt.date


class IntermediaryCheckOut(BaseModel):
    service_code: str
    allowed: bool
    reason: str
    basis: list[Basis]
