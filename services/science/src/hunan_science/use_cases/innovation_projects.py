"""Service layer for university innovation projects (W6, 二(一)3): submit, approve (立项) or reject, complete."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import InnovationProject
from hunan_science.rules.programmes import ProjectAction, ProjectState, next_project_state
from hunan_science.schemas.innovation_projects import InnovationProjectIn, InnovationProjectOut
from hunan_science.use_cases import _registers
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import rule_errors
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: InnovationProject, basis: tuple[Basis, ...] = ()) -> InnovationProjectOut:
    return InnovationProjectOut(**row.model_dump(), basis=list(basis))


def submit(uow: UnitOfWork, cmd: InnovationProjectIn) -> InnovationProjectOut:
    row = InnovationProject(id=new_id(), **cmd.model_dump(), state=ProjectState.SUBMITTED, submitted_at=clock.now())
    return _out(_registers.record(uow, row, "innovation_project.submit"))


def act(uow: UnitOfWork, project_id: str, action: ProjectAction) -> InnovationProjectOut:
    project = uow.repo(InnovationProject, noun="innovation project").for_update(project_id)
    with uow.audited_change(f"innovation_project.{action.value}", project, render=_out) as change:
        with rule_errors():
            transition = next_project_state(ProjectState(project.state), action)
        project.state = transition.value
        if action is not ProjectAction.COMPLETE:
            project.decided_at = clock.now()
        uow.session.add(project)
        change.after = out = _out(project, transition.basis)
    return out


def get(session: Session, project_id: str) -> InnovationProjectOut:
    return _out(Repository(session, InnovationProject, noun="innovation project").get(project_id))


def list_projects(
    session: Session, page: PageParams, level: str | None, state: str | None, year: int | None, division: str | None
) -> Page[InnovationProjectOut]:
    where = []
    if level:
        where.append(InnovationProject.level == level)
    if state:
        where.append(InnovationProject.state == state)
    return _registers.page(
        session,
        InnovationProject,
        page,
        *where,
        convert=_out,
        division=division,
        year=year,
        order_by=(InnovationProject.submitted_at.desc(), InnovationProject.id),
    )
