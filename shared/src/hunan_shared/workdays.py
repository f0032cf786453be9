"""PRC working-day calendar (工作日 with 调休) behind a small API that survives unpublished years.

`chinesecalendar` carries the State Council's holiday notices up to its last published year and raises
`NotImplementedError` beyond. For dates past that year we fall back to a documented rule — Monday to
Friday are working days, plus the fixed-date statutory holidays of the 2024 《全国年节及纪念日放假办法》
(New Year 1/1, Labour Day 5/1–5/2, National Day 10/1–10/3) — and mark every result that touched such a
date as *provisional*, so callers can flag the deadline and operators see it in metrics and alerts.
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

# Fixed-date statutory holidays (全国年节及纪念日放假办法, 2024 revision); lunar holidays are unknown
# until the State Council publishes the year's notice, which is why fallback results are provisional.
FALLBACK_FIXED_HOLIDAYS: frozenset[tuple[int, int]] = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})


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
        fixed_holiday = (day.month, day.day) in FALLBACK_FIXED_HOLIDAYS
        return WorkingDay(day.weekday() < 5 and not fixed_holiday, True)


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
