"""HTTP routes for emergency plans of the 1+N+X system and their drills (W7, R47–R49)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.hidden_dangers import NoteIn
from hunan_emergency.schemas.plans import ConductIn, DrillIn, DrillOut, PlanActionIn, PlanIn, PlanOut, PlanSystemOut
from hunan_emergency.use_cases import plans
from hunan_shared import clock
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_shared.errors import InvalidInput

router = APIRouter(prefix="/v1/plans", tags=["plans and drills"])
drills_router = APIRouter(prefix="/v1/drills", tags=["plans and drills"])
WRITE = ["emergency:write"]
DIVISION = Query(None, pattern=r"^43\d{4}$")


@router.post(
    "",
    status_code=201,
    response_model=PlanOut,
    operation_id="createPlan",
    summary="Register an emergency plan (DRAFT) of the 1+N+X system",
)
def create(body: PlanIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: plans.create(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=Page[PlanOut],
    operation_id="listPlans",
    summary="Emergency plans (预案数据库)",
    dependencies=[reader("emergency:read")],
)
def list_plans(
    page: PageParams = Depends(page_params),
    division: str | None = DIVISION,
    tier: str | None = Query(None, max_length=30),
    state: str | None = Query(None, max_length=20),
    session: Session = Depends(db_session),
):
    return plans.list_plans(session, page, division, tier, state)


@router.get(
    "/overdue-drills",
    response_model=Page[PlanOut],
    operation_id="listPlansWithOverdueDrills",
    summary="Live special plans without a comprehensive drill in the last two years (R47)",
    dependencies=[reader("emergency:read")],
)
def overdue(
    page: PageParams = Depends(page_params),
    division: str | None = DIVISION,
    as_of: dt.date | None = Query(None, description="Check date (default today)"),
    session: Session = Depends(db_session),
):
    return plans.overdue_drills(session, page, division, as_of)


@router.post(
    "/overdue-drills/announcements",
    response_model=list[str],
    operation_id="announceOverdueDrills",
    summary="Announce each live special plan whose comprehensive drill is overdue (DrillDue), once per due date (R47)",
    description="A manual trigger of what the service's `drill-due` job does every hour by itself (ADR 0012): "
    "run it to announce at once, or for a past date after an outage. Idempotent with the job (once per due date); "
    "a date in the future is refused, since a lapse cannot be announced before it happens.",
)
def announce_overdue(
    as_of: dt.date | None = Query(None, description="Check date (default today; not in the future)"),
    write: Writer = Security(writer, scopes=WRITE),
):
    if as_of is not None and as_of > clock.now().date():
        raise InvalidInput(f"as_of {as_of} is in the future: a drill cannot be announced overdue before it is")
    return write.run(lambda uow: plans.announce_overdue_drills(uow, as_of))


@router.get(
    "/system",
    response_model=PlanSystemOut,
    operation_id="getPlanSystem",
    summary="One government's plan system: exactly one overall plan plus special and departmental plans (R46)",
    dependencies=[reader("emergency:read")],
)
def plan_system(
    division: str = Query(pattern=r"^43\d{4}(\d{3}(\d{3})?)?$", description="The government's division code"),
    session: Session = Depends(db_session),
):
    return plans.plan_system(session, division)


@router.get(
    "/{plan_id}",
    response_model=PlanOut,
    operation_id="getPlan",
    summary="One plan with its two-year drill check (R47) and drill programme gaps (R48)",
    dependencies=[reader("emergency:read")],
)
def get_plan(plan_id: str, session: Session = Depends(db_session)):
    return plans.get(session, plan_id)


@router.post(
    "/{plan_id}/actions",
    response_model=PlanOut,
    operation_id="actOnPlan",
    summary="Move the plan through its life cycle: evaluate, approve, publish, mark_revision_due, revise, supersede",
)
def act(plan_id: str, body: PlanActionIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: plans.act(uow, plan_id, body), body=body)


@router.post(
    "/{plan_id}/drills",
    status_code=201,
    response_model=DrillOut,
    operation_id="planDrill",
    summary="Put a drill on the plan's programme (PLANNED)",
)
def plan_drill(plan_id: str, body: DrillIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: plans.plan_drill(uow, plan_id, body), status_code=201, body=body)


@router.get(
    "/{plan_id}/drills",
    response_model=Page[DrillOut],
    operation_id="listPlanDrills",
    summary="The plan's drills",
    dependencies=[reader("emergency:read")],
)
def list_drills(plan_id: str, page: PageParams = Depends(page_params), session: Session = Depends(db_session)):
    return plans.list_drills(session, page, plan_id)


@drills_router.get(
    "/{drill_id}",
    response_model=DrillOut,
    operation_id="getDrill",
    summary="One drill",
    dependencies=[reader("emergency:read")],
)
def get_drill(drill_id: str, session: Session = Depends(db_session)):
    return plans.get_drill(session, drill_id)


@drills_router.post(
    "/{drill_id}/conduct",
    response_model=DrillOut,
    operation_id="conductDrill",
    summary="Record the drill held; double-blind only if time, place and content were withheld (R49)",
)
def conduct(drill_id: str, body: ConductIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: plans.conduct(uow, drill_id, body), body=body)


@drills_router.post(
    "/{drill_id}/evaluate",
    response_model=DrillOut,
    operation_id="evaluateDrill",
    summary="Record the drill's evaluation (演练评估)",
)
def evaluate(drill_id: str, body: NoteIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: plans.evaluate(uow, drill_id, body), body=body)


@drills_router.post(
    "/{drill_id}/report",
    response_model=DrillOut,
    operation_id="reportDrill",
    summary="Record the drill's report (定期报告)",
)
def report(drill_id: str, body: NoteIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: plans.report(uow, drill_id, body), body=body)
