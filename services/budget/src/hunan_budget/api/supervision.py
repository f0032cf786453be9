"""HTTP routes for supervision findings, their accountability and published handling (R53, Opinion (二十六))."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.schemas.oversight import SupervisionFindingCloseIn, SupervisionFindingIn, SupervisionFindingOut
from hunan_budget.use_cases import supervision
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/supervision-findings", tags=["supervision"])


@router.post(
    "",
    status_code=201,
    response_model=SupervisionFindingOut,
    operation_id="recordSupervisionFinding",
    summary="Record a problem found by supervision (OPEN)",
)
def record_finding(body: SupervisionFindingIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: supervision.record(uow, body), status_code=201, body=body)


@router.post(
    "/{finding_id}/close",
    response_model=SupervisionFindingOut,
    operation_id="closeSupervisionFinding",
    summary="Close a finding: responsibility named, handling decided and published (R53)",
)
def close_finding(
    finding_id: str, body: SupervisionFindingCloseIn, write: Writer = Security(writer, scopes=["budget:write"])
):
    return write.run(lambda uow: supervision.close(uow, finding_id, body), body=body)


@router.get(
    "",
    response_model=list[SupervisionFindingOut],
    operation_id="listSupervisionFindings",
    summary="Findings of a level",
    dependencies=[reader("budget:read")],
)
def list_findings(
    division_code: str = Query(pattern=r"^43\d{4}$"),
    state: str | None = Query(None, pattern=r"^(OPEN|CLOSED)$"),
    session: Session = Depends(db_session),
):
    return supervision.list_findings(session, division_code, state)
