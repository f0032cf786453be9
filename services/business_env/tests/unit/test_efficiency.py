"""Electronic efficiency supervision (Art. 26 para 2, R49): due day, real-time status and evaluation boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_business_env.rules.efficiency import (
    EfficiencyStatus,
    application_due,
    efficiency_evaluation,
    efficiency_status,
)

S = EfficiencyStatus
D = dt.date.fromisoformat


def test_the_due_day_counts_the_items_working_days_after_acceptance():
    assert application_due(D("2024-09-02"), 3).value.date == D("2024-09-05")  # Mon + 3 → Thu
    assert application_due(D("2024-09-06"), 1).value.date == D("2024-09-09")  # Fri + 1 → Mon
    # National Day 2024: 10-01..10-07 off, 09-29 (Sun) a make-up working day.
    assert application_due(D("2024-09-27"), 3).value.date == D("2024-10-08")  # 09-29, 09-30, 10-08
    assert application_due(D("2024-09-02"), 3).basis[0].article == "Art. 26 para 2 / 第二十六条第二款"


@pytest.mark.parametrize(
    ("today", "decided_on", "warning", "status"),
    [
        ("2024-09-02", None, 2, S.ON_TIME),  # 3 working days left
        ("2024-09-03", None, 2, S.DUE_SOON),  # 2 left: inside the window
        ("2024-09-05", None, 2, S.DUE_SOON),  # the due day itself
        ("2024-09-06", None, 2, S.OVERDUE),  # the day after
        ("2024-09-04", None, 0, S.ON_TIME),  # no window: only the due day warns
        ("2024-09-05", None, 0, S.DUE_SOON),
        ("2024-09-30", "2024-09-05", 2, S.DONE_ON_TIME),
        ("2024-09-30", "2024-09-06", 2, S.DONE_LATE),
    ],
)
def test_real_time_status_boundaries(today, decided_on, warning, status):
    decided = D(decided_on) if decided_on else None
    assert efficiency_status(D("2024-09-05"), decided, D(today), warning).value is status


def test_a_weekend_before_the_due_monday_counts_no_working_day():
    # due Mon 09-09: on Fri 09-06 one working day is left (Sat, Sun are not counted)
    assert efficiency_status(D("2024-09-09"), None, D("2024-09-06"), 0).value is S.ON_TIME
    assert efficiency_status(D("2024-09-09"), None, D("2024-09-06"), 1).value is S.DUE_SOON


def test_evaluation_counts_and_on_time_rate():
    evaluation = efficiency_evaluation([S.DONE_ON_TIME, S.DONE_ON_TIME, S.DONE_LATE, S.OVERDUE, S.ON_TIME]).value
    assert evaluation.decided == 3 and evaluation.on_time_rate == pytest.approx(0.6667)
    assert evaluation.counts[S.OVERDUE] == 1 and evaluation.counts[S.DUE_SOON] == 0
    assert efficiency_evaluation([S.OVERDUE]).value.on_time_rate is None
