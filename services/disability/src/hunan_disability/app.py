"""Disability service (湖南省"十四五"残疾人保障和发展规划): register, subsidies, employment, assistance."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI

from hunan_disability.api import (
    accessibility,
    care,
    cases,
    dibao_applications,
    dibao_reviews,
    education,
    employers,
    facility_projects,
    monitoring,
    payroll,
    persons,
    programme_targets,
    renovations,
    service_records,
    subsidy_extensions,
    subsidy_grants,
    subsidy_standards,
    villages,
    warning_notifications,
    welfare_posts,
)
from hunan_disability.api import (
    indicators as indicators_api,
)
from hunan_disability.handlers import HANDLERS
from hunan_disability.models import metadata, platform_tables
from hunan_disability.settings import DisabilitySettings
from hunan_disability.use_cases import clocks, indicators
from hunan_shared.events.catalogue import (
    AccessibilityNeedsSummarized,
    AssistanceFirstContactOverdue,
    AssistanceOpened,
    DibaoGradualExitEnded,
    PayrollCompleted,
    SuppliesRequested,
)
from hunan_shared.jobs import Job
from hunan_shared.service import ServiceSpec, create_service_app

SPEC = ServiceSpec(
    name="disability",
    title="Hunan disability service",
    description="Person register, two subsidies, employment quota, return-to-poverty monitoring, public services, "
    "专栏1 indicators and emergency assistance for vulnerable persons — from the Hunan 14th Five-Year disability "
    "protection plan.",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_disability:migrations",
    routers=[
        persons.router,
        accessibility.router,
        cases.router,
        subsidy_grants.router,
        subsidy_standards.router,
        subsidy_extensions.router,
        payroll.router,
        employers.router,
        welfare_posts.router,
        programme_targets.router,
        dibao_reviews.router,
        dibao_applications.router,
        villages.router,
        monitoring.router,
        service_records.router,
        renovations.router,
        facility_projects.router,
        care.router,
        education.router,
        indicators_api.router,
        warning_notifications.router,
    ],
    handlers=HANDLERS,
    produces=(
        AssistanceOpened,
        AssistanceFirstContactOverdue,
        SuppliesRequested,
        AccessibilityNeedsSummarized,
        DibaoGradualExitEnded,
        PayrollCompleted,
    ),
    settings_class=DisabilitySettings,
    indicators=indicators.gauges,
    jobs=(
        Job(
            "payroll",
            dt.timedelta(hours=1),
            clocks.roll_payroll,
            "Run each month's subsidy payroll from its payroll day (R7), missed months first",
        ),
        Job.transactional("first-contact-overdue", dt.timedelta(minutes=5), clocks.flag_overdue_first_contacts),
        Job(
            "dibao-gradual-exit",
            dt.timedelta(hours=1),
            clocks.end_gradual_exits_job,
            "End the 低保 of households whose gradual-exit period lapsed without a later review (R4)",
        ),
    ),
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
