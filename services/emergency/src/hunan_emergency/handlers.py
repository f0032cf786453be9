"""Reactions of the emergency service to other services' events (registered in one place).

Handlers are thin: parse, call the service layer. The shared consumer provides idempotency (inbox),
retries and dead-lettering.
"""

from __future__ import annotations

from hunan_emergency.use_cases import dispatches
from hunan_shared.bus import Handler, HandlerContext
from hunan_shared.events import Event
from hunan_shared.events.catalogue import SuppliesRequested


def on_supplies_requested(ctx: HandlerContext, event: SuppliesRequested) -> None:
    dispatches.receive_event(ctx.uow, event, ctx.settings)


HANDLERS: dict[type[Event], Handler] = {SuppliesRequested: on_supplies_requested}
