"""Budget compilation, approval, change and spending rules (W2, W3): table-driven, boundaries on both sides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from hunan_budget.rules import budgets as b
from hunan_budget.rules.basis import BudgetRuleError
from hunan_shared.legal import IllegalTransition

S, A = b.BudgetState, b.BudgetAction


def articles(decision):
    return " ".join(x.article for x in decision.basis)


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (S.DRAFT, A.DEPARTMENT_REVIEW, S.DEPARTMENT_REVIEWED),
        (S.DEPARTMENT_REVIEWED, A.GOVERNMENT_REVIEW, S.GOVERNMENT_REVIEWED),
        (S.GOVERNMENT_REVIEWED, A.APPROVE, S.APPROVED),
        (S.DRAFT, A.APPROVE, None),  # R48: no skipping the party group and government review
        (S.DRAFT, A.GOVERNMENT_REVIEW, None),
        (S.APPROVED, A.APPROVE, None),
    ],
    ids=lambda v: str(v),
)
def test_R48_review_chain(state, action, expected):
    if expected is None:
        with pytest.raises(IllegalTransition) as exc:
            b.next_budget_state(state, action)
        assert "R48" in exc.value.basis[0].article
    else:
        assert b.next_budget_state(state, action).value is expected


@pytest.mark.parametrize(("state", "editable"), [(S.DRAFT, True), (S.DEPARTMENT_REVIEWED, False), (S.APPROVED, False)])
def test_R13_R30_lines_only_in_draft(state, editable):
    decision = b.lines_editable(state)
    assert decision.value is editable and "R30" in articles(decision)


@pytest.mark.parametrize(
    ("required", "funded", "unfunded"),
    [("100.00", "99.99", True), ("100.00", "100.00", False), ("100.00", "150.00", False)],
    ids=["one-fen-short", "exactly-funded", "over-funded"],
)
def test_R1_priority_item_funding_boundary(required, funded, unfunded):
    decision = b.priority_list_funded([b.PriorityFunding("i1", "防汛", D(required), D(funded))])
    assert (decision.value == ["i1"]) is unfunded
    assert "R1" in articles(decision)


@pytest.mark.parametrize(
    ("category", "unfunded", "allowed"),
    [
        (b.LineCategory.DEVELOPMENT, ["i1"], False),  # Opinion (一): other development spending refused
        (b.LineCategory.DEVELOPMENT, [], True),
        (b.LineCategory.PRIORITY, ["i1"], True),  # the list items themselves are never blocked
        (b.LineCategory.RIGID, ["i1"], True),  # 三保 and debt service come first (R14)
        (b.LineCategory.BASIC, ["i1"], True),
    ],
    ids=["dev-blocked", "dev-after-list", "priority", "rigid", "basic"],
)
def test_R1_development_waits_for_the_priority_list(category, unfunded, allowed):
    assert b.development_allowed(category, unfunded).value is allowed


@pytest.mark.parametrize(
    ("category", "admin", "amount", "prior", "flagged", "allowed"),
    [
        (b.LineCategory.BASIC, b.AdminExpense.MEETING, "81.00", "100.00", True, False),  # T9: 81 of 100 refused
        (b.LineCategory.BASIC, b.AdminExpense.MEETING, "80.00", "100.00", True, True),  # T9: exactly 80 % accepted
        (b.LineCategory.DEVELOPMENT, None, "1.00", None, True, False),  # T10: no non-key line
        (b.LineCategory.BASIC, b.AdminExpense.TRAINING, "100.00", "100.00", False, True),  # region not flagged
        (b.LineCategory.RIGID, None, "500.00", None, True, True),
    ],
    ids=["T9-81", "T9-80", "T10", "not-flagged", "rigid"],
)
def test_R15_austerity_lines(category, admin, amount, prior, flagged, allowed):
    decision = b.austerity_line_allowed(category, admin, D(amount), D(prior) if prior else None, flagged)
    assert decision.value is allowed and "R15" in articles(decision)


def test_R15_needs_the_base():
    with pytest.raises(BudgetRuleError):
        b.austerity_line_allowed(b.LineCategory.BASIC, b.AdminExpense.OFFICE, D(1), None, True)


@pytest.mark.parametrize(
    ("source", "code", "allowed"),
    [
        (b.RevenueSource.FEE_OR_FUND, "HN-FEE-001", True),
        (b.RevenueSource.FEE_OR_FUND, "UNLISTED", False),  # 清单外不得擅自设立收费项目
        (b.RevenueSource.FEE_OR_FUND, None, False),
        (b.RevenueSource.TAX, None, True),
    ],
)
def test_R5_fee_catalogue(source, code, allowed):
    decision = b.fee_in_catalogue(source, code, frozenset({"HN-FEE-001"}))
    assert decision.value is allowed and "R5" in articles(decision)


@pytest.mark.parametrize(
    ("state", "same", "allowed"),
    [(None, True, False), ("IN_LIBRARY", True, False), ("IN_BUDGET_LIBRARY", True, True), ("FUNDED", False, False)],
    ids=["no-project", "not-admitted", "admitted", "other-government"],
)
def test_R16_R18_lines_are_library_projects(state, same, allowed):
    decision = b.project_line_allowed(state, same, frozenset({"IN_BUDGET_LIBRARY", "FUNDED"}))
    assert decision.value is allowed and "R16" in articles(decision)


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (b.AdjustmentState.PROPOSED, b.AdjustmentAction.GOVERNMENT_REVIEW, b.AdjustmentState.GOVERNMENT_REVIEWED),
        (b.AdjustmentState.GOVERNMENT_REVIEWED, b.AdjustmentAction.SUBMIT, b.AdjustmentState.SUBMITTED_TO_NPC_SC),
        (b.AdjustmentState.SUBMITTED_TO_NPC_SC, b.AdjustmentAction.APPROVE, b.AdjustmentState.APPROVED),
        (b.AdjustmentState.SUBMITTED_TO_NPC_SC, b.AdjustmentAction.REJECT, b.AdjustmentState.REJECTED),
        (b.AdjustmentState.APPROVED, b.AdjustmentAction.APPLY, b.AdjustmentState.APPLIED),
        (b.AdjustmentState.PROPOSED, b.AdjustmentAction.APPLY, None),  # not without the standing committee
        (b.AdjustmentState.REJECTED, b.AdjustmentAction.APPLY, None),
    ],
    ids=lambda v: str(v),
)
def test_R30_adjustment_workflow(state, action, expected):
    if expected is None:
        with pytest.raises(IllegalTransition):
            b.next_adjustment_state(state, action)
    else:
        assert b.next_adjustment_state(state, action).value is expected


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (b.ReallocationState.REQUESTED, b.ReallocationAction.APPROVE, b.ReallocationState.APPROVED),
        (b.ReallocationState.REQUESTED, b.ReallocationAction.REJECT, b.ReallocationState.REJECTED),
        (b.ReallocationState.APPROVED, b.ReallocationAction.APPLY, b.ReallocationState.APPLIED),
        (b.ReallocationState.REQUESTED, b.ReallocationAction.APPLY, None),
    ],
    ids=lambda v: str(v),
)
def test_R30_reallocation_workflow(state, action, expected):
    if expected is None:
        with pytest.raises(IllegalTransition):
            b.next_reallocation_state(state, action)
    else:
        assert b.next_reallocation_state(state, action).value is expected


@pytest.mark.parametrize(
    ("effective", "increases", "ok"),
    [
        (dt.date(2025, 12, 31), True, False),  # reaches back into an earlier year
        (dt.date(2026, 1, 1), True, True),  # same year: not retroactive
        (dt.date(2025, 1, 1), False, True),  # a cut is not an increase policy
        (None, True, True),
    ],
)
def test_R30_no_retroactive_increase(effective, increases, ok):
    assert b.not_retroactive(effective, dt.date(2026, 5, 1), increases).value is ok


@pytest.mark.parametrize(
    ("current", "spent", "delta", "new"),
    [("100.00", "40.00", "-60.00", "40.00"), ("100.00", "40.00", "25.00", "125.00")],
    ids=["down-to-spent", "increase"],
)
def test_R29_line_change(current, spent, delta, new):
    assert b.line_change_allowed(D(current), D(spent), D(delta)).value == D(new)


def test_R29_line_never_below_spending():
    with pytest.raises(BudgetRuleError):
        b.line_change_allowed(D("100.00"), D("40.00"), D("-60.01"))


@pytest.mark.parametrize(
    ("state", "amount", "matter", "kind"),
    [
        (S.APPROVED, "60.00", "", b.PaymentKind.BUDGETED),  # exactly the remaining room
        (S.APPROVED, "60.01", "湘财预〔2026〕9号", b.PaymentKind.SUSPENSE),  # beyond, under an approved matter
        (None, "10.00", "湘财预〔2026〕9号", b.PaymentKind.SUSPENSE),  # T19 with approved matter
        (S.DRAFT, "10.00", "批准事项", b.PaymentKind.SUSPENSE),
    ],
    ids=["within", "beyond-approved", "T19-approved", "draft-approved"],
)
def test_R29_R35_payment(state, amount, matter, kind):
    decision = b.payment_allowed(state, D("100.00"), D("40.00"), D(amount), matter)
    assert decision.value is kind


@pytest.mark.parametrize(
    ("state", "amount"),
    [(S.APPROVED, "60.01"), (None, "10.00"), (S.GOVERNMENT_REVIEWED, "1.00")],
    ids=["beyond", "T19-no-budget", "not-approved"],
)
def test_R29_R35_payment_refused(state, amount):
    with pytest.raises(BudgetRuleError) as exc:
        b.payment_allowed(state, D("100.00"), D("40.00"), D(amount), "  ")
    assert any("R35" in x.article for x in exc.value.basis)


@pytest.mark.parametrize(
    ("direction", "state", "ok"),
    [
        (b.Direction.REVENUE, S.APPROVED, True),
        (b.Direction.EXPENDITURE, S.APPROVED, False),
        (None, S.APPROVED, False),
        (b.Direction.REVENUE, S.DRAFT, False),
    ],
)
def test_R6_receipts_only_on_budgeted_revenue(direction, state, ok):
    if ok:
        assert b.receipt_allowed(direction, state).value
    else:
        with pytest.raises(BudgetRuleError):
            b.receipt_allowed(direction, state)


@pytest.mark.parametrize(
    ("amount", "upper", "filed", "ok"),
    [
        ("1199.99", "1200.00", True, False),  # below the upper level's base
        ("1200.00", "1200.00", True, True),  # equal complies
        ("1500.00", "1200.00", False, False),  # not filed upward
        ("1000.00", None, False, True),  # nothing to compare
    ],
    ids=["below", "equal", "not-filed", "no-upper"],
)
def test_R27_standard_floor(amount, upper, filed, ok):
    decision = b.standard_allowed(D(amount), D(upper) if upper else None, filed)
    assert decision.value is ok and "R27" in articles(decision)


@pytest.mark.parametrize(
    ("is_province", "mirrored_is_province", "ok"),
    [(False, True, True), (False, False, False), (True, True, False), (False, None, True)],
)
def test_R2_mirror_lists(is_province, mirrored_is_province, ok):
    assert b.mirror_allowed(is_province, mirrored_is_province).value is ok
