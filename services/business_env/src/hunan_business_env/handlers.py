"""Reactions of the business_env service to other services' events — registered here (none yet).

business_env consumes no cross-service event; its one cross-service dependency is the synchronous trees
habitat check (adapters/trees_client.py).
"""

from __future__ import annotations

from hunan_shared.bus import Handler
from hunan_shared.events import Event

HANDLERS: dict[type[Event], Handler] = {}
