"""Request and response bodies of the market-entity register (the inspection pool and the policy-matching profile)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from hunan_business_env.schemas.common import CREDIT_CODE, HunanDivision


class CreditClass(StrEnum):
    GOOD = "GOOD"
    NORMAL = "NORMAL"
    DISHONEST = "DISHONEST"  # 违法失信


class RiskLevel(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class Size(StrEnum):
    """Enterprise size class (大中小微企业划型)."""

    MICRO = "MICRO"
    SMALL = "SMALL"
    MEDIUM = "MEDIUM"
    LARGE = "LARGE"


class EnterpriseIn(BaseModel):
    """A market entity entering the register."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "credit_code": "91430104MA4L0K8R3A",
                    "name": "长沙某食品贸易有限公司",
                    "division_code": "430104",
                    "credit_class": "NORMAL",
                    "risk_level": "MEDIUM",
                    "key_supervision": False,
                    "industry": "F",
                    "size": "SMALL",
                    "established_on": "2019-05-20",
                    "employees": 35,
                    "private": True,
                    "high_tech": False,
                    "new_economy": False,
                }
            ]
        },
    )

    credit_code: str = Field(pattern=CREDIT_CODE)
    name: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    credit_class: CreditClass
    risk_level: RiskLevel
    key_supervision: bool = Field(
        False, description="Special industry under full-coverage key supervision (Art. 39 para 2): never sampled"
    )
    industry: str = Field(pattern=r"^[A-T]$", description="GB/T 4754 section letter")
    size: Size
    established_on: dt.date = Field(ge=dt.date(1949, 10, 1))
    employees: int = Field(ge=0, le=10_000_000)
    private: bool = Field(description="Privately owned (民营)")
    high_tech: bool = False
    new_economy: bool = Field(
        False,
        description="New technology, industry, business format or model 新技术、新产业、新业态、新模式: inclusive "
        "and prudent supervision (Art. 38) — a lower random-inspection weight unless dishonest or high risk",
    )


class EnterpriseOut(BaseModel):
    id: str
    credit_code: str
    name: str
    division_code: str
    credit_class: CreditClass
    risk_level: RiskLevel
    key_supervision: bool
    industry: str
    size: Size
    established_on: dt.date
    employees: int
    private: bool
    high_tech: bool
    new_economy: bool
