"""Small types shared by the disability API's bodies: codes, months, the strict input base."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict

from hunan_shared import divisions

PHONE = r"^\+?\d{7,15}$"
MONTH = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"  # a payroll month of this era (rejects year 0000)


def county_code(code: str) -> str:
    """Accept only a known county-level Hunan code (persons, liaisons and villages live in a county)."""
    division = divisions.get(code)
    if division.level is not divisions.Level.COUNTY:
        raise ValueError(f"{code} is a {division.level.value}; a county-level division (县市区) is required")
    return code


def division_code(code: str) -> str:
    """Accept any known Hunan division (province, prefecture or county)."""
    return divisions.validate(code)


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


def month_start(month: str) -> dt.date:
    if not re.fullmatch(MONTH, month):
        raise ValueError(f"{month!r} is not YYYY-MM")
    return dt.date(int(month[:4]), int(month[5:]), 1)
