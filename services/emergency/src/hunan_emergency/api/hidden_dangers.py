"""HTTP routes for major accident hidden dangers under 一单四制 (W5, R31–R33)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.hidden_dangers import (
    AssignIn,
    HiddenDangerIn,
    HiddenDangerOut,
    IdentifyIn,
    NoteIn,
    OverdueSweepOut,
    VerifyIn,
)
from hunan_emergency.use_cases import expiry, hidden_dangers
from hunan_shared import clock
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/hidden-dangers", tags=["hidden dangers"])
WRITE = ["emergency:write"]


@router.post(
    "",
    status_code=201,
    response_model=HiddenDangerOut,
    operation_id="reportHiddenDanger",
    summary="Report a suspected major accident hidden danger (from one of the seven sources)",
)
def report(body: HiddenDangerIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: hidden_dangers.report(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[HiddenDangerOut],
    operation_id="listHiddenDangers",
    summary="The list (清单)",
    dependencies=[reader("emergency:read")],
)
def list_dangers(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: str | None = Query(None, max_length=30),
    session: Session = Depends(db_session),
):
    return hidden_dangers.list_dangers(session, page, division, state)


@router.post(
    "/notify-overdue",
    response_model=OverdueSweepOut,
    operation_id="notifyOverdueHiddenDangers",
    summary="Notify every open item past its deadline, once per deadline (R33; the service also does it every 10 min)",
)
def notify_overdue(write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: expiry.notify_overdue_hidden_dangers(uow, clock.now()))


@router.get(
    "/{danger_id}",
    response_model=HiddenDangerOut,
    operation_id="getHiddenDanger",
    summary="One hidden danger with its ledger",
    dependencies=[reader("emergency:read")],
)
def get_danger(danger_id: str, session: Session = Depends(db_session)):
    return hidden_dangers.get(session, danger_id)


@router.post(
    "/{danger_id}/identify",
    response_model=HiddenDangerOut,
    operation_id="identifyHiddenDanger",
    summary="Identify (认定) and list it, or dismiss it — county-level departments or above only (R31)",
)
def identify(danger_id: str, body: IdentifyIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: hidden_dangers.identify(uow, danger_id, body), body=body)


@router.post(
    "/{danger_id}/assign",
    response_model=HiddenDangerOut,
    operation_id="assignHiddenDanger",
    summary="Assign remediation with a deadline in working days (交办制)",
)
def assign(danger_id: str, body: AssignIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: hidden_dangers.assign(uow, danger_id, body), body=body)


@router.post(
    "/{danger_id}/ledger",
    response_model=HiddenDangerOut,
    operation_id="recordHiddenDangerProgress",
    summary="Record remediation progress in the ledger (台账制)",
)
def ledger(danger_id: str, body: NoteIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: hidden_dangers.record_ledger(uow, danger_id, body), body=body)


@router.post(
    "/{danger_id}/submit",
    response_model=HiddenDangerOut,
    operation_id="submitHiddenDangerRemediation",
    summary="Submit the remediation for verification",
)
def submit(danger_id: str, body: NoteIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: hidden_dangers.submit(uow, danger_id, body), body=body)


@router.post(
    "/{danger_id}/verify",
    response_model=HiddenDangerOut,
    operation_id="verifyHiddenDangerRemediation",
    summary="Verify: delist when eliminated (销号制), else back to remediation",
)
def verify(danger_id: str, body: VerifyIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: hidden_dangers.verify(uow, danger_id, body), body=body)
