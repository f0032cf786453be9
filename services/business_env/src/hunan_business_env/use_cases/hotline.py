"""Service layer of 12345 enterprise-seat appeals (Art. 35, W11): intake routes an appeal alleging damage to the
business environment into the complaints ledger (W1, with its working-day handling deadline); any other appeal is
dispatched to the department with a time limit, handled, rated and closed."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import Complaint, HotlineAppeal
from hunan_business_env.rules.hotline import AppealAction, AppealState, Route, next_state, route
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.schemas.complaints import ComplaintIn, ComplaintSource
from hunan_business_env.schemas.hotline import AppealIn, AppealOut, AppealStepIn
from hunan_business_env.settings import BusinessEnvSettings
from hunan_business_env.use_cases import complaints
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import Conflict, InvalidInput, rule_errors
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_shared.workdays import add_working_days


def _out(session: Session, row: HotlineAppeal, basis=()) -> AppealOut:
    complaint = session.get(Complaint, row.complaint_id) if row.complaint_id else None
    if complaint is not None:
        # A ledger case lives by the complaint: its deadline and whether it is overdue are the complaint's.
        ledger = complaints.get(session, complaint.id)
        due, overdue = ledger.handling_due, ledger.overdue
    else:
        due = DeadlineOut(date=row.handling_due, provisional=row.handling_due_provisional)
        overdue = row.state == AppealState.DISPATCHED and clock.now().date() > row.handling_due
    return AppealOut(
        **row.model_dump(exclude={"handling_due", "handling_due_provisional", "overdue_announced"}),
        complaint_state=complaint.state if complaint else None,
        handling_due=due,
        overdue=overdue,
        basis=list(basis),
    )


def receive(uow: UnitOfWork, cmd: AppealIn, settings: BusinessEnvSettings) -> AppealOut:
    """Art. 35 / 第三十五条 (R74): the enterprise seat takes the appeal at any hour and routes it (分类处置、分办)."""
    if uow.session.exec(select(HotlineAppeal).where(HotlineAppeal.ticket_no == cmd.ticket_no)).first():
        raise Conflict(f"work order {cmd.ticket_no} was already taken")
    with rule_errors():
        routing = route(cmd.damages_business_environment, cmd.dispatched_to)
    received_on = cmd.received_at.astimezone(clock.SHANGHAI).date()  # the working day in Hunan
    basis = list(routing.basis)
    row = HotlineAppeal(
        id=new_id(),
        **cmd.model_dump(mode="json", exclude={"received_at", "dispatched_to"}),
        received_at=cmd.received_at,
        route=routing.value.value,
        created_at=clock.now(),
        handling_due=received_on,
        handling_due_provisional=False,
        state=AppealState.DISPATCHED.value,
    )
    if routing.value is Route.COMPLAINTS_LEDGER:
        if cmd.dispatched_to is not None:
            raise InvalidInput("a ledger case is handled by the competent department of the respondent's division")
        opened = complaints.open_account(
            uow,
            ComplaintIn(
                source=ComplaintSource.HOTLINE_12345,
                complainant=cmd.enterprise,
                respondent=cmd.respondent,
                respondent_division_code=cmd.respondent_division_code,
                allegation=f"[12345 {cmd.ticket_no}] {cmd.content}",
                received_on=received_on,
            ),
            settings,
        )
        row.complaint_id = opened.id
        row.state = AppealState.IN_LEDGER.value
        row.handling_due, row.handling_due_provisional = opened.handling_due.date, opened.handling_due.provisional
        basis += [b for b in opened.basis if b not in basis]
    else:
        row.dispatched_to = cmd.dispatched_to
        due = add_working_days(received_on, settings.hotline_handling_working_days)
        row.handling_due, row.handling_due_provisional = due.date, due.provisional
    uow.repo(HotlineAppeal).add(row)
    out = _out(uow.session, row, basis)
    uow.audit("hotline_appeal.receive", "hotline_appeal", row.id, after=out.model_dump(mode="json"))
    return out


def step(uow: UnitOfWork, appeal_id: str, cmd: AppealStepIn) -> AppealOut:
    """W11: handled (限时办结) → rated (评价) → closed; a ledger case takes its steps on the complaint (409 here)."""
    row = uow.repo(HotlineAppeal).for_update(appeal_id)
    with rule_errors():
        decision = next_state(AppealState(row.state), cmd.action)
    if cmd.on < row.received_at.astimezone(clock.SHANGHAI).date():
        raise InvalidInput("a step cannot precede the appeal")
    render = lambda r: _out(uow.session, r).model_dump(mode="json")  # noqa: E731
    with uow.audited_change(f"hotline_appeal.{cmd.action.value.lower()}", row, render=render):
        if cmd.action is AppealAction.HANDLE:
            row.result = cmd.note
        elif cmd.action is AppealAction.EVALUATE:
            row.rating = cmd.rating
        row.state = decision.value.value
        uow.session.add(row)
    return _out(uow.session, row, decision.basis)


def get(session: Session, appeal_id: str) -> AppealOut:
    return _out(session, Repository(session, HotlineAppeal).get(appeal_id))


def list_appeals(
    session: Session, page: PageParams, division: str | None, state: AppealState | None
) -> Page[AppealOut]:
    where = []
    if division:
        where.append(in_division(HotlineAppeal.respondent_division_code, division))
    if state:
        where.append(HotlineAppeal.state == state.value)
    return Repository(session, HotlineAppeal).page(
        page,
        *where,
        order_by=(HotlineAppeal.created_at.desc(), HotlineAppeal.id),
        convert=lambda r: _out(session, r),
    )
