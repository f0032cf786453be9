"""Service layer of the market-access barrier feedback channel (Art. 9, R10): receive, respond, read."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import BarrierReport
from hunan_business_env.rules.barrier_reports import BarrierState, may_respond, response_due
from hunan_business_env.schemas.barrier_reports import BarrierReportIn, BarrierReportOut, BarrierResponseIn
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, InvalidTransition
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: BarrierReport, basis=()) -> BarrierReportOut:
    overdue = row.state == BarrierState.RECEIVED and clock.now().date() > row.due
    return BarrierReportOut(
        **row.model_dump(exclude={"due", "due_provisional"}),
        due=DeadlineOut(date=row.due, provisional=row.due_provisional),
        overdue=overdue,
        basis=list(basis),
    )


def receive(uow: UnitOfWork, cmd: BarrierReportIn, settings: BusinessEnvSettings) -> BarrierReportOut:
    """Art. 9 / 第九条 (R10): the report is recorded with the date its response is due."""
    if cmd.received_on > clock.now().date():
        raise InvalidInput("received_on lies in the future")
    due = response_due(cmd.received_on, settings.barrier_response_working_days)
    row = BarrierReport(
        id=new_id(),
        **cmd.model_dump(mode="python", exclude={"kind"}),
        kind=cmd.kind.value,
        due=due.value.date,
        due_provisional=due.value.provisional,
        state=BarrierState.RECEIVED.value,
        created_at=clock.now(),
    )
    uow.repo(BarrierReport).add(row)
    out = _out(row, due.basis)
    uow.audit("barrier_report.receive", "barrier_report", row.id, after=out.model_dump(mode="json"))
    return out


def respond(uow: UnitOfWork, report_id: str, cmd: BarrierResponseIn) -> BarrierReportOut:
    """Art. 9 / 第九条 (R10): the recorded response (处理回应), once."""
    row = uow.repo(BarrierReport).for_update(report_id)
    decision = may_respond(BarrierState(row.state), row.received_on, cmd.responded_on)
    if not decision.value:
        if row.state == BarrierState.RESPONDED:
            raise InvalidTransition(decision.reason, basis=decision.basis)
        raise InvalidInput(decision.reason)
    if cmd.responded_on > clock.now().date():
        raise InvalidInput("responded_on lies in the future")
    render = lambda r: _out(r).model_dump(mode="json")  # noqa: E731
    with uow.audited_change("barrier_report.respond", row, render=render):
        row.state = BarrierState.RESPONDED.value
        row.response, row.barrier_removed, row.responded_on = cmd.response, cmd.barrier_removed, cmd.responded_on
        uow.session.add(row)
    return _out(row, decision.basis)


def get(session: Session, report_id: str) -> BarrierReportOut:
    return _out(Repository(session, BarrierReport).get(report_id))


def list_reports(
    session: Session, page: PageParams, division: str | None, state: BarrierState | None
) -> Page[BarrierReportOut]:
    query = select(BarrierReport).order_by(BarrierReport.created_at.desc(), BarrierReport.id)
    if division:
        query = query.where(in_division(BarrierReport.division_code, division))
    if state:
        query = query.where(BarrierReport.state == state.value)
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), _out)
