"""Small types shared by several resources of the business_env API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from hunan_shared import divisions


def known_division(code: str) -> str:
    if not divisions.is_valid(code):
        raise ValueError(f"{code} is not a Hunan GB/T 2260 division code")
    return code


HunanDivision = Annotated[str, Field(pattern=r"^43\d{4}$"), AfterValidator(known_division)]

CREDIT_CODE = r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$"  # GB 32100 unified social credit code


class DeadlineOut(BaseModel):
    """A working-day deadline and whether it relies on a holiday calendar not yet published."""

    date: dt.date
    provisional: bool = Field(description="Relies on a holiday calendar not yet published (after the last known year)")
