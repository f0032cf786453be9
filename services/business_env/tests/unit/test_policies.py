"""Pro-enterprise policies (Art. 14, Art. 7): criteria, matching with explanations, grant or push, the period."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_business_env.rules.checks import POLICY_ELEMENTS, policy_complete
from hunan_business_env.rules.policies import (
    CriteriaRefused,
    Criterion,
    Operator,
    Outcome,
    PolicyMode,
    entitlement,
    match,
    validate_criteria,
)

D = dt.date
PROFILE = {
    "size": "SMALL",
    "industry": "C",
    "credit_class": "GOOD",
    "high_tech": True,
    "employees": 100,
    "division_code": "430104",
    "established_on": D(2024, 3, 1),
}


@pytest.mark.parametrize(
    ("criterion", "met"),
    [
        (Criterion("size", Operator.IN, ["MICRO", "SMALL"]), True),
        (Criterion("size", Operator.EQ, "MEDIUM"), False),
        (Criterion("employees", Operator.LTE, 100), True),  # boundary: exactly the ceiling
        (Criterion("employees", Operator.LTE, 99), False),
        (Criterion("employees", Operator.GTE, 100), True),
        (Criterion("years_established", Operator.GTE, 1), True),  # 2024-03-01 → 2025-03-01: exactly one year
        (Criterion("years_established", Operator.GTE, 2), False),
        (Criterion("division_code", Operator.WITHIN, "430100"), True),  # 岳麓区 inside 长沙市
        (Criterion("division_code", Operator.WITHIN, "430200"), False),
        (Criterion("high_tech", Operator.EQ, True), True),
    ],
)
def test_each_criterion_explains_itself(criterion, met):
    [result] = match([criterion], PROFILE, D(2025, 3, 1)).value
    assert result.met is met and result.explanation.endswith("met" if met else "not met")
    assert criterion.attribute in result.explanation


def test_one_year_is_not_reached_the_day_before():
    [result] = match([Criterion("years_established", Operator.GTE, 1)], PROFILE, D(2025, 2, 28)).value
    assert result.met is False


@pytest.mark.parametrize("attribute", ["private", "ownership", "state_owned", "foreign_invested"])
def test_no_criterion_may_select_by_ownership_art7(attribute):
    with pytest.raises(CriteriaRefused) as refused:
        validate_criteria([Criterion(attribute, Operator.EQ, False)])
    assert refused.value.basis[0].article == "Art. 7 / 第七条"


@pytest.mark.parametrize(
    "criterion",
    [
        Criterion("turnover", Operator.GTE, 1),
        Criterion("employees", Operator.IN, [1, 2]),
        Criterion("size", Operator.GTE, 1),
    ],
)
def test_unknown_attributes_and_wrong_operators_are_refused(criterion):
    with pytest.raises(CriteriaRefused):
        validate_criteria([criterion])


@pytest.mark.parametrize(
    ("mode", "eligible", "on", "outcome"),
    [
        (PolicyMode.NO_APPLICATION, True, D(2025, 6, 1), Outcome.GRANTED),  # 免予申报、直接享受
        (PolicyMode.APPLICATION, True, D(2025, 6, 1), Outcome.PUSHED),
        (PolicyMode.NO_APPLICATION, False, D(2025, 6, 1), Outcome.NONE),
        (PolicyMode.NO_APPLICATION, True, D(2025, 1, 1), Outcome.GRANTED),  # first day of the period
        (PolicyMode.NO_APPLICATION, True, D(2025, 12, 31), Outcome.GRANTED),  # last day
        (PolicyMode.NO_APPLICATION, True, D(2026, 1, 1), Outcome.NONE),  # the day after
    ],
)
def test_entitlement_within_the_policy_period_art14(mode, eligible, on, outcome):
    assert entitlement(mode, eligible, D(2025, 1, 1), D(2025, 12, 31), on).value is outcome


def test_a_policy_missing_an_element_is_named():
    elements = dict.fromkeys(POLICY_ELEMENTS, "x")
    assert policy_complete(elements).value is True
    elements["supervision_channel"] = " "
    decision = policy_complete(elements)
    assert decision.value is False and decision.reason.endswith("missing: supervision_channel")
