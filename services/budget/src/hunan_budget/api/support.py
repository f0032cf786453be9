"""HTTP routes for fiscal support to market entities in competitive sectors (R21, Opinion (九))."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.schemas.oversight import SupportIn, SupportOut
from hunan_budget.use_cases import support
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/competitive-support", tags=["competitive support"])


@router.post(
    "",
    status_code=201,
    response_model=SupportOut,
    operation_id="grantCompetitiveSupport",
    summary="Record support to a market entity: a competitive-review subsidy needs published criteria, a "
    "regulated procedure and a collective decision; a post-subsidy preset targets (R21)",
)
def grant_support(body: SupportIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: support.grant(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=list[SupportOut],
    operation_id="listCompetitiveSupport",
    summary="Support granted by a level",
    dependencies=[reader("budget:read")],
)
def list_support(division_code: str = Query(pattern=r"^43\d{4}$"), session: Session = Depends(db_session)):
    return support.list_support(session, division_code)
