"""Trees service (湖南省古树名木保护办法, order 306): register, habitat zones, inspections, transplants."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI

from hunan_shared.events.catalogue import (
    CustodianAssigned,
    PenaltyDecided,
    SubsidyGranted,
    TransplantApproved,
    TransplantExecuted,
    TreeInspectionOverdue,
    TreePatrolDue,
    TreeRecognised,
    TreeReportOverdue,
    UtilisationRegistered,
)
from hunan_shared.jobs import Job, JobContext
from hunan_shared.service import ServiceSpec, create_service_app
from hunan_trees.api import (
    archive,
    custodians,
    departments,
    donations,
    felling,
    habitat,
    habitat_zones,
    inspection_results,
    inspections,
    insurance,
    patrols,
    public_reports,
    recognition,
    reports,
    transplant_execution,
    transplants,
    trees,
    utilisation,
    violations,
)
from hunan_trees.handlers import HANDLERS
from hunan_trees.models import metadata, platform_tables
from hunan_trees.settings import TreesSettings
from hunan_trees.use_cases import inspection_results as inspection_clock
from hunan_trees.use_cases import patrols as patrol_cases
from hunan_trees.use_cases import reports as report_cases


def _patrol_due(ctx: JobContext) -> int:
    with ctx.unit_of_work() as uow:
        return patrol_cases.announce_due(uow, ctx.now, ctx.settings)


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
        archive.router,  # first: its /v1/trees/export must match before /v1/trees/{tree_id}
        trees.router,
        habitat.router,
        inspections.router,
        transplants.router,
        recognition.censuses,
        recognition.candidates,
        reports.router,
        reports.archive_router,
        violations.router,
        violations.acts_router,
        habitat_zones.reductions,
        habitat_zones.claims,
        felling.router,
        transplant_execution.router,
        inspection_results.router,
        custodians.router,
        donations.router,
        utilisation.router,
        insurance.router,
        public_reports.router,
        departments.router,
        patrols.router,
    ],
    handlers=HANDLERS,
    produces=(
        TransplantApproved,
        TreeRecognised,
        TreeReportOverdue,
        TreeInspectionOverdue,
        TreePatrolDue,
        TransplantExecuted,
        PenaltyDecided,
        CustodianAssigned,
        SubsidyGranted,
        UtilisationRegistered,
    ),
    jobs=(
        Job.transactional("report-overdue", dt.timedelta(hours=1), report_cases.announce_overdue),
        Job.transactional("inspection-overdue", dt.timedelta(hours=1), inspection_clock.announce_overdue),
        Job(
            "patrol-due", dt.timedelta(hours=6), _patrol_due, "Art. 20: announce trees whose regular patrol is overdue"
        ),
    ),
    indicators=report_cases.gauges,
    settings_class=TreesSettings,
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
