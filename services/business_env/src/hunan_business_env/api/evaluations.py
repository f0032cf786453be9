"""HTTP routes of business-environment evaluations (Art. 6, W3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.schemas.evaluations import EvaluationIn, EvaluationOut, EvaluationStepIn, RectificationIn
from hunan_business_env.use_cases import evaluations
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/evaluations", tags=["evaluations"])
WRITE = ["business_env:write"]


@router.post(
    "",
    status_code=201,
    response_model=EvaluationOut,
    operation_id="organiseEvaluation",
    summary="Organise a business-environment evaluation: the province only (Art. 6: evaluation-not-permitted else)",
)
def organise(body: EvaluationIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: evaluations.organise(uow, body), status_code=201, body=body)


@router.post(
    "/{evaluation_id}/steps",
    response_model=EvaluationOut,
    operation_id="advanceEvaluation",
    summary="Commission, fieldwork, report, provincial approval, feedback (only after approval), closing",
)
def step(evaluation_id: str, body: EvaluationStepIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: evaluations.step(uow, evaluation_id, body, settings), body=body)


@router.post(
    "/{evaluation_id}/problems/{seq}/rectification",
    response_model=EvaluationOut,
    operation_id="rectifyEvaluationProblem",
    summary="Record the policy measure a region adjusted for one problem of the list (Art. 6 para 2)",
)
def rectify(
    evaluation_id: str,
    body: RectificationIn,
    seq: int = Path(ge=1, le=500),
    write: Writer = Security(writer, scopes=WRITE),
):
    return write.run(lambda uow: evaluations.rectify(uow, evaluation_id, seq, body), body=body)


@router.get(
    "",
    response_model=Page[EvaluationOut],
    operation_id="listEvaluations",
    summary="List evaluations",
    dependencies=[reader("business_env:read")],
)
def list_evaluations(
    page: PageParams = Depends(page_params),
    year: int | None = Query(None, ge=2022, le=2100),
    session: Session = Depends(db_session),
):
    return evaluations.list_evaluations(session, page, year)


@router.get(
    "/{evaluation_id}",
    response_model=EvaluationOut,
    operation_id="getEvaluation",
    summary="Get an evaluation with its problem list",
    dependencies=[reader("business_env:read")],
)
def get(evaluation_id: str, session: Session = Depends(db_session)):
    return evaluations.get(session, evaluation_id)
