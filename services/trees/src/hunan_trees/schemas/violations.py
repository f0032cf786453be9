"""Request and response bodies of violation cases (W8; Arts. 24, 33, 36) and the prohibited-acts list (Art. 24)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_shared.legal import Basis
from hunan_trees.rules.habitat import ProhibitedAct
from hunan_trees.rules.lifecycle import Order
from hunan_trees.schemas.common import Location


class ProhibitedActOut(BaseModel):
    code: ProhibitedAct
    paragraph: str = Field(description="Item of Art. 24, e.g. 24(3)")
    text: str = Field(description="The act as the Measures name it")
    scope: str = Field(description="ANYWHERE, ON_TREE or INSIDE_HABITAT_ZONE")
    basis: list[Basis]


class ActCheckIn(BaseModel):
    """Is this act, at this place, prohibited for this tree (Art. 24)?"""

    model_config = ConfigDict(extra="forbid")

    act: ProhibitedAct
    tree_id: str = Field(min_length=1, max_length=36)
    location: Location | None = Field(None, description="Where the act takes place (required for 24(3) acts)")


class ActCheckOut(BaseModel):
    act: ProhibitedAct
    tree_id: str
    inside_habitat_zone: bool | None
    prohibited: bool
    reason: str
    basis: list[Basis]


class ViolationIn(BaseModel):
    """Open a case of a prohibited act against a tree (Arts. 9, 24)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "tree_id": "…",
                    "act": "P2_NAILING",
                    "act_on": "2024-05-06",
                    "description": "在树干上钉钉悬挂广告牌",
                    "offender": "某餐馆",
                }
            ]
        },
    )

    tree_id: str = Field(min_length=1, max_length=36)
    act: ProhibitedAct
    act_on: dt.date = Field(description="Day the act was committed")
    location: Location | None = Field(None, description="Where it was committed (required for 24(3) acts)")
    description: str = Field(min_length=1, max_length=4000)
    offender: str = Field(min_length=1, max_length=200, description="Unit or person who committed the act")


class ViolationDecisionIn(BaseModel):
    """Decide a case (Art. 33): refer it to the other law that provides liability, or order the act stopped and
    restored or remedied, with an optional fine of CNY 500–5,000."""

    model_config = ConfigDict(extra="forbid")

    other_law_ref: str | None = Field(
        None, min_length=2, max_length=200, description="The law or regulation that already provides liability"
    )
    orders: list[Order] = Field(default_factory=list)
    restore_by: dt.date | None = Field(None, description="Time limit for restoring the original state (限期)")
    fine_cny: Decimal | None = Field(None, max_digits=10, decimal_places=2)
    decision_ref: str = Field(min_length=1, max_length=200, description="Decision document number")

    @model_validator(mode="after")
    def _no_duplicates(self) -> ViolationDecisionIn:
        if len(set(self.orders)) != len(self.orders):
            raise ValueError("orders repeat an item")
        return self


class CloseViolationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    restoration_verified: bool = Field(description="The ordered restoration or remedy was verified on site")
    note: str = Field(min_length=1, max_length=2000)


class ViolationOut(BaseModel):
    id: str
    tree_id: str
    division_code: str
    act: ProhibitedAct
    act_on: dt.date
    inside_habitat_zone: bool
    description: str
    offender: str
    state: str
    other_law_ref: str | None
    orders: list[Order]
    restore_by: dt.date | None
    fine_cny: Decimal | None
    decision_ref: str | None
    opened_at: dt.datetime
    decided_at: dt.datetime | None
    basis: list[Basis]
