"""HTTP routes for the complaints ledger (W1): translate HTTP to the service layer and back."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.complaints import ComplaintState
from hunan_business_env.rules.conduct_practices import MONITORED_RULES, Practice
from hunan_business_env.schemas.complaints import ComplaintIn, ComplaintOut, ConductCounts, LedgerEntryIn
from hunan_business_env.use_cases import complaints
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/complaints", tags=["complaints"])


@router.post(
    "",
    status_code=201,
    response_model=ComplaintOut,
    operation_id="openComplaint",
    summary="Open a ledger account (建账) for a business-environment complaint, with its working-day deadline",
)
def open_complaint(
    body: ComplaintIn, request: Request, write: Writer = Security(writer, scopes=["business_env:write"])
):
    settings = request.app.state.settings
    return write.run(lambda uow: complaints.open_account(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{complaint_id}/entries",
    response_model=ComplaintOut,
    operation_id="recordComplaintEntry",
    summary="Record a ledger entry (记账): action, transfer, result, feedback, evaluation or closing (销账)",
)
def record_entry(
    complaint_id: str,
    body: LedgerEntryIn,
    request: Request,
    write: Writer = Security(writer, scopes=["business_env:write"]),
):
    settings = request.app.state.settings
    return write.run(lambda uow: complaints.record_entry(uow, complaint_id, body, settings), body=body)


@router.get(
    "",
    response_model=Page[ComplaintOut],
    operation_id="listComplaints",
    summary="List complaints",
    dependencies=[reader("business_env:read")],
)
def list_complaints(
    page: PageParams = Depends(page_params),
    division: str | None = Query(
        None, pattern=r"^43\d{4}$", description="Only complaints about respondents in this division"
    ),
    state: ComplaintState | None = Query(None),
    rule: str | None = Query(
        None, pattern="^(" + "|".join(MONITORED_RULES) + ")$", description="Only complaints about this MONITOR rule"
    ),
    practice: Practice | None = Query(None, description="Only complaints reporting this practice"),
    session: Session = Depends(db_session),
):
    return complaints.list_complaints(session, page, division, state, rule, practice)


@router.get(
    "/conduct-counts",
    response_model=ConductCounts,
    operation_id="countComplaintsByConduct",
    summary="Complaints counted per MONITOR rule and reported practice (Arts. 11, 16, 17, 21, 31, 41, 45)",
    dependencies=[reader("business_env:read")],
)
def conduct_counts(
    division: str | None = Query(
        None, pattern=r"^43\d{4}$", description="Only complaints about respondents in this division"
    ),
    session: Session = Depends(db_session),
):
    return complaints.conduct_counts(session, division)


@router.get(
    "/{complaint_id}",
    response_model=ComplaintOut,
    operation_id="getComplaint",
    summary="Get one complaint with its ledger",
    dependencies=[reader("business_env:read")],
)
def get_complaint(complaint_id: str, session: Session = Depends(db_session)):
    return complaints.get(session, complaint_id)
