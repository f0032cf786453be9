"""HTTP routes for the project library 项目库 (W1): translate HTTP to the service layer and back."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.api import budget_settings
from hunan_budget.rules.projects import ProjectState
from hunan_budget.schemas.projects import ProjectActionIn, ProjectIn, ProjectOut
from hunan_budget.settings import BudgetSettings
from hunan_budget.use_cases import projects
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/projects", tags=["projects"])


@router.post(
    "",
    status_code=201,
    response_model=ProjectOut,
    operation_id="createProject",
    summary="Register a project in the project library (DRAFT)",
)
def create_project(
    body: ProjectIn,
    write: Writer = Security(writer, scopes=["budget:write"]),
    settings: BudgetSettings = Depends(budget_settings),
):
    return write.run(lambda uow: projects.create(uow, body, settings), status_code=201, body=body)


@router.post(
    "/{project_id}/actions",
    response_model=ProjectOut,
    operation_id="actOnProject",
    summary="Apply a life-cycle action (reserve, pass_review, admit, fund, start, reduce, cancel, complete, ...)",
)
def act_on_project(
    project_id: str,
    body: ProjectActionIn,
    write: Writer = Security(writer, scopes=["budget:write"]),
    settings: BudgetSettings = Depends(budget_settings),
):
    return write.run(lambda uow: projects.act(uow, project_id, body, settings), body=body)


@router.get(
    "",
    response_model=Page[ProjectOut],
    operation_id="listProjects",
    summary="List projects",
    dependencies=[reader("budget:read")],
)
def list_projects(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43\d{4}$", description="Only projects of this division or inside it"),
    state: ProjectState | None = Query(None),
    budget_year: int | None = Query(None, ge=2021, le=2100),
    department: str | None = Query(None, max_length=120),
    session: Session = Depends(db_session),
):
    return projects.list_projects(session, page, division, state.value if state else None, budget_year, department)


@router.get(
    "/{project_id}",
    response_model=ProjectOut,
    operation_id="getProject",
    summary="Get one project",
    dependencies=[reader("budget:read")],
)
def get_project(project_id: str, session: Session = Depends(db_session)):
    return projects.get(session, project_id)
