"""Art. 20 (R18): regular patrol interval by protection level — boundaries exactly at the interval."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_trees.rules.classification import ProtectionLevel
from hunan_trees.rules.patrol import (
    DEFAULT_INTERVAL_DAYS,
    Provider,
    patrol_due_on,
    patrol_overdue,
    provider_valid,
)

ART20 = "Art. 20 / 第二十条"
LAST = dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("level", "due"),
    [
        (ProtectionLevel.LEVEL_1, dt.date(2025, 4, 1)),  # 90 days
        (ProtectionLevel.LEVEL_2, dt.date(2025, 6, 30)),  # 180 days
        (ProtectionLevel.LEVEL_3, dt.date(2026, 1, 1)),  # 365 days
        (None, dt.date(2026, 1, 1)),  # Art. 35 reference tree: LEVEL_3's interval
    ],
)
def test_due_date_is_the_level_interval_after_the_last_patrol(level, due):
    decision = patrol_due_on(level, LAST, DEFAULT_INTERVAL_DAYS)
    assert decision.value == due
    assert [b.article for b in decision.basis] == [ART20]


def test_the_interval_is_taken_from_the_setting():
    intervals = {**DEFAULT_INTERVAL_DAYS, ProtectionLevel.LEVEL_1: 30}
    assert patrol_due_on(ProtectionLevel.LEVEL_1, LAST, intervals).value == dt.date(2025, 1, 31)


@pytest.mark.parametrize(
    ("today", "late"),
    [(dt.date(2025, 3, 31), False), (dt.date(2025, 4, 1), False), (dt.date(2025, 4, 2), True)],
    ids=["day-before", "exactly-at-interval", "day-after"],
)
def test_overdue_only_after_the_due_day(today, late):
    due = patrol_due_on(ProtectionLevel.LEVEL_1, LAST, DEFAULT_INTERVAL_DAYS).value
    assert patrol_overdue(due, today).value is late


@pytest.mark.parametrize(
    ("provider", "contract", "ok"),
    [
        (Provider.EXPERTS, None, True),
        (Provider.TECHNICAL_STAFF, None, True),
        (Provider.PURCHASED_SERVICE, "购服〔2025〕1号", True),
        (Provider.PURCHASED_SERVICE, None, False),
        (Provider.PURCHASED_SERVICE, "  ", False),
    ],
)
def test_a_purchased_service_names_its_contract(provider, contract, ok):
    assert provider_valid(provider, contract).value is ok
