"""Period arithmetic shared by the rules: years from a date and working-day deadlines."""

from __future__ import annotations

import calendar
import datetime as dt

from hunan_shared.workdays import Deadline, add_working_days, working_day


def add_years(start: dt.date, years: int) -> dt.date:
    """Same month/day `years` later; a 29 February without a counterpart becomes the month's last day."""
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return start.replace(year=year, day=day)


def working_day_deadline(received_on: dt.date, days: int, count_receipt_day: bool = False) -> Deadline:
    """End of the `days`-th working day after receipt (receipt day not counted unless configured)."""
    if count_receipt_day and working_day(received_on).is_working:
        return add_working_days(received_on, days - 1)
    return add_working_days(received_on, days)
