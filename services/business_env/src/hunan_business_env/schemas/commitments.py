"""Request and response bodies of the notification-commitment procedure (告知承诺制, W4; Art. 32)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.rules.commitments import CommitmentState, MatterKind, Sanction
from hunan_business_env.schemas.common import CREDIT_CODE, DeadlineOut, HunanDivision
from hunan_shared.legal import Basis


class CommitmentIn(BaseModel):
    """An applicant commits that it meets the conditions; the department decides on the commitment when the matter
    and the applicant allow it. Serious bad credit comes from the credit platform; false commitments this service
    found are looked up here."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "applicant_credit_code": "91430104MA4L0K8R3A",
                    "division_code": "430104",
                    "department": "岳麓区市场监督管理局",
                    "matter": "食品经营许可（仅销售预包装食品）",
                    "kind": "BUSINESS_PERMIT",
                    "high_risk": False,
                    "correctable_afterwards": True,
                    "applied_on": "2025-03-03",
                }
            ]
        },
    )

    applicant_credit_code: str = Field(pattern=CREDIT_CODE)
    division_code: HunanDivision
    department: str = Field(min_length=2, max_length=200)
    matter: str = Field(min_length=2, max_length=200)
    kind: MatterKind
    high_risk: bool = Field(False, description="风险较大、纠错成本较高、损害难以挽回 (certification matters)")
    correctable_afterwards: bool = Field(
        True, description="事中事后监管能够纠正不符合许可条件行为、有效防范风险 (business permits)"
    )
    applied_on: dt.date
    serious_bad_credit_at: dt.date | None = Field(None, description="较严重不良信用记录, from the credit platform")
    credit_repaired_at: dt.date | None = Field(None, description="信用修复 of that record, from the credit platform")


class VerificationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verified_on: dt.date
    truthful: bool
    finding: str = Field(min_length=2, max_length=4000)
    sanctions: list[Sanction] = Field(default_factory=list, max_length=4)
    rectify_by: dt.date | None = None


class CreditRepairIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    repaired_on: dt.date


class CreditRecordOut(BaseModel):
    id: str
    credit_code: str
    kind: str
    commitment_id: str
    recorded_on: dt.date
    repaired_on: dt.date | None
    basis: list[Basis] = Field(default_factory=list)


class CommitmentOut(BaseModel):
    id: str
    applicant_credit_code: str
    division_code: str
    department: str
    matter: str
    kind: MatterKind
    state: CommitmentState
    reason: str
    applied_on: dt.date
    verify_due: DeadlineOut | None
    verified_on: dt.date | None
    finding: str | None
    sanctions: list[Sanction]
    rectify_by: dt.date | None
    overdue: bool = Field(description="Granted, not verified, and past its verification due date")
    basis: list[Basis] = Field(default_factory=list)
