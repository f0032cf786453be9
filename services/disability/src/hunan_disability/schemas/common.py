"""Small types shared by the disability API's bodies: codes, months, the strict input base."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from hunan_shared import divisions

PHONE = r"^\+?[0-9]{7,15}$"  # ASCII digits only (Unicode \d would admit other scripts' digits)
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


# Fields that identify a person, a document or a place: one spelling each, or the same identity is stored
# twice (a full-width digit typed by a Chinese input method made a second person, issue 11 item 3).
IDENTIFIER_FIELD = re.compile(r"(^|_)(id_number|certificate_number|code|codes|phone|household_id)$")


def ascii_identifier(value: str) -> str:
    """NFKC-normalise an identifier (full-width ４３０１ → 4301, full-width Ｘ → X) and refuse what is still
    not ASCII afterwards (digits of other scripts, e.g. Arabic-Indic ٤٣): those are typing errors."""
    text = unicodedata.normalize("NFKC", value).strip()
    if not text.isascii():
        raise ValueError("identifiers and codes take ASCII digits and letters only")
    return text


class Input(BaseModel):
    """Strict request body: unknown fields refused, identifier and code fields normalised to ASCII."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _ascii_identifiers(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for key, value in data.items():
            if isinstance(key, str) and IDENTIFIER_FIELD.search(key):
                if isinstance(value, str):
                    out[key] = ascii_identifier(value)
                elif isinstance(value, list):
                    out[key] = [ascii_identifier(v) if isinstance(v, str) else v for v in value]
        return out


def month_start(month: str) -> dt.date:
    if not re.fullmatch(MONTH, month):
        raise ValueError(f"{month!r} is not YYYY-MM")
    return dt.date(int(month[:4]), int(month[5:]), 1)
