"""两项补贴 (R5–R7): eligibility, dated standards per division with inheritance, monthly amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_disability.rules.enums import DisabilityCategory as C
from hunan_disability.rules.enums import DisabilityGrade as G
from hunan_disability.rules.enums import HouseholdStatus as H
from hunan_disability.rules.errors import NoSubsidyStandard
from hunan_disability.rules.subsidies import (
    LivingSubsidyPolicy,
    NursingSubsidyPolicy,
    SubsidyProgram,
    SubsidyStandard,
    cross_province_application_accepted,
    extension_in_force,
    living_subsidy_eligibility,
    monthly_amount,
    nursing_subsidy_eligibility,
    standard_for,
)

EXTENDED_LIVING = LivingSubsidyPolicy(extend_to_marginal=True, extend_to_other_hardship=True)


@pytest.mark.parametrize(
    "status, certified, local, other, orphan, policy, expected",
    [
        (H.DIBAO, True, True, False, False, LivingSubsidyPolicy(), True),
        (H.DIBAO, False, True, False, False, LivingSubsidyPolicy(), False),
        (H.DIBAO, True, False, False, False, LivingSubsidyPolicy(), False),
        (H.DIBAO_MARGINAL, True, True, False, False, LivingSubsidyPolicy(), False),
        (H.DIBAO_MARGINAL, True, True, False, False, EXTENDED_LIVING, True),
        (H.LOW_INCOME, True, True, True, False, LivingSubsidyPolicy(), False),
        (H.LOW_INCOME, True, True, True, False, EXTENDED_LIVING, True),
        (H.NONE, True, True, False, False, EXTENDED_LIVING, False),
        (H.TEKUN, True, True, False, False, LivingSubsidyPolicy(), False),
        (H.DIBAO, True, True, False, True, LivingSubsidyPolicy(), False),
        (H.DIBAO, True, True, False, True, LivingSubsidyPolicy(exclude_orphan_allowance=False), True),
    ],
    ids=[
        "R5-dibao-base",
        "R5-no-certificate",
        "R5-not-local",
        "R5-marginal-flag-off",
        "R5-marginal-flag-on",
        "R5-other-flag-off",
        "R5-other-flag-on",
        "R5-none",
        "R5-tekun-excluded",
        "R5-orphan-excluded",
        "R5-orphan-exclusion-off",
    ],
)
def test_R5_living_subsidy(status, certified, local, other, orphan, policy, expected):
    decision = living_subsidy_eligibility(status, certified, local, other, orphan, policy)
    assert decision.value is expected
    assert decision.basis[0].article == "三(二)1 (R5)"


NONSEVERE_EXT = NursingSubsidyPolicy(extend_to_nonsevere_intellectual_mental=True)


@pytest.mark.parametrize(
    "category, grade, care, policy, expected",
    [
        (C.PHYSICAL, G.ONE, True, NursingSubsidyPolicy(), True),
        (C.PHYSICAL, G.TWO, True, NursingSubsidyPolicy(), True),
        (C.PHYSICAL, G.TWO, False, NursingSubsidyPolicy(), False),
        (C.PHYSICAL, G.THREE, True, NursingSubsidyPolicy(), False),
        (C.INTELLECTUAL, G.THREE, False, NursingSubsidyPolicy(), False),
        (C.INTELLECTUAL, G.THREE, False, NONSEVERE_EXT, True),
        (C.MENTAL, G.FOUR, False, NONSEVERE_EXT, True),
        (C.PHYSICAL, G.THREE, False, NONSEVERE_EXT, False),
        (C.HEARING, G.FOUR, False, NursingSubsidyPolicy(extend_to_other=True), True),
    ],
    ids=[
        "R6-grade1",
        "R6-grade2",
        "R6-no-care-need",
        "R6-grade3-boundary",
        "R6-intellectual3-off",
        "R6-intellectual3-on",
        "R6-mental4-on",
        "R6-physical3-ext-not-applicable",
        "R6-other-on",
    ],
)
def test_R6_nursing_subsidy(category, grade, care, policy, expected):
    assert nursing_subsidy_eligibility(category, grade, care, True, True, policy).value is expected


def test_R6_needs_certificate():
    assert not nursing_subsidy_eligibility(C.PHYSICAL, G.ONE, True, False, True).value


def std(division: str, amount: str, start: dt.date, program=SubsidyProgram.LIVING) -> SubsidyStandard:
    return SubsidyStandard(program, division, Decimal(amount), start)


STANDARDS = [
    std("430000", "80", dt.date(2021, 1, 1)),
    std("430000", "90", dt.date(2023, 1, 1)),
    std("430100", "100", dt.date(2022, 7, 1)),
    std("430102", "120", dt.date(2024, 1, 1)),
]


@pytest.mark.parametrize(
    "division, month, amount, source",
    [
        ("430102", dt.date(2024, 1, 1), "120", "430102"),
        ("430102", dt.date(2023, 12, 1), "100", "430100"),
        ("430103", dt.date(2024, 3, 1), "100", "430100"),
        ("430103", dt.date(2022, 6, 1), "80", "430000"),
        ("430103", dt.date(2022, 7, 20), "100", "430100"),
        ("430202", dt.date(2022, 12, 1), "80", "430000"),
        ("430202", dt.date(2023, 1, 1), "90", "430000"),
        ("430200", dt.date(2023, 1, 1), "90", "430000"),
    ],
    ids=[
        "R7-county-own",
        "R7-day-before-county-standard",
        "R7-inherit-prefecture",
        "R7-prefecture-not-yet",
        "R7-mid-month-date",
        "R7-province-old",
        "R7-province-new",
        "R7-prefecture-inherits-province",
    ],
)
def test_R7_standard_for(division, month, amount, source):
    standard = standard_for(division, month, STANDARDS).value
    assert standard.amount == Decimal(amount) and standard.division_code == source


def test_R7_mid_month_standard_applies_from_next_month():
    standards = [std("430000", "80", dt.date(2021, 1, 1)), std("430000", "95", dt.date(2024, 7, 15))]
    assert standard_for("430102", dt.date(2024, 7, 1), standards).value.amount == Decimal(80)
    assert standard_for("430102", dt.date(2024, 8, 1), standards).value.amount == Decimal(95)


def test_R7_no_standard_raises():
    with pytest.raises(NoSubsidyStandard):
        standard_for("430102", dt.date(2020, 12, 1), STANDARDS)


def test_R7_mixed_programmes_and_duplicates_are_refused():
    with pytest.raises(ValueError, match="mix"):
        standard_for(
            "430102",
            dt.date(2024, 1, 1),
            STANDARDS + [std("430000", "1", dt.date(2021, 1, 1), SubsidyProgram.NURSING)],
        )
    with pytest.raises(ValueError, match="ambiguous"):
        standard_for("430102", dt.date(2024, 1, 1), STANDARDS + [std("430102", "130", dt.date(2024, 1, 1))])


@pytest.mark.parametrize(
    "month, approved, expected",
    [
        (dt.date(2024, 1, 1), dt.date(2023, 12, 31), Decimal("120.00")),
        (dt.date(2023, 12, 1), dt.date(2023, 12, 1), Decimal("0.00")),
        (dt.date(2024, 1, 1), dt.date(2024, 1, 1), Decimal("0.00")),
        (dt.date(2024, 2, 1), dt.date(2024, 1, 31), Decimal("120.00")),
    ],
    ids=["R7-month-after-approval", "R7-approval-month", "R7-approval-on-first", "R7-jan31-approval"],
)
def test_R7_monthly_amount(month, approved, expected):
    amount = monthly_amount("430102", month, approved, STANDARDS).value
    assert amount == expected and isinstance(amount, Decimal)


def test_R7_amount_rounds_half_up_to_cents():
    standards = [std("430000", "80.005", dt.date(2021, 1, 1))]
    assert monthly_amount("430102", dt.date(2024, 1, 1), dt.date(2023, 1, 1), standards).value == Decimal("80.01")


@pytest.mark.parametrize(
    "hukou, residence, route",
    [("430102", "430200", "local"), ("110105", "430102", "route_to_hukou_authority")],
    ids=["R7-same-province", "R7-cross-province"],
)
def test_R7_cross_province(hukou, residence, route):
    assert cross_province_application_accepted(hukou, residence).value == route


@pytest.mark.parametrize(
    "chain, choices, default, expected",
    [
        (["430102", "430100", "430000"], {}, False, False),  # nobody decided: the default
        (["430102", "430100", "430000"], {"430100": True}, False, True),  # the city decided
        (["430102", "430100", "430000"], {"430100": True, "430102": False}, False, False),  # the county decides last
        (["430102", "430100", "430000"], {"430000": True}, False, True),  # the province for all
        (["430202", "430200", "430000"], {"430100": True}, False, False),  # another city's decision does not apply
        ([], {"430100": True}, True, True),  # no known division: the default
    ],
    ids=["R5-default", "R5-city", "R5-county-overrides", "R5-province", "R5-other-city", "R5-no-division"],
)
def test_R5_R6_extension_decided_per_division(chain, choices, default, expected):
    decision = extension_in_force("living_subsidy_ext_marginal", chain, choices, default)
    assert decision.value is expected and decision.basis[0].article == "三(二)1 (R5)"
