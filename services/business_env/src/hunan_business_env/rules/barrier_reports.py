"""Market-access barrier feedback channel (R10, Art. 9 / 第九条): a market entity reports an explicit or hidden
barrier; the government or department records a response. The article sets no time limit: the working days to
respond are a setting (design decision). Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision, cite
from hunan_shared.workdays import Deadline, add_working_days

from .basis import DESIGN, art

# Art. 9 / 第九条
ART9 = art(
    "Art. 9 / 第九条",
    "不得另行制定市场准入性质的负面清单；排查和清理各类显性和隐性壁垒；建立市场主体意见反馈和处理回应机制",
)
SLA_BARRIER = cite(
    DESIGN, "barrier feedback SLA", "Art. 9 sets no time limit for the response; working days are a setting"
)


class BarrierKind(StrEnum):
    EXPLICIT = "EXPLICIT"  # 显性壁垒
    HIDDEN = "HIDDEN"  # 隐性壁垒


class BarrierState(StrEnum):
    RECEIVED = "RECEIVED"
    RESPONDED = "RESPONDED"


class BarrierReportRefused(ValueError):
    """The register refuses the step (HTTP 409)."""


def response_due(received_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 9 / 第九条 (R10): every report gets a recorded response, by a working-day limit (a setting)."""
    due = add_working_days(received_on, working_days)
    return Decision[Deadline](
        value=due, reason=f"received {received_on}; {working_days} working days → {due.date}", basis=(ART9, SLA_BARRIER)
    )


def may_respond(state: BarrierState, received_on: dt.date, responded_on: dt.date) -> Decision[bool]:
    """Art. 9 / 第九条 (R10): one recorded response per report, not dated before the report was received."""
    if state is BarrierState.RESPONDED:
        return Decision[bool](value=False, reason="the report already has its response", basis=(ART9,))
    if responded_on < received_on:
        return Decision[bool](value=False, reason="a response cannot precede the report", basis=(ART9,))
    return Decision[bool](value=True, reason="response recorded", basis=(ART9,))
