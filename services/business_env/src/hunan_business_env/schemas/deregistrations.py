"""Request and response bodies of simplified deregistration (简易注销, W6; Art. 20)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.checks import Settlement
from hunan_business_env.rules.deregistration import DeregistrationState
from hunan_business_env.schemas.common import CREDIT_CODE, HunanDivision
from hunan_shared.legal import Basis


class Checklist(BaseModel):
    """Art. 20's six items, each never incurred, settled or outstanding (from shared tax, social-insurance, bank
    and market-supervision data)."""

    model_config = ConfigDict(extra="forbid")

    debts: Settlement
    liquidation_expenses: Settlement
    wages: Settlement
    social_insurance: Settlement
    statutory_compensation: Settlement
    taxes_incl_late_fees_and_fines: Settlement


class DeregistrationIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "credit_code": "91430104MA4L0K8R3A",
                    "enterprise_name": "长沙某贸易有限公司",
                    "division_code": "430104",
                    "applied_on": "2025-03-03",
                    "checklist": {
                        "debts": "SETTLED",
                        "liquidation_expenses": "NONE_INCURRED",
                        "wages": "SETTLED",
                        "social_insurance": "SETTLED",
                        "statutory_compensation": "NONE_INCURRED",
                        "taxes_incl_late_fees_and_fines": "SETTLED",
                    },
                    "investors": 3,
                    "commitments_signed": 3,
                }
            ]
        },
    )

    credit_code: str = Field(pattern=CREDIT_CODE)
    enterprise_name: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    applied_on: dt.date
    checklist: Checklist
    investors: int = Field(ge=1, le=10_000)
    commitments_signed: int = Field(ge=0, le=10_000, description="Investors who committed in writing (书面承诺)")


class ObjectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    objector: str = Field(min_length=2, max_length=200, description="e.g. a creditor, an employee, a department")
    ground: str = Field(min_length=2, max_length=2000)
    raised_on: dt.date


class DeregistrationCompletionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    deregistered_on: dt.date


class DeregistrationOut(BaseModel):
    id: str
    credit_code: str
    enterprise_name: str
    division_code: str
    checklist: dict[str, Settlement]
    investors: int
    commitments_signed: int
    state: DeregistrationState
    reason: str
    applied_on: dt.date
    notice_until: dt.date | None = Field(description="Last day of the public notice; objections until then")
    objection: dict | None
    deregistered_on: dt.date | None
    basis: list[Basis] = Field(default_factory=list)
