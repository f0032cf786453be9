"""Business-environment service (湖南省优化营商环境规定, order 307): complaints ledger, engineering projects."""

from __future__ import annotations

import datetime as dt

import httpx
from fastapi import FastAPI

from hunan_business_env.adapters.trees_client import HttpTreesClient
from hunan_business_env.api import (
    barrier_reports,
    checks,
    commitments,
    competent_departments,
    complaints,
    deregistrations,
    enterprises,
    evaluations,
    fair_competition,
    fees,
    government_commitments,
    hotline,
    inspection_plans,
    inspection_tasks,
    inspectors,
    licences,
    lists,
    policies,
    project_checks,
    projects,
    registers,
    reviews,
    service_applications,
    service_items,
    startup,
    supervision_activities,
)
from hunan_business_env.handlers import HANDLERS
from hunan_business_env.models import metadata, platform_tables
from hunan_business_env.settings import BusinessEnvSettings
from hunan_business_env.use_cases import clocks, efficiency_clocks, oversight_clocks, procedure_clocks
from hunan_shared.auth import mint_token
from hunan_shared.events.catalogue import (
    BadReviewReceived,
    BarrierReportOverdue,
    BenefitGranted,
    CommitmentFoundFalse,
    CommitmentVerificationOverdue,
    ComplaintClosed,
    ComplaintOverdue,
    ContractPaymentOverdue,
    DepositRefundOverdue,
    DeregistrationCompleted,
    EvaluationFedBack,
    EvaluationRectificationOverdue,
    FairCompetitionFeedbackSent,
    FairCompetitionReportOverdue,
    HotlineAppealOverdue,
    InspectionPublicationOverdue,
    InspectionResultsPublished,
    InspectionTaskSampled,
    LeadTransferred,
    PolicyPublished,
    ProjectAccepted,
    ReviewOverdue,
    ServiceApplicationDueSoon,
    ServiceApplicationOverdue,
    StartupCompleted,
    StartupOverdue,
)
from hunan_shared.jobs import Job
from hunan_shared.service import ServiceSpec, create_service_app

SPEC = ServiceSpec(
    name="business_env",
    title="Hunan business-environment service",
    description="Complaints ledger (建账/记账/销账) on the working-day calendar, 'double random, one public' "
    "inspections with a verifiable draw, the pro-enterprise policy list with matching and 免申即享, checkers "
    "for tender documents, service guides and material requests, and engineering projects checked against tree "
    "habitat zones — from the Hunan Provisions on Optimizing the Business Environment (order 307).",
    metadata=metadata,
    tables=platform_tables,
    migrations="hunan_business_env:migrations",
    routers=[
        complaints.router,
        projects.router,
        enterprises.router,
        inspectors.router,
        inspection_plans.router,
        inspection_tasks.router,
        policies.router,
        checks.router,
        project_checks.router,
        barrier_reports.router,
        startup.router,
        deregistrations.router,
        commitments.router,
        fees.router,
        registers.router,
        lists.router,
        licences.router,
        supervision_activities.router,
        fair_competition.router,
        government_commitments.router,
        evaluations.router,
        reviews.router,
        hotline.router,
        service_items.router,
        service_applications.router,
        competent_departments.router,
    ],
    handlers=HANDLERS,
    produces=(
        InspectionTaskSampled,
        InspectionResultsPublished,
        PolicyPublished,
        BenefitGranted,
        ProjectAccepted,
        InspectionPublicationOverdue,
        ComplaintOverdue,
        StartupCompleted,
        StartupOverdue,
        DeregistrationCompleted,
        CommitmentFoundFalse,
        CommitmentVerificationOverdue,
        DepositRefundOverdue,
        ComplaintClosed,
        LeadTransferred,
        ContractPaymentOverdue,
        EvaluationFedBack,
        BadReviewReceived,
        ReviewOverdue,
        FairCompetitionFeedbackSent,
        FairCompetitionReportOverdue,
        HotlineAppealOverdue,
        BarrierReportOverdue,
        EvaluationRectificationOverdue,
        ServiceApplicationDueSoon,
        ServiceApplicationOverdue,
    ),
    jobs=(
        Job.transactional(
            "inspection-publication-overdue", dt.timedelta(hours=1), clocks.announce_overdue_publications
        ),
        Job.transactional("complaint-overdue", dt.timedelta(hours=1), clocks.announce_overdue_complaints),
        Job.transactional("startup-overdue", dt.timedelta(hours=1), procedure_clocks.announce_overdue_startups),
        Job.transactional(
            "commitment-verification-overdue", dt.timedelta(hours=1), procedure_clocks.announce_overdue_verifications
        ),
        Job.transactional("deposit-refund-overdue", dt.timedelta(hours=1), procedure_clocks.announce_overdue_refunds),
        Job.transactional(
            "contract-payment-overdue", dt.timedelta(hours=1), oversight_clocks.announce_overdue_payments
        ),
        Job.transactional(
            "fair-competition-report-overdue", dt.timedelta(hours=1), oversight_clocks.announce_overdue_reports
        ),
        Job.transactional("service-review-overdue", dt.timedelta(hours=1), oversight_clocks.announce_overdue_reviews),
        Job.transactional("hotline-appeal-overdue", dt.timedelta(hours=1), oversight_clocks.announce_overdue_appeals),
        Job.transactional(
            "barrier-report-overdue", dt.timedelta(hours=1), oversight_clocks.announce_overdue_barrier_reports
        ),
        Job.transactional(
            "evaluation-rectification-overdue", dt.timedelta(hours=1), oversight_clocks.announce_overdue_rectifications
        ),
        Job(
            "service-application-efficiency",
            dt.timedelta(hours=1),
            efficiency_clocks.run,
            efficiency_clocks.run.__doc__,
        ),
    ),
    settings_class=BusinessEnvSettings,
)


def create_app(trees_transport: httpx.BaseTransport | None = None, **overrides) -> FastAPI:
    """`trees_transport` replaces the network for the trees API (tests); everything else as create_service_app."""
    app = create_service_app(SPEC, **overrides)
    platform = app.state.platform
    settings: BusinessEnvSettings = app.state.settings

    def token() -> str:
        # A configured service token wins (OIDC client credentials in production); locally mint one.
        if settings.trees_token is not None:
            return settings.trees_token.get_secret_value()
        return mint_token(platform.settings, "service:business_env", ["trees:read"], ttl=dt.timedelta(minutes=5))

    app.state.trees_client = HttpTreesClient(
        settings.trees_base_url, settings.trees_timeout_seconds, token, trees_transport
    )
    return app
