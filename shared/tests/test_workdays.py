"""Working-day calendar: 调休 days, holidays, and the documented fallback past the published year."""

import datetime as dt
import json

import pytest

from hunan_shared import workdays
from hunan_shared.workdays import Overrides, add_working_days, working_day, working_days_between

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(D(2026, 9, 30), 1, D(2026, 10, 8), id="national-day-2026-holiday-skipped"),
        pytest.param(D(2026, 9, 24), 1, D(2026, 9, 28), id="mid-autumn-2026-and-weekend-skipped"),
        pytest.param(D(2026, 9, 18), 1, D(2026, 9, 20), id="sunday-sep-20-is-a-tiaoxiu-working-day"),
        pytest.param(D(2026, 10, 9), 1, D(2026, 10, 10), id="saturday-oct-10-is-a-tiaoxiu-working-day"),
        pytest.param(D(2026, 2, 13), 1, D(2026, 2, 14), id="saturday-feb-14-tiaoxiu-before-spring-festival"),
        pytest.param(D(2026, 2, 14), 1, D(2026, 2, 24), id="spring-festival-2026-skipped"),
        pytest.param(D(2026, 11, 27), 0, D(2026, 11, 27), id="zero-days-is-the-start"),
        pytest.param(D(2026, 11, 30), -1, D(2026, 11, 27), id="backwards-over-a-weekend"),
    ],
)
def test_add_working_days_on_the_official_calendar(start, days, expected):
    result = add_working_days(start, days)
    assert result.date == expected
    assert result.provisional is False


def test_calendar_knows_the_tiaoxiu_days():
    assert working_day(D(2026, 10, 10)).is_working  # Saturday, adjusted working day
    assert not working_day(D(2026, 10, 5)).is_working  # Monday inside the National Day holiday


def test_deadline_past_the_published_year_is_provisional_not_a_crash():
    assert workdays.last_published_year() == 2026
    result = add_working_days(D(2026, 12, 30), 3)
    # Dec 31 (Thu), then 2027: Jan 1 is a fixed statutory holiday, Jan 2-3 weekend, Jan 4 (Mon), Jan 5 (Tue)
    assert result == workdays.Deadline(D(2027, 1, 5), provisional=True)


def test_fallback_keeps_fixed_statutory_holidays():
    assert working_day(D(2027, 10, 1)) == workdays.WorkingDay(False, True)
    assert working_day(D(2027, 10, 4)) == workdays.WorkingDay(True, True)  # a Monday, not a fixed holiday


def test_override_file_makes_future_dates_final(tmp_path, monkeypatch):
    path = tmp_path / "notice-2027.json"
    path.write_text(json.dumps({"holidays": ["2027-02-08"], "workdays": ["2027-02-06"]}))
    overrides = workdays.load_overrides.__wrapped__(str(path))
    assert working_day(D(2027, 2, 6), overrides) == workdays.WorkingDay(True, False)  # a Saturday made working
    assert working_day(D(2027, 2, 8), overrides) == workdays.WorkingDay(False, False)


def test_working_days_between_counts_half_open_interval():
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 8)) == workdays.WorkingDayCount(1, False)
    assert working_days_between(D(2026, 10, 8), D(2026, 9, 30)).days == -1
    assert working_days_between(D(2026, 12, 31), D(2027, 1, 5)) == workdays.WorkingDayCount(2, True)
    assert working_days_between(D(2026, 11, 27), D(2026, 11, 27)).days == 0


def test_empty_overrides_change_nothing():
    assert working_day(D(2026, 10, 10), Overrides()).is_working


def test_provisional_results_are_reported_to_listeners(monkeypatch):
    seen = []
    monkeypatch.setattr(workdays, "provisional_listeners", [lambda: seen.append(1)])
    add_working_days(D(2026, 11, 2), 3)
    assert seen == []
    add_working_days(D(2026, 12, 30), 3)
    working_days_between(D(2026, 12, 30), D(2027, 1, 6))
    assert seen == [1, 1]
