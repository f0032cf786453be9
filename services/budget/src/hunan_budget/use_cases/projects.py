"""Service layer for the project library (W1): register, read, list, and life-cycle actions with their guards."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, func, select

from hunan_budget.models import Project
from hunan_budget.rules.projects import (
    IllegalProjectTransition,
    ProjectAction,
    ProjectElements,
    ProjectState,
    fits_control_figure,
    missing_elements,
    next_project_state,
    reduction_allowed,
    reserve_started_on_time,
)
from hunan_budget.rules.responsibility import budget_level_allowed, fiscal_level, get_matter
from hunan_budget.schemas.projects import ProjectActionIn, ProjectIn, ProjectOut
from hunan_budget.settings import BudgetSettings
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import InvalidInput, InvalidTransition, NotFound, RuleViolation
from hunan_shared.uow import UnitOfWork, new_id

# States whose budget requirement counts against the control figure of their department and year (R19).
ADMITTED_STATES = (ProjectState.IN_BUDGET_LIBRARY, ProjectState.FUNDED, ProjectState.EXECUTING, ProjectState.REDUCED)


def _out(project: Project, basis=()) -> ProjectOut:
    return ProjectOut(**project.model_dump(), basis=list(basis))


def _elements(project: Project) -> ProjectElements:
    return ProjectElements(
        project.approval_basis,
        project.period_start,
        project.period_end,
        project.budget_requirement,
        project.feasibility_study_done,
        project.entry_review_done,
    )


def create(uow: UnitOfWork, cmd: ProjectIn, settings: BudgetSettings) -> ProjectOut:
    """Register a DRAFT project; a project serving a Division Plan matter must sit at a level that bears it (R61)."""
    level = fiscal_level(cmd.division_code, frozenset(settings.province_managed_counties))
    basis = list(level.basis)
    if cmd.matter_id:
        allowed = budget_level_allowed(get_matter(cmd.matter_id), level.value)
        if not allowed.value:
            raise RuleViolation(allowed.reason, basis=allowed.basis)
        basis += allowed.basis
    now = clock.now()
    project = Project(
        id=new_id(),
        **cmd.model_dump(),
        fiscal_level=level.value.value,
        state=ProjectState.DRAFT.value,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(project)
    uow.session.flush()
    out = _out(project, basis)
    uow.audit("project.create", "project", project.id, after=out)
    return out


def act(uow: UnitOfWork, project_id: str, cmd: ProjectActionIn, settings: BudgetSettings) -> ProjectOut:
    """Apply one W1 action after its guard (R17 on reserve, R18 on review/admit/fund, R19 on admit, R20/R28 on cut)."""
    session = uow.session
    project = session.get(Project, project_id)
    if project is None:
        raise NotFound(f"no project {project_id}")
    before = _out(project)
    try:
        transition = next_project_state(ProjectState(project.state), cmd.action)
    except IllegalProjectTransition as exc:
        raise InvalidTransition(str(exc)) from None
    basis = list(transition.basis)
    action = cmd.action

    if action is ProjectAction.RESERVE:
        timing = reserve_started_on_time(
            cmd.reserve_started_on or clock.now().date(), project.budget_year, settings.reserve_deadline_inclusive
        )
        project.reserve_on_time = timing.value  # late is flagged, not refused: the text sets a start date only
        basis += timing.basis
    if action in (ProjectAction.PASS_REVIEW, ProjectAction.ADMIT, ProjectAction.FUND):
        missing = missing_elements(_elements(project))
        if missing.value:
            raise RuleViolation(f"project cannot enter the library: {missing.reason}", basis=missing.basis)
        basis += missing.basis
    if action is ProjectAction.ADMIT:
        if cmd.control_figure is None:
            raise InvalidInput("admit needs the department's control_figure 预算控制数 (R19)")
        admitted = session.exec(
            select(func.coalesce(func.sum(Project.budget_requirement), 0)).where(
                Project.department == project.department,
                Project.budget_year == project.budget_year,
                Project.division_code == project.division_code,
                Project.state.in_([s.value for s in ADMITTED_STATES]),
            )
        ).one()
        fits = fits_control_figure(Decimal(admitted), project.budget_requirement, cmd.control_figure)
        if not fits.value:
            raise RuleViolation(fits.reason, basis=fits.basis)
        basis += fits.basis
    if action in (ProjectAction.REDUCE, ProjectAction.CANCEL):
        grounds = reduction_allowed(cmd.grounds)
        if not grounds.value:
            raise RuleViolation(grounds.reason, basis=grounds.basis)
        basis += grounds.basis
    if action is ProjectAction.REDUCE:
        if cmd.new_budget_requirement is None or cmd.new_budget_requirement >= project.budget_requirement:
            raise InvalidInput("reduce needs a new_budget_requirement below the current one")
        project.budget_requirement = cmd.new_budget_requirement
    if action is ProjectAction.ROLL_OVER:
        project.budget_year += 1

    project.state = transition.value.value
    project.updated_at = clock.now()
    session.add(project)
    session.flush()
    out = _out(project, basis)
    uow.audit(f"project.{action.value}", "project", project.id, before=before, after=out)
    return out


def get(session: Session, project_id: str) -> ProjectOut:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFound(f"no project {project_id}")
    return _out(project)


def list_projects(
    session: Session,
    page: PageParams,
    division: str | None = None,
    state: str | None = None,
    budget_year: int | None = None,
    department: str | None = None,
) -> Page[ProjectOut]:
    query = select(Project).order_by(Project.created_at.desc(), Project.id)
    if division:
        query = query.where(Project.division_code.in_(divisions.covered_codes(division)))
    if state:
        query = query.where(Project.state == state)
    if budget_year:
        query = query.where(Project.budget_year == budget_year)
    if department:
        query = query.where(Project.department == department)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, _out)
