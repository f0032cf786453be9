"""HTTP routes for the tree register (一树一档): translate HTTP to the service layer and back."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.rules.classification import Grade
from hunan_trees.schemas.trees import TreeOut, TreeRegistration
from hunan_trees.use_cases import trees

router = APIRouter(prefix="/v1/trees", tags=["trees"])


@router.post(
    "",
    status_code=201,
    response_model=TreeOut,
    operation_id="registerTree",
    summary="Register an appraised ancient or famous tree with its grade, custodian and habitat zone",
)
def register_tree(body: TreeRegistration, request: Request, write: Writer = Security(writer, scopes=["trees:write"])):
    settings = request.app.state.settings
    return write.run(lambda uow: trees.register(uow, body, settings), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[TreeOut],
    operation_id="listTrees",
    summary="List registered trees",
    dependencies=[reader("trees:read")],
)
def list_trees(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Only trees inside this division"),
    grade: Grade | None = Query(None, description="Only trees of this grade"),
    famous: bool | None = Query(None, description="Only famous (true) or non-famous (false) trees"),
    session: Session = Depends(db_session),
):
    return trees.list_trees(session, page, division, grade, famous)


@router.get(
    "/{tree_id}",
    response_model=TreeOut,
    operation_id="getTree",
    summary="Get one tree's record",
    dependencies=[reader("trees:read")],
)
def get_tree(tree_id: str, session: Session = Depends(db_session)):
    return trees.get(session, tree_id)
