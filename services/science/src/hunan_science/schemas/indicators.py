"""Response bodies of the indicator dashboard and the programme reference data."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from hunan_shared.legal import Basis


class IndicatorOut(BaseModel):
    """One target of the plan with its progress computed from the registers."""

    code: str
    name: str
    section: str
    target: Decimal
    comparison: str
    unit: str
    period: str
    by_year: int | None
    level: str
    aspirational: bool
    year: int
    value: Decimal | None
    progress_percent: Decimal | None
    outcome: str
    reason: str
    source: str
    basis: list[Basis]


class DashboardOut(BaseModel):
    year: int
    division_code: str
    indicators: list[IndicatorOut]


class ProgrammeOut(BaseModel):
    code: str
    name: str
    section: str
    kind: str
    target_groups: list[str]
    lead: list[str]
    participants: list[str]
