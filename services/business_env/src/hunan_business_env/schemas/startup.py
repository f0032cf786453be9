"""Request and response bodies of the enterprise start-up bundle (企业开办一件事, W5; Art. 10)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.checks import StartupItem
from hunan_business_env.rules.startup import BundleState, ItemState
from hunan_business_env.schemas.common import CREDIT_CODE, DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


class StartupIn(BaseModel):
    """One submission: the one set of forms (一套表单) that every one of the six items reads from."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "enterprise_name": "长沙麓谷智造科技有限公司",
                    "division_code": "430104",
                    "submitted_on": "2025-03-03",
                    "form": {"registered_capital": "1000000", "legal_representative": "李某", "employees": 8},
                }
            ]
        },
    )

    enterprise_name: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    submitted_on: dt.date
    form: dict = Field(description="The single form; each item's department reads what it needs from it")


class ItemOutcomeIn(BaseModel):
    """The outcome of one of the six items; a registration that is DONE gives the enterprise's credit code."""

    model_config = ConfigDict(extra="forbid")

    item: StartupItem
    outcome: ItemState
    on: dt.date
    note: str = Field("", max_length=500)
    credit_code: str | None = Field(None, pattern=CREDIT_CODE, description="Set by ESTABLISHMENT_REGISTRATION")


class MaterialsRequestIn(BaseModel):
    """The one consolidated notice (一次告知) listing everything still missing."""

    model_config = ConfigDict(extra="forbid")

    missing: list[str] = Field(min_length=1, max_length=50)


class MaterialsSuppliedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    supplied_on: dt.date


class DeliveryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    delivered_on: dt.date


class StartupItemOut(BaseModel):
    item: StartupItem
    state: ItemState
    on: dt.date | None
    note: str
    within_due: bool | None = Field(description="Done on or before the bundle's due date")


class StartupOut(BaseModel):
    id: str
    enterprise_name: str
    credit_code: str | None
    division_code: str
    state: BundleState
    items: list[StartupItemOut]
    submitted_on: dt.date
    due: DeadlineOut
    materials_requested: str | None
    completed_on: dt.date | None
    delivered_on: dt.date | None
    overdue: bool = Field(description="Not delivered and past its due date")
    basis: list[Basis] = Field(default_factory=list)
