"""Service layer for the project library (W1): register, read, list, and life-cycle actions with their guards."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlmodel import Session, func, select

from hunan_budget.models import AffordabilityAssessment, Project
from hunan_budget.rules.basis import require
from hunan_budget.rules.debt import (
    AffordabilityResult,
    affordability_passed,
    funding_source_identified,
    life_cycle_in_plan,
)
from hunan_budget.rules.projects import (
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
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.legal import Basis, Decision
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# States whose budget requirement counts against the control figure of their department and year (R19).
ADMITTED_STATES = (ProjectState.IN_BUDGET_LIBRARY, ProjectState.FUNDED, ProjectState.EXECUTING, ProjectState.REDUCED)


def _out(project: Project, basis: Iterable[Basis] = ()) -> ProjectOut:
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
    with rule_errors():
        level = fiscal_level(cmd.division_code, frozenset(settings.province_managed_counties))
        basis = list(level.basis)
        if cmd.matter_id:
            basis += require(budget_level_allowed(get_matter(cmd.matter_id), level.value)).basis
    now = clock.now()
    project = uow.repo(Project).add(
        Project(
            id=new_id(),
            **cmd.model_dump(),
            fiscal_level=level.value,
            state=ProjectState.DRAFT,
            created_at=now,
            updated_at=now,
        )
    )
    out = _out(project, basis)
    uow.audit("project.create", "project", project.id, after=out)
    return out


def latest_affordability(session: Session, project_id: str) -> AffordabilityResult | None:
    """The result of the project's latest affordability assessment (R46), if any."""
    row = session.exec(
        select(AffordabilityAssessment)
        .where(AffordabilityAssessment.project_id == project_id)
        .order_by(AffordabilityAssessment.assessed_on.desc(), AffordabilityAssessment.created_at.desc())  # type: ignore[attr-defined]
    ).first()
    return AffordabilityResult(row.result) if row else None


def admitted_total(session: Session, project: Project) -> Decimal:
    """What the department's admitted projects of that year and division already claim (R19)."""
    total = session.exec(
        select(func.coalesce(func.sum(Project.budget_requirement), 0)).where(
            Project.department == project.department,
            Project.budget_year == project.budget_year,
            Project.division_code == project.division_code,
            Project.state.in_(ADMITTED_STATES),  # type: ignore[attr-defined]
        )
    ).one()
    return Decimal(total)


def life_cycle_planned(project: Project) -> Decision[bool]:
    """R45 on a project: PPP and cross-year projects (implementation period over more than one calendar year) are
    funded only with their life-cycle cost in a medium-term fiscal plan."""
    cross_year = bool(
        project.period_start and project.period_end and project.period_end.year > project.period_start.year
    )
    return life_cycle_in_plan(project.ppp or cross_year, project.life_cycle_cost, project.medium_term_plan_ref)


def act(uow: UnitOfWork, project_id: str, cmd: ProjectActionIn, settings: BudgetSettings) -> ProjectOut:
    """Apply one W1 action after its guard (R17 on reserve, R18 on review/admit/fund, R19 on admit, R20/R28 on cut)."""
    project = uow.repo(Project).for_update(project_id)
    action = cmd.action
    with uow.audited_change(f"project.{action.value}", project, render=_out) as change:
        with rule_errors():
            transition = next_project_state(ProjectState(project.state), action)
            basis = list(transition.basis)
            if action is ProjectAction.RESERVE:
                timing = reserve_started_on_time(
                    cmd.reserve_started_on or clock.now().date(),
                    project.budget_year,
                    settings.reserve_deadline_inclusive,
                )
                project.reserve_on_time = timing.value  # late is flagged, not refused: the text sets a start date
                basis += timing.basis
            if action is ProjectAction.PASS_REVIEW:
                basis += require(funding_source_identified(project.government_investment, project.funding_source)).basis
            if action is ProjectAction.FUND:
                basis += require(
                    affordability_passed(project.major, latest_affordability(uow.session, project.id))
                ).basis
                basis += require(life_cycle_planned(project)).basis
            if action in (ProjectAction.PASS_REVIEW, ProjectAction.ADMIT, ProjectAction.FUND):
                missing = missing_elements(_elements(project))
                missing = missing.model_copy(update={"reason": f"project cannot enter the library: {missing.reason}"})
                basis += require(missing, ok=not missing.value).basis
            if action is ProjectAction.ADMIT:
                if cmd.control_figure is None:
                    raise InvalidInput("admit needs the department's control_figure 预算控制数 (R19)")
                fits = fits_control_figure(
                    admitted_total(uow.session, project), project.budget_requirement or Decimal(0), cmd.control_figure
                )
                basis += require(fits).basis
            if action in (ProjectAction.REDUCE, ProjectAction.CANCEL):
                basis += require(reduction_allowed(cmd.grounds)).basis
        if action is ProjectAction.REDUCE:
            current = project.budget_requirement or Decimal(0)
            if cmd.new_budget_requirement is None or cmd.new_budget_requirement >= current:
                raise InvalidInput("reduce needs a new_budget_requirement below the current one")
            project.budget_requirement = cmd.new_budget_requirement
        if action is ProjectAction.ROLL_OVER:
            project.budget_year += 1
        project.state = transition.value
        project.updated_at = clock.now()
        uow.session.add(project)
        uow.session.flush()
        change.after = out = _out(project, basis)
    return out


def get(session: Session, project_id: str) -> ProjectOut:
    return _out(Repository(session, Project).get(project_id))


def list_projects(
    session: Session,
    page: PageParams,
    division: str | None = None,
    state: str | None = None,
    budget_year: int | None = None,
    department: str | None = None,
) -> Page[ProjectOut]:
    where = []
    if division:
        where.append(in_division(Project.division_code, division))
    if state:
        where.append(Project.state == state)
    if budget_year:
        where.append(Project.budget_year == budget_year)
    if department:
        where.append(Project.department == department)
    return Repository(session, Project).page(
        page,
        *where,
        order_by=(Project.created_at.desc(), Project.id),
        convert=_out,  # type: ignore[attr-defined]
    )
