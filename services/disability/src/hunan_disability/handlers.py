"""Reactions of the disability service to other services' events — all registered here.

Handlers are thin: parse, call the service layer. The shared consumer provides idempotency (inbox),
retries and dead-lettering; the service layer's SQL is itself safe to repeat.
"""

from __future__ import annotations

from hunan_disability.rules.emergency_assistance import ResponseLevel
from hunan_disability.use_cases import accessibility, assistance, warning_notifications
from hunan_shared.bus import Handler, HandlerContext
from hunan_shared.events import Event
from hunan_shared.events.catalogue import (
    DisasterClosed,
    DisasterDeclared,
    DisasterDivisionsExtended,
    DisasterLevelChanged,
    DispatchDelivered,
    ProjectAccepted,
    WarningCancelled,
    WarningIssued,
    WarningUpdated,
)


def on_disaster_declared(ctx: HandlerContext, event: DisasterDeclared) -> None:
    assistance.declare(
        ctx.uow,
        event.disaster_id,
        event.hazard,
        ResponseLevel(event.response_level),
        event.division_codes,
        event.declared_at,
        assistance.policy_from(ctx.settings),
    )


def on_divisions_extended(ctx: HandlerContext, event: DisasterDivisionsExtended) -> None:
    assistance.extend_cases(
        ctx.uow,
        event.disaster_id,
        event.hazard,
        ResponseLevel(event.response_level),
        event.added_division_codes,
        event.division_codes,
        event.extended_at,
        assistance.policy_from(ctx.settings),
    )


def on_level_changed(ctx: HandlerContext, event: DisasterLevelChanged) -> None:
    assistance.change_level(
        ctx.uow,
        event.disaster_id,
        event.hazard,
        ResponseLevel(event.response_level),
        event.division_codes,
        event.changed_at,
        assistance.policy_from(ctx.settings),
    )


def on_disaster_closed(ctx: HandlerContext, event: DisasterClosed) -> None:
    assistance.close_cases(ctx.uow, event.disaster_id)


def on_dispatch_delivered(ctx: HandlerContext, event: DispatchDelivered) -> None:
    assistance.mark_supplied(ctx.uow, event.disaster_id, event.division_codes)


def on_warning_issued(ctx: HandlerContext, event: WarningIssued) -> None:
    warning_notifications.issue(
        ctx.uow,
        event.warning_id,
        event.hazard,
        event.colour,
        event.division_codes,
        event.headline,
        event.issued_at,
        event.expires_at,
        assistance.policy_from(ctx.settings),
    )


def on_warning_updated(ctx: HandlerContext, event: WarningUpdated) -> None:
    warning_notifications.update_area(
        ctx.uow,
        event.warning_id,
        event.hazard,
        event.colour,
        event.division_codes,
        event.headline,
        event.updated_at,
        event.expires_at,
        assistance.policy_from(ctx.settings),
    )


def on_warning_cancelled(ctx: HandlerContext, event: WarningCancelled) -> None:
    warning_notifications.cancel(ctx.uow, event.warning_id, event.hazard, event.colour, event.cancelled_at)


def on_project_accepted(ctx: HandlerContext, event: ProjectAccepted) -> None:
    accessibility.record(ctx.uow, event)


HANDLERS: dict[type[Event], Handler] = {
    DisasterDeclared: on_disaster_declared,
    DisasterDivisionsExtended: on_divisions_extended,
    DisasterLevelChanged: on_level_changed,
    DisasterClosed: on_disaster_closed,
    DispatchDelivered: on_dispatch_delivered,
    WarningIssued: on_warning_issued,
    WarningUpdated: on_warning_updated,
    WarningCancelled: on_warning_cancelled,
    ProjectAccepted: on_project_accepted,
}
