"""Service layer of business-environment evaluations (Art. 6, W3): organised by the province only, commissioned to
a third party, approved by the provincial government before feedback, problems rectified by the regions."""

from __future__ import annotations

from sqlmodel import Session

from hunan_business_env.models import Evaluation
from hunan_business_env.rules.evaluations import (
    ART6_RECTIFY,
    EvaluationAction,
    EvaluationState,
    evaluator_allowed,
    may_organise,
    next_state,
)
from hunan_business_env.schemas.evaluations import EvaluationIn, EvaluationOut, EvaluationStepIn, RectificationIn
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import InvalidInput, InvalidTransition, NotFound, rule_errors
from hunan_shared.events.catalogue import EvaluationFedBack
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_shared.workdays import add_working_days


def _out(row: Evaluation, basis=()) -> EvaluationOut:
    return EvaluationOut(**row.model_dump(), basis=list(basis))


def _render(row: Evaluation) -> dict:
    return _out(row).model_dump(mode="json")


def organise(uow: UnitOfWork, cmd: EvaluationIn) -> EvaluationOut:
    """Art. 6 / 第六条 (R5, B1a): a city or county evaluation is refused (evaluation-not-permitted), nothing written."""
    with rule_errors():
        decision = may_organise(cmd.organiser_level.value)
    row = Evaluation(
        id=new_id(),
        **cmd.model_dump(mode="json"),
        state=EvaluationState.INDICATORS_ADOPTED.value,
        problems=[],
        created_at=clock.now(),
    )
    uow.repo(Evaluation).add(row)
    out = _out(row, decision.basis)
    uow.audit("evaluation.organise", "evaluation", row.id, after=out.model_dump(mode="json"))
    return out


def step(uow: UnitOfWork, evaluation_id: str, cmd: EvaluationStepIn, settings: BusinessEnvSettings) -> EvaluationOut:
    """W3: one step in order; FED_BACK before PROVINCE_APPROVED is refused (B1b); closing needs every problem
    rectified (R6)."""
    row = uow.repo(Evaluation).for_update(evaluation_id)
    open_problems = sum(1 for p in row.problems if p.get("rectified_on") is None)
    with rule_errors():
        decision = next_state(EvaluationState(row.state), cmd.action, open_problems)
        basis = list(decision.basis)
        if cmd.action is EvaluationAction.COMMISSION:
            assert cmd.evaluator_kind is not None
            basis += list(evaluator_allowed(cmd.evaluator_kind).basis)
    if cmd.on > clock.now().date():
        raise InvalidInput("the step date lies in the future")
    if cmd.action is EvaluationAction.SUBMIT_REPORT:
        assert cmd.problems is not None
        strangers = sorted({p.region for p in cmd.problems} - set(row.regions))
        if strangers:
            raise InvalidInput(f"problems for regions not evaluated: {strangers}")
    with uow.audited_change(f"evaluation.{cmd.action.value.lower()}", row, render=_render):
        if cmd.action is EvaluationAction.COMMISSION:
            row.evaluator = cmd.evaluator
        elif cmd.action is EvaluationAction.SUBMIT_REPORT:
            assert cmd.problems is not None
            row.problems = [{"seq": i, **p.model_dump()} for i, p in enumerate(cmd.problems, start=1)]
        elif cmd.action is EvaluationAction.APPROVE:
            row.approval_ref, row.approved_on = cmd.approval_ref, cmd.on
        elif cmd.action is EvaluationAction.FEED_BACK:
            due = add_working_days(cmd.on, settings.evaluation_rectification_working_days)
            row.fed_back_on = cmd.on
            row.rectification_due, row.rectification_due_provisional = due.date, due.provisional
            uow.emit(
                EvaluationFedBack(
                    evaluation_id=row.id,
                    year=row.year,
                    division_codes=row.regions,
                    problems=len(row.problems),
                    approval_ref=row.approval_ref or "",
                    rectification_due=due.date,
                    fed_back_at=clock.now(),
                )
            )
        row.state = decision.value.value
        uow.session.add(row)
    return _out(row, basis)


def rectify(uow: UnitOfWork, evaluation_id: str, seq: int, cmd: RectificationIn) -> EvaluationOut:
    """Art. 6 / 第六条 (R6): a region records the measure it adjusted for one problem of the list."""
    row = uow.repo(Evaluation).for_update(evaluation_id)
    if row.state != EvaluationState.RECTIFYING:
        raise InvalidTransition(
            f"problems are rectified after feedback; the evaluation is {row.state}", basis=(ART6_RECTIFY,)
        )
    if not any(p["seq"] == seq for p in row.problems):
        raise NotFound(f"evaluation {evaluation_id} has no problem {seq}")
    if row.fed_back_on and cmd.rectified_on < row.fed_back_on:
        raise InvalidInput("a rectification cannot precede the feedback")
    with uow.audited_change("evaluation.rectify", row, render=_render):
        row.problems = [
            {**p, "measure": cmd.measure, "rectified_on": cmd.rectified_on.isoformat()} if p["seq"] == seq else p
            for p in row.problems
        ]
        uow.session.add(row)
    return _out(row, (ART6_RECTIFY,))


def get(session: Session, evaluation_id: str) -> EvaluationOut:
    return _out(Repository(session, Evaluation).get(evaluation_id))


def list_evaluations(session: Session, page: PageParams, year: int | None) -> Page[EvaluationOut]:
    where = [Evaluation.year == year] if year else []
    return Repository(session, Evaluation).page(
        page, *where, order_by=(Evaluation.created_at.desc(), Evaluation.id), convert=_out
    )
