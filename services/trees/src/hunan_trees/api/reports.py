"""HTTP routes for abnormality and suspected-death reports (W2, W4; Arts. 18–19, 29) and archive cancellation."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.rules.lifecycle import AbnormalityType, ReportKind
from hunan_trees.schemas.reports import (
    AppraisalIn,
    ArchiveCancellationIn,
    ArchiveCancellationOut,
    CloseIn,
    HandlingIn,
    ReportIn,
    ReportOut,
)
from hunan_trees.use_cases import reports

router = APIRouter(prefix="/v1/tree-reports", tags=["reports"])
archive_router = APIRouter(prefix="/v1/trees", tags=["reports"])


@router.post(
    "",
    status_code=201,
    response_model=ReportOut,
    operation_id="fileTreeReport",
    summary="Report an abnormality (Art. 18) or a suspected death (Art. 29), with its 5-working-day due date",
)
def file_report(body: ReportIn, request: Request, write: Writer = Security(writer, scopes=["trees:write"])):
    settings = request.app.state.settings
    return write.run(lambda uow: reports.file(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{report_id}/handling",
    response_model=ReportOut,
    operation_id="handleTreeReport",
    summary="Record a handling action on an abnormality report (Art. 19)",
)
def handle_report(report_id: str, body: HandlingIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: reports.handle(uow, report_id, body), body=body)


@router.post(
    "/{report_id}/close",
    response_model=ReportOut,
    operation_id="closeTreeReport",
    summary="Close a handled abnormality report with its outcome",
)
def close_report(report_id: str, body: CloseIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: reports.close(uow, report_id, body), body=body)


@router.post(
    "/{report_id}/appraisal",
    response_model=ReportOut,
    operation_id="appraiseSuspectedDeath",
    summary="Record the death appraisal of a suspected death (Art. 29); DEAD confirms the death",
)
def appraise(report_id: str, body: AppraisalIn, write: Writer = Security(writer, scopes=["trees:certify"])):
    return write.run(lambda uow: reports.appraise(uow, report_id, body), body=body)


@router.get(
    "",
    response_model=Page[ReportOut],
    operation_id="listTreeReports",
    summary="List abnormality and suspected-death reports",
    dependencies=[reader("trees:read")],
)
def list_reports(
    page: PageParams = Depends(page_params),
    tree_id: str | None = Query(None, max_length=36),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    kind: ReportKind | None = None,
    state: str | None = Query(None, max_length=20),
    overdue: bool | None = Query(None, description="Only overdue (true) or not overdue (false) reports"),
    abnormality_type: AbnormalityType | None = None,
    session: Session = Depends(db_session),
):
    return reports.list_reports(session, page, tree_id, division, kind, state, overdue, abnormality_type)


@router.get(
    "/{report_id}",
    response_model=ReportOut,
    operation_id="getTreeReport",
    summary="Get one report",
    dependencies=[reader("trees:read")],
)
def get_report(report_id: str, session: Session = Depends(db_session)):
    return reports.get(session, report_id)


@archive_router.post(
    "/{tree_id}/archive-cancellation",
    response_model=ArchiveCancellationOut,
    operation_id="cancelTreeArchive",
    summary="Cancel the archive of a tree confirmed dead or felled, by the department at its grade level (Art. 29)",
)
def cancel_archive(
    tree_id: str, body: ArchiveCancellationIn, write: Writer = Security(writer, scopes=["trees:certify"])
):
    return write.run(lambda uow: reports.cancel_archive(uow, tree_id, body), body=body)
