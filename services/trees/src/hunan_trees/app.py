"""Trees service (湖南省古树名木保护办法, order 306): register, habitat zones, inspections, transplants."""

from __future__ import annotations

from fastapi import FastAPI

from hunan_shared.events.catalogue import CustodianAssigned, SubsidyGranted, TransplantApproved, UtilisationRegistered
from hunan_shared.service import ServiceSpec, create_service_app
from hunan_trees.api import (
    custodians,
    departments,
    donations,
    habitat,
    inspections,
    insurance,
    public_reports,
    transplants,
    trees,
    utilisation,
)
from hunan_trees.handlers import HANDLERS
from hunan_trees.models import metadata, platform_tables
from hunan_trees.settings import TreesSettings

SPEC = ServiceSpec(
    name="trees",
    title="Hunan ancient and famous trees service",
    description="Tree register (一树一档) with grading, protection levels, custodians and habitat protection zones; "
    "habitat-conflict checks for construction; post-disaster inspections; transplant approval — from the Hunan "
    "Measures for the Protection of Ancient and Famous Trees (order 306).",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_trees:migrations",
    routers=[
        trees.router,
        habitat.router,
        inspections.router,
        transplants.router,
        custodians.router,
        donations.router,
        utilisation.router,
        insurance.router,
        public_reports.router,
        departments.router,
    ],
    handlers=HANDLERS,
    produces=(TransplantApproved, CustodianAssigned, SubsidyGranted, UtilisationRegistered),
    settings_class=TreesSettings,
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
