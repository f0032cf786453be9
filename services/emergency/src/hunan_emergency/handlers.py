"""Reactions of the emergency service to other services' events (registered in one place)."""

from __future__ import annotations

from hunan_shared.bus import Handler
from hunan_shared.events import Event

HANDLERS: dict[type[Event], Handler] = {}
