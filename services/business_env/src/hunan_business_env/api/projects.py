"""HTTP routes for engineering projects (W14) and their synchronous trees habitat check."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Security
from sqlmodel import Session

from hunan_business_env.schemas.projects import CompletionAcceptanceIn, EngineeringProjectIn, EngineeringProjectOut
from hunan_business_env.use_cases import projects
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_shared.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/engineering-projects", tags=["engineering projects"])


@router.post(
    "",
    status_code=201,
    response_model=EngineeringProjectOut,
    operation_id="registerEngineeringProject",
    summary="Register an engineering project; its footprint is checked against tree habitat zones",
    responses={503: {**PROBLEM_RESPONSES[503], "description": "The trees service is unavailable; nothing written"}},
)
def register_project(
    body: EngineeringProjectIn, request: Request, write: Writer = Security(writer, scopes=["business_env:write"])
):
    trees = request.app.state.trees_client
    return write.run(lambda uow: projects.register(uow, body, trees), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[EngineeringProjectOut],
    operation_id="listEngineeringProjects",
    summary="List engineering projects",
    dependencies=[reader("business_env:read")],
)
def list_projects(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    outcome: str | None = Query(None, max_length=30, description="Habitat-check outcome, e.g. AVOIDANCE_REQUIRED"),
    session: Session = Depends(db_session),
):
    return projects.list_projects(session, page, division, outcome)


@router.get(
    "/{project_id}",
    response_model=EngineeringProjectOut,
    operation_id="getEngineeringProject",
    summary="Get one engineering project",
    dependencies=[reader("business_env:read")],
)
def get_project(project_id: str, session: Session = Depends(db_session)):
    return projects.get(session, project_id)


@router.post(
    "/{project_id}/completion-acceptance",
    response_model=EngineeringProjectOut,
    operation_id="acceptEngineeringProject",
    summary="Record completion acceptance (竣工验收) with the accessible facilities' three steps (三同步)",
)
def accept_project(
    project_id: str,
    body: CompletionAcceptanceIn,
    write: Writer = Security(writer, scopes=["business_env:write"]),
):
    return write.run(lambda uow: projects.accept(uow, project_id, body), body=body)
