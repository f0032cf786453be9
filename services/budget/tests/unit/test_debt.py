"""Borrowing, guarantees, funding sources, affordability (Opinion 五) and the fund life cycle (W7, Opinion (十))."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from hunan_budget.rules import debt as d
from hunan_shared.legal import IllegalTransition


@pytest.mark.parametrize(
    ("kind", "outstanding", "amount", "limit", "ok", "rule"),
    [
        (d.DebtKind.SPECIAL_BOND, "600", "400", "1000", True, "R40"),  # exactly the limit
        (d.DebtKind.GENERAL_BOND, "600", "400.01", "1000", False, "R40"),
        (d.DebtKind.BANK_LOAN, "0", "1", "1000", False, "R40"),
        (d.DebtKind.PLATFORM_FINANCING, "0", "1", "1000", False, "R40"),
        (d.DebtKind.SPECIAL_BOND, "0", "1", None, False, "R40"),
        (d.DebtKind.GUARANTEE, "0", "1", "1000", False, "R44"),
        (d.DebtKind.COMFORT_LETTER, "0", "1", "1000", False, "R44"),
    ],
    ids=["at-limit", "over-limit", "bank-loan", "platform", "no-limit", "guarantee", "comfort-letter"],
)
def test_R40_R44_borrowing(kind, outstanding, amount, limit, ok, rule):
    decision = d.borrowing_allowed(kind, D(outstanding), D(amount), D(limit) if limit else None)
    assert decision.value is ok and rule in decision.basis[0].article


@pytest.mark.parametrize(
    ("investment", "source", "ok"),
    [(True, None, False), (True, " ", False), (True, "专项债券", True), (False, None, True)],
)
def test_R43_funding_source(investment, source, ok):
    assert d.funding_source_identified(investment, source).value is ok


@pytest.mark.parametrize(
    ("major", "latest", "ok"),
    [
        (True, None, False),
        (True, d.AffordabilityResult.WITHIN_CAPACITY, True),
        (True, d.AffordabilityResult.RISK, False),
        (True, d.AffordabilityResult.NOT_FEASIBLE, False),
        (True, d.AffordabilityResult.EXCEEDS_CAPACITY, False),
        (False, None, True),
    ],
)
def test_R46_affordability_gate(major, latest, ok):
    assert d.affordability_passed(major, latest).value is ok


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (d.FundState.PROPOSED, d.FundAction.ESTABLISH, d.FundState.ESTABLISHED),
        (d.FundState.ESTABLISHED, d.FundAction.INVEST, d.FundState.INVESTING),
        (d.FundState.INVESTING, d.FundAction.TRIGGER_EXIT, d.FundState.EXITING),
        (d.FundState.EXITING, d.FundAction.EXIT, d.FundState.EXITED),
        (d.FundState.INVESTING, d.FundAction.MERGE, d.FundState.MERGED),
        (d.FundState.PROPOSED, d.FundAction.EXIT, None),
    ],
    ids=lambda v: str(v),
)
def test_W7_fund_life_cycle(state, action, expected):
    if expected is None:
        with pytest.raises(IllegalTransition):
            d.next_fund_state(state, action)
    else:
        assert d.next_fund_state(state, action).value is expected


@pytest.mark.parametrize(
    ("contribution", "line", "ok"), [("100", "100", True), ("100", "99.99", False), ("100", None, False)]
)
def test_R22_fund_budgeted(contribution, line, ok):
    assert d.fund_budgeted(D(contribution), D(line) if line else None).value is ok


@pytest.mark.parametrize(("flag", "ok"), [(True, False), (False, True)])
def test_R24_no_new_fund_where_rigid_under_covered(flag, ok):
    assert d.new_fund_allowed(flag).value is ok
