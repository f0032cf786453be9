"""Reactions of the budget service to other services' events — all registered here.

Handlers are thin: parse, call the service layer. The shared consumer provides the inbox (one effect per
event id), retries and dead letters; the service layer is also idempotent per source record (dispatch id,
application id, ...), so a re-published event with a new id books nothing twice.
"""

from __future__ import annotations

from hunan_budget.science_subsidies import SCIENCE_HANDLERS
from hunan_budget.use_cases import expenditures, relief
from hunan_shared.bus import Handler, HandlerContext
from hunan_shared.events import Event
from hunan_shared.events.catalogue import (
    DisasterClosed,
    DisasterDeclared,
    DisasterLevelChanged,
    DispatchShipped,
    PayrollCompleted,
    ReliefProvided,
    ReplenishmentRequested,
    TransplantApproved,
)


def on_disaster_declared(ctx: HandlerContext, event: DisasterDeclared) -> None:
    expenditures.open_line(
        ctx.uow, event.disaster_id, event.hazard, event.response_level, event.division_codes, ctx.settings
    )


def on_level_changed(ctx: HandlerContext, event: DisasterLevelChanged) -> None:
    expenditures.change_level(ctx.uow, event.disaster_id, event.response_level, event.division_codes, ctx.settings)


def on_disaster_closed(ctx: HandlerContext, event: DisasterClosed) -> None:
    expenditures.close_line(ctx.uow, event.disaster_id, event.closed_at)


def on_dispatch_shipped(ctx: HandlerContext, event: DispatchShipped) -> None:
    expenditures.record_dispatch(ctx.uow, ctx.envelope.id, event)


def on_replenishment_requested(ctx: HandlerContext, event: ReplenishmentRequested) -> None:
    expenditures.record_replenishment(ctx.uow, ctx.envelope.id, event)


def on_transplant_approved(ctx: HandlerContext, event: TransplantApproved) -> None:
    expenditures.record_transplant(ctx.uow, ctx.envelope.id, event)


def on_payroll_completed(ctx: HandlerContext, event: PayrollCompleted) -> None:
    expenditures.record_payroll(ctx.uow, ctx.envelope.id, event)


def on_relief_provided(ctx: HandlerContext, event: ReliefProvided) -> None:
    relief.record_relief(ctx.uow, ctx.envelope.id, event)


HANDLERS: dict[type[Event], Handler] = {
    DisasterDeclared: on_disaster_declared,
    DisasterLevelChanged: on_level_changed,
    DisasterClosed: on_disaster_closed,
    DispatchShipped: on_dispatch_shipped,
    ReplenishmentRequested: on_replenishment_requested,
    TransplantApproved: on_transplant_approved,
    PayrollCompleted: on_payroll_completed,
    ReliefProvided: on_relief_provided,
    **SCIENCE_HANDLERS,  # science_subsidies.py: museum post-completion subsidy claims
}
