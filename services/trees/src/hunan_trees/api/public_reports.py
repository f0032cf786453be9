"""HTTP routes for public reports 举报 (Art. 9): damage to a tree, its sign or its protection facilities."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Writer, db_session, reader, writer
from hunan_trees.rules.participation import Branch
from hunan_trees.schemas.participation import PublicReportClose, PublicReportIn, PublicReportOut
from hunan_trees.use_cases import participation

router = APIRouter(prefix="/v1/public-reports", tags=["public reports"])


@router.post(
    "",
    status_code=201,
    response_model=PublicReportOut,
    operation_id="filePublicReport",
    summary="Report an act damaging a tree, its sign or facilities; routed by the act and the department (Art. 9)",
)
def file_report(body: PublicReportIn, request: Request, write: Writer = Security(writer, scopes=["trees:write"])):
    settings = request.app.state.settings
    return write.run(lambda uow: participation.file_report(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{report_id}/close",
    response_model=PublicReportOut,
    operation_id="closePublicReport",
    summary="Close a report with what was done",
)
def close_report(report_id: str, body: PublicReportClose, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: participation.close_report(uow, report_id, body), body=body)


@router.get(
    "",
    response_model=list[PublicReportOut],
    operation_id="listPublicReports",
    summary="Public reports, newest first (at most 500)",
    dependencies=[reader("trees:read")],
)
def list_reports(
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: str | None = Query(None, pattern=r"^(RECEIVED|CLOSED)$"),
    routed_to: str | None = Query(None, pattern=r"^(VIOLATION|ABNORMALITY|FACILITY_REPAIR)$"),
    branch: Branch | None = Query(None),
    session: Session = Depends(db_session),
):
    return participation.list_reports(session, division, state, routed_to, branch)


@router.get(
    "/{report_id}",
    response_model=PublicReportOut,
    operation_id="getPublicReport",
    summary="One public report",
    dependencies=[reader("trees:read")],
)
def get_report(report_id: str, session: Session = Depends(db_session)):
    return participation.get_report(session, report_id)
