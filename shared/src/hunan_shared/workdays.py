"""PRC working-day calendar (工作日 with 调休) behind a small API that survives unpublished years.

`chinesecalendar` carries the State Council's holiday notices up to its last published year and raises
`NotImplementedError` beyond. For dates past that year we fall back to the State Council's national holiday
rules themselves (《全国年节及纪念日放假办法》, 2024 revision, `statutory_holidays`): Monday to Friday are
working days except the statutory holidays of Art. 2 — computed for any year, the lunar ones with `tyme4py`
— and the days that make up for a holiday falling on a weekend (Art. 6). Only the 调休 swaps (weekends made
working days to bridge a holiday) are unknown until the annual notice, so every result that touched such a
date is marked *provisional*: callers flag the deadline and operators see it in metrics and alerts.
Operators can load published notices early through an override file (HUNAN_CALENDAR_OVERRIDES, JSON
`{"holidays": ["2027-01-01", ...], "workdays": ["2027-02-06", ...]}`) and those dates are then final.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import chinese_calendar
from tyme4py.lunar import LunarDay
from tyme4py.solar import SolarTerm


def _solar(day: object) -> dt.date:
    """A tyme4py SolarDay as a date."""
    return dt.date(day.get_year(), day.get_month(), day.get_day())  # type: ignore[attr-defined]


def _lunar(year: int, month: int, day: int) -> dt.date:
    return _solar(LunarDay.from_ymd(year, month, day).get_solar_day())


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> tuple[tuple[dt.date, str], ...]:
    """The holidays for all citizens of one (lunar and Gregorian) year, day by day, with their names.

    全国年节及纪念日放假办法 (2024 revision) Art. 2 / 第二条: New Year's Day 1 day (1 January); Spring Festival
    4 days (lunar New Year's Eve and the 1st to 3rd of the first lunar month); Qingming 1 day (the day of the
    清明 solar term); Labour Day 2 days (1–2 May); Dragon Boat 1 day (5th of the 5th lunar month); Mid-Autumn
    1 day (15th of the 8th lunar month); National Day 3 days (1–3 October). The Spring Festival listed is the
    one whose first day falls in `year` (so does its Eve: the lunar new year is 21 January at the earliest).
    """
    new_year = _lunar(year, 1, 1)
    days = [(dt.date(year, 1, 1), "New Year")]
    days += [(new_year + dt.timedelta(days=offset), "Spring Festival") for offset in (-1, 0, 1, 2)]
    days.append((_solar(SolarTerm.from_name(year, "清明").get_solar_day()), "Qingming"))
    days += [(dt.date(year, 5, 1), "Labour Day"), (dt.date(year, 5, 2), "Labour Day")]
    days.append((_lunar(year, 5, 5), "Dragon Boat"))
    days.append((_lunar(year, 8, 15), "Mid-Autumn"))
    days += [(dt.date(year, 10, day), "National Day") for day in (1, 2, 3)]
    return tuple(sorted(days))


@lru_cache(maxsize=64)
def fallback_days_off(year: int) -> dict[dt.date, str]:
    """Statutory holidays of `year` plus the working days that make up for those on a weekend.

    全国年节及纪念日放假办法 Art. 6 / 第六条: a holiday for all citizens that falls on a Saturday or Sunday is made
    up on a working day (补假). Applied as the annual notices do: each holiday period (consecutive holiday
    dates) is followed by as many make-up days as its weekend holidays — and as the holidays coinciding on
    one date (e.g. Mid-Autumn on 3 October 2028: both are owed) — on the next days that are neither weekend
    nor holiday.
    """
    entitled = [day for day, _ in statutory_holidays(year)]  # all in `year`: the Eve is 20 January at the earliest
    names: dict[dt.date, str] = {}
    for day, name in statutory_holidays(year):
        names[day] = f"{names[day]} + {name}" if day in names else name
    off = dict(names)
    owed = {day: (day.weekday() >= 5) + entitled.count(day) - 1 for day in names}
    ordered = sorted(names)
    blocks: list[list[dt.date]] = []
    for day in ordered:
        if blocks and day - blocks[-1][-1] == dt.timedelta(days=1):
            blocks[-1].append(day)
        else:
            blocks.append([day])
    for block in blocks:
        make_up = sum(owed[day] for day in block)
        current = block[-1]
        while make_up:
            current += dt.timedelta(days=1)
            if current.weekday() < 5 and current not in off:
                off[current] = f"{names[block[0]]} (make-up day)"
                make_up -= 1
    return off


def fallback_is_working(day: dt.date) -> bool:
    """Working day by the holiday rules alone (no 调休 notice): Monday–Friday, not a holiday or make-up day."""
    return day.weekday() < 5 and day not in fallback_days_off(day.year)


@dataclass(frozen=True)
class Overrides:
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class WorkingDay:
    """Answer for one date: whether it is a working day and whether that answer is provisional."""

    is_working: bool
    provisional: bool


@dataclass(frozen=True)
class Deadline:
    """A date computed on the working-day calendar; provisional if it relied on the fallback rule."""

    date: dt.date
    provisional: bool


# Called once per provisional result, so each service can count them (metric hunan_calendar_provisional_deadlines).
provisional_listeners: list[Callable[[], object]] = []


def _report(provisional: bool) -> None:
    if provisional:
        for listener in provisional_listeners:
            listener()


def last_published_year() -> int:
    """Last year for which the library carries the official holiday notice."""
    return int(max(d.year for d in chinese_calendar.holidays))


@lru_cache(maxsize=1)
def load_overrides(path: str | None = None) -> Overrides:
    path = path or os.environ.get("HUNAN_CALENDAR_OVERRIDES")
    if not path:
        return Overrides()
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return Overrides(
        holidays=frozenset(dt.date.fromisoformat(d) for d in raw.get("holidays", [])),
        workdays=frozenset(dt.date.fromisoformat(d) for d in raw.get("workdays", [])),
    )


def working_day(day: dt.date, overrides: Overrides | None = None) -> WorkingDay:
    overrides = overrides if overrides is not None else load_overrides()
    if day in overrides.workdays:
        return WorkingDay(True, False)
    if day in overrides.holidays:
        return WorkingDay(False, False)
    try:
        return WorkingDay(chinese_calendar.is_workday(day), False)
    except NotImplementedError:
        return WorkingDay(fallback_is_working(day), True)


def is_working_day(day: dt.date) -> bool:
    return working_day(day).is_working


def add_working_days(start: dt.date, days: int, overrides: Overrides | None = None) -> Deadline:
    """The date `days` working days after `start` (start itself not counted), e.g. 7 个工作日内.

    `days == 0` returns `start` unchanged. Negative values count backwards.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = start
    provisional = False
    while remaining:
        current += dt.timedelta(days=step)
        answer = working_day(current, overrides)
        provisional |= answer.provisional
        if answer.is_working:
            remaining -= 1
    _report(provisional)
    return Deadline(current, provisional)


@dataclass(frozen=True)
class WorkingDayCount:
    days: int
    provisional: bool


def working_days_between(start: dt.date, end: dt.date, overrides: Overrides | None = None) -> WorkingDayCount:
    """Number of working days in the half-open interval (start, end]; negative when end < start."""
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    provisional = False
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        answer = working_day(current, overrides)
        provisional |= answer.provisional
        count += answer.is_working
    _report(provisional)
    return WorkingDayCount(sign * count, provisional)
