"""R41 / Opinion (十八): a special bond's issuance pace matches the project's implementation (money measure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hunan_budget.rules.basis import BudgetRuleError
from hunan_budget.rules.bond_pace import issuance_pace


def test_R41_pace_boundary_spent_equal_to_issued():
    kept = issuance_pace(Decimal("1000.00"), Decimal("1000.00"))
    assert kept.value == [] and "（十八）" in kept.basis[0].article
    ahead = issuance_pace(Decimal("1000.00"), Decimal("999.99"))
    assert ahead.value == ["earlier tranches 1000.00, spent 999.99: 0.01 unspent, issuance ahead of implementation"]
    assert issuance_pace(Decimal(0), Decimal(0)).value == []  # a first tranche keeps pace


def test_R41_pace_rejects_impossible_figures():
    with pytest.raises(BudgetRuleError):
        issuance_pace(Decimal("100.00"), Decimal("100.01"))
    with pytest.raises(BudgetRuleError):
        issuance_pace(Decimal(-1), Decimal(0))
