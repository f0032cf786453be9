"""Response body of the natural-resources responsibility matrix."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from hunan_shared.legal import Basis


class ResponsibilityOut(BaseModel):
    id: str
    section: str
    area: str
    matter_zh: str
    matter_en: str
    level: str
    umbrella: bool
    note: str | None
    payers: list[str] = Field(
        description="province and/or city_county (市州 or 财政省直管县市); empty when the plan does not decide"
    )
    province_share: Decimal | None = Field(description="Share borne by the province; null when not fixed (R60)")
    city_county_share: Decimal | None
    reason: str
    basis: list[Basis]
