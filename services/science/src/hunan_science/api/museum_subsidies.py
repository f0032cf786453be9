"""HTTP routes of the science-museum post-completion subsidy (三(三)2, R16, W4); the claim goes to budget as an
event."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.venues import SubsidyState
from hunan_science.schemas.museum_subsidies import (
    AcceptanceIn,
    BuiltMuseumIn,
    ClaimIn,
    MuseumSubsidyRecordOut,
    PaymentIn,
)
from hunan_science.use_cases import museum_subsidies
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/museum-subsidies", tags=["venues"])


@router.post(
    "",
    status_code=201,
    response_model=MuseumSubsidyRecordOut,
    operation_id="registerBuiltMuseum",
    summary="A completed science museum of a 市州 or county enters the post-completion subsidy workflow",
)
def register_built_museum(body: BuiltMuseumIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: museum_subsidies.register(uow, body), status_code=201, body=body)


@router.post(
    "/{subsidy_id}/accept",
    response_model=MuseumSubsidyRecordOut,
    operation_id="acceptMuseum",
    summary="Record the completed museum's acceptance",
)
def accept_museum(subsidy_id: str, body: AcceptanceIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: museum_subsidies.accept(uow, subsidy_id, body), body=body)


@router.post(
    "/{subsidy_id}/claim",
    response_model=MuseumSubsidyRecordOut,
    operation_id="claimMuseumSubsidy",
    summary="R16: claim the provincial post-completion subsidy (sent to budget as science.museum_subsidy.claimed)",
)
def claim_museum_subsidy(subsidy_id: str, body: ClaimIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: museum_subsidies.claim(uow, subsidy_id, body), body=body)


@router.post(
    "/{subsidy_id}/paid",
    response_model=MuseumSubsidyRecordOut,
    operation_id="recordMuseumSubsidyPaid",
    summary="Record that the finance department paid the claimed subsidy",
)
def record_paid(subsidy_id: str, body: PaymentIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: museum_subsidies.pay(uow, subsidy_id, body), body=body)


@router.get(
    "",
    response_model=list[MuseumSubsidyRecordOut],
    operation_id="listMuseumSubsidies",
    summary="List museum subsidy records",
    dependencies=[reader("science:read")],
)
def list_museum_subsidies(state: SubsidyState | None = Query(None), session: Session = Depends(db_session)):
    return museum_subsidies.list_subsidies(session, state.value if state else None)


@router.get(
    "/{subsidy_id}",
    response_model=MuseumSubsidyRecordOut,
    operation_id="getMuseumSubsidy",
    summary="Get one museum subsidy record",
    dependencies=[reader("science:read")],
)
def get_museum_subsidy(subsidy_id: str, session: Session = Depends(db_session)):
    return museum_subsidies.get(session, subsidy_id)
