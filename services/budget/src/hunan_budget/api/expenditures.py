"""HTTP routes for expenditures booked from other services' events, and the per-disaster emergency lines."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.rules.emergency import ExpenditureStatus
from hunan_budget.schemas.expenditures import EmergencyLineOut, ExpenditureApprovalIn, ExpenditureOut
from hunan_budget.use_cases import expenditures
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/expenditures", tags=["expenditures"])
lines_router = APIRouter(prefix="/v1/emergency-lines", tags=["expenditures"])

Kind = Literal["DISPATCH", "RESERVE_REPLENISHMENT", "TREE_TRANSPLANT", "DISABILITY_PAYROLL", "SCIENCE_MUSEUM_SUBSIDY"]


@router.get(
    "",
    response_model=Page[ExpenditureOut],
    operation_id="listExpenditures",
    summary="List expenditures",
    dependencies=[reader("budget:read")],
)
def list_expenditures(
    page: PageParams = Depends(page_params),
    disaster_id: str | None = Query(None, max_length=36),
    division: str | None = Query(
        None, pattern=r"^43\d{4}$", description="Only expenditures in this division or inside it"
    ),
    kind: Kind | None = Query(None),
    status: ExpenditureStatus | None = Query(None),
    session: Session = Depends(db_session),
):
    return expenditures.list_expenditures(session, page, disaster_id, division, kind, status.value if status else None)


@router.get(
    "/{expenditure_id}",
    response_model=ExpenditureOut,
    operation_id="getExpenditure",
    summary="Get one expenditure",
    dependencies=[reader("budget:read")],
)
def get_expenditure(expenditure_id: str, session: Session = Depends(db_session)):
    return expenditures.get(session, expenditure_id)


@router.post(
    "/{expenditure_id}/approve",
    response_model=ExpenditureOut,
    operation_id="approveExpenditure",
    summary="Record a waiting expenditure under a procedure-approved matter (R35)",
)
def approve_expenditure(
    expenditure_id: str, body: ExpenditureApprovalIn, write: Writer = Security(writer, scopes=["budget:write"])
):
    return write.run(lambda uow: expenditures.approve(uow, expenditure_id, body.approved_matter_ref), body=body)


@lines_router.get(
    "/{disaster_id}",
    response_model=EmergencyLineOut,
    operation_id="getEmergencyLine",
    summary="The emergency budget line of a disaster",
    dependencies=[reader("budget:read")],
)
def get_emergency_line(disaster_id: str, session: Session = Depends(db_session)):
    return expenditures.get_line(session, disaster_id)
