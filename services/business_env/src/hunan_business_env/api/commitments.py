"""HTTP routes of the notification-commitment procedure (告知承诺制, W4; Art. 32) and its credit records."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.commitments import CommitmentState
from hunan_business_env.schemas.commitments import (
    CommitmentIn,
    CommitmentOut,
    CreditRecordOut,
    CreditRepairIn,
    VerificationIn,
)
from hunan_business_env.schemas.common import CREDIT_CODE
from hunan_business_env.use_cases import commitments
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["notification-commitment"])
WRITE = ["business_env:write"]


@router.post(
    "/commitments",
    status_code=201,
    response_model=CommitmentOut,
    operation_id="applyWithCommitment",
    summary="Apply with a commitment: granted when the matter and the applicant allow it, else standard procedure",
)
def apply(body: CommitmentIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: commitments.apply(uow, body, settings), status_code=201, body=body)


@router.get(
    "/commitments",
    response_model=Page[CommitmentOut],
    operation_id="listCommitments",
    summary="List matters handled by notification-commitment",
    dependencies=[reader("business_env:read")],
)
def list_commitments(
    page: PageParams = Depends(page_params),
    state: CommitmentState | None = Query(None),
    session: Session = Depends(db_session),
):
    return commitments.list_commitments(session, page, state)


@router.get(
    "/commitments/{commitment_id}",
    response_model=CommitmentOut,
    operation_id="getCommitment",
    summary="Get a commitment case",
    dependencies=[reader("business_env:read")],
)
def get_commitment(commitment_id: str, session: Session = Depends(db_session)):
    return commitments.get(session, commitment_id)


@router.post(
    "/commitments/{commitment_id}/verification",
    response_model=CommitmentOut,
    operation_id="verifyCommitment",
    summary="Record the verification after the grant; an untrue commitment is sanctioned and credit-recorded",
)
def verify(commitment_id: str, body: VerificationIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: commitments.verify(uow, commitment_id, body), body=body)


@router.get(
    "/credit-records",
    response_model=Page[CreditRecordOut],
    operation_id="listCreditRecords",
    summary="List false-commitment credit records",
    dependencies=[reader("business_env:read")],
)
def list_credit_records(
    page: PageParams = Depends(page_params),
    credit_code: str | None = Query(None, pattern=CREDIT_CODE),
    session: Session = Depends(db_session),
):
    return commitments.credit_records(session, page, credit_code)


@router.post(
    "/credit-records/{record_id}/repair",
    response_model=CreditRecordOut,
    operation_id="repairCredit",
    summary="Record credit repair (信用修复): the applicant may use the commitment procedure again",
)
def repair(record_id: str, body: CreditRepairIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: commitments.repair_credit(uow, record_id, body), body=body)
