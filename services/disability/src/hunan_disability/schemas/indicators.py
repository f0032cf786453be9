"""Response bodies of the 专栏1 indicators."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from hunan_shared.legal import Basis


class IndicatorOut(BaseModel):
    number: int
    key: str = Field(description="Label of the Prometheus gauge hunan_disability_indicator")
    name: str
    unit: str
    baseline_2020: Decimal
    target_2025: Decimal
    target_comparison: str
    nature: str = Field(description="binding 约束性 or expected 预期性")
    value: Decimal | None = Field(description="Computed from this service's records; null where it holds no data")
    numerator: int | None
    denominator: int | None
    meets_target: bool | None
    source: str
    basis: list[Basis]
