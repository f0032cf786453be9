"""HTTP routes of random-inspection tasks (W2; Arts. 37–39): creation, the verifiable draw and its record,
completion, publication or lawful withholding of the results."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.rules.inspections import TaskState
from hunan_business_env.schemas.inspections import (
    CompletionIn,
    DrawIn,
    InspectionTaskIn,
    InspectionTaskOut,
    PublicationIn,
    WithholdingIn,
)
from hunan_business_env.use_cases import inspections
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1", tags=["inspections"])
WRITE = ["business_env:write"]


@router.post(
    "/inspection-tasks",
    status_code=201,
    response_model=InspectionTaskOut,
    operation_id="createInspectionTask",
    summary="Plan an inspection task of a department in an annual plan",
)
def create_task(body: InspectionTaskIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: inspections.create_task(uow, body, settings), status_code=201, body=body)


@router.post(
    "/inspection-tasks/{task_id}/draw",
    response_model=InspectionTaskOut,
    operation_id="drawInspectionTask",
    summary="双随机: draw the entities (weighted by credit and risk, Art. 37) and inspectors free of conflicts",
)
def draw(task_id: str, body: DrawIn, request: Request, write: Writer = Security(writer, scopes=WRITE)):
    settings = request.app.state.settings
    return write.run(lambda uow: inspections.draw(uow, task_id, body, settings), body=body)


@router.post(
    "/inspection-tasks/{task_id}/completion",
    response_model=InspectionTaskOut,
    operation_id="completeInspectionTask",
    summary="Record that the task is complete; results are due within 20 working days (Art. 39)",
)
def complete(task_id: str, body: CompletionIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: inspections.complete(uow, task_id, body), body=body)


@router.post(
    "/inspection-tasks/{task_id}/publication",
    response_model=InspectionTaskOut,
    operation_id="publishInspectionResults",
    summary="一公开: publish the task's results (on time or late is recorded)",
)
def publish(task_id: str, body: PublicationIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: inspections.publish(uow, task_id, body), body=body)


@router.post(
    "/inspection-tasks/{task_id}/withholding",
    response_model=InspectionTaskOut,
    operation_id="withholdInspectionResults",
    summary="Withhold the results where the law makes disclosure inappropriate (the legal ground is required)",
)
def withhold(task_id: str, body: WithholdingIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: inspections.withhold(uow, task_id, body), body=body)


@router.get(
    "/inspection-tasks",
    response_model=Page[InspectionTaskOut],
    operation_id="listInspectionTasks",
    summary="List inspection tasks",
    dependencies=[reader("business_env:read")],
)
def list_tasks(
    page: PageParams = Depends(page_params),
    plan_id: str | None = Query(None, max_length=36),
    state: TaskState | None = Query(None),
    session: Session = Depends(db_session),
):
    return inspections.list_tasks(session, page, plan_id, state)


@router.get(
    "/inspection-tasks/{task_id}",
    response_model=InspectionTaskOut,
    operation_id="getInspectionTask",
    summary="Get an inspection task with its draw, deadline and publication",
    dependencies=[reader("business_env:read")],
)
def get_task(task_id: str, session: Session = Depends(db_session)):
    return inspections.get_task(session, task_id)


@router.get(
    "/inspection-tasks/{task_id}/draw-record",
    operation_id="getInspectionDrawRecord",
    summary="The draw's re-runnable record: seed, inputs, result (verify with engines/draw.py, standard library only)",
    dependencies=[reader("business_env:read")],
)
def get_draw_record(task_id: str, session: Session = Depends(db_session)) -> dict:
    return inspections.draw_record(session, task_id)
