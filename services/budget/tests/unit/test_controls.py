"""Year-end sweep per carry-over (W4: R8–R10) and the disclosure status that goes overdue by itself (R51)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from hunan_budget.rules.controls import CarryoverCategory as C
from hunan_budget.rules.controls import DisclosureStatus as S
from hunan_budget.rules.controls import disclosure_status, sweep_amount


@pytest.mark.parametrize(
    ("category", "amount", "revenue", "age", "research", "swept", "rule"),
    [
        (C.GOVERNMENT_FUND, "300", "1000", 0, False, "100", "R8"),  # T1
        (C.GOVERNMENT_FUND, "200", "1000", 0, False, "0", "R8"),  # T2: exactly 20 %
        (C.GOVERNMENT_FUND, "200.01", "1000", 0, False, "0.01", "R8"),
        (C.STATE_CAPITAL, "80", None, 0, False, "40", "R9"),  # T3
        (C.PROJECT, "500", None, 12, False, "500", "R10"),  # a year: recovered
        (C.PROJECT, "500", None, 11, False, "0", "R10"),
        (C.PROJECT, "500", None, 30, True, "0", "R10"),  # retained research funds exempt
        (C.BASIC_EXPENDITURE, "70", None, 0, False, "70", "R10"),
        (C.THREE_PUBLIC, "9", None, 0, False, "9", "R10"),
        (C.IDLE_UNIT_FUNDS, "15", None, 0, False, "15", "R10"),
    ],
    ids=["T1", "T2-boundary", "T2-plus-a-fen", "T3", "project-12m", "project-11m", "research", "basic", "三公", "idle"],
)
def test_W4_sweep_amount(category, amount, revenue, age, research, swept, rule):
    decision = sweep_amount(category, D(amount), D(revenue) if revenue else None, age, research)
    assert decision.value == D(swept)
    assert any(rule in b.article for b in decision.basis)


APPROVED = dt.date(2022, 3, 1)


@pytest.mark.parametrize(
    ("published", "on", "status"),
    [
        (dt.date(2022, 3, 21), dt.date(2022, 4, 1), S.ON_TIME),  # T13: day 20
        (dt.date(2022, 3, 22), dt.date(2022, 4, 1), S.LATE),  # T13: day 21
        (None, dt.date(2022, 3, 21), S.PENDING),  # day 20, not yet published: still in time
        (None, dt.date(2022, 3, 22), S.OVERDUE),  # goes overdue by itself
    ],
    ids=["T13-day-20", "T13-day-21", "pending-day-20", "overdue-day-21"],
)
def test_R51_disclosure_status(published, on, status):
    decision = disclosure_status(APPROVED, published, on)
    assert decision.value is status and "R51" in decision.basis[0].article
