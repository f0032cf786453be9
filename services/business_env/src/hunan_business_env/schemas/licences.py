"""Bodies of the electronic-licence library (R51, R52) and the province-wide planning-permit list (R57)."""

from __future__ import annotations

import datetime as dt

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.licences import LicenceEffect, PermitMode
from hunan_business_env.schemas.common import CREDIT_CODE
from hunan_shared.legal import Basis


class LicenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    licence_no: str = Field(pattern=r"^[0-9A-Za-z_-]{2,64}$")
    licence_type: str = Field(min_length=2, max_length=200)
    holder_credit_code: str = Field(pattern=CREDIT_CODE)
    issuer: str = Field(min_length=2, max_length=200)
    issued_at: AwareDatetime
    valid_from: dt.date
    valid_to: dt.date | None = None
    aggregation_exempt_basis: str | None = Field(
        None, min_length=2, max_length=500, description="Law, regulation or departmental rule providing otherwise"
    )

    @model_validator(mode="after")
    def _period(self) -> LicenceIn:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to precedes valid_from")
        return self


class AggregationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    aggregated_at: AwareDatetime


class RevocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    revoked_on: dt.date


class LicenceOut(BaseModel):
    id: str
    licence_no: str
    licence_type: str
    holder_credit_code: str
    issuer: str
    issued_at: dt.datetime
    valid_from: dt.date
    valid_to: dt.date | None
    aggregated_at: dt.datetime | None
    aggregation_exempt_basis: str | None
    aggregated_on_time: bool | None
    revoked_on: dt.date | None
    basis: list[Basis] = []


class LicenceEffectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    licence_no: str = Field(pattern=r"^[0-9A-Za-z_-]{2,64}$")
    on: dt.date


class LicenceEffectOut(BaseModel):
    licence_no: str
    on: dt.date
    effect: LicenceEffect
    reason: str
    basis: list[Basis]


class PermitTypeIn(BaseModel):
    """An entry of the one province-wide list; a commitment type lists the review elements the commitment covers."""

    model_config = ConfigDict(extra="forbid")
    project_type: str = Field(min_length=2, max_length=200)
    mode: PermitMode
    review_elements: list[str] = Field(default_factory=list, max_length=100)
    listed_on: dt.date

    @model_validator(mode="after")
    def _mode(self) -> PermitTypeIn:
        if self.mode is PermitMode.REVIEW:
            raise ValueError("the list names commitment and exempt types only; unlisted types are reviewed")
        if self.mode is PermitMode.COMMITMENT and not self.review_elements:
            raise ValueError("a commitment type lists its review elements (审查要素清单化, Art. 28 para 4)")
        if self.mode is PermitMode.EXEMPT and self.review_elements:
            raise ValueError("an exempt type has no review elements")
        return self


class PermitTypeOut(BaseModel):
    id: str
    project_type: str
    mode: PermitMode
    review_elements: list[str]
    listed_on: dt.date


class PermitModeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_type: str = Field(min_length=2, max_length=200)


class PermitModeOut(BaseModel):
    project_type: str
    mode: PermitMode
    review_elements: list[str]
    reason: str
    basis: list[Basis]
