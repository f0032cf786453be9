"""Request and response bodies of the complaints ledger (建账/记账/销账)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hunan_business_env.rules.complaints import ComplaintState, EntryKind, SupervisionMethod
from hunan_business_env.rules.conduct_practices import Practice
from hunan_business_env.schemas.common import DeadlineOut, known_division
from hunan_shared.legal import Basis


class ComplaintSource(StrEnum):
    MARKET_ENTITY = "MARKET_ENTITY"
    PERSON = "PERSON"
    SUPERVISOR = "SUPERVISOR"  # 营商环境监督员 (Art. 48)
    HOTLINE_12345 = "HOTLINE_12345"  # 12345 enterprise seat (Art. 35)


class ComplaintIn(BaseModel):
    """Open a ledger account (建账) for a complaint about damage to the business environment."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "source": "MARKET_ENTITY",
                    "complainant": "长沙某科技有限公司",
                    "respondent": "某区住房和城乡建设局",
                    "respondent_division_code": "430104",
                    "allegation": "施工许可办理中要求提供办事指南以外的材料",
                    "received_on": "2024-09-27",
                }
            ]
        },
    )

    source: ComplaintSource
    complainant: str = Field(min_length=2, max_length=200)
    respondent: str = Field(min_length=2, max_length=200)
    respondent_division_code: str = Field(pattern=r"^43\d{4}$", description="Division of the respondent (routing, R99)")
    allegation: str = Field(min_length=5, max_length=4000)
    received_on: dt.date
    practice: Practice | None = Field(
        None,
        description="The conduct reported, when it is one the Provisions ban in another body's system (MONITOR rules "
        "R16, R26, R28, R38, R64, R82, R90, R91): it gives the rule, the article and the routing",
    )

    @field_validator("respondent_division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return known_division(code)

    @field_validator("received_on")
    @classmethod
    def _not_future(cls, day: dt.date) -> dt.date:
        if day > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("received_on lies in the future")
        if day < dt.date(2022, 1, 1):
            raise ValueError("the Provisions apply from 2022-01-01 (Art. 53)")
        return day


class LedgerEntryIn(BaseModel):
    """Record one ledger entry (记账): an action, a transfer, the result, the feedback, an evaluation or closing."""

    model_config = ConfigDict(extra="forbid")

    kind: EntryKind
    note: str = Field(min_length=1, max_length=4000)
    method: SupervisionMethod | None = Field(None, description="Art. 49 method, for ACTION entries")
    misconduct_found: bool = Field(False, description="ACTION: preliminary investigation found official misconduct")
    substantiated: bool | None = Field(None, description="RESOLVE: whether the complaint was substantiated")
    transferred_to: str | None = Field(
        None, min_length=2, max_length=200, description="TRANSFER: the discipline inspection and supervision organ"
    )
    procedure_rating: int | None = Field(
        None, ge=1, le=5, description="EVALUATION: complainant's rating of the procedure"
    )
    result_rating: int | None = Field(None, ge=1, le=5, description="EVALUATION: complainant's rating of the result")

    @model_validator(mode="after")
    def _fields_for_kind(self) -> LedgerEntryIn:
        if self.kind is EntryKind.ACTION and self.method is None:
            raise ValueError("an ACTION entry names its Art. 49 method")
        if self.kind is EntryKind.TRANSFER and not self.transferred_to:
            raise ValueError("a TRANSFER entry names the discipline inspection and supervision organ (纪检监察机关)")
        if self.kind is not EntryKind.TRANSFER and self.transferred_to is not None:
            raise ValueError("only TRANSFER entries name a discipline inspection organ")
        if self.kind is EntryKind.RESOLVE and self.substantiated is None:
            raise ValueError("a RESOLVE entry states whether the complaint was substantiated")
        if self.kind is EntryKind.EVALUATION and (self.procedure_rating is None or self.result_rating is None):
            raise ValueError("an EVALUATION entry rates both procedure and result")
        return self


class LedgerEntryOut(BaseModel):
    seq: int
    kind: str
    method: str | None
    note: str
    state_after: str
    actor: str
    recorded_at: dt.datetime


class ConductOut(BaseModel):
    practice: Practice
    rule: str = Field(description="The rule id in RULES.md, e.g. R16")
    respondent_type: str
    routed_to: str = Field(description="The body the account is routed to besides the respondent's division")
    basis: list[Basis]


class ConductCount(BaseModel):
    rule: str
    practice: Practice
    article: str
    complaints: int
    open: int = Field(description="Not yet closed")


class ConductCounts(BaseModel):
    division: str | None
    counts: list[ConductCount] = Field(description="One row per practice with at least one complaint, by rule")
    total: int


class ComplaintOut(BaseModel):
    id: str
    source: str
    complainant: str
    respondent: str
    respondent_division_code: str
    allegation: str
    state: ComplaintState
    received_on: dt.date
    handling_due: DeadlineOut
    feedback_due: DeadlineOut | None
    evaluation_window_ends: DeadlineOut | None = Field(
        description="After feedback: the last day for the complainant's rating; closing waits for it or the rating"
    )
    overdue: bool = Field(description="A deadline has passed without the step it guards")
    result: str | None
    substantiated: bool | None
    misconduct_found: bool
    transferred: bool
    transferred_to: str | None = Field(None, description="The discipline inspection and supervision organ (Art. 51)")
    procedure_rating: int | None
    result_rating: int | None
    created_at: dt.datetime
    closed_at: dt.datetime | None
    conduct: ConductOut | None = Field(None, description="The reported practice's rule, article and routing")
    entries: list[LedgerEntryOut]
    basis: list[Basis]
