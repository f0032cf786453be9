"""HTTP routes for transplant applications (W3): apply, approve, read."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.schemas.transplants import TransplantApplicationIn, TransplantApproval, TransplantOut
from hunan_trees.use_cases import transplants

router = APIRouter(prefix="/v1/transplants", tags=["transplants"])


@router.post(
    "",
    status_code=201,
    response_model=TransplantOut,
    operation_id="applyForTransplant",
    summary="Apply for nearby protective transplanting of a registered tree",
)
def apply_for_transplant(body: TransplantApplicationIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: transplants.apply(uow, body), status_code=201, body=body)


@router.post(
    "/{application_id}/approve",
    response_model=TransplantOut,
    operation_id="approveTransplant",
    summary="Approve a transplant after expert review and public consultation; announces the cost bearer",
)
def approve_transplant(
    application_id: str, body: TransplantApproval, write: Writer = Security(writer, scopes=["trees:certify"])
):
    return write.run(lambda uow: transplants.approve(uow, application_id, body), body=body)


@router.get(
    "",
    response_model=Page[TransplantOut],
    operation_id="listTransplants",
    summary="List transplant applications",
    dependencies=[reader("trees:read")],
)
def list_transplants(
    page: PageParams = Depends(page_params),
    tree_id: str | None = Query(None, max_length=36),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return transplants.list_transplants(session, page, tree_id, state)


@router.get(
    "/{application_id}",
    response_model=TransplantOut,
    operation_id="getTransplant",
    summary="Get one transplant application",
    dependencies=[reader("trees:read")],
)
def get_transplant(application_id: str, session: Session = Depends(db_session)):
    return transplants.get(session, application_id)
