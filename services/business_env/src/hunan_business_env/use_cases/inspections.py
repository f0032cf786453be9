"""Service layer of 'double random, one public' inspections (W2, Arts. 37, 39): pools, annual plans, tasks whose
draw anyone can re-run, completion, and publication within 20 working days."""

from __future__ import annotations

import secrets

from sqlmodel import Session, select

from hunan_business_env.engines import draw as double_random
from hunan_business_env.models import Enterprise, InspectionPlan, InspectionTask, Inspector
from hunan_business_env.rules.deadlines import inspection_results_due, inspection_results_on_time
from hunan_business_env.rules.inspections import (
    Entity,
    TaskAction,
    TaskState,
    Weights,
    draw_population,
    next_task_state,
    withholding_allowed,
)
from hunan_business_env.schemas.inspections import (
    AssignmentOut,
    CompletionIn,
    DeadlineOut,
    DrawIn,
    InspectionPlanIn,
    InspectionPlanOut,
    InspectionTaskIn,
    InspectionTaskOut,
    InspectorIn,
    InspectorOut,
    PublicationIn,
    WithholdingIn,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidInput, NotFound, rule_errors
from hunan_shared.events.catalogue import InspectionResultsPublished, InspectionTaskSampled
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

# --- inspector pool ---------------------------------------------------------------------------------------


def _inspector_out(row: Inspector) -> InspectorOut:
    return InspectorOut.model_validate(row, from_attributes=True)


def add_inspector(uow: UnitOfWork, cmd: InspectorIn) -> InspectorOut:
    """Enter an inspector in the pool with the entities they must keep away from (回避)."""
    if uow.session.exec(select(Inspector).where(Inspector.certificate_no == cmd.certificate_no)).first():
        raise Conflict(f"certificate {cmd.certificate_no} is already in the inspector pool")
    row = uow.repo(Inspector).add(Inspector(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = _inspector_out(row)
    uow.audit("inspector.add", "inspector", row.id, after=out.model_dump(mode="json"))
    return out


def list_inspectors(session: Session, page: PageParams, division: str | None) -> Page[InspectorOut]:
    where = [in_division(Inspector.division_code, division)] if division else []
    return Repository(session, Inspector).page(page, *where, order_by=Inspector.certificate_no, convert=_inspector_out)


# --- plans ------------------------------------------------------------------------------------------------


def create_plan(uow: UnitOfWork, cmd: InspectionPlanIn) -> InspectionPlanOut:
    """Art. 39 / 第三十九条: one annual joint plan per division and year, across its departments."""
    existing = select(InspectionPlan).where(
        InspectionPlan.division_code == cmd.division_code, InspectionPlan.year == cmd.year
    )
    if uow.session.exec(existing).first():
        raise Conflict(f"division {cmd.division_code} already has a plan for {cmd.year}")
    row = uow.repo(InspectionPlan).add(InspectionPlan(id=new_id(), **cmd.model_dump(), created_at=clock.now()))
    out = InspectionPlanOut.model_validate(row, from_attributes=True)
    uow.audit("inspection_plan.create", "inspection_plan", row.id, after=out.model_dump(mode="json"))
    return out


def get_plan(session: Session, plan_id: str) -> InspectionPlanOut:
    return InspectionPlanOut.model_validate(Repository(session, InspectionPlan).get(plan_id), from_attributes=True)


# --- tasks --------------------------------------------------------------------------------------------------


def _task_out(session: Session, task: InspectionTask, basis=()) -> InspectionTaskOut:
    record = task.draw_record or {}
    entity_ids = [a["entity"] for a in record.get("result", [])]
    entities = {e.id: e for e in session.exec(select(Enterprise).where(Enterprise.id.in_(entity_ids))).all()}
    state = TaskState(task.state)
    today = clock.now().date()
    on_time = (
        inspection_results_on_time(task.completed_on, task.published_on).value
        if task.completed_on and task.published_on
        else None
    )
    return InspectionTaskOut(
        **task.model_dump(include={"id", "plan_id", "department", "items", "division_code", "sample_size"}),
        inspectors_per_entity=task.inspectors_per_entity,
        state=state,
        assignments=[
            AssignmentOut(
                entity_id=a["entity"],
                credit_code=entities[a["entity"]].credit_code,
                name=entities[a["entity"]].name,
                inspector_ids=a["inspectors"],
            )
            for a in record.get("result", [])
        ],
        excluded=task.excluded or {},
        seed=record.get("seed"),
        completed_on=task.completed_on,
        publish_due=DeadlineOut(date=task.publish_due, provisional=bool(task.publish_due_provisional))
        if task.publish_due
        else None,
        published_on=task.published_on,
        published_on_time=on_time,
        overdue=state is TaskState.COMPLETED and task.publish_due is not None and today > task.publish_due,
        results_summary=task.results_summary,
        withheld_basis=task.withheld_basis,
        basis=list(basis),
    )


def create_task(uow: UnitOfWork, cmd: InspectionTaskIn, settings: BusinessEnvSettings) -> InspectionTaskOut:
    plan = uow.repo(InspectionPlan).get(cmd.plan_id)
    if cmd.department not in plan.departments:
        raise InvalidInput(f"{cmd.department} is not a department of the {plan.year} plan: {plan.departments}")
    if not cmd.division_code.startswith(plan.division_code.rstrip("0")):
        raise InvalidInput(f"division {cmd.division_code} lies outside the plan's division {plan.division_code}")
    task = InspectionTask(
        id=new_id(),
        **cmd.model_dump(exclude={"inspectors_per_entity"}),
        inspectors_per_entity=cmd.inspectors_per_entity or settings.inspectors_per_entity,
        state=TaskState.PLANNED,
        created_at=clock.now(),
    )
    uow.repo(InspectionTask).add(task)
    out = _task_out(uow.session, task)
    uow.audit("inspection_task.create", "inspection_task", task.id, after=out.model_dump(mode="json"))
    return out


def _drawn_in_plan_for_overlapping_items(session: Session, task: InspectionTask) -> set[str]:
    others = session.exec(
        select(InspectionTask).where(InspectionTask.plan_id == task.plan_id, InspectionTask.id != task.id)
    ).all()
    drawn: set[str] = set()
    for other in others:
        if other.draw_record and set(other.items) & set(task.items):
            drawn.update(a["entity"] for a in other.draw_record["result"])
    return drawn


def draw(uow: UnitOfWork, task_id: str, cmd: DrawIn, settings: BusinessEnvSettings) -> InspectionTaskOut:
    """双随机: draw the entities (weighted by Art. 37) and their inspectors (free of conflicts); store and publish
    the record that lets anyone re-run the draw (engines/draw.py is the standalone verifier)."""
    task = uow.repo(InspectionTask).for_update(task_id)
    with uow.audited_change("inspection_task.draw", task, render=lambda t: _task_out(uow.session, t)) as change:
        with rule_errors():
            transition = next_task_state(TaskState(task.state), TaskAction.DRAW)
        rows = uow.session.exec(
            select(Enterprise).where(in_division(Enterprise.division_code, task.division_code))
        ).all()
        weights = Weights(
            settings.inspection_weight_reduced,
            settings.inspection_weight_baseline,
            settings.inspection_weight_increased,
            settings.inspection_weight_inclusive,
        )
        population = draw_population(
            [Entity(e.id, e.credit_class, e.risk_level, e.key_supervision, e.new_economy) for e in rows],
            _drawn_in_plan_for_overlapping_items(uow.session, task),
            weights,
        )
        if not population.value.included:
            raise InvalidInput(f"no entity of division {task.division_code} is eligible for the draw")
        by_credit_code = {e.credit_code: e.id for e in rows}
        inspectors = [
            double_random.Inspector(i.id, frozenset(by_credit_code[c] for c in i.conflicts if c in by_credit_code))
            for i in uow.session.exec(select(Inspector).where(in_division(Inspector.division_code, task.division_code)))
        ]
        candidates = [
            double_random.Candidate(id, weight, id in population.value.inclusive)
            for id, weight in population.value.included.items()
        ]
        seed = cmd.seed or secrets.token_hex(32)
        try:
            result = double_random.draw(
                seed, candidates, inspectors, task.sample_size, task.inspectors_per_entity, weights.inclusive
            )
        except double_random.DrawError as exc:
            raise InvalidInput(str(exc)) from None
        task.draw_record = double_random.record(
            seed, candidates, inspectors, task.sample_size, task.inspectors_per_entity, result, weights.inclusive
        )
        task.excluded = population.value.excluded
        task.state = transition.value
        task.drawn_at = clock.now()
        uow.emit(
            InspectionTaskSampled(
                task_id=task.id,
                plan_id=task.plan_id,
                department=task.department,
                division_code=task.division_code,
                items=task.items,
                entity_credit_codes=[e.credit_code for e in rows if e.id in {a.entity for a in result}],
                algorithm=double_random.ALGORITHM,
                seed=seed,
                drawn_at=task.drawn_at,
            )
        )
        change.after = out = _task_out(uow.session, task, transition.basis + population.basis)
    return out


def complete(uow: UnitOfWork, task_id: str, cmd: CompletionIn) -> InspectionTaskOut:
    """抽查任务完成: the 20 working days of Art. 39 start the next working day."""
    task = uow.repo(InspectionTask).for_update(task_id)
    with uow.audited_change("inspection_task.complete", task, render=lambda t: _task_out(uow.session, t)) as change:
        with rule_errors():
            transition = next_task_state(TaskState(task.state), TaskAction.COMPLETE)
        if task.drawn_at is not None and cmd.completed_on < task.drawn_at.date():
            raise InvalidInput(f"completed_on {cmd.completed_on} precedes the draw on {task.drawn_at.date()}")
        if cmd.completed_on > clock.now().date():
            raise InvalidInput("completed_on lies in the future")
        due = inspection_results_due(cmd.completed_on)
        task.state = transition.value
        task.completed_on = cmd.completed_on
        task.publish_due = due.value.date
        task.publish_due_provisional = due.value.provisional
        change.after = out = _task_out(uow.session, task, transition.basis + due.basis)
    return out


def publish(uow: UnitOfWork, task_id: str, cmd: PublicationIn) -> InspectionTaskOut:
    """一公开: publish the results; on time when on or before the due date (late is recorded, not refused)."""
    task = uow.repo(InspectionTask).for_update(task_id)
    with uow.audited_change("inspection_task.publish", task, render=lambda t: _task_out(uow.session, t)) as change:
        with rule_errors():
            transition = next_task_state(TaskState(task.state), TaskAction.PUBLISH)
        assert task.completed_on is not None  # COMPLETED has it
        if cmd.published_on < task.completed_on or cmd.published_on > clock.now().date():
            raise InvalidInput(f"published_on {cmd.published_on} must lie between completion and today")
        on_time = inspection_results_on_time(task.completed_on, cmd.published_on)
        task.state = transition.value
        task.published_on = cmd.published_on
        task.results_summary = cmd.results_summary
        uow.emit(
            InspectionResultsPublished(
                task_id=task.id,
                division_code=task.division_code,
                department=task.department,
                completed_on=task.completed_on,
                published_on=cmd.published_on,
                on_time=on_time.value,
                results_summary=cmd.results_summary,
            )
        )
        change.after = out = _task_out(uow.session, task, transition.basis + on_time.basis)
    return out


def withhold(uow: UnitOfWork, task_id: str, cmd: WithholdingIn) -> InspectionTaskOut:
    """Results not disclosed because the law makes disclosure inappropriate; the legal ground is required."""
    task = uow.repo(InspectionTask).for_update(task_id)
    with uow.audited_change("inspection_task.withhold", task, render=lambda t: _task_out(uow.session, t)) as change:
        with rule_errors():
            transition = next_task_state(TaskState(task.state), TaskAction.WITHHOLD)
            allowed = withholding_allowed(cmd.legal_basis)
        task.state = transition.value
        task.withheld_basis = cmd.legal_basis.strip()
        change.after = out = _task_out(uow.session, task, transition.basis + allowed.basis)
    return out


def get_task(session: Session, task_id: str) -> InspectionTaskOut:
    return _task_out(session, Repository(session, InspectionTask).get(task_id))


def draw_record(session: Session, task_id: str) -> dict:
    task = Repository(session, InspectionTask).get(task_id)
    if task.draw_record is None:
        raise NotFound(f"inspection task {task_id} has not been drawn yet")
    return task.draw_record


def list_tasks(
    session: Session, page: PageParams, plan_id: str | None, state: TaskState | None
) -> Page[InspectionTaskOut]:
    where = []
    if plan_id:
        where.append(InspectionTask.plan_id == plan_id)
    if state:
        where.append(InspectionTask.state == state)
    return Repository(session, InspectionTask).page(
        page, *where, order_by=InspectionTask.created_at, convert=lambda t: _task_out(session, t)
    )
