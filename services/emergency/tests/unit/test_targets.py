"""R59: the plan's quantified targets with deadlines (Plan 6(三), 专栏5/6, Plan 8(二), 9(三), 10(二)), table-driven."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hunan_emergency.rules.basis import InvalidInput
from hunan_emergency.rules.targets import PLAN_TARGETS, TargetStatus, target_status

S11, C11, C22A, C25 = (PLAN_TARGETS[i] for i in ("T-S11", "T-C11", "T-C22A", "T-C25"))


@pytest.mark.parametrize(
    ("target", "value", "as_of", "status"),
    [
        (S11, "1", date(2022, 6, 30), TargetStatus.MET),  # 达到100% exactly
        (S11, "0.99", date(2022, 6, 29), TargetStatus.PENDING),
        (S11, "0.99", date(2022, 6, 30), TargetStatus.BREACHED),  # judged at the deadline, like the sector caps
        (C11, "95", date(2026, 1, 1), TargetStatus.MET),
        (C11, "94", date(2025, 12, 31), TargetStatus.BREACHED),
        (C22A, "14", date(2026, 1, 1), TargetStatus.STRIVE_MISSED),  # 争取: not binding
        (C25, "50", date(2030, 1, 1), TargetStatus.MET),  # 控制在50家以内 includes 50
        (C25, "51", date(2025, 12, 30), TargetStatus.ABOVE_TARGET),
        (C25, "51", date(2025, 12, 31), TargetStatus.BREACHED),
        (S11, None, date(2026, 1, 1), TargetStatus.NO_DATA),
    ],
    ids=[
        "第六章（三） S11 100% on deadline",
        "S11 99% on deadline day",
        "S11 99% day after",
        "第八章（二） 95 landing points",
        "94 landing points at deadline",
        "第十章（二） 15 demonstration counties strive",
        "第九章（三） 50 exam bases",
        "51 before deadline",
        "51 on deadline",
        "no figure",
    ],
)
def test_r59_target_status(target, value, as_of, status) -> None:
    decision = target_status(target, None if value is None else Decimal(value), as_of)
    assert decision.value is status
    assert decision.basis == (target.basis,) and target.text in (decision.basis[0].note or "")


@pytest.mark.parametrize(("target", "value"), [(S11, "1.01"), (C11, "-1")], ids=["share above 100%", "negative"])
def test_r59_refuses_impossible_figures(target, value) -> None:
    with pytest.raises(InvalidInput):
        target_status(target, Decimal(value), date(2025, 1, 1))


def test_r59_every_target_has_an_id_deadline_and_section() -> None:
    assert all(t.id.startswith("T-") and t.deadline.year in (2021, 2022, 2025) for t in PLAN_TARGETS.values())
    assert all(t.article and t.text for t in PLAN_TARGETS.values())
    assert len(PLAN_TARGETS) == 17
