"""Request and response bodies of the good/bad review of government services 好差评 (Art. 26, W10)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.reviews import ReviewAction, ReviewState
from hunan_business_env.schemas.common import DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


class Channel(StrEnum):
    ONLINE = "ONLINE"
    MOBILE = "MOBILE"
    SELF_SERVICE = "SELF_SERVICE"
    WINDOW = "WINDOW"
    HOTLINE_12345 = "HOTLINE_12345"


class ReviewIn(BaseModel):
    """A rating of one service: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "service_item": "建设工程施工许可证核发",
                    "department": "某区住房和城乡建设局",
                    "division_code": "430104",
                    "channel": "WINDOW",
                    "rating": 1,
                    "complaint": False,
                    "comment": "窗口要求补充指南以外的材料，往返三次",
                    "rated_on": "2024-09-27",
                }
            ]
        },
    )

    service_item: str = Field(min_length=2, max_length=200)
    department: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    channel: Channel
    rating: int = Field(ge=1, le=5)
    complaint: bool = Field(False, description="The rater also lodged a complaint")
    comment: str | None = Field(None, max_length=2000)
    rated_on: dt.date

    @model_validator(mode="after")
    def _dates(self) -> ReviewIn:
        if self.rated_on > dt.date.today() + dt.timedelta(days=1) or self.rated_on < dt.date(2022, 1, 1):
            raise ValueError("rated_on lies in the future or before the Provisions applied (2022-01-01)")
        return self


class ReviewStepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: ReviewAction
    note: str = Field(min_length=1, max_length=4000, description="Finding, rectification, feedback or closing note")
    substantiated: bool | None = Field(None, description="CONCLUDE_INVESTIGATION: the service was at fault")
    on: dt.date

    @model_validator(mode="after")
    def _fields_for_action(self) -> ReviewStepIn:
        if self.action is ReviewAction.CONCLUDE_INVESTIGATION and self.substantiated is None:
            raise ValueError("CONCLUDE_INVESTIGATION states whether the review was substantiated")
        return self


class ReviewOut(BaseModel):
    id: str
    service_item: str
    department: str
    division_code: str
    channel: Channel
    rating: int
    complaint: bool
    comment: str | None
    rated_on: dt.date
    state: ReviewState
    due: DeadlineOut | None = Field(description="Investigation, rectification and feedback due (bad reviews)")
    overdue: bool
    finding: str | None
    substantiated: bool | None
    rectification: str | None
    feedback: str | None
    closed_on: dt.date | None
    created_at: dt.datetime
    basis: list[Basis]
