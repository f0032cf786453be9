"""Request and response bodies of the emergency API: small types shared by several resources."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hunan_emergency.engines.cap import xml_text_problem
from hunan_emergency.rules.areas import normalise_division
from hunan_emergency.rules.basis import InvalidInput
from hunan_shared.legal import Basis

DepotLevel = Literal["province", "city", "county", "township", "village"]
Colour = Literal["blue", "yellow", "orange", "red"]


def hunan_codes(codes: list[str]) -> list[str]:
    """GB/T 2260 codes (6 digits) or statistical township/village codes (9/12 digits) inside Hunan."""
    try:
        return sorted({normalise_division(c) for c in codes})
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def xml_text(value: str | None) -> str | None:
    """Text that ends up in a CAP (XML) document: control characters such as BEL or ESC, and U+FFFE/U+FFFF,
    are refused here (422) rather than failing the XML writer later."""
    if value is not None:
        problem = xml_text_problem(value)
        if problem:
            raise ValueError(problem)
    return value


def not_future(value: dt.datetime) -> dt.datetime:
    if value > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5):
        raise ValueError("lies in the future")
    return value


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TimeTargetOut(BaseModel):
    """A time target of Plan 2(三)2 evaluated on a record: MET, BREACHED or PENDING (clock running)."""

    rule: str = Field(
        description="R10 aviation reach, R11 urban rail, R12 engineering linkage, R13 basic living relief"
    )
    outcome: str
    elapsed_minutes: float | None
    limit_minutes: float
    reason: str
    basis: list[Basis]


class DivisionBody(Body):
    division_code: str

    @field_validator("division_code")
    @classmethod
    def _division(cls, code: str) -> str:
        return hunan_codes([code])[0]


class VerdictOut(BaseModel):
    """One rule evaluated on a record: the rule id, its value, the reason and the legal basis."""

    rule: str
    value: bool | int | str | list | dict | None
    compliant: bool | None = Field(None, description="For duties: whether this verdict is compliant")
    reason: str
    basis: list[Basis]
