"""HTTP routes of simplified deregistration (简易注销, W6; Art. 20)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.deregistration import DeregistrationState
from hunan_business_env.schemas.deregistrations import (
    DeregistrationCompletionIn,
    DeregistrationIn,
    DeregistrationOut,
    ObjectionIn,
)
from hunan_business_env.use_cases import deregistrations
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/deregistrations", tags=["simplified deregistration"])
WRITE = ["business_env:write"]


@router.post(
    "",
    status_code=201,
    response_model=DeregistrationOut,
    operation_id="applyForSimplifiedDeregistration",
    summary="Apply for simplified deregistration: eligible → public notice; ineligible → the outstanding items",
)
def apply(body: DeregistrationIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: deregistrations.apply(uow, body, settings), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[DeregistrationOut],
    operation_id="listDeregistrations",
    summary="List simplified deregistrations",
    dependencies=[reader("business_env:read")],
)
def list_deregistrations(
    page: PageParams = Depends(page_params),
    state: DeregistrationState | None = Query(None),
    session: Session = Depends(db_session),
):
    return deregistrations.list_deregistrations(session, page, state)


@router.get(
    "/{deregistration_id}",
    response_model=DeregistrationOut,
    operation_id="getDeregistration",
    summary="Get a simplified deregistration",
    dependencies=[reader("business_env:read")],
)
def get_deregistration(deregistration_id: str, session: Session = Depends(db_session)):
    return deregistrations.get(session, deregistration_id)


@router.post(
    "/{deregistration_id}/objections",
    response_model=DeregistrationOut,
    operation_id="objectToDeregistration",
    summary="Object during the notice period; the simplified procedure ends",
)
def object_to(deregistration_id: str, body: ObjectionIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: deregistrations.object_to(uow, deregistration_id, body), body=body)


@router.post(
    "/{deregistration_id}/completion",
    response_model=DeregistrationOut,
    operation_id="completeDeregistration",
    summary="Deregister after the notice period ran without objection",
)
def complete(deregistration_id: str, body: DeregistrationCompletionIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: deregistrations.complete(uow, deregistration_id, body), body=body)
