"""Request and response bodies of 12345 enterprise-seat appeals (Art. 35, W11)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.hotline import AppealAction, AppealState, Route
from hunan_business_env.schemas.common import CREDIT_CODE, DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


class AppealCategory(StrEnum):
    CONSULTATION = "CONSULTATION"  # 咨询
    REQUEST = "REQUEST"  # 求助
    COMPLAINT = "COMPLAINT"  # 投诉
    REPORT = "REPORT"  # 举报
    SUGGESTION = "SUGGESTION"  # 建议


class AppealIn(BaseModel):
    """An enterprise appeal taken by the 12345 enterprise seat (any hour: the hotline is staffed round the clock)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "ticket_no": "12345-430100-20240927-0001",
                    "received_at": "2024-09-27T22:40:00+08:00",
                    "enterprise_credit_code": "91430104MA4L1234X5",
                    "enterprise": "长沙某科技有限公司",
                    "category": "COMPLAINT",
                    "content": "区住建局办理施工许可时要求提供办事指南以外的材料",
                    "respondent": "某区住房和城乡建设局",
                    "respondent_division_code": "430104",
                    "damages_business_environment": True,
                }
            ]
        },
    )

    ticket_no: str = Field(min_length=4, max_length=40, pattern=r"^[0-9A-Za-z-]+$", description="工单号")
    received_at: AwareDatetime
    enterprise_credit_code: str = Field(pattern=CREDIT_CODE)
    enterprise: str = Field(min_length=2, max_length=200)
    category: AppealCategory
    content: str = Field(min_length=5, max_length=3900, description="The appeal (the ledger prefixes the work order)")
    respondent: str = Field(min_length=2, max_length=200, description="The body the appeal concerns")
    respondent_division_code: HunanDivision
    damages_business_environment: bool = Field(
        description="Alleges damage to the business environment: opened in the complaints ledger (Art. 50)"
    )
    dispatched_to: str | None = Field(
        None,
        min_length=2,
        max_length=200,
        description="Department the appeal is dispatched to (分办), if not a ledger case",
    )

    @model_validator(mode="after")
    def _route(self) -> AppealIn:
        if self.received_at.date() < dt.date(2022, 1, 1):
            raise ValueError("the Provisions apply from 2022-01-01 (Art. 53)")
        if self.received_at > dt.datetime.now(dt.UTC) + dt.timedelta(days=1):
            raise ValueError("received_at lies in the future")
        if not self.damages_business_environment and not self.dispatched_to:
            raise ValueError("an appeal not opened in the complaints ledger names the department it goes to (分办)")
        return self


class AppealStepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: AppealAction
    note: str = Field(min_length=1, max_length=4000)
    rating: int | None = Field(None, ge=1, le=5, description="EVALUATE: the enterprise's rating")
    on: dt.date

    @model_validator(mode="after")
    def _rating(self) -> AppealStepIn:
        if self.action is AppealAction.EVALUATE and self.rating is None:
            raise ValueError("EVALUATE carries the enterprise's rating")
        return self


class AppealOut(BaseModel):
    id: str
    ticket_no: str
    received_at: dt.datetime
    enterprise_seat: bool = Field(True, description="Taken at the enterprise seat 企业专席 (Art. 35)")
    enterprise_credit_code: str
    enterprise: str
    category: AppealCategory
    content: str
    respondent: str
    respondent_division_code: str
    damages_business_environment: bool
    route: Route
    complaint_id: str | None
    complaint_state: str | None = Field(description="For a ledger case, the complaint's state")
    dispatched_to: str | None
    state: AppealState
    handling_due: DeadlineOut
    overdue: bool
    result: str | None
    rating: int | None
    created_at: dt.datetime
    basis: list[Basis]
