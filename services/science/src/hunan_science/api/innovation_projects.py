"""HTTP routes for university innovation projects (W6, 二(一)3)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_science.rules.programmes import ProjectAction, ProjectLevel, ProjectState
from hunan_science.schemas.innovation_projects import InnovationProjectIn, InnovationProjectOut
from hunan_science.use_cases import innovation_projects
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/innovation-projects", tags=["programmes"])


@router.post(
    "",
    status_code=201,
    response_model=InnovationProjectOut,
    operation_id="submitInnovationProject",
    summary="Submit a university innovation project",
)
def submit_project(body: InnovationProjectIn, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: innovation_projects.submit(uow, body), status_code=201, body=body)


@router.post(
    "/{project_id}/{action}",
    response_model=InnovationProjectOut,
    operation_id="decideInnovationProject",
    summary="Approve (立项), reject or complete a project",
)
def decide_project(project_id: str, action: ProjectAction, write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(lambda uow: innovation_projects.act(uow, project_id, action))


@router.get(
    "",
    response_model=Page[InnovationProjectOut],
    operation_id="listInnovationProjects",
    summary="List innovation projects",
    dependencies=[reader("science:read")],
)
def list_projects(
    page: PageParams = Depends(page_params),
    level: ProjectLevel | None = Query(None),
    state: ProjectState | None = Query(None),
    year: int | None = Query(None, ge=2000, le=2100),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    session: Session = Depends(db_session),
):
    return innovation_projects.list_projects(
        session, page, level.value if level else None, state.value if state else None, year, division
    )


@router.get(
    "/{project_id}",
    response_model=InnovationProjectOut,
    operation_id="getInnovationProject",
    summary="Get one innovation project",
    dependencies=[reader("science:read")],
)
def get_project(project_id: str, session: Session = Depends(db_session)):
    return innovation_projects.get(session, project_id)
