"""Request and response bodies of public-welfare post reports."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator, model_validator

from hunan_disability.schemas.common import Input, county_code
from hunan_shared.legal import Basis


class WelfarePostIn(Input):
    division_code: str
    year: int = Field(ge=2021, le=2035)
    total_posts: int = Field(ge=0, le=10_000_000)
    held_by_disabled_or_family: int = Field(ge=0, le=10_000_000)

    @field_validator("division_code")
    @classmethod
    def _county(cls, code: str) -> str:
        return county_code(code)

    @model_validator(mode="after")
    def _within_total(self) -> WelfarePostIn:
        if self.held_by_disabled_or_family > self.total_posts:
            raise ValueError("posts held cannot exceed the posts listed")
        return self


class WelfarePostOut(BaseModel):
    id: str
    division_code: str
    year: int
    total_posts: int
    held_by_disabled_or_family: int
    compliant: bool
    reason: str
    basis: list[Basis]
