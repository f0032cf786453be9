"""Emergency service (湖南省"十四五"应急体系建设规划): disasters, warnings, reserves, dispatch, teams."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI

from hunan_emergency.api import (
    disasters,
    dispatches,
    enterprises,
    governance,
    hidden_dangers,
    plans,
    registers,
    relief_cases,
    reserves,
    sector_registries,
    teams,
    tipoffs,
    warnings,
)
from hunan_emergency.api import indicators as indicators_api
from hunan_emergency.handlers import HANDLERS
from hunan_emergency.models import metadata, platform_tables
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import expiry, indicators
from hunan_shared.events.catalogue import (
    DisasterClosed,
    DisasterDeclared,
    DisasterDivisionsExtended,
    DisasterLevelChanged,
    DispatchDelivered,
    DispatchPlanned,
    DispatchShipped,
    DrillDue,
    DrillHeld,
    HiddenDangerOverdue,
    ReliefOverdue,
    ReliefProvided,
    ReplenishmentRequested,
    SupplyShortfallEscalated,
    TipOffReceived,
    TipOffResolved,
    WarningCancelled,
    WarningExpired,
    WarningIssued,
    WarningUpdated,
)
from hunan_shared.jobs import Job
from hunan_shared.service import ServiceSpec, create_service_app

SPEC = ServiceSpec(
    name="emergency",
    title="Hunan emergency service",
    description="Disasters and response levels, CAP warnings, four-level supply reserves and dispatch, rescue teams, "
    "hidden-danger ledger, plans and drills — from the Hunan 14th Five-Year emergency system plan.",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_emergency:migrations",
    routers=[
        disasters.router,
        disasters.reports_router,
        warnings.router,
        reserves.supplies_router,
        reserves.depots_router,
        reserves.router,
        dispatches.requests_router,
        dispatches.router,
        indicators_api.router,
        indicators_api.targets_router,
        teams.router,
        teams.assignments_router,
        hidden_dangers.router,
        plans.router,
        plans.drills_router,
        tipoffs.router,
        enterprises.router,
        relief_cases.router,
        sector_registries.router,
        registers.router,
        governance.decision_items_router,
        governance.decisions_router,
        governance.enforcement_router,
        governance.cases_router,
        reserves.demo_router,
    ],
    handlers=HANDLERS,
    produces=(
        DisasterDeclared,
        DisasterLevelChanged,
        DisasterDivisionsExtended,
        DisasterClosed,
        WarningIssued,
        WarningUpdated,
        WarningCancelled,
        WarningExpired,
        HiddenDangerOverdue,
        DispatchPlanned,
        DispatchShipped,
        DispatchDelivered,
        ReplenishmentRequested,
        SupplyShortfallEscalated,
        ReliefProvided,
        ReliefOverdue,
        TipOffReceived,
        TipOffResolved,
        DrillHeld,
        DrillDue,
    ),
    settings_class=EmergencySettings,
    indicators=indicators.gauges,
    jobs=(
        Job.transactional("warning-expiry", dt.timedelta(seconds=15), expiry.expire_warnings_job),
        Job.transactional("hidden-danger-overdue", dt.timedelta(minutes=10), expiry.notify_overdue_job),
        Job.transactional("drill-due", dt.timedelta(hours=1), expiry.announce_overdue_drills_job),
        Job.transactional("relief-overdue", dt.timedelta(minutes=10), expiry.announce_overdue_relief_job),
    ),
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
