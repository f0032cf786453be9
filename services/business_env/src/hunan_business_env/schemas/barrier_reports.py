"""Request and response bodies of the market-access barrier feedback channel (Art. 9, R10)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.barrier_reports import BarrierKind, BarrierState
from hunan_business_env.schemas.common import CREDIT_CODE, DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


class BarrierReportIn(BaseModel):
    """A market entity reports an explicit or hidden barrier to market access."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "reporter_credit_code": "91430104MA4L1234X5",
                    "division_code": "430100",
                    "recipient_body": "长沙市发展和改革委员会",
                    "kind": "HIDDEN",
                    "barrier": "外地企业办理燃气经营许可须先在本市设立分支机构",
                    "received_on": "2024-09-27",
                }
            ]
        },
    )

    reporter_credit_code: str = Field(pattern=CREDIT_CODE)
    division_code: HunanDivision
    recipient_body: str = Field(min_length=2, max_length=200)
    kind: BarrierKind
    barrier: str = Field(min_length=5, max_length=4000)
    received_on: dt.date


class BarrierResponseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    response: str = Field(min_length=2, max_length=4000)
    barrier_removed: bool = Field(description="The barrier was found and removed (清理)")
    responded_on: dt.date


class BarrierReportOut(BaseModel):
    id: str
    reporter_credit_code: str
    division_code: str
    recipient_body: str
    kind: BarrierKind
    barrier: str
    received_on: dt.date
    due: DeadlineOut
    overdue: bool = Field(description="No response and the response limit has passed")
    state: BarrierState
    response: str | None
    barrier_removed: bool | None
    responded_on: dt.date | None
    created_at: dt.datetime
    basis: list[Basis]
