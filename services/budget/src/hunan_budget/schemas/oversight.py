"""Request and response bodies of stock assets (R11), competitive-sector support (R21), treasury accounts and
movements (R33), direct funds (R37) and supervision findings (R53)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_budget.rules.allocation import AssetStatus, Disposition, SupportMode
from hunan_budget.rules.execution import AccountKind
from hunan_shared import divisions
from hunan_shared.legal import Basis

Money = Field(gt=0, max_digits=16, decimal_places=2)


def _division(code: str) -> str:
    return divisions.validate(code)


class StockAssetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit: str = Field(min_length=2, max_length=120)
    division_code: str
    title: str = Field(min_length=2, max_length=200)
    status: AssetStatus
    book_value: Decimal = Field(ge=0, max_digits=16, decimal_places=2)

    _division = field_validator("division_code")(_division)


class DispositionIn(BaseModel):
    """What happens to a stock asset, with the facts the ladder asks for (R11)."""

    model_config = ConfigDict(extra="forbid")

    disposition: Disposition
    reallocation_possible: bool = Field(description="另有单位可调剂使用")
    meets_disposal_standard: bool = Field(False, description="达到处置标准")
    disposition_ref: str = Field(min_length=2, max_length=200, description="the approval of the disposition")
    decided_on: dt.date


class StockAssetOut(BaseModel):
    id: str
    unit: str
    division_code: str
    title: str
    status: str
    book_value: Decimal
    disposition: str | None
    disposition_ref: str | None
    disposed_on: dt.date | None
    basis: list[Basis] = Field(default_factory=list)


class SupportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    department: str = Field(min_length=2, max_length=120)
    recipient_credit_code: str = Field(pattern=r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
    mode: SupportMode
    amount: Decimal = Money
    criteria_published_on: dt.date | None = Field(None, description="评审条件公布日")
    review_on: dt.date | None = Field(None, description="评审日")
    procedure_ref: str | None = Field(None, max_length=200, description="评审程序 (the rules followed)")
    collective_decision_ref: str | None = Field(None, max_length=200, description="集体决策 record")
    result_targets: str | None = Field(None, max_length=500, description="后补助: the preset targets")

    _division = field_validator("division_code")(_division)


class SupportOut(BaseModel):
    id: str
    division_code: str
    department: str
    recipient_credit_code: str
    mode: str
    amount: Decimal
    criteria_published_on: dt.date | None
    review_on: dt.date | None
    procedure_ref: str | None
    collective_decision_ref: str | None
    result_targets: str | None
    basis: list[Basis] = Field(default_factory=list)


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    kind: AccountKind
    title: str = Field(min_length=2, max_length=200)
    holder: str = Field(min_length=2, max_length=120)
    justification: str | None = Field(None, max_length=500, description="why a unit special account is kept")

    _division = field_validator("division_code")(_division)


class AccountOut(BaseModel):
    id: str
    division_code: str
    kind: str
    title: str
    holder: str
    justification: str | None
    basis: list[Basis] = Field(default_factory=list)


class MovementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    from_account_id: str = Field(max_length=36)
    to_account_id: str = Field(max_length=36)
    amount: Decimal = Money
    purpose: str = Field(min_length=2, max_length=300)
    legal_basis: str | None = Field(None, max_length=200)
    moved_on: dt.date


class MovementOut(BaseModel):
    id: str
    from_account_id: str
    to_account_id: str
    amount: Decimal
    purpose: str
    legal_basis: str | None
    moved_on: dt.date
    basis: list[Basis] = Field(default_factory=list)


class AccountStatementOut(BaseModel):
    """Look-through view of one account (穿透式管理): every movement in and out and the balance they leave."""

    account: AccountOut
    balance: Decimal
    movements: list[MovementOut]


class DirectFundIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    budget_year: int = Field(ge=2021, le=2100)
    title: str = Field(min_length=2, max_length=200)
    scope: str = Field(min_length=2, max_length=300)
    allocated: Decimal = Money
    allocated_on: dt.date

    _division = field_validator("division_code")(_division)


class DirectFundUseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    end_user: str = Field(min_length=2, max_length=200, description="使用单位 or beneficiary group")
    amount: Decimal = Money
    within_scope: bool = Field(description="the use lies within the fund's scope")
    used_on: dt.date


class DirectFundUseOut(BaseModel):
    id: str
    end_user: str
    amount: Decimal
    within_scope: bool
    used_on: dt.date


class DirectFundOut(BaseModel):
    id: str
    division_code: str
    budget_year: int
    title: str
    scope: str
    allocated: Decimal
    allocated_on: dt.date
    used: Decimal
    used_outside_scope: Decimal
    status: str = Field(description="TRACED | IN_TRANSIT | IDLE | DIVERTED, as of `evaluated_on`")
    evaluated_on: dt.date
    reason: str
    uses: list[DirectFundUseOut]
    basis: list[Basis] = Field(default_factory=list)


class SupervisionSource(StrEnum):
    """监督方式 named by Opinion (二十六)."""

    PARTY = "PARTY"  # 党内监督
    FINANCE_ACCOUNTING = "FINANCE_ACCOUNTING"  # 财会监督
    DISCIPLINE = "DISCIPLINE"  # 监察监督
    ADMINISTRATIVE = "ADMINISTRATIVE"  # 行政监督
    JUDICIAL = "JUDICIAL"  # 司法监督
    AUDIT = "AUDIT"  # 审计监督
    STATISTICS = "STATISTICS"  # 统计监督
    PUBLIC = "PUBLIC"  # 群众监督
    MEDIA = "MEDIA"  # 舆论监督
    NPC_BUDGET_NETWORK = "NPC_BUDGET_NETWORK"  # 人大预算联网监督
    INTERNET_PLUS = "INTERNET_PLUS"  # 互联网＋监督
    ONE_CARD = "ONE_CARD"  # 惠民惠农财政补贴资金“一卡通”


class SupervisionFindingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division_code: str
    source: SupervisionSource
    subject_unit: str = Field(min_length=2, max_length=120)
    description: str = Field(min_length=2, max_length=1000)
    found_on: dt.date

    _division = field_validator("division_code")(_division)


class SupervisionFindingCloseIn(BaseModel):
    """Close a finding: who is held responsible, how it was handled and where the handling was published (R53)."""

    model_config = ConfigDict(extra="forbid")

    responsible: str | None = Field(None, max_length=200)
    handling_result: str | None = Field(None, max_length=1000)
    published_on: dt.date | None = None
    publication_ref: str | None = Field(None, max_length=300)


class SupervisionFindingOut(BaseModel):
    id: str
    division_code: str
    source: str
    subject_unit: str
    description: str
    found_on: dt.date
    state: str = Field(description="OPEN | CLOSED")
    responsible: str | None
    handling_result: str | None
    published_on: dt.date | None
    publication_ref: str | None
    basis: list[Basis] = Field(default_factory=list)
