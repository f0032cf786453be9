"""The working-day calendar past its published year (chinesecalendar carries notices up to one year only).

Claims proved: a deadline that runs into the unpublished year is computed by the documented fallback
(Monday–Friday minus the statutory holidays and their make-up days), flagged provisional, never raises; an operator
override makes those dates final; every service exposes `hunan_calendar_last_published_year` in /metrics
(the `hunan-calendar` alert rules in deploy/prometheus fire on it).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json

import chinese_calendar
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from hunan_shared import workdays
from hunan_shared.bus.memory import MemoryBus
from hunan_shared.settings import DEFAULT_PORTS, PlatformSettings

LAST = workdays.last_published_year()
NEXT = LAST + 1
# 2027 by hand from 全国年节及纪念日放假办法 (2024) Art. 2 and 6 and the 2027 lunar calendar: the weekdays off
# (holidays, and make-up days for holidays on a weekend). Written independently of the code under test.
OFF_2027 = {
    dt.date(2027, 1, 1),  # New Year (Fri)
    *(dt.date(2027, 2, d) for d in (5, 8, 9, 10)),  # Spring Festival Eve Fri 5 … Mon 8; Sat 6, Sun 7 made up 9, 10
    dt.date(2027, 4, 5),  # Qingming (Mon)
    dt.date(2027, 5, 3),  # Labour Day Sat 1, Sun 2: made up Mon 3, Tue 4
    dt.date(2027, 5, 4),
    dt.date(2027, 6, 9),  # Dragon Boat (Wed)
    dt.date(2027, 9, 15),  # Mid-Autumn (Wed)
    *(dt.date(2027, 10, d) for d in (1, 4, 5)),  # National Day Fri 1, Sat 2, Sun 3: made up Mon 4, Tue 5
}


def fallback_add(start: dt.date, days: int) -> dt.date:
    """The documented fallback written independently: Mon–Fri are working days except the days off above."""
    if NEXT != 2027:
        pytest.skip(f"days off written for 2027 (the calendar ends in {LAST})")
    current = start
    while days:
        current += dt.timedelta(days=1)
        if current.year <= LAST:
            working = chinese_calendar.is_workday(current)
        else:
            assert current.year == 2027, "extend OFF_2027 for deadlines this far"
            working = current.weekday() < 5 and current not in OFF_2027
        days -= working
    return current


def test_the_library_really_stops_at_the_last_published_year():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(dt.date(NEXT, 3, 2))


@pytest.mark.parametrize(
    "start,days",
    [
        (dt.date(LAST, 12, 20), 10),  # crosses New Year into the unpublished year
        (dt.date(LAST, 12, 31), 1),  # 1 January of the next year is a fixed holiday
        (dt.date(NEXT, 4, 28), 5),  # Labour Day 5/1–5/2 entirely in the unpublished year
        (dt.date(NEXT, 9, 28), 7),  # National Day 10/1–10/3
        (dt.date(LAST, 11, 2), 200),  # far into the unpublished year
    ],
)
def test_deadlines_into_the_unpublished_year_use_the_fallback_and_are_provisional(start, days):
    deadline = workdays.add_working_days(start, days)
    assert deadline.date == fallback_add(start, days)
    assert deadline.date.year == NEXT or start.year == NEXT
    assert deadline.provisional is True


def test_known_answer_for_2027_when_2026_is_the_last_published_year():
    if LAST != 2026:
        pytest.skip(f"known answer written for a calendar ending in 2026 (this one ends in {LAST})")
    # Thu 2026-12-31 + 1 working day: Fri 2027-01-01 is New Year (fallback), so Mon 2027-01-04.
    assert workdays.add_working_days(dt.date(2026, 12, 31), 1) == workdays.Deadline(dt.date(2027, 1, 4), True)
    assert workdays.working_day(dt.date(2027, 10, 1)) == workdays.WorkingDay(False, True)
    # Mon 2027-10-04 makes up for National Day on the weekend (Art. 6 of the holiday rules); Wed 10-06 works.
    assert workdays.working_day(dt.date(2027, 10, 4)) == workdays.WorkingDay(False, True)
    assert workdays.working_day(dt.date(2027, 10, 6)) == workdays.WorkingDay(True, True)


def test_deadlines_inside_the_published_year_are_final():
    deadline = workdays.add_working_days(dt.date(LAST, 9, 1), 10)
    assert deadline.date.year == LAST and deadline.provisional is False
    assert workdays.working_days_between(dt.date(LAST, 3, 1), dt.date(LAST, 4, 1)).provisional is False
    spanning = workdays.working_days_between(dt.date(LAST, 12, 1), dt.date(NEXT, 2, 1))
    assert spanning.provisional is True and spanning.days > 0


def test_an_operator_override_makes_the_unpublished_dates_final(tmp_path):
    # A notice published early: a bridge holiday on 4 January and a make-up working Saturday on 9 January.
    path = tmp_path / "calendar.json"
    monday, saturday = dt.date(NEXT, 1, 4), dt.date(NEXT, 1, 9)
    path.write_text(json.dumps({"holidays": [monday.isoformat()], "workdays": [saturday.isoformat()]}))
    overrides = workdays.load_overrides(str(path))
    assert workdays.working_day(monday, overrides) == workdays.WorkingDay(False, False)
    assert workdays.working_day(saturday, overrides) == workdays.WorkingDay(True, False)
    assert workdays.working_day(dt.date(NEXT, 1, 6), overrides).provisional is True  # not in the override


def service_apps():
    for service in DEFAULT_PORTS:
        name = f"hunan_{service}.app"
        if importlib.util.find_spec(f"hunan_{service}") is None or importlib.util.find_spec(name) is None:
            yield pytest.param(service, marks=pytest.mark.skip(reason=f"{name} does not exist yet"))
        else:
            yield service


@pytest.mark.parametrize("service", list(service_apps()))
def test_every_service_exposes_the_last_published_calendar_year(service, tmp_path):
    module = importlib.import_module(f"hunan_{service}.app")
    settings_class = module.SPEC.settings_class
    app = module.create_app(
        settings=PlatformSettings(hunan_var_dir=tmp_path),
        bus=MemoryBus(),
        service_settings=settings_class(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}"),
    )
    with TestClient(app) as client:
        text = client.get("/metrics").text
    samples = [
        s
        for f in text_string_to_metric_families(text)
        for s in f.samples
        if s.name == "hunan_calendar_last_published_year"
    ]
    assert [(s.labels["service"], s.value) for s in samples] == [(service, float(LAST))]
