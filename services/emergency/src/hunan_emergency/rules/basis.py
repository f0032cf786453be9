"""Shared vocabulary of the emergency rules: legal basis helper, domain errors, levels and rate checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from hunan_shared.legal import Basis, Decision, RuleRefusal, cite

PLAN_DOCUMENT = "湖南省“十四五”应急体系建设规划"


def plan_basis(article: str, note: str | None = None) -> Basis:
    """A citation into the emergency plan, e.g. plan_basis("Plan 8(三) / 第八章（三）")."""
    return cite(PLAN_DOCUMENT, article, note)


def decide(value: Any, reason: str, *basis: Basis) -> Decision[Any]:
    return Decision(value=value, reason=reason, basis=tuple(basis))


class EmergencyRuleError(RuleRefusal):
    """Base of every domain error raised by a rule; `hunan_shared.errors.rule_errors()` maps it to 422."""


class InvalidInput(EmergencyRuleError):
    """The rule cannot be evaluated on these values (e.g. a naive datetime, a zero denominator)."""


class NotAuthorised(EmergencyRuleError):
    """The acting body has no competence under the plan (e.g. a township identifying a major hidden danger)."""


class AdminLevel(StrEnum):
    """Administrative / reserve level (四级体系五级网络, 名词解释3)."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


# Higher rank = closer to the grassroots; used for "county level or above" comparisons.
LEVEL_RANK: dict[AdminLevel, int] = {
    AdminLevel.PROVINCE: 0,
    AdminLevel.CITY: 1,
    AdminLevel.COUNTY: 2,
    AdminLevel.TOWNSHIP: 3,
    AdminLevel.VILLAGE: 4,
}


def at_or_above(level: AdminLevel, reference: AdminLevel) -> bool:
    """True when `level` is `reference` or a higher tier of government (e.g. CITY at_or_above COUNTY)."""
    return LEVEL_RANK[level] <= LEVEL_RANK[reference]


@dataclass(frozen=True)
class RateCheck:
    """A ratio compared with a target: the rate (4 decimals, for display), the target and the verdict."""

    rate: Decimal
    target: Decimal
    met: bool


def ratio(numerator: int | Decimal, denominator: int | Decimal, what: str) -> Fraction:
    """Exact ratio so that boundaries such as 9 000 / 10 000 = 90 % compare without float error."""
    if denominator <= 0:
        raise InvalidInput(f"{what}: denominator must be positive, got {denominator}")
    if numerator < 0:
        raise InvalidInput(f"{what}: numerator must not be negative, got {numerator}")
    return Fraction(Decimal(numerator)) / Fraction(Decimal(denominator))


def as_decimal(value: Fraction, places: int = 4) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(1).scaleb(-places))


def require_aware(*moments: datetime) -> None:
    """Time targets compare instants; a naive datetime would silently assume a zone, so refuse it."""
    for moment in moments:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise InvalidInput(f"datetime {moment.isoformat()} has no time zone (use Asia/Shanghai)")
