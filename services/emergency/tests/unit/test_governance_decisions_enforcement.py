"""R60 major decisions (Plan 4(三) / 第四章（三）) and R61 enforcement-items list and criminal hand-over (Plan 4(四) /
第四章（四）), table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from hunan_emergency.rules.basis import InvalidInput
from hunan_emergency.rules.governance import (
    DecisionStep,
    case_closure_gaps,
    enforcement_item_in_force,
    major_decision_gaps,
)

FOUR = [
    DecisionStep.PUBLIC_PARTICIPATION,
    DecisionStep.EXPERT_REVIEW,
    DecisionStep.RISK_ASSESSMENT,
    DecisionStep.LEGALITY_REVIEW,
]


@pytest.mark.parametrize(
    ("steps", "listed", "missing"),
    [
        (FOUR, True, ()),
        (FOUR[:3], True, ("LEGALITY_REVIEW",)),
        ([], True, tuple(s.value for s in FOUR)),
        (FOUR, False, ("PUBLISHED_DECISION_ITEM",)),
        (FOUR[1:], False, ("PUBLISHED_DECISION_ITEM", "PUBLIC_PARTICIPATION")),
    ],
    ids=["第四章（三） all four steps", "no legality review", "nothing done", "item unpublished", "both"],
)
def test_r60_major_decision_gaps(steps, listed, missing) -> None:
    decision = major_decision_gaps(steps, on_published_list=listed)
    assert decision.value == missing
    assert decision.basis[0].article == "Plan 4(三) / 第四章（三）"


@pytest.mark.parametrize(
    ("added", "withdrawn", "on", "in_force"),
    [
        (date(2024, 1, 1), None, date(2024, 1, 1), True),  # from the day it is added
        (date(2024, 1, 1), None, date(2023, 12, 31), False),
        (date(2024, 1, 1), date(2025, 1, 1), date(2024, 12, 31), True),
        (date(2024, 1, 1), date(2025, 1, 1), date(2025, 1, 1), False),  # the withdrawal day no longer
    ],
    ids=["第四章（四） added today", "before addition", "day before withdrawal", "withdrawal day"],
)
def test_r61_enforcement_item_in_force(added, withdrawn, on, in_force) -> None:
    assert enforcement_item_in_force(added, withdrawn, on).value is in_force


def test_r61_withdrawal_before_addition_is_bad_input() -> None:
    with pytest.raises(InvalidInput):
        enforcement_item_in_force(date(2024, 1, 1), date(2023, 1, 1), date(2024, 6, 1))


@pytest.mark.parametrize(
    ("suspected", "handed_over", "gaps"),
    [(True, False, ("CRIMINAL_HANDOVER",)), (True, True, ()), (False, False, ())],
    ids=["第四章（四） 行刑衔接 suspected, not handed over", "handed over", "no crime suspected"],
)
def test_r61_case_closure(suspected, handed_over, gaps) -> None:
    assert case_closure_gaps(suspected_crime=suspected, handed_over=handed_over).value == gaps
