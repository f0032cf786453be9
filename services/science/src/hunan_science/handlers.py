"""Reactions of the science service to other services' events — all registered here.

Handlers are thin: parse, call the service layer. The shared consumer provides the inbox (one effect per
event id), retries and dead letters; campaigns are also unique per disaster and per warning.
"""

from __future__ import annotations

from hunan_science.rules.campaigns import level_of_warning
from hunan_science.use_cases import campaigns
from hunan_shared.bus import Handler, HandlerContext
from hunan_shared.events import Event
from hunan_shared.events.catalogue import (
    AccessibilityNeedsSummarized,
    DisasterClosed,
    DisasterDeclared,
    DisasterDivisionsExtended,
    DisasterLevelChanged,
    WarningCancelled,
    WarningIssued,
)


def on_disaster_declared(ctx: HandlerContext, event: DisasterDeclared) -> None:
    campaigns.launch(
        ctx.uow,
        hazard=event.hazard,
        division_codes=event.division_codes,
        disaster_id=event.disaster_id,
        response_level=event.response_level,
        at=event.declared_at,
        target_minutes=ctx.settings.first_publication_target_minutes,
    )


def on_level_changed(ctx: HandlerContext, event: DisasterLevelChanged) -> None:
    campaigns.rescale_for_disaster(
        ctx.uow,
        event.disaster_id,
        event.hazard,
        event.response_level,
        event.division_codes,
        event.changed_at,
        ctx.settings.first_publication_target_minutes,
    )


def on_divisions_extended(ctx: HandlerContext, event: DisasterDivisionsExtended) -> None:
    campaigns.extend_for_disaster(
        ctx.uow,
        event.disaster_id,
        event.hazard,
        event.division_codes,
        event.added_division_codes,
        event.response_level,
        ctx.settings.first_publication_target_minutes,
    )


def on_disaster_closed(ctx: HandlerContext, event: DisasterClosed) -> None:
    campaigns.close_for(ctx.uow, disaster_id=event.disaster_id, reason=f"disaster {event.outcome}")


def on_warning_issued(ctx: HandlerContext, event: WarningIssued) -> None:
    if event.colour in ctx.settings.campaign_on_warning_colours:
        campaigns.launch(
            ctx.uow,
            hazard=event.hazard,
            division_codes=event.division_codes,
            warning_id=event.warning_id,
            response_level=level_of_warning(event.colour),
            at=event.issued_at,
            target_minutes=ctx.settings.first_publication_target_minutes,
        )


def on_warning_cancelled(ctx: HandlerContext, event: WarningCancelled) -> None:
    campaigns.close_for(ctx.uow, warning_id=event.warning_id, reason="warning cancelled")


def on_accessibility_needs(ctx: HandlerContext, event: AccessibilityNeedsSummarized) -> None:
    campaigns.record_accessibility_needs(ctx.uow, event.disaster_id, event.channel_counts, event.summarized_at)


HANDLERS: dict[type[Event], Handler] = {
    DisasterDeclared: on_disaster_declared,
    DisasterDivisionsExtended: on_divisions_extended,
    DisasterLevelChanged: on_level_changed,
    DisasterClosed: on_disaster_closed,
    WarningIssued: on_warning_issued,
    WarningCancelled: on_warning_cancelled,
    AccessibilityNeedsSummarized: on_accessibility_needs,
}
