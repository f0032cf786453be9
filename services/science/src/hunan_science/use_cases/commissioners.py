"""Service layer for science and technology commissioners 科技特派员 (二(二)3, R7)."""

from __future__ import annotations

from sqlmodel import Session

from hunan_science.models import Commissioner
from hunan_science.schemas.commissioners import CommissionerIn, CommissionerOut
from hunan_science.use_cases import _registers
from hunan_shared import clock
from hunan_shared.api import Page, PageParams
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Commissioner) -> CommissionerOut:
    return CommissionerOut(**row.model_dump())


def record(uow: UnitOfWork, cmd: CommissionerIn) -> CommissionerOut:
    row = Commissioner(id=new_id(), **cmd.model_dump(), recorded_at=clock.now())
    return _out(_registers.record(uow, row, "commissioner.record"))


def list_commissioners(
    session: Session, page: PageParams, year: int | None, division: str | None
) -> Page[CommissionerOut]:
    return _registers.page(
        session,
        Commissioner,
        page,
        convert=_out,
        division=division,
        year=year,
        order_by=(Commissioner.recorded_at.desc(), Commissioner.id),
    )
