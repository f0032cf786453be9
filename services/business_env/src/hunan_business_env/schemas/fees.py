"""Request and response bodies of the enterprise fee catalogue, charges and deposits (W8; Art. 15)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.checks import FeeOutcome
from hunan_business_env.rules.fees import DepositForm, DepositState, Levy
from hunan_business_env.schemas.common import CREDIT_CODE, DeadlineOut, HunanDivision
from hunan_shared.legal import Basis

Amount = Decimal


class FeeItemIn(BaseModel):
    """An item of the enterprise fee catalogue: who charges, the standard, the matters it may be charged for."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "HN-FEE-2025-017",
                    "title": "特种设备检验检测费",
                    "department": "湖南省市场监督管理局",
                    "standard": "300.00",
                    "unit": "台次",
                    "scope": ["电梯定期检验"],
                    "legal_basis": "湘发改价费〔2024〕X号",
                    "valid_from": "2025-01-01",
                    "valid_to": "2027-12-31",
                }
            ]
        },
    )

    code: str = Field(pattern=r"^[0-9A-Za-z_-]{2,40}$")
    title: str = Field(min_length=2, max_length=200)
    department: str = Field(min_length=2, max_length=200)
    standard: Amount = Field(gt=0, max_digits=14, decimal_places=2, description="The highest amount per unit")
    unit: str = Field(min_length=1, max_length=40)
    scope: list[str] = Field(min_length=1, max_length=100, description="Matters for which the item may be charged")
    legal_basis: str = Field(min_length=2, max_length=500)
    valid_from: dt.date
    valid_to: dt.date | None = None

    @model_validator(mode="after")
    def _period(self) -> FeeItemIn:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to precedes valid_from")
        return self


class FeeItemOut(BaseModel):
    id: str
    code: str
    title: str
    department: str
    standard: Amount
    unit: str
    scope: list[str]
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None


class FeeChargeIn(BaseModel):
    """A charge a department levies on an enterprise; accepted only when the catalogue allows it."""

    model_config = ConfigDict(extra="forbid")

    levy: Levy = Field(Levy.FEE, description="What is demanded; anything but a catalogue FEE is refused (Art. 15)")
    fee_item_code: str = Field(min_length=2, max_length=40)
    payer_credit_code: str = Field(pattern=CREDIT_CODE)
    department: str = Field(min_length=2, max_length=200)
    matter: str = Field(min_length=2, max_length=200)
    amount: Amount = Field(gt=0, max_digits=14, decimal_places=2)
    charged_on: dt.date


class FeeChargeOut(BaseModel):
    id: str
    levy: Levy
    fee_item_code: str
    payer_credit_code: str
    department: str
    matter: str
    amount: Amount
    charged_on: dt.date
    outcome: FeeOutcome
    basis: list[Basis] = Field(default_factory=list)


class DepositIn(BaseModel):
    """A deposit posted by an enterprise in the form it chose among those the deposit's rules permit."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "credit_code": "91430104MA4L0K8R3A",
                    "division_code": "430104",
                    "kind": "履约保证金",
                    "holder_department": "岳麓区住房和城乡建设局",
                    "amount": "200000.00",
                    "form": "BANK_GUARANTEE",
                    "permitted_forms": ["CASH", "BANK_GUARANTEE", "GUARANTEE_INSURANCE"],
                    "accepted_forms": ["CASH", "BANK_GUARANTEE", "GUARANTEE_INSURANCE"],
                    "rules_ref": "湖南省房屋建筑和市政基础设施工程履约保证金管理规定",
                    "refund_working_days": 5,
                    "posted_on": "2025-03-03",
                }
            ]
        },
    )

    credit_code: str = Field(pattern=CREDIT_CODE)
    division_code: HunanDivision
    kind: str = Field(min_length=2, max_length=100)
    holder_department: str = Field(min_length=2, max_length=200)
    amount: Amount = Field(gt=0, max_digits=14, decimal_places=2)
    form: DepositForm
    permitted_forms: list[DepositForm] = Field(
        default_factory=lambda: list(DepositForm), min_length=1, description="Forms the deposit's rules permit"
    )
    accepted_forms: list[DepositForm] = Field(min_length=1, description="Forms the holding department accepts")
    rules_ref: str = Field(min_length=2, max_length=500, description="The rules that prescribe form and return time")
    refund_working_days: int | None = Field(
        None, ge=1, le=120, description="Return time those rules prescribe; default: the service setting"
    )
    posted_on: dt.date


class ReleaseIn(BaseModel):
    """The guaranteed matter ended or its cause ceased (保证事项完成或者保证事由消失)."""

    model_config = ConfigDict(extra="forbid")

    released_on: dt.date
    cause: str = Field(min_length=2, max_length=500)


class RefundIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refunded_on: dt.date


class DepositOut(BaseModel):
    id: str
    credit_code: str
    division_code: str
    kind: str
    holder_department: str
    amount: Amount
    form: DepositForm
    rules_ref: str
    refund_working_days: int
    state: DepositState
    posted_on: dt.date
    released_on: dt.date | None
    release_cause: str | None
    refund_due: DeadlineOut | None
    refunded_on: dt.date | None
    refunded_on_time: bool | None
    overdue: bool = Field(description="Released, not yet returned, and past its return due date")
    basis: list[Basis] = Field(default_factory=list)
