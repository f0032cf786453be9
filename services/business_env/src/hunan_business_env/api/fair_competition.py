"""HTTP routes of reviews before issue and fair-competition reports (Art. 44, W9; Art. 9)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.fair_competition import MeasureState, ReportState
from hunan_business_env.schemas.fair_competition import (
    FairCompetitionReportIn,
    FairCompetitionReportOut,
    IssuanceIn,
    MeasureReviewIn,
    PolicyMeasureIn,
    PolicyMeasureOut,
    ReportFeedbackIn,
    ReportHandlingIn,
)
from hunan_business_env.use_cases import fair_competition
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["fair competition"])
WRITE = ["business_env:write"]
DIVISION = Query(None, pattern=r"^43\d{4}$", description="This division and every division inside it")


@router.post(
    "/policy-measures",
    status_code=201,
    response_model=PolicyMeasureOut,
    operation_id="registerPolicyMeasure",
    summary="Register a draft measure on market entities; the response names the reviews it needs (Art. 44)",
)
def register_measure(body: PolicyMeasureIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fair_competition.register_measure(uow, body), status_code=201, body=body)


@router.post(
    "/policy-measures/{measure_id}/reviews",
    response_model=PolicyMeasureOut,
    operation_id="recordMeasureReview",
    summary="Record a legality review (合法性审核) or fair-competition review (公平竞争审查) of a draft",
)
def record_review(measure_id: str, body: MeasureReviewIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fair_competition.record_review(uow, measure_id, body), body=body)


@router.post(
    "/policy-measures/{measure_id}/issuance",
    response_model=PolicyMeasureOut,
    operation_id="issuePolicyMeasure",
    summary="Issue a draft: refused (409) while a required review is missing or not passed",
)
def issue(measure_id: str, body: IssuanceIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fair_competition.issue(uow, measure_id, body), body=body)


@router.get(
    "/policy-measures",
    response_model=Page[PolicyMeasureOut],
    operation_id="listPolicyMeasures",
    summary="List measures",
    dependencies=[reader("business_env:read")],
)
def list_measures(
    page: PageParams = Depends(page_params),
    division: str | None = DIVISION,
    state: MeasureState | None = Query(None),
    session: Session = Depends(db_session),
):
    return fair_competition.list_measures(session, page, division, state)


@router.get(
    "/policy-measures/{measure_id}",
    response_model=PolicyMeasureOut,
    operation_id="getPolicyMeasure",
    summary="Get a measure with its reviews",
    dependencies=[reader("business_env:read")],
)
def get_measure(measure_id: str, session: Session = Depends(db_session)):
    return fair_competition.get_measure(session, measure_id)


@router.post(
    "/fair-competition-reports",
    status_code=201,
    response_model=FairCompetitionReportOut,
    operation_id="receiveFairCompetitionReport",
    summary="Receive a report that a measure affects fair competition; written with facts → handled and answered",
)
def receive_report(body: FairCompetitionReportIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: fair_competition.receive_report(uow, body, settings), status_code=201, body=body)


@router.post(
    "/fair-competition-reports/{report_id}/handling",
    response_model=FairCompetitionReportOut,
    operation_id="handleFairCompetitionReport",
    summary="Record the result of a report; a substantiated one marks the measure for revision",
)
def handle_report(report_id: str, body: ReportHandlingIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fair_competition.handle_report(uow, report_id, body), body=body)


@router.post(
    "/fair-competition-reports/{report_id}/feedback",
    response_model=FairCompetitionReportOut,
    operation_id="answerFairCompetitionReport",
    summary="Feed the result back to the reporter (反馈结果)",
)
def send_feedback(report_id: str, body: ReportFeedbackIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: fair_competition.send_feedback(uow, report_id, body), body=body)


@router.get(
    "/fair-competition-reports",
    response_model=Page[FairCompetitionReportOut],
    operation_id="listFairCompetitionReports",
    summary="List fair-competition reports",
    dependencies=[reader("business_env:read")],
)
def list_reports(
    page: PageParams = Depends(page_params),
    division: str | None = DIVISION,
    state: ReportState | None = Query(None),
    session: Session = Depends(db_session),
):
    return fair_competition.list_reports(session, page, division, state)


@router.get(
    "/fair-competition-reports/{report_id}",
    response_model=FairCompetitionReportOut,
    operation_id="getFairCompetitionReport",
    summary="Get a fair-competition report",
    dependencies=[reader("business_env:read")],
)
def get_report(report_id: str, session: Session = Depends(db_session)):
    return fair_competition.get_report(session, report_id)
