"""Service layer for engineering projects (W14): register with a synchronous trees habitat check, read, list."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.adapters.trees_client import TreesClient
from hunan_business_env.models import EngineeringProject, PlanningPermitType
from hunan_business_env.rules.engineering import (
    ProjectStage,
    TreeMeasure,
    accessibility_in_step,
    construction_permit_allowed,
    tree_measure,
)
from hunan_business_env.rules.licences import PermitMode, planning_permit_mode
from hunan_business_env.schemas.projects import (
    CompletionAcceptanceIn,
    EngineeringProjectIn,
    EngineeringProjectOut,
    PlanningPermitOut,
    TreeCheckOut,
)
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, InvalidTransition
from hunan_shared.events.catalogue import ProjectAccepted
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(project: EngineeringProject, extra_basis=()) -> EngineeringProjectOut:
    measure = TreeMeasure(project.tree_measure)
    permit = construction_permit_allowed(measure, plan_filed_on=None, construction_start=None)
    basis = [Basis(**b) for b in project.tree_check_basis]
    basis += [b for b in (*extra_basis, *permit.basis) if b not in basis]
    return EngineeringProjectOut(
        **project.model_dump(
            exclude={
                "tree_check_outcome",
                "tree_check_reason",
                "tree_ids",
                "tree_check_basis",
                "tree_measure",
                "tree_checked_at",
                "project_type",
                "planning_permit_mode",
                "planning_review_elements",
            }
        ),
        planning_permit=PlanningPermitOut(
            project_type=project.project_type,
            mode=PermitMode(project.planning_permit_mode),
            review_elements=project.planning_review_elements or [],
        )
        if project.project_type and project.planning_permit_mode
        else None,
        tree_check=TreeCheckOut(
            outcome=project.tree_check_outcome,
            reason=project.tree_check_reason,
            tree_ids=project.tree_ids,
            measure=measure,
            construction_permit_allowed=permit.value,
            checked_at=project.tree_checked_at,
        ),
        basis=basis,
    )


def register(uow: UnitOfWork, cmd: EngineeringProjectIn, trees: TreesClient) -> EngineeringProjectOut:
    """Ask trees which habitat zones the footprint touches (before any write, so a trees outage writes nothing),
    then store the project with the measure the answer requires."""
    project_id = new_id()
    check = trees.habitat_check(cmd.footprint.model_dump(), cmd.tier.value, cmd.avoidable, project_id)
    measure = tree_measure(check.outcome)
    permit_basis: tuple = ()
    mode = listed = None
    if cmd.project_type:
        # Art. 28 para 4 (R57): the province-wide list decides review, commitment or exemption; unlisted → review
        listed = uow.session.exec(
            select(PlanningPermitType).where(PlanningPermitType.project_type == cmd.project_type)
        ).first()
        mode = planning_permit_mode(PermitMode(listed.mode) if listed else None)
        permit_basis = mode.basis
    now = clock.now()
    project = EngineeringProject(
        id=project_id,
        name=cmd.name,
        builder=cmd.builder,
        division_code=cmd.division_code,
        tier=cmd.tier.value,
        stage=cmd.stage.value,
        footprint=cmd.footprint.model_dump(),
        avoidable=cmd.avoidable,
        tree_check_outcome=check.outcome,
        tree_check_reason=check.reason,
        tree_ids=check.tree_ids,
        tree_check_basis=check.basis,
        tree_measure=measure.value,
        tree_checked_at=now,
        project_type=cmd.project_type,
        planning_permit_mode=mode.value.value if mode else None,
        planning_review_elements=(listed.review_elements if listed else []) if mode else None,
        created_at=now,
    )
    uow.session.add(project)
    uow.session.flush()
    out = _out(project, (*measure.basis, *permit_basis))
    uow.audit(
        "engineering_project.register",
        "engineering_project",
        project.id,
        after=out.model_dump(mode="json", exclude={"footprint", "basis"}),
    )
    return out


def accept(uow: UnitOfWork, project_id: str, cmd: CompletionAcceptanceIn) -> EngineeringProjectOut:
    """Completion acceptance (竣工验收): records whether the accessible facilities were designed, built and accepted
    with the main works (三同步, R68) and announces the result to the disabled persons' federation (disability)."""
    project = uow.repo(EngineeringProject).for_update(project_id)
    with uow.audited_change(
        "engineering_project.accept", project, render=lambda p: _out(p).model_dump(mode="json", exclude={"footprint"})
    ) as change:
        if project.accepted_on is not None:
            raise InvalidTransition(f"project {project_id} was accepted on {project.accepted_on}")
        if cmd.accepted_on > clock.now().date() or cmd.accepted_on < project.created_at.date():
            raise InvalidInput(f"accepted_on {cmd.accepted_on} must lie between registration and today")
        in_step = accessibility_in_step(cmd.accessibility_designed, cmd.accessibility_built, cmd.accessibility_accepted)
        project.stage = ProjectStage.COMPLETION_ACCEPTANCE
        project.accepted_on = cmd.accepted_on
        project.accessibility_missing = in_step.value
        uow.emit(
            ProjectAccepted(
                project_id=project.id,
                project_name=project.name,
                division_code=project.division_code,
                accepted_on=cmd.accepted_on,
                accessibility_missing=in_step.value,
                accepted_at=clock.now(),
            )
        )
        out = _out(project, in_step.basis)
        change.after = out.model_dump(mode="json", exclude={"footprint"})
    return out


def get(session: Session, project_id: str) -> EngineeringProjectOut:
    return _out(Repository(session, EngineeringProject).get(project_id))


def list_projects(
    session: Session, page: PageParams, division: str | None = None, outcome: str | None = None
) -> Page[EngineeringProjectOut]:
    query = select(EngineeringProject).order_by(EngineeringProject.created_at.desc(), EngineeringProject.id)
    if division:
        query = query.where(in_division(EngineeringProject.division_code, division))
    if outcome:
        query = query.where(EngineeringProject.tree_check_outcome == outcome)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _out)
