"""HTTP request and response bodies — figures of the plan's quantified targets (R59)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from hunan_emergency.schemas.common import Body


class TargetFigureIn(Body):
    value: Decimal = Field(ge=0, le=Decimal(1_000_000_000), description="A count, or a share (1 = 100 %)")
    as_of: dt.date
    source: str = Field(min_length=2, max_length=400, description="Report or statistics the figure comes from")
