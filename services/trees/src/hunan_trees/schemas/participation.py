"""Request and response bodies for public participation and use: donation/adoption (Art. 8), public reports
(Art. 9), insurance (Art. 31), utilisation (Art. 32) and department routing (Art. 6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_shared.legal import Basis
from hunan_trees.rules.habitat import ProhibitedAct
from hunan_trees.rules.participation import Branch, ReportSubject, RoutePolicy, SponsorshipKind, UtilisationKind
from hunan_trees.schemas.common import Location
from hunan_trees.schemas.custodians import DIVISION, _known


class SponsorshipIn(BaseModel):
    """Donate to (捐资) or adopt (认养) a registered tree, optionally with a limited-term naming right (Art. 8)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "tree_id": "…",
                    "kind": "ADOPTION",
                    "sponsor_type": "UNIT",
                    "sponsor_name": "长沙某科技有限公司",
                    "adoption_from": "2025-01-01",
                    "adoption_to": "2027-12-31",
                    "naming_from": "2025-01-01",
                    "naming_to": "2027-12-31",
                    "naming_text": "长沙某科技有限公司认养",
                    "planting_credit": True,
                }
            ]
        },
    )

    tree_id: str = Field(min_length=1, max_length=36)
    kind: SponsorshipKind
    sponsor_type: str = Field(pattern=r"^(UNIT|INDIVIDUAL)$")
    sponsor_name: str = Field(min_length=1, max_length=200)
    amount_cny: Decimal | None = Field(None, gt=0, max_digits=14, decimal_places=2)
    adoption_from: dt.date | None = None
    adoption_to: dt.date | None = None
    naming_from: dt.date | None = Field(None, description="Naming right 署名权 starts")
    naming_to: dt.date | None = Field(None, description="Naming right ends (一定期限)")
    naming_text: str | None = Field(None, min_length=1, max_length=100, description="Text shown with the tree")
    planting_credit: bool = Field(False, description="Ask for voluntary tree-planting duty certification")

    @model_validator(mode="after")
    def _naming_text(self) -> SponsorshipIn:
        if (self.naming_text is None) != (self.naming_from is None):
            raise ValueError("a naming right needs naming_text and its term (naming_from, naming_to) together")
        if self.adoption_from and self.adoption_to and self.adoption_to < self.adoption_from:
            raise ValueError("the adoption ends before it starts")
        return self


class SponsorshipDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accept: bool
    decision_ref: str = Field(min_length=1, max_length=200)


class SponsorshipOut(BaseModel):
    id: str
    tree_id: str
    kind: SponsorshipKind
    sponsor_type: str
    sponsor_name: str
    amount_cny: Decimal | None
    adoption_from: dt.date | None
    adoption_to: dt.date | None
    naming_from: dt.date | None
    naming_to: dt.date | None
    naming_text: str | None
    planting_credit: bool
    state: str
    decision_ref: str | None
    applied_at: dt.datetime
    decided_at: dt.datetime | None
    basis: list[Basis]


class NamingOut(BaseModel):
    tree_id: str
    on: dt.date
    names: list[str] = Field(description="Naming texts whose accepted term runs on that day")
    basis: list[Basis]


class UtilisationIn(BaseModel):
    """Register a use of a tree (Art. 32): what, by whom, and the acts it involves."""

    model_config = ConfigDict(extra="forbid")

    tree_id: str = Field(min_length=1, max_length=36)
    kind: UtilisationKind
    operator: str = Field(min_length=2, max_length=200)
    description: str = Field(min_length=3, max_length=4000)
    involved_acts: list[ProhibitedAct] = Field(
        default_factory=list, max_length=30, description="Acts on the tree or in its zone the activity involves"
    )
    inside_habitat_zone: bool = Field(description="The activity takes place inside the habitat protection zone")
    starts_on: dt.date
    ends_on: dt.date | None = None

    @model_validator(mode="after")
    def _period(self) -> UtilisationIn:
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("the activity ends before it starts")
        return self


class UtilisationOut(BaseModel):
    id: str
    tree_id: str
    kind: UtilisationKind
    operator: str
    description: str
    inside_habitat_zone: bool
    supervising_branch: Branch
    starts_on: dt.date
    ends_on: dt.date | None
    registered_at: dt.datetime
    basis: list[Basis]


class InsurancePolicyIn(BaseModel):
    """A policy a county-or-above government bought for trees of its area (Art. 31)."""

    model_config = ConfigDict(extra="forbid")

    policy_no: str = Field(min_length=1, max_length=60)
    division_code: str = Field(pattern=DIVISION, description="The insuring government's division")
    insurer: str = Field(min_length=2, max_length=200)
    starts_on: dt.date
    ends_on: dt.date
    premium_cny: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    sum_insured_cny: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    tree_ids: list[str] = Field(min_length=1, max_length=5000)

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return _known(code)


class InsurancePolicyOut(BaseModel):
    id: str
    policy_no: str
    division_code: str
    insurer: str
    starts_on: dt.date
    ends_on: dt.date
    premium_cny: Decimal
    sum_insured_cny: Decimal
    tree_ids: list[str]
    registered_at: dt.datetime
    basis: list[Basis]


class PublicReportIn(BaseModel):
    """A report 举报 of an act damaging a tree, its sign or facilities (Art. 9)."""

    model_config = ConfigDict(extra="forbid")

    tree_id: str | None = Field(None, min_length=1, max_length=36, description="If the reporter knows it")
    tree_no: str | None = Field(None, min_length=1, max_length=40, description="Number on the protection sign")
    subject: ReportSubject
    act: ProhibitedAct | None = Field(None, description="The prohibited act seen, if it is one of Art. 24")
    description: str = Field(min_length=3, max_length=4000)
    location: Location | None = Field(None, description="Where; defaults to the tree's location")
    division_code: str | None = Field(None, pattern=DIVISION, description="County, when no tree is named")

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str | None) -> str | None:
        return _known(code) if code is not None else None

    @model_validator(mode="after")
    def _where(self) -> PublicReportIn:
        if self.tree_id is None and self.tree_no is None and (self.location is None or self.division_code is None):
            raise ValueError("say which tree (tree_id or tree_no) or where (location and division_code)")
        return self


class PublicReportClose(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(min_length=3, max_length=2000, description="What was done (case or report reference)")


class PublicReportOut(BaseModel):
    id: str
    tree_id: str | None
    division_code: str
    subject: ReportSubject
    act: ProhibitedAct | None
    description: str
    location: Location
    routed_to: str = Field(description="VIOLATION (W8), ABNORMALITY (W2) or FACILITY_REPAIR (Art. 22)")
    branch: Branch
    state: str
    outcome: str | None
    received_at: dt.datetime
    closed_at: dt.datetime | None
    basis: list[Basis]


class DepartmentOut(BaseModel):
    division_code: str
    in_urban_planning_area: bool
    branch: Branch = Field(description="The competent tree department that handles it")
    policy: RoutePolicy
    configured_at: str = Field(description="Division whose setting applied, or 'default'")
    reason: str
    basis: list[Basis]
