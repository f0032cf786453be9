"""R14 / Opinion (七): 三保 and debt service before anything else — boundary at exactly the requirement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hunan_budget.rules.basis import BudgetRuleError
from hunan_budget.rules.budgets import LineCategory
from hunan_budget.rules.rigid import rigid_first, rigid_guaranteed


def test_R14_guaranteed_at_exactly_the_requirement():
    assert rigid_guaranteed(Decimal("500.00"), Decimal("500.00")).value is True
    short = rigid_guaranteed(Decimal("500.00"), Decimal("499.99"))
    assert short.value is False and "499.99 < required 500.00" in short.reason
    assert "R14" in short.basis[0].article and "（七）" in short.basis[0].article
    assert rigid_guaranteed(None, Decimal(0)).value is True  # nothing declared, nothing to reach


def test_R14_orders_compilation():
    for category in (LineCategory.PRIORITY, LineCategory.BASIC, LineCategory.DEVELOPMENT):
        refused = rigid_first(category, Decimal("500.00"), Decimal("499.99"))
        assert refused.value is False and any(b.article == "R14" for b in refused.basis)  # the [DESIGN] reading
        assert rigid_first(category, Decimal("500.00"), Decimal("500.00")).value is True
    assert rigid_first(LineCategory.RIGID, Decimal("500.00"), Decimal(0)).value is True


def test_R14_negative_amounts_are_refused():
    with pytest.raises(BudgetRuleError):
        rigid_guaranteed(Decimal(-1), Decimal(0))
