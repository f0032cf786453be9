"""Simplified deregistration (简易注销, W6; Art. 20): eligibility from the settlement checklist and the investors'
written commitments, a public notice period during which anyone may object, then deregistration."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, cite

from .basis import ART20, DESIGN

NOTICE_PERIOD = cite(
    DESIGN,
    "simplified-deregistration notice period",
    "Art. 20 sets no notice period (catalogue §8 item 9); the national practice of a 20-day public notice is a setting",
)


class DeregistrationState(StrEnum):
    INELIGIBLE = "INELIGIBLE"  # ordinary deregistration procedure only
    NOTICE = "NOTICE"  # eligible; publicly announced, objections may be raised
    OBJECTED = "OBJECTED"  # an objection ends the simplified procedure: ordinary procedure
    DEREGISTERED = "DEREGISTERED"


class DeregistrationAction(StrEnum):
    OBJECT = "OBJECT"
    COMPLETE = "COMPLETE"


def notice_until(published_on: dt.date, days: int) -> Decision[dt.date]:
    """The notice runs `days` calendar days after the day of publication; the last day is returned."""
    until = published_on + dt.timedelta(days=days)
    return Decision[dt.date](
        value=until, reason=f"published {published_on}; {days} days → objections until {until}", basis=(NOTICE_PERIOD,)
    )


def next_deregistration_state(
    state: DeregistrationState, action: DeregistrationAction, on: dt.date, until: dt.date | None
) -> Decision[DeregistrationState]:
    """Art. 20 / 第二十条 (R36): objections are received during the notice period and end the simplified
    procedure; deregistration follows only after the period has run without objection."""
    if state is not DeregistrationState.NOTICE or until is None:
        raise IllegalTransition(f"a deregistration that is {state} cannot {action}", basis=(ART20, NOTICE_PERIOD))
    if action is DeregistrationAction.OBJECT:
        if on > until:
            raise IllegalTransition(f"the notice period ended on {until}", basis=(NOTICE_PERIOD,))
        return Decision[DeregistrationState](
            value=DeregistrationState.OBJECTED,
            reason="objection during the notice period: ordinary procedure",
            basis=(ART20, NOTICE_PERIOD),
        )
    if on <= until:
        raise IllegalTransition(
            f"the notice period runs until {until}: deregistration only from the next day", basis=(NOTICE_PERIOD,)
        )
    return Decision[DeregistrationState](
        value=DeregistrationState.DEREGISTERED,
        reason=f"no objection by {until}: deregistered",
        basis=(ART20, NOTICE_PERIOD),
    )
