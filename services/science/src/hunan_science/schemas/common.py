"""Small types shared by the science schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from hunan_shared import divisions

DivisionCode = Annotated[str, AfterValidator(divisions.validate), Field(description="GB/T 2260 Hunan division code")]
PlanYear = Annotated[int, Field(ge=2000, le=2100, description="Calendar year")]
