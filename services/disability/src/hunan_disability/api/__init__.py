"""HTTP routers of the disability service, one module per resource."""

from __future__ import annotations

from fastapi import Request

from hunan_disability.settings import DisabilitySettings


def service_settings(request: Request) -> DisabilitySettings:
    """Dependency: the service's own settings (numbers the plan leaves open)."""
    return request.app.state.settings
