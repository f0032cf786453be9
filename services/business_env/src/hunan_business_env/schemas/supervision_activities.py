"""Bodies of supervision activities and the on-site share (Art. 40; R81)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hunan_business_env.rules.supervision_activities import Mode, OffSiteMethod
from hunan_business_env.schemas.common import HunanDivision
from hunan_shared.legal import Basis


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    department: str = Field(min_length=2, max_length=200)
    division_code: HunanDivision
    mode: Mode
    off_site_method: OffSiteMethod | None = None
    supervised_object: str = Field(min_length=2, max_length=200)
    supervision_item_code: str | None = Field(None, pattern=r"^[0-9A-Za-z_-]{2,40}$")
    carried_out_on: dt.date

    @model_validator(mode="after")
    def _method(self) -> ActivityIn:
        if (self.mode is Mode.OFF_SITE) != (self.off_site_method is not None):
            raise ValueError("off_site_method is given for off-site activities and only for them")
        return self


class ActivityOut(BaseModel):
    id: str
    department: str
    division_code: str
    mode: Mode
    off_site_method: OffSiteMethod | None
    supervised_object: str
    supervision_item_code: str | None
    carried_out_on: dt.date


class ShareOut(BaseModel):
    department: str
    year: int
    activities: int
    on_site_share: Decimal | None
    previous_year_share: Decimal | None
    reason: str
    basis: list[Basis]
