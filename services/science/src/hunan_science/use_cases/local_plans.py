"""Service layer for local implementation plans and evaluations (四(一)2, 四(二)1, 四(四), W10)."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import Evaluation, LocalPlan
from hunan_science.rules.programmes import LocalPlanState, approve_local_plan
from hunan_science.schemas.local_plans import EvaluationIn, EvaluationOut, LocalPlanApproveIn, LocalPlanIn, LocalPlanOut
from hunan_science.use_cases import _registers
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: LocalPlan) -> LocalPlanOut:
    return LocalPlanOut(**row.model_dump())


def _evaluation(row: Evaluation) -> EvaluationOut:
    return EvaluationOut(**row.model_dump())


def draft(uow: UnitOfWork, cmd: LocalPlanIn) -> LocalPlanOut:
    if divisions.get(cmd.division_code).level is divisions.Level.PROVINCE:
        raise InvalidInput("a local plan belongs to a 市州 or a county (四(一)2)")
    if uow.repo(LocalPlan).list(LocalPlan.division_code == cmd.division_code):
        raise Conflict(f"{cmd.division_code} already has an implementation plan")
    row = LocalPlan(id=new_id(), **cmd.model_dump(), state=LocalPlanState.DRAFTED, created_at=clock.now())
    return _out(_registers.record(uow, row, "local_plan.draft"))


def approve(uow: UnitOfWork, plan_id: str, cmd: LocalPlanApproveIn) -> LocalPlanOut:
    plan = uow.repo(LocalPlan, noun="local plan").for_update(plan_id)
    with uow.audited_change("local_plan.approve", plan, render=_out):
        with rule_errors():
            plan.state = approve_local_plan(LocalPlanState(plan.state)).value
        plan.approved_on = cmd.approved_on
        uow.session.add(plan)
    return _out(plan)


def list_plans(session: Session, page: PageParams, state: str | None, division: str | None) -> Page[LocalPlanOut]:
    where = [LocalPlan.state == state] if state else []
    return _registers.page(
        session,
        LocalPlan,
        page,
        *where,
        convert=_out,
        division=division,
        order_by=(LocalPlan.division_code, LocalPlan.id),
    )


def evaluate(uow: UnitOfWork, cmd: EvaluationIn) -> EvaluationOut:
    row = Evaluation(id=new_id(), **cmd.model_dump(), recorded_at=clock.now())
    return _evaluation(_registers.record(uow, row, "evaluation.record"))


def list_evaluations(
    session: Session, page: PageParams, kind: str | None, year: int | None, division: str | None
) -> Page[EvaluationOut]:
    where = [Evaluation.kind == kind] if kind else []
    return _registers.page(
        session,
        Evaluation,
        page,
        *where,
        convert=_evaluation,
        division=division,
        year=year,
        order_by=(Evaluation.year.desc(), Evaluation.id),
    )
