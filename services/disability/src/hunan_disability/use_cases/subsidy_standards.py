"""Service layer for the dated subsidy standards (R7 补贴标准动态调整), inherited county → prefecture → province."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_disability.models import SubsidyPayment, SubsidyStandard
from hunan_disability.rules.subsidies import (
    SubsidyProgram,
)
from hunan_disability.schemas.subsidy_standards import StandardIn, StandardOut, StandardPatch
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _standard_out(row: SubsidyStandard) -> StandardOut:
    return StandardOut(**row.model_dump())


def _standard(session: Session, standard_id: str) -> SubsidyStandard:
    return Repository(session, SubsidyStandard).get(standard_id)


def create_standard(uow: UnitOfWork, cmd: StandardIn) -> StandardOut:
    clash = uow.session.exec(
        select(SubsidyStandard.id).where(
            SubsidyStandard.program == cmd.program.value,
            SubsidyStandard.division_code == cmd.division_code,
            SubsidyStandard.effective_from == cmd.effective_from,
        )
    ).first()
    if clash:
        raise Conflict(f"standard {clash} already takes effect for this programme and division on that day")
    row = SubsidyStandard(
        id=new_id(),
        program=cmd.program.value,
        division_code=cmd.division_code,
        amount=cmd.amount,
        effective_from=cmd.effective_from,
        reference=cmd.reference,
        created_at=clock.now(),
    )
    uow.repo(SubsidyStandard).add(row)
    out = _standard_out(row)
    uow.audit("subsidy_standard.create", "subsidy_standard", row.id, after=out)
    return out


def _refuse_if_paid(session: Session, row: SubsidyStandard, verb: str) -> None:
    """History stays true: a standard already used by a payroll is not edited; a new dated one supersedes it."""
    month = session.exec(select(SubsidyPayment.month).where(SubsidyPayment.standard_id == row.id)).first()
    if month:
        raise Conflict(f"cannot {verb} standard {row.id}: payroll {month} paid with it; add a new dated standard")


def update_standard(uow: UnitOfWork, standard_id: str, cmd: StandardPatch) -> StandardOut:
    row = _standard(uow.session, standard_id)
    _refuse_if_paid(uow.session, row, "change")
    with uow.audited_change("subsidy_standard.update", row, render=_standard_out):
        for field, value in cmd.model_dump(exclude_unset=True, exclude_none=True).items():
            setattr(row, field, value)
        uow.session.add(row)
    return _standard_out(row)


def delete_standard(uow: UnitOfWork, standard_id: str) -> dict[str, str]:
    row = _standard(uow.session, standard_id)
    _refuse_if_paid(uow.session, row, "delete")
    before = _standard_out(row)
    uow.session.delete(row)
    uow.session.flush()
    uow.audit("subsidy_standard.delete", "subsidy_standard", standard_id, before=before)
    return {"deleted": standard_id}


def applicable_levels(division: str) -> list[str]:
    """The division and every division above it: the standards that can apply there (county → prefecture → province)."""
    try:
        return [divisions.get(division).code, *divisions.ancestors(division)]
    except divisions.UnknownDivision as exc:
        raise InvalidInput(f"division {exc} is not a Hunan division code (GB/T 2260)") from None


def get_standard(session: Session, standard_id: str) -> StandardOut:
    return _standard_out(_standard(session, standard_id))


def list_standards(
    session: Session, page: PageParams, program: SubsidyProgram | None = None, division: str | None = None
) -> Page[StandardOut]:
    query = select(SubsidyStandard).order_by(
        SubsidyStandard.program, SubsidyStandard.division_code, SubsidyStandard.effective_from
    )
    if program:
        query = query.where(SubsidyStandard.program == program.value)
    if division:
        query = query.where(SubsidyStandard.division_code.in_(applicable_levels(division)))
    rows = session.exec(query.offset(page.offset).limit(page.limit + 1)).all()
    return page.page(rows, _standard_out)
