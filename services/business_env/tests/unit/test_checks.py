"""CHECK rules of order 307 and the W14 tree measures, as the catalogue's conformance table states them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_business_env.rules.checks import (
    POLICY_ELEMENTS,
    ChangeReason,
    FeeOutcome,
    Settlement,
    StartupItem,
    TenderCondition,
    TenderFinding,
    coercive_measure_lawful,
    commitment_procedure_available,
    contract_change_allowed,
    drawing_review_fee_allowed,
    evaluation_permitted,
    extra_materials,
    fair_competition_feedback_mandatory,
    fault_tolerance_applies,
    fee_charge_check,
    guide_catch_all_terms,
    offline_refusal_allowed,
    policy_complete,
    regional_assessment_cost_allowed,
    sampling_weight,
    simplified_deregistration_eligible,
    startup_bundle_complete,
    tender_condition_check,
)
from hunan_business_env.rules.engineering import TreeMeasure, construction_permit_allowed, tree_measure

D = dt.date


@pytest.mark.parametrize(
    ("args", "ok"),
    [
        pytest.param((True, True, False), False, id="B24-Art4-private-gain"),
        pytest.param((True, True, True), True, id="B24-Art4-all-three"),
    ],
)
def test_fault_tolerance(args, ok):
    assert fault_tolerance_applies(*args).value is ok


@pytest.mark.parametrize(
    ("level", "ok"),
    [pytest.param("CITY", False, id="B1-Art6-city-evaluation"), pytest.param("PROVINCE", True, id="Art6-province")],
)
def test_evaluation_permitted(level, ok):
    assert evaluation_permitted(level).value is ok


@pytest.mark.parametrize(
    ("done", "ok"),
    [
        pytest.param(set(StartupItem) - {StartupItem.SEAL_ENGRAVING}, False, id="B10-Art10-seal-fails"),
        pytest.param(set(StartupItem), True, id="B10-Art10-all-six"),
    ],
)
def test_startup_bundle(done, ok):
    assert startup_bundle_complete(done).value is ok


def test_policy_missing_completion_time_limit_is_incomplete():  # B8, Art. 14
    elements = {e: "x" for e in POLICY_ELEMENTS}
    assert policy_complete(elements).value
    elements["completion_time_limit"] = " "
    decision = policy_complete(elements)
    assert not decision.value and "completion_time_limit" in decision.reason


@pytest.mark.parametrize(
    ("listed", "amount", "outcome"),
    [
        pytest.param(False, Decimal(100), FeeOutcome.UNLISTED_ITEM, id="B11-Art15-unlisted"),
        pytest.param(True, Decimal(120), FeeOutcome.ABOVE_STANDARD, id="B11-Art15-120-vs-100"),
        pytest.param(True, Decimal(100), FeeOutcome.OK, id="B11-Art15-100"),
    ],
)
def test_fee_charge(listed, amount, outcome):
    assert fee_charge_check(listed, True, amount, Decimal(100) if listed else None, True).value is outcome


def test_fee_out_of_scope():
    assert fee_charge_check(True, True, Decimal(50), Decimal(100), in_scope=False).value is FeeOutcome.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("condition", "must_tender", "finding"),
    [
        pytest.param(TenderCondition.LOCAL_BRANCH, False, TenderFinding.LOCAL_PRESENCE, id="B12-Art18-local-branch"),
        pytest.param(
            TenderCondition.REGIONAL_OR_INDUSTRY_RECORD,
            True,
            TenderFinding.REGIONAL_OR_INDUSTRY_RECORD,
            id="B13-Art18-must-tender-regional-record",
        ),
        pytest.param(
            TenderCondition.REGIONAL_OR_INDUSTRY_RECORD,
            False,
            TenderFinding.REVIEW_UNDER_ITEM_4,
            id="B13-Art18-procurement-flagged",
        ),
        pytest.param(TenderCondition.OTHER, True, TenderFinding.ALLOWED, id="Art18-other"),
    ],
)
def test_tender_conditions(condition, must_tender, finding):
    assert tender_condition_check(condition, must_tender).value is finding


@pytest.mark.parametrize(
    ("reason", "ref", "compensated", "ok"),
    [
        pytest.param(ChangeReason.GOVERNMENT_TERM_CHANGE, None, False, False, id="B14-Art19-government-term"),
        pytest.param(ChangeReason.PUBLIC_INTEREST, "procedure", True, True, id="Art19-public-interest-compensated"),
        pytest.param(
            ChangeReason.PUBLIC_INTEREST, "procedure", False, False, id="Art19-public-interest-no-compensation"
        ),
    ],
)
def test_contract_change(reason, ref, compensated, ok):
    assert contract_change_allowed(reason, ref, compensated).value is ok


ALL_SETTLED = {
    i: Settlement.SETTLED
    for i in (
        "debts",
        "liquidation_expenses",
        "wages",
        "social_insurance",
        "statutory_compensation",
        "taxes_incl_late_fees_and_fines",
    )
}


@pytest.mark.parametrize(
    ("items", "investors", "signed", "ok"),
    [
        pytest.param(
            {**ALL_SETTLED, "taxes_incl_late_fees_and_fines": Settlement.OUTSTANDING},
            3,
            3,
            False,
            id="B16a-Art20-late-tax-fee",
        ),
        pytest.param({**ALL_SETTLED, "wages": Settlement.NONE_INCURRED}, 3, 2, False, id="B16b-Art20-two-of-three"),
        pytest.param({**ALL_SETTLED, "wages": Settlement.NONE_INCURRED}, 3, 3, True, id="B16c-Art20-all-signed"),
    ],
)
def test_simplified_deregistration(items, investors, signed, ok):
    assert simplified_deregistration_eligible(items, investors, signed).value is ok


def test_guide_catch_all_and_extra_materials():  # B5, Art. 22
    assert guide_catch_all_terms("营业执照；其他相关材料").value == ["其他相关材料"]  # the item, not the words
    assert guide_catch_all_terms("营业执照；法定代表人身份证明").value == []
    assert extra_materials(["营业执照", "房产证"], ["营业执照"]).value == ["房产证"]


@pytest.mark.parametrize(
    ("reason", "ok"),
    [
        pytest.param("ONLINE_AVAILABLE", False, id="B7-Art25-online-available"),
        pytest.param("INCOMPLETE_MATERIALS", True, id="Art25-other-ground"),
    ],
)
def test_offline_refusal(reason, ok):
    assert offline_refusal_allowed(reason).value is ok


def test_regional_assessment_and_drawing_review():  # B20, Art. 29
    assert not regional_assessment_cost_allowed(True, True).value
    assert regional_assessment_cost_allowed(True, False).value
    assert drawing_review_fee_allowed(Decimal(0)).value and not drawing_review_fee_allowed(Decimal(10)).value


@pytest.mark.parametrize(
    ("bad", "false_at", "repaired", "ok"),
    [
        pytest.param(None, D(2023, 5, 1), None, False, id="B17-Art32-false-commitment-no-repair"),
        pytest.param(None, D(2023, 5, 1), D(2024, 6, 1), True, id="B17-Art32-repaired"),
        pytest.param(None, None, None, True, id="Art32-clean"),
    ],
)
def test_commitment_procedure(bad, false_at, repaired, ok):
    assert commitment_procedure_available(bad, false_at, repaired).value is ok


@pytest.mark.parametrize(
    ("credit", "risk", "weight"),
    [
        pytest.param("GOOD", "LOW", 0.5, id="B25-Art37-good-low"),
        pytest.param("DISHONEST", "LOW", 2.0, id="B25-Art37-dishonest"),
        pytest.param("NORMAL", "HIGH", 2.0, id="B25-Art37-high-risk"),
        pytest.param("GOOD", "HIGH", 2.0, id="Art37-mixed-takes-stricter"),
        pytest.param("NORMAL", "LOW", 1.0, id="Art37-baseline"),
    ],
)
def test_sampling_weight(credit, risk, weight):
    assert sampling_weight(credit, risk).value == weight


def test_coercive_measure_and_fair_competition():  # Arts. 43, 44 (B23)
    assert not coercive_measure_lawful(None).value and coercive_measure_lawful("安全生产法第六十五条").value
    assert fair_competition_feedback_mandatory(True, True).value
    assert not fair_competition_feedback_mandatory(False, False).value


@pytest.mark.parametrize(
    ("outcome", "measure"),
    [
        pytest.param("NO_CONFLICT", TreeMeasure.NONE, id="W14-trees-Art25-no-conflict"),
        pytest.param("AVOIDANCE_REQUIRED", TreeMeasure.AVOIDANCE_PLAN, id="W14-trees-Art25-avoid"),
        pytest.param("PROTECTION_PLAN_REQUIRED", TreeMeasure.PROTECTION_PLAN, id="W14-trees-Art25-plan"),
        pytest.param("PROHIBITED", TreeMeasure.RELOCATE_OR_REDESIGN, id="W14-trees-Art24-prohibited"),
    ],
)
def test_tree_measure(outcome, measure):
    assert tree_measure(outcome).value is measure


def test_unknown_outcome_is_an_error():
    with pytest.raises(ValueError):
        tree_measure("MAYBE")


@pytest.mark.parametrize(
    ("measure", "filed", "start", "ok"),
    [
        pytest.param(TreeMeasure.PROTECTION_PLAN, None, None, False, id="W14-Art28-plan-not-filed"),
        pytest.param(TreeMeasure.PROTECTION_PLAN, D(2025, 3, 2), D(2025, 3, 1), False, id="W14-trees-Art25-filed-late"),
        pytest.param(TreeMeasure.PROTECTION_PLAN, D(2025, 2, 1), D(2025, 3, 1), True, id="W14-plan-filed-before"),
        pytest.param(TreeMeasure.RELOCATE_OR_REDESIGN, None, None, False, id="W14-prohibited"),
        pytest.param(TreeMeasure.AVOIDANCE_PLAN, None, None, True, id="W14-avoidance"),
    ],
)
def test_construction_permit_gate(measure, filed, start, ok):
    assert construction_permit_allowed(measure, filed, start).value is ok
