"""Request and response bodies of the checkers for foreign-investment conditions, park land, surveys and
intermediary services (CHECK rules R9, R56, R59, R63, R65)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.project_checks import (
    ForeignConditionFinding,
    Payer,
    SelectionChannel,
    SelectionFinding,
)
from hunan_shared.legal import Basis


class ConditionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str = Field(min_length=1, max_length=30, description="The condition's number in the document")
    text: str = Field(min_length=1, max_length=2000)
    applies_only_to_foreign_invested: bool = Field(
        description="The condition is set only for foreign-invested entities"
    )
    national_negative_list_item: str | None = Field(
        None, max_length=300, description="The item of the national negative list that requires it, if any"
    )


class ForeignInvestmentConditionsIn(BaseModel):
    """The conditions of a start-up procedure, service item or policy (Art. 7 para 3)."""

    model_config = ConfigDict(extra="forbid")

    conditions: list[ConditionIn] = Field(min_length=1, max_length=500)


class ConditionVerdict(BaseModel):
    number: str
    text: str
    finding: ForeignConditionFinding
    reason: str
    basis: list[Basis]


class ForeignInvestmentConditionsVerdict(BaseModel):
    compliant: bool
    conditions: list[ConditionVerdict] = Field(description="Every condition that is not ALLOWED, in order")


class LandCommitmentIn(BaseModel):
    """An approval item an enterprise on park land asks to handle by notification-commitment (Art. 28 para 3)."""

    model_config = ConfigDict(extra="forbid")

    item: str = Field(min_length=1, max_length=200, description="The approval item")
    land_obtained: bool
    regional_assessment_done: bool = Field(description="A regional assessment covers this item on the plot")
    item_in_commitment_list: bool = Field(description="The item is on the notification-commitment list")


class LandCommitmentVerdict(BaseModel):
    item: str
    allowed: bool
    unmet: list[str]
    reason: str
    basis: list[Basis]


class SurveyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scope: str = Field(min_length=1, max_length=200, description="The parcel or project covered")
    survey_type: str = Field(min_length=1, max_length=100, description="e.g. 地形测量, 竣工测量, 不动产测绘")


class DemandedSurveyIn(SurveyIn):
    stage: str = Field(min_length=1, max_length=100, description="The stage demanding it, e.g. 不动产登记")


class SurveyDemandsIn(BaseModel):
    """Surveys a stage demands against the results already shared (Art. 29 para 2)."""

    model_config = ConfigDict(extra="forbid")

    shared_results: list[SurveyIn] = Field(max_length=500)
    demanded: list[DemandedSurveyIn] = Field(min_length=1, max_length=500)


class SurveyVerdict(BaseModel):
    stage: str
    scope: str
    survey_type: str
    finding: str = Field(description="REPEAT_SURVEY")
    reason: str
    basis: list[Basis]


class SurveyDemandsVerdict(BaseModel):
    compliant: bool
    repeat_surveys: list[SurveyVerdict]


class TechnicalServiceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    paid_by: Payer
    approval_clock_paused: bool = Field(description="The approval time stops while the service runs")


class TechnicalServicesIn(BaseModel):
    """Technical services an agency must commission for its own approval (Art. 31 para 2)."""

    model_config = ConfigDict(extra="forbid")

    services: list[TechnicalServiceIn] = Field(min_length=1, max_length=200)


class TechnicalServiceVerdict(BaseModel):
    name: str
    findings: list[str]
    reason: str
    basis: list[Basis]


class TechnicalServicesVerdict(BaseModel):
    compliant: bool
    services: list[TechnicalServiceVerdict] = Field(description="Every service with a finding")


class IntermediarySelectionIn(BaseModel):
    """How an intermediary service was selected (Art. 31 para 3)."""

    model_config = ConfigDict(extra="forbid")

    service: str = Field(min_length=1, max_length=200)
    uses_fiscal_funds: bool
    channel: SelectionChannel
    legal_requirement_ref: str | None = Field(
        None, max_length=300, description="The law, regulation or rule requiring tender or procurement"
    )


class IntermediarySelectionVerdict(BaseModel):
    service: str
    finding: SelectionFinding
    compliant: bool
    reason: str
    basis: list[Basis]
