"""HTTP routers of the science service, one module per resource."""

from __future__ import annotations

from fastapi import Request

from hunan_science.settings import ScienceSettings


def service_settings(request: Request) -> ScienceSettings:
    """Dependency: the service's own settings (numbers the plan leaves open)."""
    return request.app.state.settings
