"""Electronic efficiency supervision of government services 行政效能电子监察 (Art. 26 para 2, R49): each accepted
application is measured against the time limit its service item promises in the catalogue (Art. 22), in real time
(实时监测), with a warning before the limit and a flag after it (预警纠错), and the on-time share is evaluated
(效能评价)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision
from hunan_shared.workdays import Deadline, add_working_days, working_days_between

from .basis import ART26_EFFICIENCY


class ApplicationState(StrEnum):
    ACCEPTED = "ACCEPTED"  # 受理: the promised time limit runs from the next working day
    DECIDED = "DECIDED"  # 办结


class EfficiencyStatus(StrEnum):
    ON_TIME = "ON_TIME"  # open, more than the warning window left
    DUE_SOON = "DUE_SOON"  # open, the due day is within the warning window (预警)
    OVERDUE = "OVERDUE"  # open, the due day has passed (纠错)
    DONE_ON_TIME = "DONE_ON_TIME"
    DONE_LATE = "DONE_LATE"


def application_due(accepted_on: dt.date, time_limit_working_days: int) -> Decision[Deadline]:
    """Art. 26 para 2 / 第二十六条第二款 (R49): the application is measured against its item's promised time limit
    in working days, the day of acceptance not counted."""
    due = add_working_days(accepted_on, time_limit_working_days)
    return Decision[Deadline](
        value=due,
        reason=f"accepted {accepted_on}; promised {time_limit_working_days} working days → {due.date}",
        basis=(ART26_EFFICIENCY,),
    )


def efficiency_status(
    due: dt.date, decided_on: dt.date | None, today: dt.date, warning_working_days: int
) -> Decision[EfficiencyStatus]:
    """Art. 26 para 2 / 第二十六条第二款 (R49): real-time status of one application.

    Decided: on time when decided on or before the due day, else late. Open: overdue from the day after the due
    day; due soon (预警) when the due day is at most `warning_working_days` working days away (0 = only on the due
    day itself); on time otherwise. The article sets no warning window: it is a setting.
    """
    if decided_on is not None:
        status = EfficiencyStatus.DONE_ON_TIME if decided_on <= due else EfficiencyStatus.DONE_LATE
        reason = f"decided {decided_on}, due {due}"
    elif today > due:
        status, reason = EfficiencyStatus.OVERDUE, f"open on {today}, due {due}"
    else:
        left = working_days_between(today, due).days
        status = EfficiencyStatus.DUE_SOON if left <= warning_working_days else EfficiencyStatus.ON_TIME
        reason = f"open on {today}, {left} working days to {due} (warning at {warning_working_days})"
    return Decision[EfficiencyStatus](value=status, reason=reason, basis=(ART26_EFFICIENCY,))


@dataclass(frozen=True)
class Evaluation:
    counts: dict[EfficiencyStatus, int]
    decided: int
    on_time_rate: float | None  # share of decided applications decided on time; None when none is decided


def efficiency_evaluation(statuses: Iterable[EfficiencyStatus]) -> Decision[Evaluation]:
    """Art. 26 para 2 / 第二十六条第二款 (R49) 效能评价: counts per status and the on-time share of decided
    applications (open ones are not yet judged, overdue open ones are counted as such)."""
    counts = dict.fromkeys(EfficiencyStatus, 0)
    for status in statuses:
        counts[status] += 1
    decided = counts[EfficiencyStatus.DONE_ON_TIME] + counts[EfficiencyStatus.DONE_LATE]
    rate = round(counts[EfficiencyStatus.DONE_ON_TIME] / decided, 4) if decided else None
    return Decision[Evaluation](
        value=Evaluation(counts, decided, rate),
        reason=f"{decided} decided, on-time rate {rate}; {counts[EfficiencyStatus.OVERDUE]} open past the limit",
        basis=(ART26_EFFICIENCY,),
    )
