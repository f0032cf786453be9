"""Request and response bodies of habitat-zone reductions (Art. 23 para 2) and damage cost claims (Art. 25 para 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from hunan_shared.legal import Basis
from hunan_trees.rules.classification import GovernmentLevel


class ReductionIn(BaseModel):
    """Request a habitat protection zone smaller than 5 m beyond the crown (Art. 23 para 2: special circumstances)."""

    model_config = ConfigDict(extra="forbid")

    tree_id: str = Field(min_length=1, max_length=36)
    proposed_margin_m: float = Field(ge=0, le=100, description="Margin beyond the crown projection, metres")
    reason: str = Field(min_length=1, max_length=4000, description="The special circumstances (特殊情况)")


class ReductionDecisionIn(BaseModel):
    """The decision of a government on a reduction; only the government that recognised the tree may approve."""

    model_config = ConfigDict(extra="forbid")

    deciding_level: GovernmentLevel
    approved: bool
    decision_ref: str = Field(min_length=1, max_length=200)


class ReductionOut(BaseModel):
    id: str
    tree_id: str
    current_margin_m: float
    proposed_margin_m: float
    reason: str
    approver_level: GovernmentLevel
    state: str
    decided_by_level: GovernmentLevel | None
    decision_ref: str | None
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    basis: list[Basis]


class DamageClaimIn(BaseModel):
    """Claim rejuvenation and maintenance costs from the construction unit whose project damaged a tree."""

    model_config = ConfigDict(extra="forbid")

    tree_id: str = Field(min_length=1, max_length=36)
    construction_unit: str = Field(min_length=2, max_length=200, description="建设单位")
    project_ref: str = Field(min_length=1, max_length=200, description="Project reference (e.g. its approval number)")
    damage_found_on: dt.date
    damage_description: str = Field(min_length=1, max_length=4000)
    rejuvenation_cost: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="复壮费用, CNY")
    maintenance_cost: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="养护费用, CNY")


class SettlementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    settled_on: dt.date


class DamageClaimOut(BaseModel):
    id: str
    tree_id: str
    construction_unit: str
    project_ref: str
    damage_found_on: dt.date
    damage_description: str
    rejuvenation_cost: Decimal
    maintenance_cost: Decimal
    total_cost: Decimal
    payer: str
    state: str
    claimed_at: dt.datetime
    settled_on: dt.date | None
    basis: list[Basis]
