"""Service layer of the electronic efficiency supervision 行政效能电子监察 (Art. 26 para 2, R49): accepted
applications for catalogue service items, their real-time status against the promised limit, and the evaluation."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from hunan_business_env.models import ServiceApplication, ServiceItem
from hunan_business_env.rules.efficiency import (
    ApplicationState,
    EfficiencyStatus,
    application_due,
    efficiency_evaluation,
    efficiency_status,
)
from hunan_business_env.schemas.common import DeadlineOut
from hunan_business_env.schemas.service_applications import (
    DecisionIn,
    EfficiencyOut,
    ServiceApplicationIn,
    ServiceApplicationOut,
)
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.db import in_division
from hunan_shared.errors import InvalidInput, InvalidTransition
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id
from hunan_shared.workdays import add_working_days


def status_of(row: ServiceApplication, today: dt.date, warning_working_days: int):
    return efficiency_status(row.due, row.decided_on, today, warning_working_days)


def _out(row: ServiceApplication, warning_working_days: int, basis=()) -> ServiceApplicationOut:
    status = status_of(row, clock.now().date(), warning_working_days)
    return ServiceApplicationOut(
        **row.model_dump(exclude={"due", "due_provisional", "due_soon_announced", "overdue_announced", "created_at"}),
        due=DeadlineOut(date=row.due, provisional=row.due_provisional),
        status=status.value,
        basis=list(basis) or list(status.basis),
    )


def accept(uow: UnitOfWork, cmd: ServiceApplicationIn, settings: BusinessEnvSettings) -> ServiceApplicationOut:
    """Art. 26 para 2 / 第二十六条第二款 (R49): record an accepted application with the due day of its item's
    promised time limit; the supervision runs from acceptance."""
    item = uow.session.exec(
        select(ServiceItem).where(ServiceItem.code == cmd.item_code, ServiceItem.division == cmd.item_division)
    ).first()
    if item is None:
        raise InvalidInput(f"service item {cmd.item_code} has no catalogue entry for {cmd.item_division}")
    if not cmd.handling_division_code.startswith(cmd.item_division.rstrip("0")):
        raise InvalidInput(f"division {cmd.handling_division_code} lies outside the entry's {cmd.item_division}")
    if cmd.accepted_on > clock.now().date():
        raise InvalidInput("accepted_on lies in the future")
    due = application_due(cmd.accepted_on, item.time_limit_working_days)
    row = ServiceApplication(
        id=new_id(),
        **cmd.model_dump(mode="python"),
        department=item.department,
        time_limit_working_days=item.time_limit_working_days,
        due=due.value.date,
        due_provisional=due.value.provisional,
        state=ApplicationState.ACCEPTED.value,
        created_at=clock.now(),
    )
    uow.repo(ServiceApplication).add(row)
    out = _out(row, settings.efficiency_warning_working_days, due.basis)
    uow.audit("service_application.accept", "service_application", row.id, after=out.model_dump(mode="json"))
    return out


def decide(
    uow: UnitOfWork, application_id: str, cmd: DecisionIn, settings: BusinessEnvSettings
) -> ServiceApplicationOut:
    """办结: recorded once; on time when on or before the due day (late is recorded, not refused)."""
    row = uow.repo(ServiceApplication).for_update(application_id)
    if row.state == ApplicationState.DECIDED:
        raise InvalidTransition(f"application {application_id} was decided on {row.decided_on}")
    if cmd.decided_on < row.accepted_on or cmd.decided_on > clock.now().date():
        raise InvalidInput(f"decided_on {cmd.decided_on} must lie between acceptance ({row.accepted_on}) and today")
    render = lambda r: _out(r, settings.efficiency_warning_working_days).model_dump(mode="json")  # noqa: E731
    with uow.audited_change("service_application.decide", row, render=render):
        row.state = ApplicationState.DECIDED.value
        row.decided_on = cmd.decided_on
        uow.session.add(row)
    return _out(row, settings.efficiency_warning_working_days)


def get(session: Session, application_id: str, settings: BusinessEnvSettings) -> ServiceApplicationOut:
    return _out(Repository(session, ServiceApplication).get(application_id), settings.efficiency_warning_working_days)


def _query(division: str | None, item_code: str | None):
    query = select(ServiceApplication)
    if division:
        query = query.where(in_division(ServiceApplication.handling_division_code, division))
    if item_code:
        query = query.where(ServiceApplication.item_code == item_code)
    return query


def list_applications(
    session: Session,
    page: PageParams,
    settings: BusinessEnvSettings,
    division: str | None,
    item_code: str | None,
    status: EfficiencyStatus | None,
) -> Page[ServiceApplicationOut]:
    """Real-time monitoring: with `status` the open applications due soon or overdue (or any status) are listed."""
    query = _query(division, item_code).order_by(ServiceApplication.due, ServiceApplication.id)
    warning = settings.efficiency_warning_working_days
    if status is None:
        rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
        return page.page(list(rows), lambda r: _out(r, warning))
    # the open statuses as date ranges on `due` (exactly efficiency_status's boundaries, so the database pages)
    today = clock.now().date()
    open_, decided = ServiceApplication.state == ApplicationState.ACCEPTED.value, ServiceApplication.decided_on
    warning_ends = add_working_days(today, warning + 1).date  # due before it ⇔ at most `warning` working days left
    condition = {
        EfficiencyStatus.OVERDUE: open_ & (ServiceApplication.due < today),
        EfficiencyStatus.DUE_SOON: open_ & (ServiceApplication.due >= today) & (ServiceApplication.due < warning_ends),
        EfficiencyStatus.ON_TIME: open_ & (ServiceApplication.due >= warning_ends),
        EfficiencyStatus.DONE_ON_TIME: col(decided).is_not(None) & (decided <= ServiceApplication.due),
        EfficiencyStatus.DONE_LATE: col(decided).is_not(None) & (decided > ServiceApplication.due),
    }[status]
    rows = session.exec(query.where(condition).offset(page.offset).limit(page.limit + 1)).all()
    return page.page(list(rows), lambda r: _out(r, warning))


def evaluate(
    session: Session, settings: BusinessEnvSettings, division: str | None, item_code: str | None
) -> EfficiencyOut:
    """效能评价 (Art. 26 para 2): counts per status and the on-time share of decided applications."""
    today = clock.now().date()
    warning = settings.efficiency_warning_working_days
    rows = session.exec(_query(division, item_code)).all()
    evaluation = efficiency_evaluation(status_of(r, today, warning).value for r in rows)
    return EfficiencyOut(
        as_of=today,
        counts=evaluation.value.counts,
        decided=evaluation.value.decided,
        on_time_rate=evaluation.value.on_time_rate,
        warning_working_days=warning,
        basis=list(evaluation.basis),
    )
