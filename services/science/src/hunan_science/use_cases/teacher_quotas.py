"""Service layer for directed science-teacher training quotas (二(一)7, R4): each county's request and grant."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import TeacherQuota
from hunan_science.rules.programmes import directed_quota_met
from hunan_science.schemas.teacher_quotas import TeacherQuotaIn, TeacherQuotaOut
from hunan_science.use_cases import _registers
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import InvalidInput, rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: TeacherQuota) -> TeacherQuotaOut:
    return TeacherQuotaOut(**row.model_dump())


def record(uow: UnitOfWork, cmd: TeacherQuotaIn) -> TeacherQuotaOut:
    if divisions.get(cmd.division_code).level is not divisions.Level.COUNTY:
        raise InvalidInput("the directed quota is requested by a county (各县市区)")
    with rule_errors():
        decision = directed_quota_met(cmd.requested, cmd.granted)
    row = TeacherQuota(id=new_id(), **cmd.model_dump(), met=decision.value, recorded_at=clock.now())
    _registers.record(uow, row, "teacher_quota.record")
    return _out(row).model_copy(update={"reason": decision.reason, "basis": list(decision.basis)})


def list_quotas(
    session: Session, page: PageParams, year: int | None, division: str | None, met: bool | None
) -> Page[TeacherQuotaOut]:
    where = [TeacherQuota.met == met] if met is not None else []
    return _registers.page(
        session,
        TeacherQuota,
        page,
        *where,
        convert=_out,
        division=division,
        year=year,
        order_by=(TeacherQuota.year.desc(), TeacherQuota.division_code, TeacherQuota.id),
    )
