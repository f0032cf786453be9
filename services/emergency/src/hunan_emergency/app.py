"""Emergency service (湖南省"十四五"应急体系建设规划): disasters, warnings, reserves, dispatch, teams."""

from __future__ import annotations

from fastapi import FastAPI

from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.service import ServiceSpec, create_service_app
from hunan_emergency.api import disasters
from hunan_emergency.handlers import HANDLERS
from hunan_emergency.models import metadata, platform_tables

SPEC = ServiceSpec(
    name="emergency",
    title="Hunan emergency service",
    description="Disasters and response levels, CAP warnings, four-level supply reserves and dispatch, rescue teams, "
    "hidden-danger ledger, plans and drills — from the Hunan 14th Five-Year emergency system plan.",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_emergency:migrations",
    routers=[disasters.router],
    handlers=HANDLERS,
    produces=(DisasterDeclared,),
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
