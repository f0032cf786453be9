"""HTTP routes for budget adjustments and reallocations (W3): the only way an approved budget changes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security
from sqlmodel import Session

from hunan_budget.schemas.adjustments import (
    AdjustmentActionIn,
    AdjustmentIn,
    AdjustmentOut,
    ReallocationActionIn,
    ReallocationIn,
    ReallocationOut,
)
from hunan_budget.use_cases import adjustments
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/adjustments", tags=["adjustments"])
reallocations_router = APIRouter(prefix="/v1/reallocations", tags=["adjustments"])


@router.post(
    "",
    status_code=201,
    response_model=AdjustmentOut,
    operation_id="proposeAdjustment",
    summary="Propose an adjustment plan of an approved budget (R30)",
)
def propose_adjustment(body: AdjustmentIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: adjustments.propose(uow, body), status_code=201, body=body)


@router.post(
    "/{adjustment_id}/actions",
    response_model=AdjustmentOut,
    operation_id="actOnAdjustment",
    summary="government_review, submit, approve, reject, apply",
)
def act_on_adjustment(
    adjustment_id: str, body: AdjustmentActionIn, write: Writer = Security(writer, scopes=["budget:write"])
):
    return write.run(lambda uow: adjustments.act_on_adjustment(uow, adjustment_id, body), body=body)


@router.get(
    "/{adjustment_id}",
    response_model=AdjustmentOut,
    operation_id="getAdjustment",
    summary="One adjustment",
    dependencies=[reader("budget:read")],
)
def get_adjustment(adjustment_id: str, session: Session = Depends(db_session)):
    return adjustments.get_adjustment(session, adjustment_id)


@reallocations_router.post(
    "",
    status_code=201,
    response_model=ReallocationOut,
    operation_id="requestReallocation",
    summary="Request a reallocation between two lines of an approved budget (R30)",
)
def request_reallocation(body: ReallocationIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: adjustments.request(uow, body), status_code=201, body=body)


@reallocations_router.post(
    "/{reallocation_id}/actions",
    response_model=ReallocationOut,
    operation_id="actOnReallocation",
    summary="approve, reject, apply",
)
def act_on_reallocation(
    reallocation_id: str, body: ReallocationActionIn, write: Writer = Security(writer, scopes=["budget:write"])
):
    return write.run(lambda uow: adjustments.act_on_reallocation(uow, reallocation_id, body), body=body)


@reallocations_router.get(
    "/{reallocation_id}",
    response_model=ReallocationOut,
    operation_id="getReallocation",
    summary="One reallocation",
    dependencies=[reader("budget:read")],
)
def get_reallocation(reallocation_id: str, session: Session = Depends(db_session)):
    return adjustments.get_reallocation(session, reallocation_id)
