"""HTTP routes for tree insurance policies (Art. 31)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_shared.api import Writer, db_session, reader, writer
from hunan_trees.schemas.participation import InsurancePolicyIn, InsurancePolicyOut
from hunan_trees.use_cases import participation

router = APIRouter(prefix="/v1", tags=["insurance"])


@router.post(
    "/insurance-policies",
    status_code=201,
    response_model=InsurancePolicyOut,
    operation_id="registerInsurancePolicy",
    summary="Register a policy a county-or-above government bought for trees of its area (Art. 31)",
)
def register_policy(body: InsurancePolicyIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: participation.register_policy(uow, body), status_code=201, body=body)


@router.get(
    "/trees/{tree_id}/insurance",
    response_model=list[InsurancePolicyOut],
    operation_id="listTreeInsurance",
    summary="Policies covering the tree (on a day, if given)",
    dependencies=[reader("trees:read")],
)
def tree_insurance(tree_id: str, on: dt.date | None = Query(None), session: Session = Depends(db_session)):
    return participation.tree_policies(session, tree_id, on)
