"""HTTP routes for felling applications (W5, Art. 30)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.schemas.felling import FellingDecisionIn, FellingExecutionIn, FellingIn, FellingOut
from hunan_trees.use_cases import felling

router = APIRouter(prefix="/v1/felling-applications", tags=["felling"])


@router.post(
    "",
    status_code=201,
    response_model=FellingOut,
    operation_id="applyForFelling",
    summary="Apply to fell a tree on a ground of Art. 30; names the approving authority (a setting)",
)
def apply_for_felling(body: FellingIn, request: Request, write: Writer = Security(writer, scopes=["trees:write"])):
    settings = request.app.state.settings
    return write.run(lambda uow: felling.apply(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{application_id}/decision",
    response_model=FellingOut,
    operation_id="decideFelling",
    summary="Approve or reject a felling application (Art. 30 last para)",
)
def decide_felling(
    application_id: str, body: FellingDecisionIn, write: Writer = Security(writer, scopes=["trees:certify"])
):
    return write.run(lambda uow: felling.decide(uow, application_id, body), body=body)


@router.post(
    "/{application_id}/execution",
    response_model=FellingOut,
    operation_id="recordFelling",
    summary="Record an approved felling; the tree becomes FELLED and its archive is cancelled next (Art. 29)",
)
def record_felling(
    application_id: str, body: FellingExecutionIn, write: Writer = Security(writer, scopes=["trees:write"])
):
    return write.run(lambda uow: felling.execute(uow, application_id, body), body=body)


@router.get(
    "",
    response_model=Page[FellingOut],
    operation_id="listFellingApplications",
    summary="List felling applications",
    dependencies=[reader("trees:read")],
)
def list_felling(
    page: PageParams = Depends(page_params),
    tree_id: str | None = Query(None, max_length=36),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return felling.list_applications(session, page, tree_id, state)


@router.get(
    "/{application_id}",
    response_model=FellingOut,
    operation_id="getFellingApplication",
    summary="Get one felling application",
    dependencies=[reader("trees:read")],
)
def get_felling(application_id: str, session: Session = Depends(db_session)):
    return felling.get(session, application_id)
