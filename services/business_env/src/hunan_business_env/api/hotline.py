"""HTTP routes of 12345 enterprise-seat appeals (Art. 35, W11)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.hotline import AppealState
from hunan_business_env.schemas.hotline import AppealIn, AppealOut, AppealStepIn
from hunan_business_env.use_cases import hotline
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/hotline-appeals", tags=["12345 hotline"])
WRITE = ["business_env:write"]


@router.post(
    "",
    status_code=201,
    response_model=AppealOut,
    operation_id="receiveHotlineAppeal",
    summary="Take an enterprise appeal at the 12345 enterprise seat: into the complaints ledger or dispatched",
)
def receive(body: AppealIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: hotline.receive(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{appeal_id}/steps",
    response_model=AppealOut,
    operation_id="advanceHotlineAppeal",
    summary="Handled, rated, closed (a ledger case takes its steps on the complaint)",
)
def step(appeal_id: str, body: AppealStepIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: hotline.step(uow, appeal_id, body), body=body)


@router.get(
    "",
    response_model=Page[AppealOut],
    operation_id="listHotlineAppeals",
    summary="List appeals",
    dependencies=[reader("business_env:read")],
)
def list_appeals(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: AppealState | None = Query(None),
    session: Session = Depends(db_session),
):
    return hotline.list_appeals(session, page, division, state)


@router.get(
    "/{appeal_id}",
    response_model=AppealOut,
    operation_id="getHotlineAppeal",
    summary="Get an appeal (a ledger case shows its complaint's state and deadline)",
    dependencies=[reader("business_env:read")],
)
def get(appeal_id: str, session: Session = Depends(db_session)):
    return hotline.get(session, appeal_id)
