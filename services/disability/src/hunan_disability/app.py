"""Disability service (湖南省"十四五"残疾人保障和发展规划): register, subsidies, employment, assistance."""

from __future__ import annotations

from fastapi import FastAPI

from hunan_shared.events.catalogue import AccessibilityNeedsSummarized, AssistanceOpened, SuppliesRequested
from hunan_shared.service import ServiceSpec, create_service_app
from hunan_disability.api import cases, persons
from hunan_disability.handlers import HANDLERS
from hunan_disability.models import metadata, platform_tables
from hunan_disability.settings import DisabilitySettings

SPEC = ServiceSpec(
    name="disability",
    title="Hunan disability service",
    description="Person register, two subsidies, employment quota, return-to-poverty monitoring and emergency "
    "assistance for vulnerable persons — from the Hunan 14th Five-Year disability protection plan.",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_disability:migrations",
    routers=[persons.router, cases.router],
    handlers=HANDLERS,
    produces=(AssistanceOpened, SuppliesRequested, AccessibilityNeedsSummarized),
    settings_class=DisabilitySettings,
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
