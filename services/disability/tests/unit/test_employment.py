"""Employment (R4, R31, R36–R47): quota review, 2025 agency project, DPF cadres, posts, gradual exit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_disability.rules import employment as emp
from hunan_disability.rules.employment import (
    DibaoStatus as D,
)
from hunan_disability.rules.employment import (
    EmploymentForm,
    HouseholdMember,
    agency_quota_project,
    counts_toward_post_share,
    dibao_review_after_employment,
    dpf_cadre_share_compliant,
    graduate_jobseeking_subsidy,
    medical_exam_may_exclude,
    per_capita_income_after_employment_costs,
    placement_reward_persons,
    public_welfare_post_employer_subsidy,
    public_welfare_post_share_compliant,
    quota_review,
    self_employment_subsidies,
    shortfall_persons,
    zero_employment_household,
)
from hunan_disability.rules.employment import (
    InstitutionSubtype as S,
)
from hunan_disability.rules.employment import (
    ProjectStatus as P,
)
from hunan_disability.rules.employment import (
    UnitType as U,
)
from hunan_disability.rules.enums import AdminLevel as L


@pytest.mark.parametrize(
    "staff, severe, other, meets, over",
    [
        (200, 0, 3, True, False),
        (200, 0, 2, False, False),
        (200, 1, 1, True, False),
        (200, 2, 0, True, True),
        (67, 0, 1, False, False),
        (66, 0, 1, True, True),
        (0, 0, 0, True, False),
    ],
    ids=[
        "quota-exact",
        "quota-below",
        "quota-severe-double",
        "quota-over",
        "quota-67x1.5%",
        "quota-66",
        "quota-no-staff",
    ],
)
def test_quota_review(staff, severe, other, meets, over):
    review = quota_review(staff, severe, other).value
    assert (review.meets_ratio, review.over_quota) == (meets, over)


def test_quota_shortfall_rounds_up():
    assert shortfall_persons(quota_review(300, 0, 2).value) == 3
    assert shortfall_persons(quota_review(300, 0, 5).value) == 0


@pytest.mark.parametrize(
    "unit, level, headcount, subtype, meets, disabled, expected",
    [
        (U.PARTY_GOV_ORGAN, L.PROVINCE, 50, S.OTHER, False, 0, P.MUST_EMPLOY),
        (U.PARTY_GOV_ORGAN, L.PROVINCE, 49, S.OTHER, False, 0, P.OUT_OF_SCOPE),
        (U.PARTY_GOV_ORGAN, L.PREFECTURE, 51, S.OTHER, False, 0, P.MUST_EMPLOY),
        (U.PARTY_GOV_ORGAN, L.COUNTY, 80, S.OTHER, False, 0, P.OUT_OF_SCOPE),
        (U.PARTY_GOV_ORGAN, L.PROVINCE, 50, S.OTHER, True, 0, P.SATISFIED),
        (U.PUBLIC_INSTITUTION, L.COUNTY, 67, S.OTHER, False, 0, P.MUST_EMPLOY),
        (U.PUBLIC_INSTITUTION, L.PROVINCE, 66, S.OTHER, False, 0, P.OUT_OF_SCOPE),
        (U.PUBLIC_INSTITUTION, L.PROVINCE, 67, S.OTHER, False, 1, P.SATISFIED),
        (U.PUBLIC_INSTITUTION, L.PROVINCE, 200, S.PRIMARY_SECONDARY_SCHOOL, False, 0, P.OUT_OF_SCOPE),
        (U.PUBLIC_INSTITUTION, L.PROVINCE, 200, S.KINDERGARTEN, False, 0, P.OUT_OF_SCOPE),
        (U.SOE, L.PROVINCE, 500, S.OTHER, False, 0, P.OUT_OF_SCOPE),
    ],
    ids=[
        "R36-organ-50",
        "R36-organ-49",
        "R36-prefecture-organ",
        "R36-county-organ",
        "R36-meets-ratio",
        "R36-institution-67",
        "R36-institution-66",
        "R36-institution-has-one",
        "R36-school-excluded",
        "R36-kindergarten-excluded",
        "R36-soe-not-in-project",
    ],
)
def test_R36_agency_quota_project(unit, level, headcount, subtype, meets, disabled, expected):
    decision = agency_quota_project(unit, level, headcount, subtype, meets, disabled)
    assert decision.value is expected
    assert decision.basis[0].article == "专栏5·1 (R36)"


@pytest.mark.parametrize(
    "level, total, disabled, expected",
    [
        (L.COUNTY, 20, 3, True),
        (L.COUNTY, 20, 2, False),
        (L.PROVINCE, 14, 2, False),
        (L.PREFECTURE, 100, 15, True),
        (L.PREFECTURE, 100, 14, False),
        (L.COUNTY, 0, 0, False),
        (L.TOWNSHIP, 10, 0, None),
    ],
    ids=[
        "R37-15pct",
        "R37-10pct",
        "R37-14.3pct",
        "R37-exact-15of100",
        "R37-14of100",
        "R37-no-cadres",
        "R37-township",
    ],
)
def test_R37_dpf_cadres(level, total, disabled, expected):
    assert dpf_cadre_share_compliant(level, total, disabled).value is expected


@pytest.mark.parametrize(
    "total, held, expected",
    [(200, 20, True), (200, 19, False), (10, 1, True), (0, 0, False), (200, 200, True)],
    ids=["R31-10pct", "R31-9.5pct", "R31-1of10", "R31-no-posts", "R31-all"],
)
def test_R31_public_welfare_posts(total, held, expected):
    assert public_welfare_post_share_compliant(total, held).value is expected


def test_R31_share_inputs_must_be_consistent():
    with pytest.raises(ValueError):
        public_welfare_post_share_compliant(10, 11)


@pytest.mark.parametrize(
    "disabled, family, counts",
    [(True, False, True), (False, True, True), (False, False, False)],
    ids=["R31-disabled-holder", "R31-spouse-holder", "R31-unrelated-holder"],
)
def test_R31_who_counts(disabled, family, counts):
    assert counts_toward_post_share(disabled, family) is counts


@pytest.mark.parametrize(
    "placed, insured, ok",
    [(True, True, True), (True, False, False), (False, True, False)],
    ids=["R45-placed-insured", "R45-no-insurance", "R45-no-placement"],
)
def test_R45_employer_subsidy(placed, insured, ok):
    assert public_welfare_post_employer_subsidy(placed, insured).value is ok


REVIEWED = dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    "status, income, exit_on, expected, expected_exit",
    [
        (D.ENROLLED, "660", None, D.GRADUAL_EXIT, dt.date(2024, 9, 15)),
        (D.ENROLLED, "600", None, D.ENROLLED, None),
        (D.ENROLLED, "600.01", None, D.GRADUAL_EXIT, dt.date(2024, 9, 15)),
        (D.GRADUAL_EXIT, "590", dt.date(2024, 9, 15), D.ENROLLED, None),
        (D.GRADUAL_EXIT, "700", dt.date(2024, 9, 15), D.GRADUAL_EXIT, dt.date(2024, 9, 15)),
        (D.GRADUAL_EXIT, "700", dt.date(2024, 3, 15), D.EXITED, None),
        (D.EXITED, "100", None, D.EXITED, None),
    ],
    ids=[
        "R4-above-gradual-exit",
        "R4-equal-stays",
        "R4-one-cent-above",
        "R4-falls-back",
        "R4-still-in-period",
        "R4-period-ended",
        "R4-exited",
    ],
)
def test_R4_gradual_exit(status, income, exit_on, expected, expected_exit):
    review = dibao_review_after_employment(status, Decimal(income), Decimal(600), REVIEWED, exit_on).value
    assert (review.status, review.exit_on) == (expected, expected_exit)


def test_R4_exit_period_end_is_clamped_to_month_end():
    review = dibao_review_after_employment(D.ENROLLED, Decimal(700), Decimal(600), dt.date(2023, 8, 31)).value
    assert review.exit_on == dt.date(2024, 2, 29)


def test_R4_employment_costs_are_deducted_before_the_per_capita_test():
    assert per_capita_income_after_employment_costs(Decimal(2000), Decimal(500), 3) == Decimal(500)
    assert per_capita_income_after_employment_costs(Decimal(100), Decimal(500), 2) == Decimal(0)
    with pytest.raises(ValueError):
        per_capita_income_after_employment_costs(Decimal(1), Decimal(0), 0)


@pytest.mark.parametrize(
    "months, rewarded",
    [([12], 1), ([11], 0), ([11, 12, 30], 2), ([], 0)],
    ids=["R46-12-months", "R46-11-months", "R46-mixed", "R46-none"],
)
def test_R46_placement_reward(months, rewarded):
    assert placement_reward_persons(months).value == rewarded


@pytest.mark.parametrize(
    "members, zero",
    [
        ([HouseholdMember(True, True, False), HouseholdMember(True, True, False)], True),
        ([HouseholdMember(True, True, False), HouseholdMember(True, True, True)], False),
        ([HouseholdMember(False, False, False)], False),
        ([HouseholdMember(True, False, False)], False),
    ],
    ids=["R47-zero-employment", "R47-one-employed", "R47-nobody-working-age", "R47-not-willing"],
)
def test_R47_zero_employment(members, zero):
    assert zero_employment_household(members).value is zero


@pytest.mark.parametrize(
    "form, count",
    [(EmploymentForm.SELF_EMPLOYED, 6), (EmploymentForm.FLEXIBLE, 6), (EmploymentForm.EMPLOYEE, 0)],
    ids=["R42-self-employed", "R42-flexible", "R42-employee"],
)
def test_R42_self_employment_subsidies(form, count):
    assert len(self_employment_subsidies(form).value) == count


@pytest.mark.parametrize(
    "grad, applied, ok", [(2024, 2024, True), (2023, 2024, False)], ids=["R42-current-year", "R42-last-year"]
)
def test_R42_graduate_subsidy(grad, applied, ok):
    assert graduate_jobseeking_subsidy(grad, applied, True).value is ok


@pytest.mark.parametrize("able, may", [(True, False), (False, True)], ids=["R41-able", "R41-unable"])
def test_R41_medical_exam(able, may):
    assert medical_exam_may_exclude(able).value is may


@pytest.mark.parametrize(
    "rule, decide, yes, no",
    [
        ("R39", emp.welfare_unit_procurement_preference, (True,), (False,)),
        ("R40", emp.levy_reduction_eligible, (True,), (False,)),
        ("R43", emp.internship_subsidy, (True, True), (True, False)),
        ("R44", emp.auxiliary_employment_org_subsidies, (True,), (False,)),
    ],
    ids=["R39-welfare-unit", "R40-levy-reduction", "R43-internship", "R44-auxiliary-org"],
)
def test_simple_employment_entitlements(rule, decide, yes, no):
    granted, refused = decide(*yes), decide(*no)
    assert granted.value and not refused.value
    assert rule in granted.basis[0].article
