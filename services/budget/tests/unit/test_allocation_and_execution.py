"""Pure rules R3, R7, R11, R12, R21 (allocation), R33, R37, R53 (execution and supervision) and R41, R42, R45 (debt
and medium-term planning), each with its boundary and its citation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from hunan_budget.rules.allocation import (
    AssetStatus,
    ConstraintSource,
    Disposition,
    LocalConstraint,
    SupportMode,
    asset_disposition_allowed,
    competitive_support_allowed,
    own_funds_first,
    policy_first,
    special_fund_constraints_allowed,
)
from hunan_budget.rules.basis import BudgetRuleError
from hunan_budget.rules.debt import (
    RiskRating,
    life_cycle_in_plan,
    new_debt_allocation_allowed,
    special_bond_matching,
)
from hunan_budget.rules.execution import (
    AccountKind,
    DirectFundFlag,
    direct_fund_status,
    finding_closable,
    special_account_retained,
    treasury_movement_allowed,
)


def cites(decision, rule, part):
    return any(rule in b.article and part in b.article for b in decision.basis)


@pytest.mark.parametrize(
    ("block", "policy", "ok"),
    [
        (False, "湘政发〔2021〕14号", True),
        (True, "湘政发〔2021〕14号", False),
        (False, None, False),
        (False, "  ", False),
    ],
)
def test_R3_policy_first_no_block_allocation(block, policy, ok):
    decision = policy_first(block, policy)
    assert decision.value is ok and cites(decision, "R3", "(二)")


@pytest.mark.parametrize(
    ("need", "own", "ok"),
    [(D(100), None, True), (D(100), D("99.99"), True), (D(100), D(100), False), (D(100), D(500), False)],
)
def test_R7_own_funds_before_appropriation(need, own, ok):
    decision = own_funds_first(need, own)
    assert decision.value is ok and cites(decision, "R7", "(四)")
    with pytest.raises(BudgetRuleError):
        own_funds_first(D(1), D(-1))


@pytest.mark.parametrize(
    ("status", "disposition", "reallocatable", "standard", "ok"),
    [
        (AssetStatus.IDLE, Disposition.REALLOCATE, True, False, True),
        (AssetStatus.IDLE, Disposition.DISPOSE, True, True, False),  # could still be reallocated
        (AssetStatus.IDLE, Disposition.DISPOSE, False, False, False),  # below the disposal standard
        (AssetStatus.OVER_STANDARD, Disposition.DISPOSE, False, True, True),
        (AssetStatus.TEMPORARY, Disposition.PUBLIC_WAREHOUSE, True, False, True),
        (AssetStatus.OPERATING, Disposition.PUBLIC_LEASE, False, False, True),
        (AssetStatus.OPERATING, Disposition.DISPOSE, False, True, False),
        (AssetStatus.HAS_OPERATING_CAPACITY, Disposition.CAPITAL_INJECTION_TO_SOE, False, False, True),
        (AssetStatus.HAS_OPERATING_CAPACITY, Disposition.REALLOCATE, True, False, False),
    ],
)
def test_R11_stock_asset_ladder(status, disposition, reallocatable, standard, ok):
    decision = asset_disposition_allowed(status, disposition, reallocatable, standard)
    assert decision.value is ok and cites(decision, "R11", "(五)")


@pytest.mark.parametrize(
    ("constraints", "ok"),
    [
        ([], True),
        ([LocalConstraint("高标准农田建设任务", ConstraintSource.CENTRAL, "财农〔2021〕1号")], True),
        ([LocalConstraint("每县至少3个示范点", ConstraintSource.DEPARTMENT, "厅文件")], False),
        ([LocalConstraint("配套比例", ConstraintSource.PROVINCIAL, None)], False),
    ],
)
def test_R12_no_strings_beyond_central_and_provincial_rules(constraints, ok):
    decision = special_fund_constraints_allowed(constraints)
    assert decision.value is ok and cites(decision, "R12", "(六)")


REVIEW = dt.date(2023, 5, 10)


@pytest.mark.parametrize(
    ("published", "procedure", "collective", "ok"),
    [
        (REVIEW - dt.timedelta(days=1), "评审办法", "局党组会议纪要", True),
        (REVIEW, "评审办法", "局党组会议纪要", False),  # the same day is not "事先"
        (None, "评审办法", "局党组会议纪要", False),
        (REVIEW - dt.timedelta(days=9), None, "局党组会议纪要", False),
        (REVIEW - dt.timedelta(days=9), "评审办法", "", False),
    ],
)
def test_R21_competitive_review_direct_subsidy(published, procedure, collective, ok):
    decision = competitive_support_allowed(
        SupportMode.DIRECT_SUBSIDY_COMPETITIVE_REVIEW, published, REVIEW, procedure, collective, None
    )
    assert decision.value is ok and cites(decision, "R21", "(九)")


def test_R21_post_subsidy_needs_targets_and_indirect_modes_pass():
    post = SupportMode.POST_SUBSIDY
    assert competitive_support_allowed(post, None, None, None, None, "研发成果：2项发明专利").value is True
    assert competitive_support_allowed(post, None, None, None, None, None).value is False
    assert competitive_support_allowed(SupportMode.INTEREST_SUBSIDY, None, None, None, None, None).value is True


@pytest.mark.parametrize(
    ("src", "dst", "basis", "ok"),
    [
        (AccountKind.TREASURY, AccountKind.TREASURY, None, True),
        (AccountKind.TREASURY, AccountKind.FISCAL_SPECIAL, None, False),
        (AccountKind.TREASURY, AccountKind.UNIT_SPECIAL, "", False),
        (AccountKind.TREASURY, AccountKind.FISCAL_SPECIAL, "财库〔2021〕5号", True),
        (AccountKind.UNIT_SPECIAL, AccountKind.TREASURY, None, True),
    ],
)
def test_R33_treasury_single_account(src, dst, basis, ok):
    decision = treasury_movement_allowed(src, dst, basis)
    assert decision.value is ok and cites(decision, "R33", "(十四)")


def test_R33_unit_special_accounts_need_a_justification():
    assert special_account_retained(AccountKind.UNIT_SPECIAL, None).value is False
    assert special_account_retained(AccountKind.UNIT_SPECIAL, "外国贷款项目专用").value is True
    assert special_account_retained(AccountKind.FISCAL_SPECIAL, None).value is True


ALLOC = dt.date(2023, 3, 1)


@pytest.mark.parametrize(
    ("used", "outside", "on", "flag"),
    [
        (D(100), D(0), ALLOC, DirectFundFlag.TRACED),
        (D(40), D(0), ALLOC + dt.timedelta(days=90), DirectFundFlag.IN_TRANSIT),  # exactly the period
        (D(40), D(0), ALLOC + dt.timedelta(days=91), DirectFundFlag.IDLE),
        (D(100), D("0.01"), ALLOC, DirectFundFlag.DIVERTED),
    ],
)
def test_R37_direct_funds_end_to_end(used, outside, on, flag):
    decision = direct_fund_status(D(100), used, outside, ALLOC, on, idle_days=90)
    assert decision.value is flag and cites(decision, "R37", "(十五)")


@pytest.mark.parametrize(
    ("revenue", "service", "bond", "project", "warnings"),
    [(D(100), D(100), 10, 10, 0), (D("99.99"), D(100), 10, 10, 1), (D(200), D(100), 11, 10, 1), (D(1), D(2), 30, 5, 2)],
)
def test_R41_special_bond_matching(revenue, service, bond, project, warnings):
    decision = special_bond_matching(D(1000), revenue, service, bond, project)
    assert len(decision.value) == warnings and cites(decision, "R41", "(十八)")
    with pytest.raises(BudgetRuleError):
        special_bond_matching(D(1), D(1), D(1), 0, 1)


@pytest.mark.parametrize(
    ("rating", "new", "prior", "ok"),
    [
        (RiskRating.LOW, D(500), D(100), True),
        (None, D(500), None, True),
        (RiskRating.HIGH, D("99.99"), D(100), True),
        (RiskRating.HIGH, D(100), D(100), False),  # equal is not a reduction
        (RiskRating.HIGH, D(50), None, False),
    ],
)
def test_R42_high_risk_regions_get_less_new_debt(rating, new, prior, ok):
    decision = new_debt_allocation_allowed(rating, new, prior)
    assert decision.value is ok and cites(decision, "R42", "(十八)")


@pytest.mark.parametrize(
    ("long_lived", "cost", "plan", "ok"),
    [
        (False, None, None, True),
        (True, None, "2023—2025年中期财政规划", False),
        (True, D(9000), None, False),
        (True, D(9000), "2023—2025年中期财政规划", True),
    ],
)
def test_R45_life_cycle_in_the_medium_term_plan(long_lived, cost, plan, ok):
    decision = life_cycle_in_plan(long_lived, cost, plan)
    assert decision.value is ok and cites(decision, "R45", "(二十)")


@pytest.mark.parametrize(
    ("responsible", "result", "published", "ok"),
    [
        ("县交通局，局长张某", "诫勉谈话，收回资金", dt.date(2023, 9, 1), True),
        (None, "诫勉谈话", dt.date(2023, 9, 1), False),
        ("县交通局", " ", dt.date(2023, 9, 1), False),
        ("县交通局", "诫勉谈话", None, False),
    ],
)
def test_R53_findings_closed_with_accountability_and_publication(responsible, result, published, ok):
    decision = finding_closable(responsible, result, published)
    assert decision.value is ok and cites(decision, "R53", "(二十六)")
