"""Pro-enterprise policies (惠企政策, W7; Art. 14, Art. 7): machine-readable eligibility, matching with an
explanation per criterion, and who gets the benefit without applying."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hunan_shared import divisions
from hunan_shared.legal import Decision, RuleRefusal

from .basis import ART7, ART14, ART14_NO_APPLICATION


class PolicyMode(StrEnum):
    NO_APPLICATION = "NO_APPLICATION"  # 免予申报、直接享受
    APPLICATION = "APPLICATION"  # 确需企业提出申请


class Operator(StrEnum):
    EQ = "eq"
    IN = "in"
    GTE = "gte"
    LTE = "lte"
    WITHIN = "within"  # a division and every division inside it


# What a criterion may test, and which operators make sense for it.
ATTRIBUTES: Mapping[str, frozenset[Operator]] = {
    "size": frozenset({Operator.EQ, Operator.IN}),
    "industry": frozenset({Operator.EQ, Operator.IN}),
    "credit_class": frozenset({Operator.EQ, Operator.IN}),
    "high_tech": frozenset({Operator.EQ}),
    "employees": frozenset({Operator.GTE, Operator.LTE}),
    "years_established": frozenset({Operator.GTE, Operator.LTE}),
    "division_code": frozenset({Operator.WITHIN}),
}
# Art. 7 / 第七条: all market entities are subject to policies on equal terms (平等适用政策).
OWNERSHIP_ATTRIBUTES = frozenset({"private", "ownership", "state_owned", "foreign_invested"})


@dataclass(frozen=True)
class Criterion:
    attribute: str
    op: Operator
    value: Any


class CriteriaRefused(RuleRefusal):
    """Eligibility criteria that cannot be published."""


def validate_criteria(criteria: Sequence[Criterion]) -> Decision[bool]:
    """Art. 14 / 第十四条 (R19–R21) and Art. 7 / 第七条 (R7): criteria are machine-readable tests of known attributes,
    and none may select by ownership — every market entity is subject to policies on equal terms."""
    for criterion in criteria:
        if criterion.attribute in OWNERSHIP_ATTRIBUTES:
            raise CriteriaRefused(
                f"criterion on {criterion.attribute}: policies apply to all market entities equally", basis=(ART7,)
            )
        allowed = ATTRIBUTES.get(criterion.attribute)
        if allowed is None:
            raise CriteriaRefused(
                f"unknown attribute {criterion.attribute}; known: {sorted(ATTRIBUTES)}", basis=(ART14,)
            )
        if criterion.op not in allowed:
            raise CriteriaRefused(
                f"{criterion.attribute} takes {sorted(o.value for o in allowed)}, not {criterion.op.value}",
                basis=(ART14,),
            )
        if not _value_fits(criterion):
            raise CriteriaRefused(
                f"{criterion.attribute} {criterion.op.value}: {criterion.value!r} cannot be compared with it",
                basis=(ART14,),
            )
    return Decision[bool](value=True, reason=f"{len(criteria)} criteria", basis=(ART7, ART14))


_CHOICES: Mapping[str, frozenset[str]] = {
    "size": frozenset({"MICRO", "SMALL", "MEDIUM", "LARGE"}),
    "credit_class": frozenset({"GOOD", "NORMAL", "DISHONEST"}),
    "industry": frozenset("ABCDEFGHIJKLMNOPQRST"),
}


def _value_fits(criterion: Criterion) -> bool:
    """The value has the type the attribute holds, so matching can never fail on it."""
    value = criterion.value
    if criterion.attribute in _CHOICES:
        values = value if criterion.op is Operator.IN else [value]
        return (
            isinstance(values, list)
            and bool(values)
            and all(isinstance(v, str) and v in _CHOICES[criterion.attribute] for v in values)
        )
    if criterion.attribute == "high_tech":
        return isinstance(value, bool)
    if criterion.attribute in ("employees", "years_established"):
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000_000
    return isinstance(value, str) and divisions.is_valid(value)  # division_code within


@dataclass(frozen=True)
class CriterionResult:
    attribute: str
    met: bool
    explanation: str


def _years_between(start: dt.date, day: dt.date) -> int:
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


def _holds(criterion: Criterion, actual: Any) -> bool:
    match criterion.op:
        case Operator.EQ:
            return bool(actual == criterion.value)
        case Operator.IN:
            return actual in criterion.value
        case Operator.GTE:
            return bool(actual >= criterion.value)
        case Operator.LTE:
            return bool(actual <= criterion.value)
        case Operator.WITHIN:
            return divisions.contains(str(criterion.value), str(actual))
    raise AssertionError(criterion.op)


def match(criteria: Sequence[Criterion], profile: Mapping[str, Any], on: dt.date) -> Decision[list[CriterionResult]]:
    """Art. 14 / 第十四条 (R20): an enterprise matches when every criterion holds; each result explains itself."""
    values = dict(profile)
    values["years_established"] = _years_between(profile["established_on"], on)
    results = []
    for criterion in criteria:
        actual = values[criterion.attribute]
        met = _holds(criterion, actual)
        results.append(
            CriterionResult(
                criterion.attribute,
                met,
                f"{criterion.attribute} is {actual!r}; required {criterion.op.value} {criterion.value!r}: "
                + ("met" if met else "not met"),
            )
        )
    matched = all(r.met for r in results)
    return Decision[list[CriterionResult]](
        value=results, reason="all criteria met" if matched else "not eligible", basis=(ART14,)
    )


class Outcome(StrEnum):
    GRANTED = "GRANTED"  # 免予申报、直接享受
    PUSHED = "PUSHED"  # 主动精准推送, the enterprise applies
    NONE = "NONE"


def entitlement(
    mode: PolicyMode, eligible: bool, valid_from: dt.date, valid_to: dt.date, on: dt.date
) -> Decision[Outcome]:
    """Art. 14 / 第十四条 (R20, R21): within its period, an eligible enterprise gets a no-application benefit
    directly and is pushed an application policy; outside the period nobody gets anything."""
    if not eligible or not valid_from <= on <= valid_to:
        why = "not eligible" if not eligible else f"{on} outside the policy period {valid_from}–{valid_to}"
        return Decision[Outcome](value=Outcome.NONE, reason=why, basis=(ART14,))
    if mode is PolicyMode.NO_APPLICATION:
        return Decision[Outcome](
            value=Outcome.GRANTED, reason="eligible: granted without application", basis=(ART14_NO_APPLICATION,)
        )
    return Decision[Outcome](value=Outcome.PUSHED, reason="eligible: pushed to apply", basis=(ART14,))
