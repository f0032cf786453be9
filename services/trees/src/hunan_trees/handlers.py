"""Reactions of the trees service to other services' events — all registered here.

Handlers are thin: parse, call the service layer. The shared consumer provides idempotency (inbox),
retries and dead-lettering; the scheduling SQL itself skips trees already scheduled, so repeats are harmless.
"""

from __future__ import annotations

from hunan_shared.bus import Handler, HandlerContext
from hunan_shared.events import Event
from hunan_shared.events.catalogue import DisasterDeclared, DisasterDivisionsExtended
from hunan_trees.use_cases import inspections


def on_disaster_declared(ctx: HandlerContext, event: DisasterDeclared) -> None:
    inspections.schedule_after_disaster(
        ctx.uow, event.disaster_id, event.hazard, event.division_codes, event.declared_at, ctx.settings
    )


def on_divisions_extended(ctx: HandlerContext, event: DisasterDivisionsExtended) -> None:
    inspections.schedule_after_disaster(
        ctx.uow, event.disaster_id, event.hazard, event.added_division_codes, event.extended_at, ctx.settings
    )


HANDLERS: dict[type[Event], Handler] = {
    DisasterDeclared: on_disaster_declared,
    DisasterDivisionsExtended: on_divisions_extended,
}
