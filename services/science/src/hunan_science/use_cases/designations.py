"""Service layer for designations counted by the targets (S11–S17, S22, S24, R26)."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_science.models import Designation
from hunan_science.rules.programmes import PER_DIVISION, designation_division
from hunan_science.schemas.designations import DesignationIn, DesignationOut
from hunan_science.use_cases import _registers
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, rule_errors
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: Designation) -> DesignationOut:
    return DesignationOut(**row.model_dump())


def record(uow: UnitOfWork, cmd: DesignationIn) -> DesignationOut:
    with rule_errors():
        designation_division(cmd.kind, divisions.get(cmd.division_code).level.value)
    if cmd.kind in PER_DIVISION:
        existing = uow.session.exec(
            select(Designation.id).where(Designation.kind == cmd.kind, Designation.division_code == cmd.division_code)
        ).first()
        if existing is not None:
            raise Conflict(f"{cmd.division_code} already holds {cmd.kind.value} ({existing})")
    row = Designation(id=new_id(), **cmd.model_dump(), recorded_at=clock.now())
    return _out(_registers.record(uow, row, "designation.record"))


def list_designations(
    session: Session, page: PageParams, kind: str | None, year: int | None, division: str | None
) -> Page[DesignationOut]:
    where = [Designation.kind == kind] if kind else []
    return _registers.page(
        session,
        Designation,
        page,
        *where,
        convert=_out,
        division=division,
        year=year,
        order_by=(Designation.recorded_at.desc(), Designation.id),
    )
