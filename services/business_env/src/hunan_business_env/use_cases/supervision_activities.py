"""Service layer of supervision activities and the on-site share (Art. 40; R81)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from hunan_business_env.models import SupervisionActivity
from hunan_business_env.rules.supervision_activities import Mode, on_site_share
from hunan_business_env.schemas.supervision_activities import ActivityIn, ActivityOut, ShareOut
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import InvalidInput
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: SupervisionActivity) -> ActivityOut:
    return ActivityOut.model_validate(row, from_attributes=True)


def record(uow: UnitOfWork, cmd: ActivityIn) -> ActivityOut:
    if cmd.carried_out_on > clock.now().date():
        raise InvalidInput("carried_out_on lies in the future")
    row = uow.repo(SupervisionActivity).add(SupervisionActivity(id=new_id(), **cmd.model_dump()))
    out = _out(row)
    uow.audit("supervision_activity.record", "supervision_activity", row.id, after=out.model_dump(mode="json"))
    return out


def list_activities(session: Session, page: PageParams, department: str | None) -> Page[ActivityOut]:
    where = [SupervisionActivity.department == department] if department else []
    return Repository(session, SupervisionActivity).page(
        page, *where, order_by=(SupervisionActivity.carried_out_on, SupervisionActivity.id), convert=_out
    )


def _modes(session: Session, department: str, year: int) -> list[Mode]:
    rows = session.exec(
        select(SupervisionActivity.mode).where(
            SupervisionActivity.department == department,
            SupervisionActivity.carried_out_on >= dt.date(year, 1, 1),
            SupervisionActivity.carried_out_on <= dt.date(year, 12, 31),
        )
    ).all()
    return [Mode(m) for m in rows]


def share(session: Session, department: str, year: int) -> ShareOut:
    current = _modes(session, department, year)
    previous = on_site_share(_modes(session, department, year - 1), None).value
    decision = on_site_share(current, previous)
    return ShareOut(
        department=department,
        year=year,
        activities=len(current),
        on_site_share=decision.value,
        previous_year_share=previous,
        reason=decision.reason,
        basis=list(decision.basis),
    )
