"""HTTP routes for the utilisation register (Art. 32): uses of a tree with protection first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Writer, db_session, reader, writer
from hunan_trees.rules.participation import UtilisationKind
from hunan_trees.schemas.participation import UtilisationIn, UtilisationOut
from hunan_trees.use_cases import participation

router = APIRouter(prefix="/v1/utilisations", tags=["utilisation"])


@router.post(
    "",
    status_code=201,
    response_model=UtilisationOut,
    operation_id="registerUtilisation",
    summary="Register a use of a tree; refused if it involves an act Art. 24 prohibits (Art. 32)",
)
def register_utilisation(
    body: UtilisationIn, request: Request, write: Writer = Security(writer, scopes=["trees:write"])
):
    settings = request.app.state.settings
    return write.run(lambda uow: participation.register_utilisation(uow, body, settings), status_code=201, body=body)


@router.get(
    "",
    response_model=list[UtilisationOut],
    operation_id="listUtilisations",
    summary="Registered uses, newest first (at most 500)",
    dependencies=[reader("trees:read")],
)
def list_utilisations(
    tree_id: str | None = Query(None, max_length=36),
    kind: UtilisationKind | None = Query(None),
    session: Session = Depends(db_session),
):
    return participation.list_utilisations(session, tree_id, kind)
