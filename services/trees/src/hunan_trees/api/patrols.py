"""HTTP routes for regular patrols and professional maintenance of trees (Art. 20, R18)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.schemas.patrols import PatrolDueOut, PatrolIn, PatrolOut
from hunan_trees.use_cases import patrols

router = APIRouter(prefix="/v1", tags=["patrols"])


@router.post(
    "/trees/{tree_id}/patrols",
    status_code=201,
    response_model=PatrolOut,
    operation_id="recordPatrol",
    summary="Record a regular patrol or professional maintenance of a tree (Art. 20)",
)
def record_patrol(tree_id: str, body: PatrolIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: patrols.record(uow, tree_id, body), status_code=201, body=body)


@router.get(
    "/trees/{tree_id}/patrols",
    response_model=list[PatrolOut],
    operation_id="listPatrols",
    summary="The tree's patrols and professional maintenance, oldest first",
    dependencies=[reader("trees:read")],
)
def list_patrols(tree_id: str, session: Session = Depends(db_session)):
    return patrols.list_for_tree(session, tree_id)


@router.get(
    "/patrols/due",
    response_model=Page[PatrolDueOut],
    operation_id="listPatrolsDue",
    summary="Registered trees whose last patrol (or registration) is older than their level's interval (Art. 20)",
    dependencies=[reader("trees:read")],
)
def patrols_due(
    request: Request,
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Division code (county, city or province)"),
    on: dt.date | None = Query(None, description="Day to evaluate (default today, Asia/Shanghai)"),
    page: PageParams = Depends(page_params),
    session: Session = Depends(db_session),
):
    return patrols.due(session, request.app.state.settings, page, division, on)
