"""Service layer of the competent-department register (Art. 3): designations and the divisions still without one."""

from __future__ import annotations

from sqlmodel import Session, select

from hunan_business_env.models import CompetentDesignation
from hunan_business_env.rules.competent_departments import designation_gaps, designation_valid
from hunan_business_env.schemas.competent_departments import DesignationGapsOut, DesignationIn, DesignationOut
from hunan_shared import clock, divisions
from hunan_shared.api import Page, PageParams
from hunan_shared.errors import Conflict, InvalidInput, RuleViolation
from hunan_shared.repository import Repository
from hunan_shared.uow import UnitOfWork, new_id


def _out(row: CompetentDesignation) -> DesignationOut:
    return DesignationOut.model_validate(row, from_attributes=True)


def designate(uow: UnitOfWork, cmd: DesignationIn) -> DesignationOut:
    if cmd.designated_on > clock.now().date():
        raise InvalidInput("designated_on lies in the future")
    valid = designation_valid(cmd.division_code, cmd.department)
    if not valid.value:
        raise RuleViolation(valid.reason, basis=valid.basis)
    query = select(CompetentDesignation).where(CompetentDesignation.division_code == cmd.division_code)
    if uow.session.exec(query).first():
        raise Conflict(f"{cmd.division_code} has already designated its competent department")
    row = uow.repo(CompetentDesignation).add(
        CompetentDesignation(id=new_id(), **cmd.model_dump(), created_at=clock.now())
    )
    out = _out(row)
    uow.audit("competent_department.designate", "competent_designation", row.id, after=out.model_dump(mode="json"))
    return out


def list_designations(session: Session, page: PageParams) -> Page[DesignationOut]:
    return Repository(session, CompetentDesignation).page(
        page, order_by=CompetentDesignation.division_code, convert=_out
    )


def gaps(session: Session, within: str) -> DesignationGapsOut:
    """Art. 3 (R1): the province, cities and counties inside `within` that have designated no competent department."""
    required = [c for c in divisions.covered_codes(within)]
    designated = session.exec(
        select(CompetentDesignation.division_code).where(CompetentDesignation.division_code.in_(required))  # type: ignore[attr-defined]
    ).all()
    d = designation_gaps(required, designated)
    return DesignationGapsOut(
        within=within, required=len(required), missing=list(d.value), reason=d.reason, basis=list(d.basis)
    )
