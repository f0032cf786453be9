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
    # Mon 10-04 now makes up for the National Day days on the weekend (Art. 6); Wed 10-06 is a working day.
    assert working_day(D(2027, 10, 4)) == workdays.WorkingDay(False, True)
    assert working_day(D(2027, 10, 6)) == workdays.WorkingDay(True, True)


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


# -- fallback past the published calendar: the statutory holidays (全国年节及纪念日放假办法, 2024) -----------------


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        pytest.param(D(2027, 1, 1), "New Year", id="2027-new-year-art2"),
        pytest.param(D(2027, 2, 5), "Spring Festival", id="2027-spring-festival-eve-art2"),
        pytest.param(D(2027, 2, 8), "Spring Festival", id="2027-spring-festival-day3-art2"),
        pytest.param(D(2027, 4, 5), "Qingming", id="2027-qingming-art2"),
        pytest.param(D(2027, 5, 1), "Labour Day", id="2027-labour-day-art2"),
        pytest.param(D(2027, 6, 9), "Dragon Boat", id="2027-dragon-boat-art2"),
        pytest.param(D(2027, 9, 15), "Mid-Autumn", id="2027-mid-autumn-art2"),
        pytest.param(D(2027, 10, 1), "National Day", id="2027-national-day-art2"),
        pytest.param(D(2028, 1, 1), "New Year", id="2028-new-year-on-saturday-art2"),
        pytest.param(D(2028, 1, 25), "Spring Festival", id="2028-spring-festival-eve-art2"),
        pytest.param(D(2028, 1, 28), "Spring Festival", id="2028-spring-festival-day3-art2"),
        pytest.param(D(2028, 4, 4), "Qingming", id="2028-qingming-art2"),
        pytest.param(D(2028, 5, 2), "Labour Day", id="2028-labour-day-art2"),
        pytest.param(D(2028, 5, 28), "Dragon Boat", id="2028-dragon-boat-on-sunday-art2"),
        pytest.param(D(2028, 10, 3), "Mid-Autumn + National Day", id="2028-mid-autumn-coincides-national-day-art2"),
        pytest.param(D(2028, 10, 2), "National Day", id="2028-national-day-art2"),
    ],
)
def test_each_statutory_holiday_of_2027_and_2028_is_a_provisional_day_off(day, holiday):
    assert workdays.fallback_days_off(day.year)[day] == holiday
    assert working_day(day, Overrides()) == workdays.WorkingDay(False, True)


@pytest.mark.parametrize(
    ("day", "off"),
    [
        pytest.param(D(2027, 2, 9), True, id="2027-spring-festival-sat-made-up-tue-art6"),
        pytest.param(D(2027, 2, 10), True, id="2027-spring-festival-sun-made-up-wed-art6"),
        pytest.param(D(2027, 2, 11), False, id="2027-thu-after-make-up-works"),
        pytest.param(D(2027, 5, 3), True, id="2027-labour-day-weekend-made-up-mon-art6"),
        pytest.param(D(2027, 5, 4), True, id="2027-labour-day-weekend-made-up-tue-art6"),
        pytest.param(D(2027, 5, 5), False, id="2027-wed-after-labour-make-up-works"),
        pytest.param(D(2028, 1, 3), True, id="2028-new-year-on-saturday-made-up-mon-art6"),
        pytest.param(D(2028, 1, 31), False, id="2028-spring-festival-all-weekdays-no-make-up"),
        pytest.param(D(2028, 5, 29), True, id="2028-dragon-boat-on-sunday-made-up-mon-art6"),
        pytest.param(D(2028, 10, 4), True, id="2028-national-day-sunday-made-up-art6"),
        pytest.param(D(2028, 10, 5), True, id="2028-mid-autumn-coinciding-made-up-art6"),
        pytest.param(D(2028, 10, 6), False, id="2028-fri-after-make-up-works"),
    ],
)
def test_holidays_on_a_weekend_or_coinciding_are_made_up_on_the_next_working_days(day, off):
    assert (day in workdays.fallback_days_off(day.year)) is off
    assert working_day(day, Overrides()) == workdays.WorkingDay(not off, True)


def test_spring_festival_2027_is_not_counted_as_working_days():
    """The issue's example: Thu 2027-02-04 + 3 working days lands after the Spring Festival (Fri 5 – Mon 8) and its
    two make-up days (Tue 9, Wed 10): Thu 11, Fri 12, Mon 15 — and is flagged provisional (调休 unknown)."""
    result = add_working_days(D(2027, 2, 4), 3, Overrides())
    assert result.date >= D(2027, 2, 11)
    assert result == workdays.Deadline(D(2027, 2, 15), provisional=True)


@pytest.mark.parametrize("year", [2025, 2026])
def test_computed_holidays_agree_with_the_published_notices(year):
    """The rule applied to the published years under the 2024 revision (in force from 2025): every computed
    statutory holiday is a day off in the official calendar (the notices add 调休 bridges on top, which the
    fallback cannot know)."""
    import chinese_calendar

    for day, name in workdays.statutory_holidays(year):
        assert not chinese_calendar.is_workday(day), (day, name)


def test_the_override_file_still_wins_over_the_fallback(tmp_path):
    path = tmp_path / "notice-2027.json"
    path.write_text(json.dumps({"holidays": ["2027-02-11"], "workdays": ["2027-02-07", "2027-02-09"]}))
    overrides = workdays.load_overrides.__wrapped__(str(path))
    assert working_day(D(2027, 2, 9), overrides) == workdays.WorkingDay(True, False)
    assert working_day(D(2027, 2, 11), overrides) == workdays.WorkingDay(False, False)
