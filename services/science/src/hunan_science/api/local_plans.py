"""HTTP routes for local implementation plans and evaluations (四(一)2, 四(二)1, 四(四), W10)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.schemas.local_plans import EvaluationIn, EvaluationOut, LocalPlanApproveIn, LocalPlanIn, LocalPlanOut
from hunan_science.use_cases import local_plans
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["programmes"])


@router.post(
    "/local-plans",
    status_code=201,
    response_model=LocalPlanOut,
    operation_id="draftLocalPlan",
    summary="Register a 市州 or county implementation plan (drafted)",
)
def draft_plan(body: LocalPlanIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: local_plans.draft(uow, body), status_code=201, body=body)


@router.post(
    "/local-plans/{plan_id}/approve",
    response_model=LocalPlanOut,
    operation_id="approveLocalPlan",
    summary="Approve a local implementation plan",
)
def approve_plan(plan_id: str, body: LocalPlanApproveIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: local_plans.approve(uow, plan_id, body), body=body)


@router.get(
    "/local-plans",
    response_model=Page[LocalPlanOut],
    operation_id="listLocalPlans",
    summary="List local plans",
    dependencies=[reader("science:read")],
)
def list_plans(
    page: PageParams = Depends(page_params),
    state: Literal["DRAFTED", "APPROVED"] | None = Query(None),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return local_plans.list_plans(session, page, state, division)


@router.post(
    "/evaluations",
    status_code=201,
    response_model=EvaluationOut,
    operation_id="recordEvaluation",
    summary="Record an inspection, the final evaluation or an annual assessment",
)
def record_evaluation(body: EvaluationIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: local_plans.evaluate(uow, body), status_code=201, body=body)


@router.get(
    "/evaluations",
    response_model=Page[EvaluationOut],
    operation_id="listEvaluations",
    summary="List evaluations",
    dependencies=[reader("science:read")],
)
def list_evaluations(
    page: PageParams = Depends(page_params),
    kind: Literal["MID_TERM_INSPECTION", "FINAL_EVALUATION", "ANNUAL_ASSESSMENT"] | None = Query(None),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return local_plans.list_evaluations(session, page, kind, year, division)
