"""HTTP routes of government commitments and contracts (Art. 19, W12)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Security
from sqlmodel import Session

from hunan_business_env.schemas.common import CREDIT_CODE
from hunan_business_env.schemas.government_commitments import (
    ChangeIn,
    FulfilmentIn,
    GovernmentCommitmentIn,
    GovernmentCommitmentOut,
    PaymentMadeIn,
    RiskIn,
)
from hunan_business_env.use_cases import government_commitments as commitments
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/government-commitments", tags=["government commitments"])
WRITE = ["business_env:write"]


@router.post(
    "",
    status_code=201,
    response_model=GovernmentCommitmentOut,
    operation_id="registerGovernmentCommitment",
    summary="Register a government's policy commitment or contract with its payment schedule (Art. 19)",
)
def register(body: GovernmentCommitmentIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: commitments.register(uow, body), status_code=201, body=body)


@router.post(
    "/{commitment_id}/risks",
    response_model=GovernmentCommitmentOut,
    operation_id="recordCommitmentRisk",
    summary="Record a performance risk and the measure taken, or its resolution (Art. 19(2))",
)
def flag_risk(commitment_id: str, body: RiskIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: commitments.flag_risk(uow, commitment_id, body), body=body)


@router.post(
    "/{commitment_id}/changes",
    response_model=GovernmentCommitmentOut,
    operation_id="changeGovernmentCommitment",
    summary="Change a commitment: never for a change of division, term, organisation or officials (Art. 19(3)(4))",
)
def change(commitment_id: str, body: ChangeIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: commitments.change(uow, commitment_id, body), body=body)


@router.post(
    "/{commitment_id}/payments/{seq}/payment",
    response_model=GovernmentCommitmentOut,
    operation_id="recordCommitmentPayment",
    summary="Record that a scheduled payment was made (Art. 19(5))",
)
def record_payment(
    commitment_id: str,
    body: PaymentMadeIn,
    seq: int = Path(ge=1, le=200),
    write: Writer = Security(writer, scopes=WRITE),
):
    return write.run(lambda uow: commitments.record_payment(uow, commitment_id, seq, body), body=body)


@router.post(
    "/{commitment_id}/fulfilment",
    response_model=GovernmentCommitmentOut,
    operation_id="fulfilGovernmentCommitment",
    summary="Record that the commitment was fully performed (every payment made, no open risk)",
)
def fulfil(commitment_id: str, body: FulfilmentIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: commitments.fulfil(uow, commitment_id, body), body=body)


@router.get(
    "",
    response_model=Page[GovernmentCommitmentOut],
    operation_id="listGovernmentCommitments",
    summary="List commitments and contracts",
    dependencies=[reader("business_env:read")],
)
def list_commitments(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    counterpart: str | None = Query(None, pattern=CREDIT_CODE, description="Counterpart's credit code"),
    session: Session = Depends(db_session),
):
    return commitments.list_commitments(session, page, division, counterpart)


@router.get(
    "/{commitment_id}",
    response_model=GovernmentCommitmentOut,
    operation_id="getGovernmentCommitment",
    summary="Get a commitment with its payments, risks and changes",
    dependencies=[reader("business_env:read")],
)
def get(commitment_id: str, session: Session = Depends(db_session)):
    return commitments.get(session, commitment_id)
