"""Project library life cycle (W1: R17–R20, R28) and emergency spending (W8: R29, R35; trees Art. 28)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest

from hunan_budget.rules import emergency as e
from hunan_budget.rules import projects as pr
from hunan_budget.rules.basis import BudgetRuleError

S, A = pr.ProjectState, pr.ProjectAction


TRANSITION_CASES = [
    (S.DRAFT, A.RESERVE, S.RESERVED),
    (S.RESERVED, A.PASS_REVIEW, S.IN_LIBRARY),
    (S.RESERVED, A.FAIL_REVIEW, S.REJECTED),
    (S.IN_LIBRARY, A.ADMIT, S.IN_BUDGET_LIBRARY),
    (S.IN_BUDGET_LIBRARY, A.FUND, S.FUNDED),
    (S.FUNDED, A.START, S.EXECUTING),
    (S.EXECUTING, A.REDUCE, S.REDUCED),
    (S.EXECUTING, A.CANCEL, S.CANCELLED),
    (S.REDUCED, A.COMPLETE, S.COMPLETED),
    (S.IN_LIBRARY, A.ROLL_OVER, S.IN_LIBRARY),
]


@pytest.mark.parametrize(
    "state, action, new", TRANSITION_CASES, ids=[f"Opinion(八)-{s.value}-{a.value}" for s, a, _ in TRANSITION_CASES]
)
def test_W1_transitions(state, action, new):
    assert pr.next_project_state(state, action).value is new


@pytest.mark.parametrize(
    "state, action",
    [(S.DRAFT, A.FUND), (S.COMPLETED, A.REDUCE), (S.REJECTED, A.RESERVE), (S.FUNDED, A.ROLL_OVER)],
    ids=[
        "Opinion(八)-draft-fund",
        "Opinion(八)-completed-reduce",
        "Opinion(八)-rejected-reserve",
        "Opinion(八)-funded-roll-over",
    ],
)
def test_W1_illegal_transitions(state, action):
    with pytest.raises(pr.IllegalProjectTransition):
        pr.next_project_state(state, action)


@pytest.mark.parametrize(
    "started, inclusive, on_time",
    [
        (dt.date(2023, 6, 30), True, True),
        (dt.date(2023, 7, 1), True, False),
        (dt.date(2023, 6, 30), False, False),
        (dt.date(2023, 6, 29), False, True),
    ],
    ids=[
        "Opinion(八)-T12-30-June",
        "Opinion(八)-T12-1-July",
        "Opinion(八)-exclusive-30-June",
        "Opinion(八)-exclusive-29-June",
    ],
)
def test_R17_reserve_deadline(started, inclusive, on_time):
    assert pr.reserve_started_on_time(started, 2024, inclusive).value is on_time


COMPLETE = pr.ProjectElements("依据", dt.date(2026, 1, 1), dt.date(2026, 12, 31), D(1), True, True)


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({}, []),
        ({"period_end": None}, ["implementation period 实施期限"]),
        ({"approval_basis": " "}, ["approval_basis 立项依据"]),
        ({"budget_requirement": D(0)}, ["budget_requirement 预算需求"]),
        (
            {"feasibility_study_done": False, "entry_review_done": False},
            ["feasibility study 可行性研究论证", "entry review 入库评审"],
        ),
    ],
    ids=[
        "Opinion(八)-complete",
        "Opinion(八)-T11-no-period",
        "Opinion(八)-no-basis",
        "Opinion(八)-zero-requirement",
        "Opinion(八)-no-pre-work",
    ],
)
def test_R18_missing_elements(changes, missing):
    assert pr.missing_elements(dataclasses.replace(COMPLETE, **changes)).value == missing


@pytest.mark.parametrize(
    "admitted, requested, figure, fits",
    [
        (D(70), D(30), D(100), True),
        (D(70), D("30.01"), D(100), False),
        (D(0), D(0), D(0), True),
    ],
    ids=["Opinion(八)-exactly-at-figure", "Opinion(八)-one-fen-over", "Opinion(八)-zero"],
)
def test_R19_control_figure(admitted, requested, figure, fits):
    assert pr.fits_control_figure(admitted, requested, figure).value is fits


def test_R20_R28_grounds_and_order():
    assert pr.reduction_allowed([]).value is False
    slow = pr.reduction_allowed([pr.ReductionGround.SLOW_PROGRESS])
    assert slow.value is True and "R20" in slow.basis[0].article
    assert "R28" in pr.reduction_allowed([pr.ReductionGround.PERFORMANCE_INEFFECTIVE]).basis[0].article
    assert pr.ongoing_first([("new-1", False, 1), ("old-3", True, 3), ("old-2", True, 2)]).value == [
        "old-2",
        "old-3",
        "new-1",
    ]


@pytest.mark.parametrize(
    "state, allocated, spent, amount, status",
    [
        (e.LineState.OPEN, D(100), D(40), D(60), e.ExpenditureStatus.RECORDED),
        (e.LineState.OPEN, D(100), D(40), D("60.01"), e.ExpenditureStatus.AWAITING_APPROVAL),
        (e.LineState.CLOSED, D(100), D(0), D(1), e.ExpenditureStatus.AWAITING_APPROVAL),
        (None, D(0), D(0), D(1), e.ExpenditureStatus.AWAITING_APPROVAL),
    ],
    ids=[
        "Opinion(十三)-W8-fits-exactly",
        "Opinion(十三)-W8-one-fen-over",
        "Opinion(十四)-W8-line-closed",
        "Opinion(十四)-T25-no-line",
    ],
)
def test_W8_charge_status(state, allocated, spent, amount, status):
    assert e.charge_status(state, allocated, spent, amount).value is status


def test_W8_allocation_and_level_change():
    allocations = {"I": D(50), "II": D(20), "III": D(5), "IV": D(1)}
    assert e.emergency_allocation("II", allocations).value == D(20)
    with pytest.raises(BudgetRuleError):
        e.emergency_allocation("V", allocations)
    assert e.reallocated_line(D(20), D(7), D(5)).value == D(7)  # never below what is spent
    assert e.reallocated_line(D(5), D(1), D(20)).value == D(20)


@pytest.mark.parametrize(
    "status, ref, ok",
    [
        (e.ExpenditureStatus.AWAITING_APPROVAL, "湘财预〔2026〕1号", True),
        (e.ExpenditureStatus.AWAITING_APPROVAL, " ", False),
        (e.ExpenditureStatus.RECORDED, "湘财预〔2026〕1号", False),
    ],
    ids=["Opinion(十四)-T19-approved-matter", "Opinion(十四)-T19-no-matter", "Opinion(十四)-already-recorded"],
)
def test_R35_approval(status, ref, ok):
    assert e.approval_recordable(status, ref).value is ok


@pytest.mark.parametrize(
    "years, owed", [(5, 5), (3, 5), (6, 6)], ids=["Art.28-five", "Art.28-raised-to-five", "Art.28-longer"]
)
def test_trees_art28_aftercare(years, owed):
    assert e.aftercare_commitment_years(years).value == owed
