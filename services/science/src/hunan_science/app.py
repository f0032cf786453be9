"""Science service (全民科学素质行动规划纲要实施方案): venues and bases, literacy indicators and emergency
science popularisation campaigns (应急科普)."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI

from hunan_science.api import (
    campaigns,
    certifications,
    commissioners,
    content,
    debunks,
    demo,
    designations,
    grants,
    indicators,
    innovation_projects,
    local_plans,
    museum_subsidies,
    pairings,
    region_risks,
    school_visits,
    surveys,
    teacher_quotas,
    trainings,
    venues,
    volunteers,
)
from hunan_science.handlers import HANDLERS
from hunan_science.models import metadata, platform_tables
from hunan_science.settings import ScienceSettings
from hunan_science.use_cases import clocks
from hunan_science.use_cases import indicators as indicator_values
from hunan_shared.events.catalogue import (
    CampaignClosed,
    CampaignLaunched,
    CampaignPublicationOverdue,
    CampaignUpdated,
    ContentPublished,
    MuseumSubsidyClaimed,
)
from hunan_shared.jobs import Job
from hunan_shared.service import ServiceSpec, create_service_app

SPEC = ServiceSpec(
    name="science",
    title="Hunan science service",
    description="Science venues and bases, literacy indicators and emergency science popularisation campaigns "
    "in accessible formats — from the Hunan implementation plan of the national science-literacy outline "
    "(湘政办发〔2021〕74号).",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_science:migrations",
    routers=[
        venues.router,
        certifications.router,
        museum_subsidies.router,
        campaigns.router,
        region_risks.router,
        content.router,
        grants.router,
        debunks.router,
        indicators.router,
        surveys.router,
        trainings.router,
        innovation_projects.router,
        pairings.router,
        commissioners.router,
        teacher_quotas.router,
        designations.router,
        school_visits.router,
        local_plans.router,
        volunteers.router,
        demo.router,
    ],
    handlers=HANDLERS,
    produces=(
        CampaignLaunched,
        CampaignUpdated,
        CampaignClosed,
        ContentPublished,
        CampaignPublicationOverdue,
        MuseumSubsidyClaimed,
    ),
    jobs=(
        Job.transactional(
            "campaign-publication-overdue", dt.timedelta(minutes=10), clocks.announce_overdue_publications
        ),
    ),
    settings_class=ScienceSettings,
    indicators=indicator_values.gauges,
)


def create_app(**overrides) -> FastAPI:
    return create_service_app(SPEC, **overrides)
