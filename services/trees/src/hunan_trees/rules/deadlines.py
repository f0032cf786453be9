"""Working-day deadlines and periods (Arts. 11, 18, 19, 29, 36) and the post-disaster inspection (flow 3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hunan_shared.legal import Decision
from hunan_shared.workdays import Deadline

from .basis import ART11, ART18, ART19, ART29, ART36, FLOW3
from .periods import add_years, working_day_deadline

HANDLING_WORKING_DAYS = 5  # 五个工作日内 (Arts. 19 and 29)
CENSUS_CYCLE_YEARS = 10  # 每十年 (Art. 11)
IN_FORCE_FROM = dt.date(2022, 3, 12)  # Art. 36


def abnormality_handling_due(received_on: dt.date, count_receipt_day: bool = False) -> Decision[Deadline]:
    """Art. 19 / 第十九条 (R17): the county department handles an abnormality report within 5 working days."""
    due = working_day_deadline(received_on, HANDLING_WORKING_DAYS, count_receipt_day)
    return Decision[Deadline](value=due, reason=f"received {received_on}; 5 working days → {due.date}", basis=(ART19,))


def death_appraisal_due(received_on: dt.date, count_receipt_day: bool = False) -> Decision[Deadline]:
    """Art. 29 / 第二十九条 (R32): experts appraise a suspected death within 5 working days of the report."""
    due = working_day_deadline(received_on, HANDLING_WORKING_DAYS, count_receipt_day)
    return Decision[Deadline](value=due, reason=f"received {received_on}; 5 working days → {due.date}", basis=(ART29,))


def census_next_due(last_census_started_on: dt.date) -> Decision[dt.date]:
    """Art. 11 / 第十一条 (R7): one resource census every ten years (counted start to start)."""
    due = add_years(last_census_started_on, CENSUS_CYCLE_YEARS)
    return Decision[dt.date](value=due, reason=f"last census {last_census_started_on} + 10 years", basis=(ART11,))


def in_force_on(day: dt.date) -> Decision[bool]:
    """Art. 36 / 第三十六条 (R44): the Measures apply from 2022-03-12."""
    ok = day >= IN_FORCE_FROM
    return Decision[bool](value=ok, reason=f"{day} {'on or after' if ok else 'before'} 2022-03-12", basis=(ART36,))


def post_disaster_inspection_needed(hazard: str, inspected_hazards: Iterable[str]) -> Decision[bool]:
    """Arts. 18–19 / 第十八、十九条 applied to declared disasters: forest-fire, geological and meteorological disasters
    can cause natural damage (自然损害) to trees, so registered trees in the divisions are inspected."""
    wanted = {h.upper() for h in inspected_hazards}
    needed = hazard.upper() in wanted
    reason = f"hazard {hazard} {'is' if needed else 'is not'} one of {', '.join(sorted(wanted))}"
    return Decision[bool](value=needed, reason=reason, basis=(ART18, FLOW3))


def post_disaster_inspection_due(declared_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 19 / 第十九条 by analogy [DESIGN]: a declared disaster is treated as a report of possible natural
    damage, so the inspection is due within the same working-day period (a setting, default 5)."""
    due = working_day_deadline(declared_on, working_days)
    return Decision[Deadline](
        value=due, reason=f"declared {declared_on}; {working_days} working days → {due.date}", basis=(ART19, FLOW3)
    )
