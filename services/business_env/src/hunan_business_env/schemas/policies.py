"""Request and response bodies of the pro-enterprise policy list (惠企政策清单, W7; Art. 14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.policies import Operator, Outcome, PolicyMode
from hunan_business_env.rules.policy_benefits import Benefit, Collateral
from hunan_business_env.schemas.common import HunanDivision
from hunan_shared.legal import Basis


class CriterionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attribute: str = Field(max_length=40, description="size, industry, credit_class, high_tech, employees, …")
    op: Operator
    value: Any = Field(description="A value, or a list for `in`")


class PolicyIn(BaseModel):
    """A policy with the ten elements of Art. 14 (empty ones are refused, named) and its eligibility criteria."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "小微企业首次贷款贴息",
                    "division_code": "430100",
                    "implementing_department": "长沙市工业和信息化局",
                    "policy_basis": "长政办发〔2024〕5号",
                    "policy_period": "2025年1月1日至2025年12月31日",
                    "application_conditions": "在长沙注册的小微企业，成立满1年",
                    "materials": "无需提交材料（免予申报）",
                    "procedure": "系统比对后直接兑现",
                    "completion_time_limit": "每季度末兑现",
                    "consultation_channel": "0731-12345",
                    "redemption_form": "贴息资金直接拨付企业账户",
                    "supervision_channel": "12345政务服务便民热线",
                    "mode": "NO_APPLICATION",
                    "valid_from": "2025-01-01",
                    "valid_to": "2025-12-31",
                    "criteria": [
                        {"attribute": "size", "op": "in", "value": ["MICRO", "SMALL"]},
                        {"attribute": "years_established", "op": "gte", "value": 1},
                    ],
                }
            ]
        },
    )

    title: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    # The ten elements of Art. 14 (实施部门 … 监督方式); may be sent empty: the rule names what is missing.
    implementing_department: str = Field("", max_length=200)
    policy_basis: str = Field("", max_length=500)
    policy_period: str = Field("", max_length=200)
    application_conditions: str = Field("", max_length=4000)
    materials: str = Field("", max_length=4000)
    procedure: str = Field("", max_length=4000)
    completion_time_limit: str = Field("", max_length=200)
    consultation_channel: str = Field("", max_length=200)
    redemption_form: str = Field("", max_length=200)
    supervision_channel: str = Field("", max_length=200)
    mode: PolicyMode
    valid_from: dt.date
    valid_to: dt.date
    criteria: list[CriterionIn] = Field(default_factory=list, max_length=30)
    benefit: Benefit | None = Field(None, description="Financing instrument (Art. 11) or talent service (Art. 12)")
    collateral: list[Collateral] = Field(default_factory=list, max_length=6, description="For SECURED_FINANCING")

    @model_validator(mode="after")
    def _period(self) -> PolicyIn:
        if self.valid_to < self.valid_from:
            raise ValueError("valid_to precedes valid_from")
        return self


class PolicyOut(BaseModel):
    id: str
    title: str
    division_code: str
    implementing_department: str
    policy_basis: str
    policy_period: str
    application_conditions: str
    materials: str
    procedure: str
    completion_time_limit: str
    consultation_channel: str
    redemption_form: str
    supervision_channel: str
    mode: PolicyMode
    valid_from: dt.date
    valid_to: dt.date
    criteria: list[CriterionIn]
    published_at: dt.datetime
    benefit: Benefit | None = None
    collateral: list[Collateral] = Field(default_factory=list)
    granted: int = Field(description="Enterprises that got the benefit without applying")
    pushed: int = Field(description="Enterprises notified to apply")
    basis: list[Basis] = Field(default_factory=list)


class CriterionResultOut(BaseModel):
    attribute: str
    met: bool
    explanation: str


class EligibilityOut(BaseModel):
    policy_id: str
    enterprise_id: str
    eligible: bool
    outcome: Outcome = Field(description="GRANTED, PUSHED or NONE on the day asked")
    reason: str
    criteria: list[CriterionResultOut]
    basis: list[Basis]


class EntitlementOut(BaseModel):
    policy_id: str
    enterprise_id: str
    credit_code: str
    status: str
    explanation: list[CriterionResultOut]
    matched_at: dt.datetime
