"""Enterprise start-up as one matter (企业开办一件事, W5; Art. 10): the six items tracked one by one, one consolidated
request for materials, completion only when all six are done, one delivery."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, cite
from hunan_shared.workdays import Deadline, add_working_days

from .basis import DESIGN, art
from .checks import StartupItem, startup_bundle_complete

ART10_ONE_MATTER = art(
    "Art. 10 para 2 / 第十条第二款", "设立登记、公章刻制、申领发票……组成一件事，全流程网上办理、一次办结"
)
ART10_SEVEN_ONES = art(
    "Art. 10 para 1 / 第十条第一款", "一门进出、一次告知、一窗受理、一套表单、一次采集、一网通办、一次送达"
)
STARTUP_SLA = cite(
    DESIGN, "start-up SLA", "Art. 10 asks for 一次办结 and sets no number of days; the limit is a setting"
)


class BundleState(StrEnum):
    SUBMITTED = "SUBMITTED"  # one form, one data capture
    PROCESSING = "PROCESSING"  # the six items in parallel
    MATERIALS_REQUESTED = "MATERIALS_REQUESTED"  # the one consolidated notice (一次告知)
    COMPLETED = "COMPLETED"  # all six DONE
    DELIVERED = "DELIVERED"  # 一次送达


class ItemState(StrEnum):
    PENDING = "PENDING"
    DONE = "DONE"
    FAILED = "FAILED"


class BundleAction(StrEnum):
    RECORD_ITEM = "RECORD_ITEM"
    REQUEST_MATERIALS = "REQUEST_MATERIALS"
    SUPPLY_MATERIALS = "SUPPLY_MATERIALS"
    DELIVER = "DELIVER"


_ALLOWED = {
    BundleAction.RECORD_ITEM: {BundleState.SUBMITTED, BundleState.PROCESSING},
    BundleAction.REQUEST_MATERIALS: {BundleState.SUBMITTED, BundleState.PROCESSING},
    BundleAction.SUPPLY_MATERIALS: {BundleState.MATERIALS_REQUESTED},
    BundleAction.DELIVER: {BundleState.COMPLETED},
}


def next_bundle_state(
    state: BundleState, action: BundleAction, items: dict[StartupItem, ItemState], materials_requested_before: bool
) -> Decision[BundleState]:
    """Art. 10 / 第十条 (R11, R12): items are recorded while the bundle is open and not waiting for the applicant;
    materials are requested at most once (一次告知); the bundle completes when all six are DONE and is delivered
    once (一次送达) — a failed item keeps it open, nothing is delivered in part."""
    if state not in _ALLOWED[action]:
        raise IllegalTransition(f"a start-up bundle that is {state} cannot {action}", basis=(ART10_ONE_MATTER,))
    if action is BundleAction.REQUEST_MATERIALS:
        if materials_requested_before:
            raise IllegalTransition(
                "materials were already requested once: everything missing goes in one notice (一次告知)",
                basis=(ART10_SEVEN_ONES,),
            )
        return Decision[BundleState](
            value=BundleState.MATERIALS_REQUESTED, reason="one consolidated notice", basis=(ART10_SEVEN_ONES,)
        )
    if action is BundleAction.DELIVER:
        return Decision[BundleState](
            value=BundleState.DELIVERED, reason="all six items done: delivered once", basis=(ART10_SEVEN_ONES,)
        )
    complete = startup_bundle_complete([i for i, s in items.items() if s is ItemState.DONE])
    following = BundleState.COMPLETED if complete.value else BundleState.PROCESSING
    return Decision[BundleState](value=following, reason=complete.reason, basis=(ART10_ONE_MATTER,))


def next_item_state(item: StartupItem, state: ItemState, outcome: ItemState) -> Decision[ItemState]:
    """Art. 10 / 第十条 (R12): an item is done once; a failed item may be retried until it is done."""
    if outcome is ItemState.PENDING:
        raise IllegalTransition("an item outcome is DONE or FAILED", basis=(ART10_ONE_MATTER,))
    if state is ItemState.DONE:
        raise IllegalTransition(f"{item} is already done", basis=(ART10_ONE_MATTER,))
    return Decision[ItemState](value=outcome, reason=f"{item}: {state} → {outcome}", basis=(ART10_ONE_MATTER,))


def startup_due(submitted_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 10 / 第十条 (R12) asks for 一次办结 without a number of days; the working-day limit is a setting."""
    due = add_working_days(submitted_on, working_days)
    return Decision[Deadline](
        value=due,
        reason=f"submitted {submitted_on}; {working_days} working days → {due.date}",
        basis=(ART10_ONE_MATTER, STARTUP_SLA),
    )
