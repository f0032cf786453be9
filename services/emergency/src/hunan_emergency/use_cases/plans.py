"""Service layer for emergency plans of the 1+N+X system and their drills (W7): plan life cycle, drills with the
double-blind test (R49), the annual programme (R48) and the two-year comprehensive drill (R47)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlmodel import Session, col, func, select

from hunan_emergency.models import Drill, EmergencyPlan
from hunan_emergency.rules.plans import (
    DrillMode,
    DrillRecord,
    PlanTier,
    comprehensive_drill_due,
    drill_programme_gaps,
    effective_drill_mode,
    plan_system_problems,
)
from hunan_emergency.rules.workflows import (
    DrillAction,
    DrillState,
    PlanAction,
    PlanState,
    next_drill_state,
    next_plan_state,
)
from hunan_emergency.schemas.common import VerdictOut
from hunan_emergency.schemas.hidden_dangers import NoteIn
from hunan_emergency.schemas.plans import (
    ConductIn,
    DrillCheckOut,
    DrillIn,
    DrillOut,
    PlanActionIn,
    PlanIn,
    PlanOut,
    PlanSystemOut,
)
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.events.catalogue import DrillDue, DrillHeld
from hunan_shared.legal import Basis
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id

LIVE_PLAN = [PlanState.PUBLISHED.value, PlanState.REVISION_DUE.value, PlanState.REVISED.value]
DONE_DRILL = [DrillState.CONDUCTED.value, DrillState.EVALUATED.value, DrillState.REPORTED.value]


def _last_comprehensive(session: Session, plan_id: str) -> dt.date | None:
    return session.exec(
        select(func.max(Drill.conducted_on)).where(
            Drill.plan_id == plan_id,
            Drill.comprehensive == True,  # noqa: E712 - SQL expression, not a truth test
            col(Drill.state).in_(DONE_DRILL),
        )
    ).first()


def drill_check(session: Session, plan: EmergencyPlan, today: dt.date | None = None) -> DrillCheckOut | None:
    """R47 on a SPECIAL plan: two years from the last comprehensive drill, or from publication if never drilled."""
    if plan.tier != PlanTier.SPECIAL.value:
        return None
    today = today or clock.now().date()
    last = _last_comprehensive(session, plan.id)
    start = last or plan.published_on
    if start is None:
        return DrillCheckOut(
            last_comprehensive_drill=None,
            clock_from=None,
            due=None,
            overdue=None,
            reason="not yet published: the two-year clock has not started",
            basis=[],
        )
    decision = comprehensive_drill_due(start, today)
    reason = decision.reason if last else f"never drilled; from publication: {decision.reason}"
    return DrillCheckOut(
        last_comprehensive_drill=last,
        clock_from=start,
        due=decision.value.due,
        overdue=decision.value.overdue,
        reason=reason,
        basis=list(decision.basis),
    )


def _programme(session: Session, plan: EmergencyPlan) -> VerdictOut:
    drills = session.exec(
        select(Drill).where(Drill.plan_id == plan.id, col(Drill.state).in_(DONE_DRILL)).order_by(Drill.id)
    ).all()
    decision = drill_programme_gaps(
        plan.has_annual_drill_plan,
        [
            DrillRecord(
                d.id,
                d.state in (DrillState.EVALUATED.value, DrillState.REPORTED.value),
                d.state == DrillState.REPORTED.value,
            )
            for d in drills
        ],
    )
    return VerdictOut(
        rule="R48",
        value=list(decision.value),
        compliant=not decision.value,
        reason=decision.reason,
        basis=list(decision.basis),
    )


def _out(session: Session, plan: EmergencyPlan, basis: tuple[Basis, ...] = (), today: dt.date | None = None) -> PlanOut:
    return PlanOut(
        **plan.model_dump(exclude={"created_at"}),
        drill_check=drill_check(session, plan, today),
        programme_gaps=_programme(session, plan),
        basis=list(basis),
    )


def create(uow: UnitOfWork, cmd: PlanIn) -> PlanOut:
    plan = EmergencyPlan(id=new_id(), state=PlanState.DRAFT.value, created_at=clock.now(), **cmd.model_dump())
    uow.session.add(plan)
    uow.session.flush()
    out = _out(uow.session, plan)
    uow.audit("plan.create", "emergency_plan", plan.id, after=out)
    return out


def act(uow: UnitOfWork, plan_id: str, cmd: PlanActionIn) -> PlanOut:
    """W7 plan machine (next_plan_state): no approval without evaluation; publication starts the R47 clock."""
    plan = uow.repo(EmergencyPlan).for_update(plan_id)
    render = lambda p: _out(uow.session, p)  # noqa: E731
    with uow.audited_change(f"plan.{cmd.action}", plan, render=render, target_type="emergency_plan") as change:
        with rule_errors():
            transition = next_plan_state(PlanState(plan.state), PlanAction(cmd.action))
        plan.state = transition.value
        if transition.value is PlanState.PUBLISHED and plan.published_on is None:
            plan.published_on = cmd.on or clock.now().date()
        change.after = out = _out(uow.session, plan, transition.basis)
    return out


def get(session: Session, plan_id: str) -> PlanOut:
    return _out(session, Repository(session, EmergencyPlan).get(plan_id))


def list_plans(
    session: Session, page: PageParams, division: str | None, tier: str | None, state: str | None
) -> Page[PlanOut]:
    where = []
    if division:
        where.append(in_division(EmergencyPlan.division_code, division, below_county=True))
    if tier:
        where.append(EmergencyPlan.tier == tier)
    if state:
        where.append(EmergencyPlan.state == state)
    order = (col(EmergencyPlan.created_at).desc(), EmergencyPlan.id)
    return Repository(session, EmergencyPlan).page(page, *where, order_by=order, convert=lambda p: _out(session, p))


def overdue_drills(session: Session, page: PageParams, division: str | None, as_of: dt.date | None) -> Page[PlanOut]:
    """R47 report: live SPECIAL plans whose last comprehensive drill (or publication) is more than two years old.

    The due date depends on each plan's drills, so the live special plans are evaluated in id order and the
    overdue ones paginated (the set is small: one per hazard and government)."""
    as_of = as_of or clock.now().date()
    query = (
        select(EmergencyPlan)
        .where(EmergencyPlan.tier == PlanTier.SPECIAL.value, col(EmergencyPlan.state).in_(LIVE_PLAN))
        .order_by(EmergencyPlan.id)
    )
    if division:
        query = query.where(in_division(EmergencyPlan.division_code, division, below_county=True))
    overdue = []
    for plan in session.exec(query).all():
        check = drill_check(session, plan, as_of)
        if check is not None and check.overdue:
            overdue.append(plan)
    rows = overdue[page.offset : page.offset + page.limit + 1]
    return page.page(rows, lambda p: _out(session, p, today=as_of))


# --- drills ----------------------------------------------------------------------------------------------


def _drill_out(drill: Drill, basis: tuple[Basis, ...] = ()) -> DrillOut:
    return DrillOut(**drill.model_dump(exclude={"created_at"}), basis=list(basis))


def _drill_change(
    uow: UnitOfWork, drill_id: str, action: str, apply: Callable[[Drill], tuple[tuple[Basis, ...], dict | None]]
) -> DrillOut:
    """Lock the drill and apply one audited change; `apply` returns the basis and extra audit fields."""
    drill = uow.repo(Drill).for_update(drill_id)
    with uow.audited_change(action, drill, render=_drill_out) as change:
        basis, extra = apply(drill)
        out = _drill_out(drill, basis)
        change.after = {**out.model_dump(mode="json"), **extra} if extra else out
    return out


def plan_drill(uow: UnitOfWork, plan_id: str, cmd: DrillIn) -> DrillOut:
    """A drill in the annual programme (PLANNED); drills are held on plans that are not superseded."""
    plan = uow.repo(EmergencyPlan).for_update(plan_id)
    if plan.state == PlanState.SUPERSEDED.value:
        raise Conflict(f"plan {plan_id} is superseded")
    drill = Drill(
        id=new_id(), plan_id=plan_id, state=DrillState.PLANNED.value, created_at=clock.now(), **cmd.model_dump()
    )
    uow.session.add(drill)
    out = _drill_out(drill)
    uow.audit("drill.plan", "drill", drill.id, after=out)
    return out


def _advance(drill: Drill, action: DrillAction) -> tuple[Basis, ...]:
    with rule_errors():
        transition = next_drill_state(DrillState(drill.state), action)
    drill.state = transition.value
    return transition.basis


def conduct(uow: UnitOfWork, drill_id: str, cmd: ConductIn) -> DrillOut:
    """Record the drill held; a DOUBLE_BLIND drill that announced time, place or content is stored ANNOUNCED (R49)."""

    def apply(drill: Drill) -> tuple[tuple[Basis, ...], dict]:
        basis = _advance(drill, DrillAction.CONDUCT)
        mode = effective_drill_mode(
            DrillMode(cmd.mode),
            time_withheld=cmd.time_withheld,
            place_withheld=cmd.place_withheld,
            content_withheld=cmd.content_withheld,
        )
        drill.recorded_mode, drill.mode, drill.conducted_on = cmd.mode, mode.value, cmd.conducted_on
        plan = uow.repo(EmergencyPlan).get(drill.plan_id)
        uow.emit(
            DrillHeld(
                plan_id=plan.id,
                division_code=plan.division_code,
                tier=plan.tier,
                drill_id=drill.id,
                comprehensive=drill.comprehensive,
                mode=drill.mode,
                conducted_on=cmd.conducted_on,
            )
        )
        return basis + mode.basis, {"mode_reason": mode.reason}

    return _drill_change(uow, drill_id, "drill.conduct", apply)


def evaluate(uow: UnitOfWork, drill_id: str, cmd: NoteIn) -> DrillOut:
    def apply(drill: Drill) -> tuple[tuple[Basis, ...], None]:
        basis = _advance(drill, DrillAction.EVALUATE)
        drill.evaluation = cmd.note
        return basis, None

    return _drill_change(uow, drill_id, "drill.evaluate", apply)


def report(uow: UnitOfWork, drill_id: str, cmd: NoteIn) -> DrillOut:
    def apply(drill: Drill) -> tuple[tuple[Basis, ...], None]:
        basis = _advance(drill, DrillAction.REPORT)
        drill.report = cmd.note
        return basis, None

    return _drill_change(uow, drill_id, "drill.report", apply)


def get_drill(session: Session, drill_id: str) -> DrillOut:
    return _drill_out(Repository(session, Drill).get(drill_id))


def list_drills(session: Session, page: PageParams, plan_id: str) -> Page[DrillOut]:
    Repository(session, EmergencyPlan).get(plan_id)
    return Repository(session, Drill).page(
        page, Drill.plan_id == plan_id, order_by=(Drill.planned_on, Drill.id), convert=_drill_out
    )


def plan_system(session: Session, division: str) -> PlanSystemOut:
    """R46: the government of `division` has exactly one overall plan plus its special and departmental plans
    (superseded plans do not count)."""
    tiers = list(
        session.exec(
            select(EmergencyPlan.tier).where(
                EmergencyPlan.division_code == division, EmergencyPlan.state != PlanState.SUPERSEDED.value
            )
        ).all()
    )
    with rule_errors():
        decision = plan_system_problems(PlanTier(t) for t in tiers)
    return PlanSystemOut(
        division_code=division,
        overall=tiers.count(PlanTier.OVERALL.value),
        special=tiers.count(PlanTier.SPECIAL.value),
        departmental=tiers.count(PlanTier.DEPARTMENTAL.value),
        sound=not decision.value,
        problems=list(decision.value),
        reason=decision.reason,
        basis=list(decision.basis),
    )


def announce_overdue_drills(uow: UnitOfWork, as_of: dt.date | None = None, *, audit_empty: bool = True) -> list[str]:
    """R47 as an event: every live special plan whose comprehensive drill is overdue is announced (DrillDue) once
    per due date — a later drill moves the due date, and the next lapse is announced again. Run by the
    `drill-due` job (use_cases/expiry.py::announce_overdue_drills_job) and by the manual trigger
    `POST /v1/plans/overdue-drills/announcements`; without `audit_empty` (the job) a run that announced nothing
    leaves no trace."""
    as_of = as_of or clock.now().date()
    plans = uow.repo(EmergencyPlan).list(
        EmergencyPlan.tier == PlanTier.SPECIAL.value, col(EmergencyPlan.state).in_(LIVE_PLAN), order_by=EmergencyPlan.id
    )
    announced = []
    for plan in plans:
        check = drill_check(uow.session, plan, as_of)
        if check is None or not check.overdue or check.due is None or plan.drill_due_notified_for == check.due:
            continue
        plan.drill_due_notified_for = check.due
        uow.emit(
            DrillDue(
                plan_id=plan.id,
                division_code=plan.division_code,
                tier=plan.tier,
                due_on=check.due,
                notified_on=as_of,
            )
        )
        announced.append(plan.id)
    if announced or audit_empty:
        uow.audit("plan.drill_due", "emergency_plan", None, after={"announced": announced, "as_of": as_of.isoformat()})
    return announced
