"""Request and response bodies of government commitments and contracts (Art. 19, W12)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_business_env.rules.checks import ChangeReason
from hunan_business_env.rules.government_commitments import GovernmentCommitmentState
from hunan_business_env.schemas.common import CREDIT_CODE, HunanDivision
from hunan_shared.legal import Basis


class CommitmentKind(StrEnum):
    POLICY_COMMITMENT = "POLICY_COMMITMENT"  # 向市场主体依法作出的政策承诺
    CONTRACT = "CONTRACT"  # 依法订立的合同


class PaymentCategory(StrEnum):
    GOODS = "GOODS"  # 货物
    WORKS = "WORKS"  # 工程
    SERVICES = "SERVICES"  # 服务


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: PaymentCategory
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2, description="CNY")
    due_on: dt.date


class GovernmentCommitmentIn(BaseModel):
    """Register a commitment or contract for real-time performance tracking."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "CONTRACT",
                    "government_body": "某县住房和城乡建设局",
                    "division_code": "430121",
                    "counterpart_credit_code": "91430104MA4L1234X5",
                    "counterpart": "湖南某建设工程有限公司",
                    "subject": "县城老旧小区改造工程施工合同",
                    "authority_basis": "《政府采购法》；县人民政府常务会议纪要〔2024〕12号",
                    "signed_on": "2024-06-01",
                    "payments": [{"category": "WORKS", "amount": "1200000.00", "due_on": "2025-03-31"}],
                }
            ]
        },
    )

    kind: CommitmentKind
    government_body: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    counterpart_credit_code: str = Field(pattern=CREDIT_CODE)
    counterpart: str = Field(min_length=2, max_length=200)
    subject: str = Field(min_length=2, max_length=4000)
    authority_basis: str = Field(
        min_length=2, max_length=500, description="The statutory authority it was made under (Art. 19(1))"
    )
    signed_on: dt.date
    payments: list[PaymentIn] = Field(default_factory=list, max_length=200)

    @field_validator("payments")
    @classmethod
    def _after_signing(cls, payments: list[PaymentIn], info) -> list[PaymentIn]:
        signed = info.data.get("signed_on")
        if signed and any(p.due_on < signed for p in payments):
            raise ValueError("a payment cannot fall due before the commitment was signed")
        return payments


class RiskIn(BaseModel):
    """A contract risk seen in performance tracking, with the measure taken (Art. 19(2))."""

    model_config = ConfigDict(extra="forbid")

    description: str = Field(min_length=2, max_length=2000)
    measure: str = Field(min_length=2, max_length=2000, description="Measure to prevent or respond to the risk")
    resolved: bool = Field(False, description="The risk is over; performance continues normally")


class ChangeIn(BaseModel):
    """A request to change a commitment or contract."""

    model_config = ConfigDict(extra="forbid")

    reason: ChangeReason
    description: str = Field(min_length=2, max_length=2000)
    procedure_ref: str | None = Field(None, max_length=300, description="Statutory procedure followed")
    compensation_ref: str | None = Field(None, max_length=300, description="Compensation decided for the loss")
    decided_on: dt.date


class PaymentMadeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paid_on: dt.date


class FulfilmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fulfilled_on: dt.date


class PaymentOut(BaseModel):
    seq: int
    category: PaymentCategory
    amount: Decimal
    due_on: dt.date
    paid_on: dt.date | None
    overdue: bool = Field(description="Unpaid after its due day: a default (Art. 19(5))")
    paid_late: bool


class GovernmentCommitmentOut(BaseModel):
    id: str
    kind: CommitmentKind
    government_body: str
    division_code: str
    counterpart_credit_code: str
    counterpart: str
    subject: str
    authority_basis: str
    signed_on: dt.date
    state: GovernmentCommitmentState
    in_default: bool = Field(description="At least one payment is overdue")
    payments: list[PaymentOut]
    risks: list[dict]
    changes: list[dict]
    created_at: dt.datetime
    basis: list[Basis]
