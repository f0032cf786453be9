"""Request and response bodies of the per-division subsidy extension switches (R5, R6)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from hunan_disability.schemas.common import Input
from hunan_shared.legal import Basis


class ExtensionIn(Input):
    enabled: bool
    reference: str = Field("", max_length=200, description="The local document that decided it")


class ExtensionOut(BaseModel):
    division_code: str
    switch: str
    enabled: bool
    reference: str
    updated_at: dt.datetime
    basis: list[Basis] = Field(default_factory=list)
