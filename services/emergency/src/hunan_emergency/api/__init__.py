"""HTTP routers of the emergency service, one module per resource."""

from __future__ import annotations

from fastapi import Request

from hunan_emergency.settings import EmergencySettings


def service_settings(request: Request) -> EmergencySettings:
    """Dependency: the service's settings (domain parameters)."""
    return request.app.state.settings
