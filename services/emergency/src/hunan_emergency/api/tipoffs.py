"""HTTP routes for 12350 tip-offs (W6, R52). The reporter's contact is never returned, only `has_contact`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.api import service_settings
from hunan_emergency.schemas.tipoffs import ReferIn, RewardIn, TipOffIn, TipOffNoteIn, TipOffOut, TipOffVerifyIn
from hunan_emergency.settings import EmergencySettings
from hunan_emergency.use_cases import tipoffs
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/tipoffs", tags=["12350 tip-offs"])
WRITE = ["emergency:write"]


@router.post(
    "",
    status_code=201,
    response_model=TipOffOut,
    operation_id="receiveTipOff",
    summary="Receive a 12350 tip-off (anonymous allowed; contact optional and never returned)",
)
def receive(body: TipOffIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: tipoffs.receive(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[TipOffOut],
    operation_id="listTipOffs",
    summary="Tip-offs",
    dependencies=[reader("emergency:read")],
)
def list_tipoffs(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return tipoffs.list_tipoffs(session, page, division, state)


@router.get(
    "/{tipoff_id}",
    response_model=TipOffOut,
    operation_id="getTipOff",
    summary="One tip-off",
    dependencies=[reader("emergency:read")],
)
def get_tipoff(tipoff_id: str, session: Session = Depends(db_session)):
    return tipoffs.get(session, tipoff_id)


@router.post("/{tipoff_id}/accept", response_model=TipOffOut, operation_id="acceptTipOff", summary="Accept (受理)")
def accept(tipoff_id: str, body: TipOffNoteIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: tipoffs.accept(uow, tipoff_id, body), body=body)


@router.post("/{tipoff_id}/reject", response_model=TipOffOut, operation_id="rejectTipOff", summary="Reject (不予受理)")
def reject(tipoff_id: str, body: TipOffNoteIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: tipoffs.reject(uow, tipoff_id, body), body=body)


@router.post(
    "/{tipoff_id}/refer",
    response_model=TipOffOut,
    operation_id="referTipOff",
    summary="Refer to the department that verifies it",
)
def refer(tipoff_id: str, body: ReferIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: tipoffs.refer(uow, tipoff_id, body), body=body)


@router.post(
    "/{tipoff_id}/verify",
    response_model=TipOffOut,
    operation_id="verifyTipOff",
    summary="Record the verification: true or false",
)
def verify(tipoff_id: str, body: TipOffVerifyIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: tipoffs.verify(uow, tipoff_id, body), body=body)


@router.post(
    "/{tipoff_id}/assess-reward",
    response_model=TipOffOut,
    operation_id="assessTipOffReward",
    summary="Assess the reward of a true tip: insider uplift and special-reward flag (R52)",
)
def assess_reward(
    tipoff_id: str,
    body: RewardIn,
    write: Writer = Security(writer, scopes=WRITE),
    settings: EmergencySettings = Depends(service_settings),
):
    return write.run(lambda uow: tipoffs.assess_reward(uow, tipoff_id, body, settings), body=body)


@router.post(
    "/{tipoff_id}/pay-reward",
    response_model=TipOffOut,
    operation_id="payTipOffReward",
    summary="Record the reward paid",
)
def pay_reward(tipoff_id: str, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: tipoffs.pay_reward(uow, tipoff_id))


@router.post("/{tipoff_id}/close", response_model=TipOffOut, operation_id="closeTipOff", summary="Close")
def close(tipoff_id: str, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: tipoffs.close(uow, tipoff_id))
