"""W7 / 三(五)2 (R70): the renovation demand lifecycle, one step forward at a time."""

from __future__ import annotations

import pytest

from hunan_disability.rules.services import RenovationStatus as S
from hunan_disability.rules.services import renovation_transition_allowed


@pytest.mark.parametrize(
    "current, target, allowed",
    [
        (S.REGISTERED, S.ASSESSED, True),
        (S.ASSESSED, S.IN_POOL, True),
        (S.IN_POOL, S.APPROVED, True),
        (S.APPROVED, S.IN_PROGRESS, True),
        (S.IN_PROGRESS, S.COMPLETED, True),
        (S.COMPLETED, S.ACCEPTED, True),
        (S.REGISTERED, S.APPROVED, False),  # no skipping
        (S.IN_POOL, S.ASSESSED, False),  # no going back
        (S.IN_POOL, S.WITHDRAWN, True),
        (S.IN_PROGRESS, S.REJECTED, True),
        (S.ACCEPTED, S.CLOSED, False),  # accepted is final (it counts toward 专栏1 #10)
        (S.WITHDRAWN, S.REGISTERED, False),
    ],
    ids=lambda v: v.value if isinstance(v, S) else str(v),
)
def test_W7_R70_renovation_transition(current, target, allowed):
    decision = renovation_transition_allowed(current, target)
    assert decision.value is allowed
    assert any("三(五)2" in b.article for b in decision.basis)
