"""HTTP routes of the annual joint random-inspection plans (W2, Art. 39 para 1 统筹制定部门联合抽查年度工作计划)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Security
from sqlmodel import Session

from hunan_business_env.schemas.inspections import (
    InspectionPlanIn,
    InspectionPlanOut,
)
from hunan_business_env.use_cases import inspections
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1", tags=["inspections"])
WRITE = ["business_env:write"]


@router.post(
    "/inspection-plans",
    status_code=201,
    response_model=InspectionPlanOut,
    operation_id="createInspectionPlan",
    summary="Create a division's annual joint random-inspection plan (Art. 39)",
)
def create_plan(body: InspectionPlanIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: inspections.create_plan(uow, body), status_code=201, body=body)


@router.get(
    "/inspection-plans/{plan_id}",
    response_model=InspectionPlanOut,
    operation_id="getInspectionPlan",
    summary="Get an annual plan",
    dependencies=[reader("business_env:read")],
)
def get_plan(plan_id: str, session: Session = Depends(db_session)):
    return inspections.get_plan(session, plan_id)
