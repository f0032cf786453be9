"""专栏3·资金类·1 (R2): the single-person 低保 decision, table-driven at the standard's boundary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hunan_disability.rules.errors import DibaoApplicationDecided
from hunan_disability.rules.social_assistance import DibaoApplicationStatus as S
from hunan_disability.rules.social_assistance import single_person_dibao_decision


@pytest.mark.parametrize(
    "income, standard, expected",
    [
        ("0", "700", S.APPROVED),
        ("699.99", "700", S.APPROVED),  # one fen below the standard
        ("700", "700", S.REFUSED),  # at the standard: not below it
        ("700.01", "700", S.REFUSED),
    ],
    ids=["R2-no-income", "R2-just-below", "R2-at-standard", "R2-above"],
)
def test_R2_single_person_decision(income, standard, expected):
    decision = single_person_dibao_decision(S.SUBMITTED, Decimal(income), Decimal(standard))
    assert decision.value is expected and decision.basis[0].article == "专栏3·资金类·1 (R2)"


@pytest.mark.parametrize("status", [S.APPROVED, S.REFUSED], ids=["R2-approved-is-final", "R2-refused-is-final"])
def test_R2_a_decided_application_is_final(status):
    with pytest.raises(DibaoApplicationDecided):
        single_person_dibao_decision(status, Decimal(1), Decimal(700))
