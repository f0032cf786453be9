"""Request and response bodies of policy-measure reviews and fair-competition reports (Art. 44)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_business_env.rules.fair_competition import (
    EconomicTopic,
    MeasureKind,
    MeasureState,
    ReportRecipient,
    ReportState,
    ReviewConclusion,
    ReviewKind,
)
from hunan_business_env.schemas.common import CREDIT_CODE, DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


def _not_future(day: dt.date) -> dt.date:
    if day > dt.date.today() + dt.timedelta(days=1):
        raise ValueError("the date lies in the future")
    if day < dt.date(2022, 1, 1):
        raise ValueError("the Provisions apply from 2022-01-01 (Art. 53)")
    return day


class PolicyMeasureIn(BaseModel):
    """Register a draft measure; the reviews it needs before issue follow from its kind and subject matter."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "某县招商引资优惠办法",
                    "drafting_agency": "某县人民政府办公室",
                    "division_code": "430121",
                    "kind": "NORMATIVE_DOCUMENT",
                    "affects_rights_obligations": True,
                    "economic_topics": ["INVESTMENT_ATTRACTION"],
                }
            ]
        },
    )

    title: str = Field(min_length=2, max_length=300)
    drafting_agency: str = Field(min_length=2, max_length=200, description="制定机关")
    division_code: HunanDivision
    kind: MeasureKind
    affects_rights_obligations: bool = Field(description="Concerns market entities' rights and obligations")
    economic_topics: list[EconomicTopic] = Field(
        default_factory=list, max_length=8, description="Economic activities of Art. 44 para 2 the measure governs"
    )
    market_access_negative_list: bool = Field(False, description="The measure is a market-access negative list")


class MeasureReviewIn(BaseModel):
    """Record a legality review or fair-competition review and its conclusion."""

    model_config = ConfigDict(extra="forbid")

    kind: ReviewKind
    conclusion: ReviewConclusion
    reviewer: str = Field(min_length=2, max_length=200, description="The reviewing body")
    note: str = Field(min_length=1, max_length=4000)
    reviewed_on: dt.date

    _day = field_validator("reviewed_on")(_not_future)


class IssuanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    issued_on: dt.date
    _day = field_validator("issued_on")(_not_future)


class MeasureReviewOut(BaseModel):
    kind: ReviewKind
    conclusion: ReviewConclusion
    reviewer: str
    note: str
    reviewed_on: dt.date
    recorded_at: dt.datetime


class PolicyMeasureOut(BaseModel):
    id: str
    title: str
    drafting_agency: str
    division_code: str
    kind: MeasureKind
    affects_rights_obligations: bool
    economic_topics: list[str]
    market_access_negative_list: bool
    state: MeasureState
    required_reviews: list[ReviewKind]
    reviews: list[MeasureReviewOut]
    issued_on: dt.date | None
    reported_by: list[str] = Field(description="Substantiated fair-competition reports against this measure")
    created_at: dt.datetime
    basis: list[Basis]


class FairCompetitionReportIn(BaseModel):
    """A market entity reports that a measure affects fair competition (反映 or 举报)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "measure_id": None,
                    "measure_title": "某县招商引资优惠办法",
                    "recipient": "MARKET_SUPERVISION",
                    "recipient_body": "长沙市市场监督管理局",
                    "division_code": "430100",
                    "reporter_credit_code": "91430104MA4L1234X5",
                    "allegation": "办法第五条规定仅本地注册企业可享受奖励，排除外地企业",
                    "written": True,
                    "facts_provided": True,
                    "received_on": "2024-09-20",
                }
            ]
        },
    )

    measure_id: str | None = Field(None, max_length=36, description="The registered measure, if it is registered here")
    measure_title: str = Field(min_length=2, max_length=300)
    recipient: ReportRecipient
    recipient_body: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    reporter_credit_code: str = Field(pattern=CREDIT_CODE)
    allegation: str = Field(min_length=5, max_length=4000)
    written: bool = Field(description="Submitted in writing (书面形式)")
    facts_provided: bool = Field(description="With supporting facts (提供相关事实依据)")
    received_on: dt.date

    _day = field_validator("received_on")(_not_future)


class ReportHandlingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result: str = Field(min_length=2, max_length=4000)
    substantiated: bool
    handled_on: dt.date
    _day = field_validator("handled_on")(_not_future)


class ReportFeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feedback_on: dt.date
    _day = field_validator("feedback_on")(_not_future)


class FairCompetitionReportOut(BaseModel):
    id: str
    measure_id: str | None
    measure_title: str
    recipient: ReportRecipient
    recipient_body: str
    division_code: str
    reporter_credit_code: str
    allegation: str
    written: bool
    facts_provided: bool
    mandatory: bool = Field(description="Must be handled promptly and answered (written with facts)")
    received_on: dt.date
    due: DeadlineOut | None
    overdue: bool
    state: ReportState
    result: str | None
    substantiated: bool | None
    handled_on: dt.date | None
    feedback_on: dt.date | None
    created_at: dt.datetime
    basis: list[Basis]
