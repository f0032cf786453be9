"""Bodies of the port fee catalogue (R72), approval delegations (R48) and business-environment supervisors (R94)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.lists import Support
from hunan_business_env.schemas.common import HunanDivision
from hunan_shared.legal import Basis


class PortFeeCategory(StrEnum):
    PORT = "PORT"  # 港口收费
    SHIPPING_AGENCY = "SHIPPING_AGENCY"  # 船代
    TALLYING = "TALLYING"  # 理货
    OTHER = "OTHER"


class PortFeeIn(BaseModel):
    """A port fee as disclosed on the single window; the four disclosure fields are checked with Art. 33 cited."""

    model_config = ConfigDict(extra="forbid")
    charging_entity: str = Field(min_length=2, max_length=200)
    fee_item: str | None = Field(None, max_length=200)
    scope: str | None = Field(None, max_length=500)
    standard: str | None = Field(None, max_length=500)
    pricing_method: str | None = Field(None, max_length=200)
    category: PortFeeCategory
    published_on: dt.date


class PortFeeOut(BaseModel):
    id: str
    charging_entity: str
    fee_item: str
    scope: str
    standard: str
    pricing_method: str
    category: PortFeeCategory
    published_on: dt.date


class PortChargeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    charging_entity: str = Field(min_length=2, max_length=200)
    fee_item: str = Field(min_length=1, max_length=200)


class PortChargeOut(BaseModel):
    charging_entity: str
    fee_item: str
    outcome: str
    reason: str
    basis: list[Basis]


class DelegationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    matter: str = Field(min_length=2, max_length=200)
    original_agency: str = Field(min_length=2, max_length=200)
    receiving_agency: str = Field(min_length=2, max_length=200)
    legal_basis: str = Field(min_length=2, max_length=500)
    support: list[Support] = Field(default_factory=list, max_length=3)
    effective_from: dt.date

    @model_validator(mode="after")
    def _two_agencies(self) -> DelegationIn:
        if self.original_agency == self.receiving_agency:
            raise ValueError("an agency does not delegate to itself")
        return self


class DelegationRevokeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    revoked_on: dt.date


class DelegationOut(BaseModel):
    id: str
    matter: str
    original_agency: str
    receiving_agency: str
    legal_basis: str
    support: list[Support]
    effective_from: dt.date
    revoked_on: dt.date | None


class HandlerOut(BaseModel):
    matter: str
    original_agency: str
    on: dt.date
    handling_agency: str
    reason: str
    basis: list[Basis]


class SupervisorKind(StrEnum):
    STATION = "STATION"  # 监督站
    POINT = "POINT"  # 监督点
    OFFICER = "OFFICER"  # 监督员


class AppointeeKind(StrEnum):
    ASSOCIATION = "ASSOCIATION"  # 行业协会商会
    ENTERPRISE = "ENTERPRISE"  # 企业
    ENTREPRENEUR = "ENTREPRENEUR"  # 企业家


class SupervisorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: SupervisorKind
    appointee_kind: AppointeeKind
    appointee: str = Field(min_length=2, max_length=200)
    appointing_department: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    appointed_on: dt.date
    term_ends: dt.date | None = None

    @model_validator(mode="after")
    def _term(self) -> SupervisorIn:
        if self.term_ends is not None and self.term_ends < self.appointed_on:
            raise ValueError("term_ends precedes appointed_on")
        return self


class SupervisorOut(BaseModel):
    id: str
    kind: SupervisorKind
    appointee_kind: AppointeeKind
    appointee: str
    appointing_department: str
    division_code: str
    appointed_on: dt.date
    term_ends: dt.date | None
    dismissed_on: dt.date | None


class SupervisorReportIn(BaseModel):
    """A supervisor's report of a problem; it enters the complaints ledger with source SUPERVISOR (W1)."""

    model_config = ConfigDict(extra="forbid")
    respondent: str = Field(min_length=2, max_length=200)
    respondent_division_code: HunanDivision
    allegation: str = Field(min_length=5, max_length=4000)
    received_on: dt.date
